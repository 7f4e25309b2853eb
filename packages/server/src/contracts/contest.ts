import { z } from 'zod';
import { Code, IdempotencyKey, Reason } from './campaigns';
import { Day } from './supervision';

/**
 * 擂台赛 arena contests: setup (units, goals, jury with one-time login links, lots, honours, cadre-style votes),
 * the host console (start, call, timer, open/close scoring, unlock), judges' scoring, the public big screen,
 * results, judge consistency and the year-end overall. Shared with the web app as types.
 *
 * Stable: other packages build on these shapes; changes are additive only.
 */

const Id = z.string().min(1).max(64);
const Token = z.string().min(16).max(128);

/** A contest in a URL: `/api/contests/:code`. */
export const ContestCodeParams = z.object({ code: z.string().min(1).max(40) });
export const ContestUnitParams = z.object({ code: z.string().min(1).max(40), unitCode: Code });
export const ContestJudgeParams = z.object({ code: z.string().min(1).max(40), userId: Id });
export const ContestUnlockParams = z.object({
  code: z.string().min(1).max(40),
  unitCode: Code,
  judgeId: Id,
});
export const ContestHonourParams = z.object({ code: z.string().min(1).max(40), id: Id });
export const ScreenTokenParams = z.object({ token: Token });
export const ContestYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
/** `?format=xlsx` downloads the workbook instead of the JSON view. */
export const ContestDownloadQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });
export type ContestDownloadQuery = z.infer<typeof ContestDownloadQuery>;

// ——— Enumerations ———

export const CONTEST_STATUSES = ['draft', 'running', 'finished', 'announced'] as const;
/** 筹备中 → 进行中 → 已结束 → 已公布 (announced locks everything). */
export const ContestStatus = z.enum(CONTEST_STATUSES);
export type ContestStatus = z.infer<typeof ContestStatus>;

export const CONTEST_KINDS = ['quarter', 'custom'] as const;
/** A quarterly contest (`LT-2023-Q1`) or one on a custom period. */
export const ContestKind = z.enum(CONTEST_KINDS);
export type ContestKind = z.infer<typeof ContestKind>;

export const PARTICIPANT_STATES = ['waiting', 'speaking', 'scoring', 'closed'] as const;
/** 待上场 → 演说中 → 评分中 → 已评定. */
export const ParticipantState = z.enum(PARTICIPANT_STATES);
export type ParticipantState = z.infer<typeof ParticipantState>;

export const TIMER_STATUSES = ['idle', 'running', 'paused', 'ended'] as const;
export const TimerStatus = z.enum(TIMER_STATUSES);
export type TimerStatus = z.infer<typeof TimerStatus>;

export const TIMER_ACTIONS = ['start', 'pause', 'resume', 'reset', 'end'] as const;
export const TimerAction = z.enum(TIMER_ACTIONS);
export type TimerAction = z.infer<typeof TimerAction>;

export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'district'] as const;
/** 国家级 / 省级 / 市级 / 区级. */
export const HonourLevel = z.enum(HONOUR_LEVELS);
export type HonourLevel = z.infer<typeof HonourLevel>;

export const CONTEST_EVENT_KINDS = [
  'contest.status',
  'speaker.called',
  'timer',
  'unit.scoring',
  'score.submitted',
  'score.unlocked',
  'unit.closed',
  'lots.drawn',
  'results.announced',
  /** Setup changed (settings, goals, jury, honours, cadre votes): `{ what }`. Added after the first contract. */
  'contest.updated',
] as const;
/** The kinds of `contest_events` rows (SSE `event:` names). */
export const ContestEventKind = z.enum(CONTEST_EVENT_KINDS);
export type ContestEventKind = z.infer<typeof ContestEventKind>;

// ——— Settings ———

const Points = z.number().int('分值必须是整数').min(0, '分值不能小于0').max(100, '分值不能超过100');

/** Points per honour level; a unit's honour points are min(honourPoints, Σ points of its honours). */
export const HonourTable = z.object({
  national: z.number().min(0).max(100),
  provincial: z.number().min(0).max(100),
  city: z.number().min(0).max(100),
  district: z.number().min(0).max(100),
});
export type HonourTable = z.infer<typeof HonourTable>;

