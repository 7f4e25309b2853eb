import { z } from 'zod';
import { Code, IdempotencyKey, Month, Name, Reason } from './campaigns';

/**
 * Supervision on site (督导观摩): scoring-sheet templates, rounds, inspectors' sheets, photos, and the problem
 * ledger (问题台账) with its rectification loop. Shared with the web app as types.
 */

export const Day = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');
const Text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const Id = z.string().min(1).max(64);
const PhotoKeys = z.array(IdempotencyKey).max(9, '每处最多附9张照片').default([]);

// ——— Photos ———

export const PhotoView = z.object({
  id: z.string(),
  key: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
  mime: z.string(),
  bytes: z.number(),
  width: z.number(),
  height: z.number(),
  takenAt: z.string().nullable(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type PhotoView = z.infer<typeof PhotoView>;

/** Multipart fields sent with the photo file (`file`). */
export const PhotoUploadFields = z.object({
  idempotencyKey: IdempotencyKey,
  unitCode: Code,
  takenAt: z.iso.datetime({ offset: true }).optional(),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
});
export type PhotoUploadFields = z.infer<typeof PhotoUploadFields>;
export const PhotoParams = z.object({ id: Id });
/** An upload's result: the photo, and whether the key had already brought these bytes (nothing new stored). */
export const PhotoUploadResultView = PhotoView.extend({ replayed: z.boolean() });
export type PhotoUploadResultView = z.infer<typeof PhotoUploadResultView>;

// ——— Problem vocabulary ———

export const PROBLEM_SOURCES = [
  'supervision',
  'observation',
  'covert',
  'special',
  'acceptance',
  'objection',
] as const;
export const ProblemSource = z.enum(PROBLEM_SOURCES);
export type ProblemSource = z.infer<typeof ProblemSource>;
export const PROBLEM_SEVERITIES = ['minor', 'major', 'severe'] as const;
export const ProblemSeverity = z.enum(PROBLEM_SEVERITIES);
export type ProblemSeverity = z.infer<typeof ProblemSeverity>;
export const PROBLEM_STATUSES = ['open', 'submitted', 'reviewing', 'closed'] as const;
/** 待整改 → 已提交整改 → 回头看 → 已销号; a failed look-back returns to 待整改. */
export const ProblemStatus = z.enum(PROBLEM_STATUSES);
export type ProblemStatus = z.infer<typeof ProblemStatus>;

export const ProblemView = z.object({
  id: z.string(),
  number: z.string(),
  campaignCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  star: z.string(),
  itemLabel: z.string().nullable(),
  lineId: z.string().nullable(),
  roundId: z.string().nullable(),
  roundNumber: z.string().nullable(),
  source: ProblemSource,
  description: z.string(),
  severity: ProblemSeverity,
  deadline: z.string(),
  responsible: z.string().nullable(),
  status: ProblemStatus,
  /** Past its deadline (China date) and not closed. */
  overdue: z.boolean(),
  daysOverdue: z.number(),
  raisedByName: z.string(),
  raisedAt: z.string(),
  closedAt: z.string().nullable(),
  photoCount: z.number(),
  demo: z.boolean(),
});
export type ProblemView = z.infer<typeof ProblemView>;

// ——— Scoring-sheet templates (评分表) ———

export const SHEET_RULES = ['mean', 'trimmed'] as const;
/** Several scorers on one item: plain mean, or drop one highest and one lowest with 5 or more scorers. */
export const SheetRule = z.enum(SHEET_RULES);
export type SheetRule = z.infer<typeof SheetRule>;

/** One line (评分项) of a sheet. */
export const SheetLineView = z.object({
  id: z.string(),
  star: z.string(),
  code: z.string(),
  name: z.string(),
  max: z.number(),
  guidance: z.string().nullable(),
});
export type SheetLineView = z.infer<typeof SheetLineView>;

export const SheetTemplateView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  code: z.string(),
  name: z.string(),
  module: z.string(),
  rule: SheetRule,
  lines: z.array(SheetLineView),
  /** Rounds that use it; once a sheet has been submitted on it, its lines are frozen. */
  roundCount: z.number(),
  frozen: z.boolean(),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type SheetTemplateView = z.infer<typeof SheetTemplateView>;

export const SheetLineInput = z.object({
  star: Code,
  code: Code,
  name: Name,
  max: z.number().gt(0, '满分必须大于0').max(1000, '满分不能超过1000'),
  guidance: Text(1000, '评分细则').nullable().optional(),
});
export type SheetLineInput = z.infer<typeof SheetLineInput>;

/** Creates a template, or (PUT) replaces one's name, rule and lines while no sheet has been submitted on it. */
export const SheetTemplateBody = z.object({
  code: Code,
  name: Name,
  module: Code,
  rule: SheetRule.default('mean'),
  lines: z.array(SheetLineInput).min(1, '评分表至少需要一项').max(200, '评分表不能超过200项'),
});
export type SheetTemplateBody = z.infer<typeof SheetTemplateBody>;

export const TemplateParams = z.object({ code: Code, templateCode: Code });

/** The default template of a module (POST …/sheet-templates/default): DD-SHEET for DD, ND-SHEET for ND. */
export const DefaultTemplateQuery = z.object({ module: Code.default('DD') });
export type DefaultTemplateQuery = z.infer<typeof DefaultTemplateQuery>;

// ——— Rounds (督导 / 观摩评比 / 专项督查 / 年度验收) ———

/**
 * 督导 (monthly), 观摩评比 (quarterly), 专项督查 (a street's own, never scored) and 年度验收 (the year-end
 * acceptance of each unit's star tasks: scored, December, on a template of the ND 年度考核 module).
 */
export const ROUND_KINDS = ['supervision', 'observation', 'special', 'acceptance'] as const;
export const RoundKind = z.enum(ROUND_KINDS);
export type RoundKind = z.infer<typeof RoundKind>;
export const ROUND_MODES = ['regular', 'covert', 'surprise'] as const;
/** 常规, 明察暗访, 突击检查. */
export const RoundMode = z.enum(ROUND_MODES);
export type RoundMode = z.infer<typeof RoundMode>;

/** Who scores which unit. A street's code assigns the user to every assessed unit of that street. */
export const AssignmentInput = z.object({ unitCode: Code, username: z.string().trim().min(1).max(64) });
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export const CreateRoundBody = z.object({
  campaign: Code,
  name: Name,
  kind: RoundKind,
  mode: RoundMode.default('regular'),
  /** The month whose items of the template's module a scored round fills. */
  month: Month,
  templateCode: Code,
  /** Whether sheets flow into the score ledger (never for special rounds). */
  scored: z.boolean().default(true),
  startsOn: Day,
  endsOn: Day,
  /** Special rounds: the street they run in (a street admin's own). */
  streetCode: Code.optional(),
  /** Omitted: every unit gets the inspectors whose standing assignments cover it (special: the creator). */
  assignments: z.array(AssignmentInput).max(5000, '分工不能超过5000条').optional(),
});
export type CreateRoundBody = z.infer<typeof CreateRoundBody>;

export const ReplaceAssignmentsBody = z.object({
  assignments: z.array(AssignmentInput).max(5000, '分工不能超过5000条'),
});
export type ReplaceAssignmentsBody = z.infer<typeof ReplaceAssignmentsBody>;

export const RoundParams = z.object({ id: Id });
export const RoundUnitParams = z.object({ id: Id, unitCode: Code });
export const RoundListQuery = z.object({ campaign: Code.optional() });
export const InspectionParams = z.object({ id: Id });

/** How far a round has got in one street: units with at least one submitted sheet of all its units. */
export const CoverageView = z.object({
  streetCode: z.string(),
  streetName: z.string(),
  done: z.number(),
  total: z.number(),
});
export type CoverageView = z.infer<typeof CoverageView>;

export const RoundSummaryView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  number: z.string(),
  name: z.string(),
  kind: RoundKind,
  mode: RoundMode,
  month: z.string(),
  templateCode: z.string(),
  templateName: z.string(),
  scored: z.boolean(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  startsOn: z.string(),
  endsOn: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Within the viewer's scope. */
  done: z.number(),
  total: z.number(),
  /** For an assigned inspector or street admin: their own units in the round and how many they submitted. */
  mine: z.object({ done: z.number(), total: z.number() }).nullable(),
  problemCount: z.number(),
  demo: z.boolean(),
});
export type RoundSummaryView = z.infer<typeof RoundSummaryView>;

export const RoundUnitView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  inspectors: z.array(
    z.object({
      username: z.string(),
      name: z.string(),
      /** Latest submitted version of this inspector's sheet, 0 when not yet submitted. */
      version: z.number(),
      submittedAt: z.string().nullable(),
      /** Their total per star; only for the district admin, the street admin of the unit, and themselves. */
      totals: z.record(z.string(), z.number()).nullable(),
    }),
  ),
  submitted: z.number(),
  problemCount: z.number(),
});
export type RoundUnitView = z.infer<typeof RoundUnitView>;