const SettingsFields = {
  /** 综合汇报演说 (the jury's score); the three must sum to 100 (400 naming `juryPoints`). */
  juryPoints: Points.default(70),
  /** 所获荣誉. */
  honourPoints: Points.default(15),
  /** 干部作风评价. */
  cadrePoints: Points.default(15),
  /** With this many judge scores or more, the highest and the lowest are dropped. */
  trimFrom: z.number().int().min(3, '去掉最高最低分的人数不能少于3').max(50).default(5),
  speechSeconds: z
    .number()
    .int()
    .min(30, '演说时长不能少于30秒')
    .max(3600, '演说时长不能超过1小时')
    .default(300),
  honourTable: HonourTable.default({ national: 5, provincial: 3, city: 2, district: 1 }),
};

/**
 * Create a contest (district admin). `code` defaults to `LT-<year>-Q<n>` for a quarter period `2023Q1`;
 * `groupCodes` (default: every contest group) choose the groups, in their order, whose units take part.
 */
export const CreateContestBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, '编号只能包含字母、数字、下划线、点和连字符，最多40个字符')
    .optional(),
  name: z.string().trim().min(1, '请填写比赛名称').max(100, '比赛名称不能超过100个字符'),
  year: z.number().int().min(2000, '年度不能早于2000').max(2100, '年度不能晚于2100'),
  /** A free label: `2023Q1` for a quarter, anything for a custom period (e.g. `2023-05`). */
  period: z.string().trim().min(1, '请填写期次').max(20, '期次不能超过20个字符'),
  kind: ContestKind.default('quarter'),
  date: Day,
  groupCodes: z.array(Code).max(50).optional(),
  ...SettingsFields,
});
export type CreateContestBody = z.infer<typeof CreateContestBody>;
export type CreateContestBodyInput = z.input<typeof CreateContestBody>;

/** Change settings (draft only, 409 otherwise). Absent fields stay. */
export const UpdateContestBody = z.object({
  name: z.string().trim().min(1, '请填写比赛名称').max(100, '比赛名称不能超过100个字符').optional(),
  date: Day.optional(),
  period: z.string().trim().min(1).max(20).optional(),
  juryPoints: Points.optional(),
  honourPoints: Points.optional(),
  cadrePoints: Points.optional(),
  trimFrom: z.number().int().min(3).max(50).optional(),
  speechSeconds: z.number().int().min(30).max(3600).optional(),
  honourTable: HonourTable.optional(),
});
export type UpdateContestBody = z.infer<typeof UpdateContestBody>;

export const ContestSettingsView = z.object({
  juryPoints: z.number(),
  honourPoints: z.number(),
  cadrePoints: z.number(),
  trimFrom: z.number(),
  speechSeconds: z.number(),
  honourTable: HonourTable,
});
export type ContestSettingsView = z.infer<typeof ContestSettingsView>;

// ——— Setup bodies ———

/** 季度重点工作目标 of a participant. */
export const GoalsBody = z.object({
  goals: z.string().trim().max(4000, '工作目标不能超过4000个字符'),
});
export type GoalsBody = z.infer<typeof GoalsBody>;

/**
 * Put a judge on the jury (draft or running). Either `userId` of an existing judge account, or `displayName`
 * to create one (generated username, random password, a one-time login link). `ownUnitCode`: the judge's own
 * unit among the participants (回避: never scores it).
 */
export const AddJudgeBody = z.object({
  userId: Id.optional(),
  displayName: z.string().trim().min(1, '请填写评委姓名').max(50, '评委姓名不能超过50个字符').optional(),
  ownUnitCode: Code.nullable().optional(),
});
export type AddJudgeBody = z.infer<typeof AddJudgeBody>;

/** Draw the speaking order (draft only). Without `seed`, the server draws a random one (hex). */
export const DrawLotsBody = z.object({
  seed: z
    .string()
    .trim()
    .min(1, '种子不能为空')
    .max(64, '种子不能超过64个字符')
    .regex(/^[A-Za-z0-9_.:-]+$/, '种子只能包含字母、数字和 _.:-')
    .optional(),
});
export type DrawLotsBody = z.infer<typeof DrawLotsBody>;