export const RoundDetailView = z.object({
  round: RoundSummaryView,
  coverage: z.array(CoverageView),
  units: z.array(RoundUnitView),
});
export type RoundDetailView = z.infer<typeof RoundDetailView>;

// ——— Sheets (an inspector's sheet for a unit) ———

/** The stars of the unit's sheet, with the campaign item each star's total fills. */
export const SheetStarView = z.object({
  star: z.string(),
  starName: z.string(),
  /** The item filled in a scored round; null when the round is not scored or the month has none. */
  itemCode: z.string().nullable(),
  itemMax: z.number().nullable(),
  locked: z.boolean(),
  lines: z.array(SheetLineView),
});
export type SheetStarView = z.infer<typeof SheetStarView>;

export const SubmittedLineView = z.object({
  lineId: z.string(),
  points: z.number(),
  note: z.string().nullable(),
  photos: z.array(PhotoView),
});

/** How a supervision visit was done: 查阅资料 (documents), 座谈走访 (talks and home visits), 实地查看 (on site). */
export const VISIT_METHODS = ['documents', 'interviews', 'site'] as const;
export const VisitMethod = z.enum(VISIT_METHODS, { message: '检查方式只能是查阅资料、座谈走访或实地查看' });
export type VisitMethod = z.infer<typeof VisitMethod>;