export const HonourBody = z.object({
  unitCode: Code,
  title: z.string().trim().min(1, '请填写荣誉名称').max(200, '荣誉名称不能超过200个字符'),
  level: HonourLevel,
  awardedOn: Day,
  issuer: z.string().trim().min(1, '请填写授予单位').max(100, '授予单位不能超过100个字符'),
});
export type HonourBody = z.infer<typeof HonourBody>;

// ——— Host bodies ———

/** Call the next waiting speaker (group order, then lot), or the chosen `unitCode`. */
export const CallSpeakerBody = z.object({ unitCode: Code.optional() });
export type CallSpeakerBody = z.infer<typeof CallSpeakerBody>;

export const TimerBody = z.object({ action: TimerAction });
export type TimerBody = z.infer<typeof TimerBody>;

/** Close a unit's scoring. With judges still missing, `force: true` is needed (409 naming `force`). */
export const CloseUnitBody = z.object({ force: z.boolean().default(false) });
export type CloseUnitBody = z.infer<typeof CloseUnitBody>;

export const UnlockScoreBody = z.object({ reason: Reason });
export type UnlockScoreBody = z.infer<typeof UnlockScoreBody>;

// ——— Judge bodies ———

/** A judge's score: 0 ≤ score ≤ juryPoints, at most one decimal (400 naming `score`). Submitted once. */
export const SubmitScoreBody = z.object({
  score: z.number({ message: '请填写分数' }),
  idempotencyKey: IdempotencyKey,
});
export type SubmitScoreBody = z.infer<typeof SubmitScoreBody>;

/** Log in with a one-time judge link (`/j/:token`). Single use, 24 h. */
export const JudgeLinkLoginBody = z.object({ token: Token });
export type JudgeLinkLoginBody = z.infer<typeof JudgeLinkLoginBody>;

// ——— Views: setup ———

export const ContestSummaryView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  year: z.number(),
  period: z.string(),
  kind: ContestKind,
  date: z.string(),
  status: ContestStatus,
  settings: ContestSettingsView,
  participantCount: z.number(),
  closedCount: z.number(),
  judgeCount: z.number(),
  lotsDrawn: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  announcedAt: z.string().nullable(),
  createdAt: z.string(),
  demo: z.boolean(),
});
export type ContestSummaryView = z.infer<typeof ContestSummaryView>;

export const ContestListView = z.object({ rows: z.array(ContestSummaryView) });
export type ContestListView = z.infer<typeof ContestListView>;

export const ContestGroupRefView = z.object({
  code: z.string(),
  name: z.string(),
  /** Position in the contest's running order (1-based). */
  order: z.number(),
  unitCount: z.number(),
});
export type ContestGroupRefView = z.infer<typeof ContestGroupRefView>;

export const CadreVotesView = z.object({
  good: z.number(),
  fairlyGood: z.number(),
  average: z.number(),
  poor: z.number(),
});
export type CadreVotesView = z.infer<typeof CadreVotesView>;

/** One participating unit: goals, lot, state, and its figures so far (jury/total once closed). */
export const ParticipantView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  groupCode: z.string(),
  groupName: z.string(),
  /** 1-based speaking order within the group; null before the lots are drawn. */
  lotOrder: z.number().nullable(),
  state: ParticipantState,
  goals: z.string(),
  honourCount: z.number(),
  /** Capped at the contest's honourPoints. */
  honourPoints: z.number(),
  /** Null until the cadre-style votes are imported. */
  cadreVotes: CadreVotesView.nullable(),
  cadreScore: z.number().nullable(),
  /** Judges' scores received for the unit (a count only). */
  scoredCount: z.number(),
  /** Judges expected to score the unit: the jury minus those recused (回避). */
  juryCount: z.number(),
  /** Once closed: the jury score (trimmed or plain mean), the total and the rank in the group. */
  jury: z.number().nullable(),
  total: z.number().nullable(),
  rank: z.number().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const JuryMemberView = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  ownUnitCode: z.string().nullable(),
  ownUnitName: z.string().nullable(),
  /** A login link not yet used and not expired exists. */
  linkActive: z.boolean(),
  linkExpiresAt: z.string().nullable(),
  linkUsedAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
export type JuryMemberView = z.infer<typeof JuryMemberView>;

export const LotsView = z.object({
  drawn: z.boolean(),
  seed: z.string().nullable(),
  drawnAt: z.string().nullable(),
  drawnByName: z.string().nullable(),
  /** The input of core `drawLots(seed, …)`: unit codes per group code, as drawn (for 复核 in the browser). */
  unitCodesPerGroup: z.record(z.string(), z.array(z.string())),
});
export type LotsView = z.infer<typeof LotsView>;

/** 赛前核对: units missing goals, honours or cadre votes (codes). */
export const ContestChecksView = z.object({
  missingGoals: z.array(z.string()),
  missingHonours: z.array(z.string()),
  missingCadre: z.array(z.string()),
  lotsDrawn: z.boolean(),
  juryCount: z.number(),
  /** Start would be allowed now (lots drawn, jury ≥ 1, status draft). */
  ready: z.boolean(),
});
export type ContestChecksView = z.infer<typeof ContestChecksView>;

export const ContestDetailView = z.object({
  contest: ContestSummaryView,
  groups: z.array(ContestGroupRefView),
  participants: z.array(ParticipantView),
  jury: z.array(JuryMemberView),
  lots: LotsView,
  checks: ContestChecksView,
  /** The big-screen page: `/screen/<token>` (no login). */
  screenPath: z.string(),
});
export type ContestDetailView = z.infer<typeof ContestDetailView>;

/** A one-time login link: the web shows `origin + path` and its QR code. */
export const JudgeLinkView = z.object({
  token: z.string(),
  /** `/j/<token>`. */
  path: z.string(),
  expiresAt: z.string(),
});
export type JudgeLinkView = z.infer<typeof JudgeLinkView>;

/** A judge added (or a new link made): the account, and the credentials shown once. */
export const JudgeAddedView = z.object({
  judge: JuryMemberView,
  link: JudgeLinkView,
  /** The generated password of a newly created account (shown once); null for an existing account. */
  password: z.string().nullable(),
  detail: ContestDetailView,
});
export type JudgeAddedView = z.infer<typeof JudgeAddedView>;

/** Judge accounts that can be put on a jury. */
export const JudgeAccountListView = z.object({
  rows: z.array(z.object({ userId: z.string(), username: z.string(), displayName: z.string() })),
});
export type JudgeAccountListView = z.infer<typeof JudgeAccountListView>;

export const HonourView = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  title: z.string(),
  level: HonourLevel,
  awardedOn: z.string(),
  issuer: z.string(),
  /** The level's points in the contest's table (before the cap). */
  points: z.number(),
});
export type HonourView = z.infer<typeof HonourView>;

export const HonourListView = z.object({
  rows: z.array(HonourView),
  /** Per unit: honours counted and the capped points. */
  units: z.array(z.object({ unitCode: z.string(), count: z.number(), points: z.number() })),
});
export type HonourListView = z.infer<typeof HonourListView>;

/** An import: all-or-nothing; it replaces the listed units' honours (or cadre votes). */
export const ContestImportResultView = z.object({
  imported: z.number(),
  units: z.number(),
  detail: ContestDetailView,
});
export type ContestImportResultView = z.infer<typeof ContestImportResultView>;

// ——— Views: live ———

/**
 * The countdown: while running, remaining = remainingMs − (now − startedAt), clients correcting their clock
 * by `serverNow`. `remainingMs` is what was left when it was (re)started, paused or ended.
 */
export const TimerView = z.object({
  status: TimerStatus,
  startedAt: z.string().nullable(),
  remainingMs: z.number(),
  speechSeconds: z.number(),
  serverNow: z.string(),
});
export type TimerView = z.infer<typeof TimerView>;