/** One submitted version of an inspector's sheet. */
export const InspectionView = z.object({
  id: z.string(),
  roundId: z.string(),
  unitCode: z.string(),
  inspectorName: z.string(),
  version: z.number(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  visitedAt: z.string(),
  /** How the visit was done, in VISIT_METHODS order; empty for sheets submitted before it was asked. */
  methods: z.array(VisitMethod),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().nullable() })
    .nullable(),
  submittedAt: z.string(),
  lines: z.array(SubmittedLineView),
});
export type InspectionView = z.infer<typeof InspectionView>;

/** What the phone scoring page needs for one unit, cached by the browser for offline use. */
export const SheetView = z.object({
  round: RoundSummaryView,
  unit: z.object({
    code: z.string(),
    name: z.string(),
    streetName: z.string().nullable(),
    targets: z.array(z.string()),
  }),
  templateName: z.string(),
  rule: SheetRule,
  stars: z.array(SheetStarView),
  /** The viewer's own latest submission, null before the first. */
  mine: InspectionView.nullable(),
  /** How many inspectors have submitted on this unit in this round (their scores are not shown here). */
  submittedCount: z.number(),
  problems: z.array(ProblemView),
});
export type SheetView = z.infer<typeof SheetView>;

export const LocationInput = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100000).nullable().optional(),
});

/**
 * Submits one's sheet for a unit (baseVersion 0), or corrects it (baseVersion = the version seen, with a
 * reason). A stale baseVersion is refused (409) — nobody's sheet is silently overwritten.
 */
export const SubmitSheetBody = z.object({
  idempotencyKey: IdempotencyKey,
  roundId: Id,
  unitCode: Code,
  baseVersion: z.number().int().min(0),
  reason: Reason.optional(),
  note: Text(1000, '备注').nullable().optional(),
  visitedAt: z.iso.datetime({ offset: true, message: '现场时间格式不正确' }),
  /**
   * How the visit was done (at least one when given). Optional only so that a sheet queued offline by an
   * older version of the app still goes through; the app always asks for it.
   */
  methods: z
    .array(VisitMethod)
    .min(1, '请至少选择一种检查方式')
    .max(VISIT_METHODS.length)
    .refine((m) => new Set(m).size === m.length, '检查方式不能重复')
    .optional(),
  location: LocationInput.nullable().optional(),
  lines: z
    .array(
      z.object({
        lineId: Id,
        points: z.number().min(0, '得分不能为负'),
        note: Text(500, '说明').nullable().optional(),
        photoKeys: PhotoKeys,
      }),
    )
    .min(1, '请至少填写一项得分')
    .max(200),
});
export type SubmitSheetBody = z.infer<typeof SubmitSheetBody>;

/** Every version of every inspector's sheet for a unit in a round. */
export const UnitInspectionsView = z.object({ inspections: z.array(InspectionView) });
export type UnitInspectionsView = z.infer<typeof UnitInspectionsView>;

export const SubmitSheetResultView = z.object({
  inspection: InspectionView,
  replayed: z.boolean(),
  /** The ledger's item score per star after this submission (scored rounds). */
  itemScores: z.array(z.object({ star: z.string(), itemCode: z.string(), score: z.number() })),
});
export type SubmitSheetResultView = z.infer<typeof SubmitSheetResultView>;

// ——— Problems (问题台账) ———

export const ProblemEventView = z.object({
  id: z.string(),
  action: z.enum(['raise', 'rectify', 'startReview', 'pass', 'fail']),
  fromStatus: ProblemStatus.nullable(),
  toStatus: ProblemStatus,
  note: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
  photos: z.array(PhotoView),
});
export type ProblemEventView = z.infer<typeof ProblemEventView>;