export const SpeakerView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  groupCode: z.string(),
  groupName: z.string(),
  lotOrder: z.number().nullable(),
  state: ParticipantState,
  goals: z.string(),
});
export type SpeakerView = z.infer<typeof SpeakerView>;

export const ConsoleJudgeView = z.object({
  userId: z.string(),
  displayName: z.string(),
  /** 回避: the current unit is the judge's own. */
  recused: z.boolean(),
  scored: z.boolean(),
  scoredAt: z.string().nullable(),
});
export type ConsoleJudgeView = z.infer<typeof ConsoleJudgeView>;

export const ConsistencyRowView = z.object({
  userId: z.string(),
  displayName: z.string(),
  /** Closed units the judge scored. */
  units: z.number(),
  /** Mean of (judge's score − panel's jury score). */
  meanDeviation: z.number(),
  /** Standard deviation of those deviations. */
  spread: z.number(),
  /** Units where |deviation| > max(5, 2 × the panel's sd on that unit). */
  outlierUnits: z.number(),
  flagged: z.boolean(),
  deviations: z.array(z.object({ unitCode: z.string(), unitName: z.string(), deviation: z.number() })),
});
export type ConsistencyRowView = z.infer<typeof ConsistencyRowView>;

export const ConsistencyView = z.object({
  code: z.string(),
  rows: z.array(ConsistencyRowView),
  /** The rule in words, for the page. */
  rule: z.string(),
});
export type ConsistencyView = z.infer<typeof ConsistencyView>;

/** One ranked unit of a group (closed units only while running). */
export const RankedUnitView = z.object({
  rank: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  lotOrder: z.number().nullable(),
  jury: z.number(),
  honour: z.number(),
  cadre: z.number(),
  total: z.number(),
  /** Shown only: how a tie would be broken (jury, then honours). */
  tieBreak: z.string().nullable(),
});
export type RankedUnitView = z.infer<typeof RankedUnitView>;

export const GroupRankingView = z.object({
  groupCode: z.string(),
  groupName: z.string(),
  order: z.number(),
  unitCount: z.number(),
  rows: z.array(RankedUnitView),
});
export type GroupRankingView = z.infer<typeof GroupRankingView>;

/** The host console. */
export const ConsoleView = z.object({
  contest: ContestSummaryView,
  current: SpeakerView.nullable(),
  /** The next waiting unit by group order and lot. */
  next: SpeakerView.nullable(),
  timer: TimerView,
  /** Per judge for the current unit: scored or not (never the values). */
  judges: z.array(ConsoleJudgeView),
  scoredCount: z.number(),
  juryCount: z.number(),
  participants: z.array(ParticipantView),
  ranking: z.array(GroupRankingView),
  consistency: ConsistencyView,
  lastEventId: z.number(),
});
export type ConsoleView = z.infer<typeof ConsoleView>;

// ——— Views: judges ———

export const MyScoreView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  score: z.number(),
  submittedAt: z.string(),
});
export type MyScoreView = z.infer<typeof MyScoreView>;

export const JudgeContestSummaryView = z.object({
  code: z.string(),
  name: z.string(),
  date: z.string(),
  status: ContestStatus,
  scoredCount: z.number(),
  scorableCount: z.number(),
});
export type JudgeContestSummaryView = z.infer<typeof JudgeContestSummaryView>;

export const JudgeContestListView = z.object({ rows: z.array(JudgeContestSummaryView) });
export type JudgeContestListView = z.infer<typeof JudgeContestListView>;

/**
 * A judge's page: the current speaker with goals, the judge's own score for it (never anyone else's), the
 * count scored, and the bounds.
 */
export const JudgeContestView = z.object({
  contest: z.object({
    code: z.string(),
    name: z.string(),
    date: z.string(),
    status: ContestStatus,
  }),
  me: z.object({
    userId: z.string(),
    displayName: z.string(),
    ownUnitCode: z.string().nullable(),
    ownUnitName: z.string().nullable(),
  }),
  current: SpeakerView.nullable(),
  /** For the current unit: 回避, my score if submitted, and whether I can submit now. */
  currentUnit: z
    .object({
      recused: z.boolean(),
      myScore: z.number().nullable(),
      submittedAt: z.string().nullable(),
      canScore: z.boolean(),
    })
    .nullable(),
  timer: TimerView,
  bounds: z.object({ min: z.number(), max: z.number(), step: z.number() }),
  /** 已评 n / m: units I have scored / units I score (all but my own). */
  scoredCount: z.number(),
  scorableCount: z.number(),
  myScores: z.array(MyScoreView),
  lastEventId: z.number(),
});
export type JudgeContestView = z.infer<typeof JudgeContestView>;