/** A problem with its whole history, and what the viewer may do next. */
export const ProblemDetailView = z.object({
  problem: ProblemView,
  photos: z.array(PhotoView),
  events: z.array(ProblemEventView),
  /** One deduction line per month-end it was overdue and open (SCORING.md), as the ranking counts them. */
  deductions: z.array(z.object({ month: z.string(), points: z.number() })),
  can: z.object({ rectify: z.boolean(), startReview: z.boolean(), review: z.boolean() }),
});
export type ProblemDetailView = z.infer<typeof ProblemDetailView>;

/** A problem after a write, with whether its idempotency key replayed an earlier write (nothing was written). */
export const ProblemWriteView = ProblemDetailView.extend({ replayed: z.boolean() });
export type ProblemWriteView = z.infer<typeof ProblemWriteView>;

export const RaiseProblemBody = z.object({
  idempotencyKey: IdempotencyKey,
  campaign: Code,
  unitCode: Code,
  star: Code,
  /** Raised from a sheet line of a round. */
  roundId: Id.optional(),
  lineId: Id.optional(),
  itemLabel: Text(200, '指标').optional(),
  /** Derived from the round when one is given; required otherwise. */
  source: ProblemSource.optional(),
  description: z.string().trim().min(1, '请填写问题描述').max(2000, '问题描述不能超过2000个字符'),
  severity: ProblemSeverity.default('minor'),
  deadline: Day,
  responsible: Text(100, '责任人').nullable().optional(),
  photoKeys: PhotoKeys,
});
export type RaiseProblemBody = z.infer<typeof RaiseProblemBody>;

export const RectifyBody = z.object({
  idempotencyKey: IdempotencyKey,
  note: z.string().trim().min(1, '请填写整改情况').max(2000, '整改情况不能超过2000个字符'),
  photoKeys: PhotoKeys,
});
export type RectifyBody = z.infer<typeof RectifyBody>;

export const StartReviewBody = z.object({ idempotencyKey: IdempotencyKey });
export type StartReviewBody = z.infer<typeof StartReviewBody>;

/** 回头看 result: pass closes (销号); fail (with its reason) returns the problem to 待整改. */
export const ReviewBody = z
  .object({
    idempotencyKey: IdempotencyKey,
    passed: z.boolean(),
    note: Text(2000, '回头看意见').optional(),
    photoKeys: PhotoKeys,
  })
  .refine((b) => b.passed || (b.note !== undefined && b.note.length > 0), {
    message: '未通过时请填写原因',
    path: ['note'],
  });
export type ReviewBody = z.infer<typeof ReviewBody>;

export const ProblemParams = z.object({ id: Id });

export const ProblemListQuery = z.object({
  campaign: Code.optional(),
  status: ProblemStatus.optional(),
  source: ProblemSource.optional(),
  severity: ProblemSeverity.optional(),
  unit: Code.optional(),
  street: Code.optional(),
  round: Id.optional(),
  star: Code.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

export const ProblemListView = z.object({
  rows: z.array(ProblemView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Counts by status and overdue over the whole filtered set (before paging). */
  counts: z.object({
    open: z.number(),
    submitted: z.number(),
    reviewing: z.number(),
    closed: z.number(),
    overdue: z.number(),
  }),
});
export type ProblemListView = z.infer<typeof ProblemListView>;

export const ProblemStatsQuery = z.object({
  campaign: Code.optional(),
  level: z.enum(['street', 'village']).default('street'),
  round: Id.optional(),
});
export type ProblemStatsQuery = z.infer<typeof ProblemStatsQuery>;

/** The figures the seed quotes (通报问题80条、整改销号56条), per street or village and for the whole scope. */
export const ProblemStatsRowView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  parentName: z.string().nullable(),
  notified: z.number(),
  closed: z.number(),
  /** closed / notified × 100, null with nothing notified. */
  closureRate: z.number().nullable(),
  overdue: z.number(),
  /** Mean days from raised to closed over closed problems, null with none closed. */
  avgDaysToClose: z.number().nullable(),
});
export type ProblemStatsRowView = z.infer<typeof ProblemStatsRowView>;

export const ProblemStatsView = z.object({
  campaignCode: z.string(),
  level: z.enum(['street', 'village']),
  rounds: z.number(),
  total: ProblemStatsRowView,
  rows: z.array(ProblemStatsRowView),
  bySource: z.array(z.object({ source: ProblemSource, notified: z.number(), closed: z.number() })),
});
export type ProblemStatsView = z.infer<typeof ProblemStatsView>;

/** 通报: the problems a round notified, for print and Excel. */
export const NoticeView = z.object({
  round: RoundSummaryView,
  problems: z.array(ProblemView),
  generatedAt: z.string(),
});
export type NoticeView = z.infer<typeof NoticeView>;