export const ScoreResultView = z.object({
  replayed: z.boolean(),
  score: MyScoreView,
  view: JudgeContestView,
});
export type ScoreResultView = z.infer<typeof ScoreResultView>;

// ——— Views: results ———

export const ResultJudgeScoreView = z.object({
  userId: z.string(),
  displayName: z.string(),
  score: z.number(),
  /** Dropped as the highest or the lowest by the trimmed mean. */
  dropped: z.boolean(),
});
export type ResultJudgeScoreView = z.infer<typeof ResultJudgeScoreView>;

export const ResultRowView = RankedUnitView.extend({
  judgeCount: z.number(),
  /** The judges' scores of the closed unit (district admins only). */
  scores: z.array(ResultJudgeScoreView),
});
export type ResultRowView = z.infer<typeof ResultRowView>;

export const ContestResultsView = z.object({
  contest: ContestSummaryView,
  groups: z.array(
    GroupRankingView.omit({ rows: true }).extend({
      rows: z.array(ResultRowView),
    }),
  ),
  /** Announced: read from the snapshot frozen at announce. */
  frozen: z.boolean(),
});
export type ContestResultsView = z.infer<typeof ContestResultsView>;

export const OverallRowView = z.object({
  rank: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  /** Contests of the year the unit took part in (announced or finished). */
  contests: z.number(),
  mean: z.number(),
  /** Per contest code: the unit's total, or null when it did not take part. */
  totals: z.record(z.string(), z.number().nullable()),
});
export type OverallRowView = z.infer<typeof OverallRowView>;

export const OverallView = z.object({
  year: z.number(),
  contests: z.array(
    z.object({ code: z.string(), name: z.string(), period: z.string(), status: ContestStatus }),
  ),
  groups: z.array(z.object({ groupCode: z.string(), groupName: z.string(), rows: z.array(OverallRowView) })),
});
export type OverallView = z.infer<typeof OverallView>;

// ——— The public big screen ———

export const ScreenView = z.object({
  contest: z.object({ code: z.string(), name: z.string(), date: z.string(), status: ContestStatus }),
  groups: z.array(ContestGroupRefView),
  current: SpeakerView.omit({ goals: true }).nullable(),
  timer: TimerView,
  /** 已评 n/m for the current unit while it is being scored; null otherwise. */
  scoring: z.object({ unitCode: z.string(), scoredCount: z.number(), juryCount: z.number() }).nullable(),
  /** Each group's ranking of its closed units; after announce, the final ranking. */
  ranking: z.array(GroupRankingView),
  final: z.boolean(),
  lastEventId: z.number(),
});
export type ScreenView = z.infer<typeof ScreenView>;

// ——— Event payloads (contest_events.payload; SSE data) ———

export type ContestEventPayloads = {
  'contest.status': { status: ContestStatus };
  'speaker.called': { unitCode: string; groupCode: string; lotOrder: number | null };
  timer: Omit<TimerView, 'serverNow'> & { unitCode: string | null; at: string };
  'unit.scoring': { unitCode: string; juryCount: number };
  /** Never the score. */
  'score.submitted': { unitCode: string; scoredCount: number; juryCount: number };
  /** Never the judge (the public screen's stream carries it too). */
  'score.unlocked': { unitCode: string; scoredCount: number; juryCount: number };
  'unit.closed': {
    unitCode: string;
    groupCode: string;
    jury: number;
    honour: number;
    cadre: number;
    total: number;
  };
  'lots.drawn': { seed: string };
  'results.announced': { at: string };
  'contest.updated': { what: 'settings' | 'goals' | 'jury' | 'honours' | 'cadre' | 'screen' };
};
