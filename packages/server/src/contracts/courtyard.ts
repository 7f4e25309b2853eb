import { z } from 'zod';
import { Code, IdempotencyKey, Name, Reason } from './campaigns';
import { Day, PhotoView } from './supervision';

/**
 * 五美庭院 courtyard evaluation: households (户) and their profiles, campaigns (`WM-YYYY`) with five standards and
 * level rules, applications (申报) confirmed by the village and the street, evaluations on site with photos,
 * nominations one level up (村级 → 街道级 → 区级 → 市级) within thresholds and quotas, demotions with a reason,
 * awards (挂牌, 物质奖励) and statistics. Shared with the web app as types.
 *
 * Photos are named by their upload keys (`photoKeys`), exactly like supervision sheets and problems: the phone
 * uploads each photo (`POST /api/photos`, `unitCode` = the household's code) and then submits with the keys.
 */

const Text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const PhotoKeys = z.array(IdempotencyKey).max(9, '最多附9张照片').default([]);
const Page = z.coerce.number().int().min(1).default(1);
const PageSize = z.coerce.number().int().min(1).max(500).default(20);

// ——— Levels ———

export const COURTYARD_LEVEL_CODES = ['village', 'street', 'district', 'city'] as const;
/** 村级 / 街道级 / 区级 / 市级, lowest first. */
export const CourtyardLevelCode = z.enum(COURTYARD_LEVEL_CODES);
export type CourtyardLevelCode = z.infer<typeof CourtyardLevelCode>;

export const COURTYARD_STANDINGS = ['none', ...COURTYARD_LEVEL_CODES] as const;
/** A household's level in a campaign: `none` (not named) or a level. */
export const CourtyardStanding = z.enum(COURTYARD_STANDINGS);
export type CourtyardStanding = z.infer<typeof CourtyardStanding>;

export const COURTYARD_APPLICATION_STATUSES = [
  'applied',
  'village_confirmed',
  'street_confirmed',
  'rejected',
] as const;
/** 已申报 / 村已确认 / 街道已确认 (can be evaluated) / 已退回. */
export const CourtyardApplicationStatus = z.enum(COURTYARD_APPLICATION_STATUSES);
export type CourtyardApplicationStatus = z.infer<typeof CourtyardApplicationStatus>;

// ——— Households (户) ———

export const HouseholdMember = z.object({
  name: z.string().trim().min(1, '请填写成员姓名').max(50, '成员姓名不能超过50个字符'),
  /** 与户主关系, e.g. 户主、配偶、子女. */
  relation: Text(20, '关系').default(''),
});
export type HouseholdMember = z.infer<typeof HouseholdMember>;

export const HouseholdView = z.object({
  id: z.string(),
  /** Village code + `-H` + 4 digits, e.g. `LX-SZ-H0012`. */
  code: z.string(),
  /** The unit's name in the tree: 户主 + 户, e.g. 张建华户. */
  name: z.string(),
  headName: z.string(),
  address: z.string(),
  /** 家庭人口 (may exceed the named members). */
  memberCount: z.number(),
  members: z.array(HouseholdMember),
  phone: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  demo: z.boolean(),
  updatedAt: z.string(),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const HouseholdListQuery = z.object({
  villageCode: Code.optional(),
  streetCode: Code.optional(),
  /** Matches code, 户主, address or a member's name. */
  q: z.string().trim().max(100).optional(),
  /** Only households that may still apply in this campaign (no application, or a rejected one). */
  notAppliedIn: Code.optional(),
  page: Page,
  pageSize: PageSize,
});
export type HouseholdListQuery = z.infer<typeof HouseholdListQuery>;

export const HouseholdListView = z.object({
  rows: z.array(HouseholdView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type HouseholdListView = z.infer<typeof HouseholdListView>;

export const HouseholdParams = z.object({ code: Code });

/** Create a household: the unit (type household) under the village and its profile, in one step. */
export const CreateHouseholdBody = z.object({
  villageCode: Code,
  /** Defaults to the village's next free `-H0001`… code. */
  code: Code.optional(),
  headName: z.string().trim().min(1, '请填写户主姓名').max(50, '户主姓名不能超过50个字符'),
  address: z.string().trim().min(1, '请填写地址').max(200, '地址不能超过200个字符'),
  /** Defaults to the number of members (at least 1, the head). */
  memberCount: z.number().int().min(1, '家庭人口至少1人').max(50, '家庭人口不能超过50人').optional(),
  members: z.array(HouseholdMember).max(50, '家庭成员不能超过50人').default([]),
  phone: Text(30, '联系电话').nullable().optional(),
});
export type CreateHouseholdBody = z.infer<typeof CreateHouseholdBody>;
export type CreateHouseholdBodyInput = z.input<typeof CreateHouseholdBody>;

export const UpdateHouseholdBody = CreateHouseholdBody.omit({ villageCode: true, code: true }).partial();
export type UpdateHouseholdBody = z.infer<typeof UpdateHouseholdBody>;

/** A household with its part in every campaign. */
export const HouseholdDetailView = HouseholdView.extend({
  campaigns: z.array(
    z.object({
      campaignCode: z.string(),
      campaignName: z.string(),
      year: z.number(),
      status: CourtyardApplicationStatus,
      level: CourtyardStanding,
      score: z.number().nullable(),
    }),
  ),
});
export type HouseholdDetailView = z.infer<typeof HouseholdDetailView>;

/** `POST /api/households/import` (multipart `file`, sheet 住户): all or nothing; errors name row and column. */
export const HouseholdImportResultView = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type HouseholdImportResultView = z.infer<typeof HouseholdImportResultView>;

// ——— Campaigns ———

export const CourtyardStandardView = z.object({
  /** ZJ 整洁美, WS 卫生美, LH 绿化美, WM 文明美, HX 和谐美 by default. */
  code: z.string(),
  name: z.string(),
  maxPoints: z.number(),
  guidance: z.string(),
});
export type CourtyardStandardView = z.infer<typeof CourtyardStandardView>;

export const CourtyardStandardInput = z.object({
  code: Code,
  name: Name,
  maxPoints: z.number().positive('满分须大于0').max(100, '满分不能超过100'),
  guidance: Text(500, '评分要点').default(''),
});
export type CourtyardStandardInput = z.infer<typeof CourtyardStandardInput>;

export const CourtyardLevelRule = z.object({
  /** The score (mean of the evaluators' totals) a household needs to be named at the level. */
  threshold: z.number().min(0, '分数线不能为负').max(1000, '分数线不能超过1000'),
  /** Households that may be *at* the level in the campaign at once; null = no limit. */
  quota: z.number().int().min(0, '名额不能为负').max(100000).nullable(),
});
export type CourtyardLevelRule = z.infer<typeof CourtyardLevelRule>;

export const CourtyardLevelRules = z.object({
  village: CourtyardLevelRule,
  street: CourtyardLevelRule,
  district: CourtyardLevelRule,
  city: CourtyardLevelRule,
});
export type CourtyardLevelRules = z.infer<typeof CourtyardLevelRules>;

export const COURTYARD_CAMPAIGN_STATUSES = ['open', 'closed'] as const;
export const CourtyardCampaignStatus = z.enum(COURTYARD_CAMPAIGN_STATUSES);
export type CourtyardCampaignStatus = z.infer<typeof CourtyardCampaignStatus>;

export const CourtyardCampaignCodeParams = z.object({ code: Code });

/** Create a campaign (district admins). Standards and levels default to 5 × 20 points and 80/85/90/95. */
export const CreateCourtyardCampaignBody = z.object({
  /** `WM-YYYY`. */
  code: Code,
  year: z.number().int('年度必须是整数').min(2000, '年度不能早于2000').max(2100, '年度不能晚于2100'),
  name: Name,
  standards: z.array(CourtyardStandardInput).min(1, '至少一项标准').max(20, '标准不能超过20项').optional(),
  levels: CourtyardLevelRules.optional(),
});
export type CreateCourtyardCampaignBody = z.infer<typeof CreateCourtyardCampaignBody>;

/** Standards cannot change once a household is evaluated (409); thresholds and quotas can. */
export const UpdateCourtyardCampaignBody = z.object({
  name: Name.optional(),
  status: CourtyardCampaignStatus.optional(),
  standards: z.array(CourtyardStandardInput).min(1, '至少一项标准').max(20, '标准不能超过20项').optional(),
  levels: CourtyardLevelRules.optional(),
});
export type UpdateCourtyardCampaignBody = z.infer<typeof UpdateCourtyardCampaignBody>;

export const CourtyardLevelCountsView = z.object({
  village: z.number(),
  street: z.number(),
  district: z.number(),
  city: z.number(),
});
export type CourtyardLevelCountsView = z.infer<typeof CourtyardLevelCountsView>;

export const CourtyardCampaignView = z.object({
  code: z.string(),
  year: z.number(),
  name: z.string(),
  status: CourtyardCampaignStatus,
  standards: z.array(CourtyardStandardView),
  /** Sum of the standards' maximum points. */
  maxTotal: z.number(),
  levels: CourtyardLevelRules,
  /** Households at each level now (campaign-wide; what the quotas count). */
  atLevel: CourtyardLevelCountsView,
  applications: z.number(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CourtyardCampaignView = z.infer<typeof CourtyardCampaignView>;

export const CourtyardCampaignListView = z.object({ rows: z.array(CourtyardCampaignView) });
export type CourtyardCampaignListView = z.infer<typeof CourtyardCampaignListView>;

// ——— Applications (申报) ———

export const CourtyardApplicationView = z.object({
  campaignCode: z.string(),
  householdCode: z.string(),
  headName: z.string(),
  address: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  status: CourtyardApplicationStatus,
  /** The level now (stored on the application; history in the level events). */
  level: CourtyardStanding,
  /** Mean of the evaluators' latest totals; null before any evaluation. */
  score: z.number().nullable(),
  evaluatorCount: z.number(),
  appliedAt: z.string(),
  appliedByName: z.string(),
  villageConfirmedAt: z.string().nullable(),
  villageConfirmedByName: z.string().nullable(),
  streetConfirmedAt: z.string().nullable(),
  streetConfirmedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectedByName: z.string().nullable(),
  levelChangedAt: z.string().nullable(),
  demo: z.boolean(),
});
export type CourtyardApplicationView = z.infer<typeof CourtyardApplicationView>;

export const CourtyardApplicationListQuery = z.object({
  status: CourtyardApplicationStatus.optional(),
  streetCode: Code.optional(),
  villageCode: Code.optional(),
  level: CourtyardStanding.optional(),
  /** Matches household code, 户主 or address. */
  q: z.string().trim().max(100).optional(),
  page: Page,
  pageSize: PageSize,
});
export type CourtyardApplicationListQuery = z.infer<typeof CourtyardApplicationListQuery>;

export const CourtyardApplicationListView = z.object({
  rows: z.array(CourtyardApplicationView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Counts by status over the viewer's filtered set without the status filter. */
  counts: z.object({
    applied: z.number(),
    village_confirmed: z.number(),
    street_confirmed: z.number(),
    rejected: z.number(),
  }),
});
export type CourtyardApplicationListView = z.infer<typeof CourtyardApplicationListView>;

/** Apply for households of the user's village; `confirm` also confirms at the village stage in the same step. */
export const ApplyCourtyardBody = z.object({
  householdCodes: z.array(Code).min(1, '请选择要申报的住户').max(500, '一次最多申报500户'),
  confirm: z.boolean().default(false),
});
export type ApplyCourtyardBody = z.infer<typeof ApplyCourtyardBody>;
export type ApplyCourtyardBodyInput = z.input<typeof ApplyCourtyardBody>;

export const ApplyCourtyardResultView = z.object({ rows: z.array(CourtyardApplicationView) });
export type ApplyCourtyardResultView = z.infer<typeof ApplyCourtyardResultView>;

export const CourtyardHouseholdParams = z.object({ code: Code, householdCode: Code });

/** `village`: applied → village_confirmed (village users); `street`: village_confirmed → street_confirmed. */
export const ConfirmCourtyardBody = z.object({ stage: z.enum(['village', 'street']) });
export type ConfirmCourtyardBody = z.infer<typeof ConfirmCourtyardBody>;

/** The street rejects an application not yet street-confirmed (or the village its own unconfirmed one). */
export const RejectCourtyardBody = z.object({ reason: Reason });
export type RejectCourtyardBody = z.infer<typeof RejectCourtyardBody>;

// ——— Evaluations ———

export const CourtyardScoreView = z.object({
  standardCode: z.string(),
  standardName: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  note: z.string().nullable(),
});
export type CourtyardScoreView = z.infer<typeof CourtyardScoreView>;

export const CourtyardEvaluationView = z.object({
  id: z.string(),
  evaluatorName: z.string(),
  /** 1 for the evaluator's first, +1 per correction. */
  version: z.number(),
  /** The evaluator's latest version: the one that counts. */
  current: z.boolean(),
  /** Made by the viewer (by user, not by name): the scoring page starts from the viewer's own latest. */
  mine: z.boolean(),
  scores: z.array(CourtyardScoreView),
  total: z.number(),
  correctionReason: z.string().nullable(),
  evaluatedAt: z.string(),
  photos: z.array(PhotoView),
});
export type CourtyardEvaluationView = z.infer<typeof CourtyardEvaluationView>;

/**
 * Score a household (street-confirmed application). Points 0..max with one decimal per standard, every standard.
 * A second submission by the same evaluator is a correction and needs `correctionReason`. The key makes a
 * re-sync count once (same key + same content → the stored evaluation, `replayed`; other content → 409).
 */
export const SubmitCourtyardEvaluationBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** Per standard code; the range (0..max) and one decimal are checked per standard (400 naming `scores.<code>`). */
  scores: z.record(Code, z.number()),
  notes: z.record(Code, Text(500, '说明')).default({}),
  photoKeys: PhotoKeys,
  correctionReason: Text(500, '更正原因').optional(),
  /** When the visit happened (the phone's clock when scored offline); defaults to the server's time. */
  evaluatedAt: z.iso.datetime({ offset: true, message: '评分时间格式不正确' }).optional(),
});
export type SubmitCourtyardEvaluationBody = z.infer<typeof SubmitCourtyardEvaluationBody>;
export type SubmitCourtyardEvaluationBodyInput = z.input<typeof SubmitCourtyardEvaluationBody>;

export const SubmitCourtyardEvaluationResultView = z.object({
  evaluation: CourtyardEvaluationView,
  replayed: z.boolean(),
  application: CourtyardApplicationView,
});
export type SubmitCourtyardEvaluationResultView = z.infer<typeof SubmitCourtyardEvaluationResultView>;

/** One row of the evaluator's list: a street-confirmed household the actor may score, and their own total. */
export const CourtyardTodoRowView = CourtyardApplicationView.extend({
  /** The actor's latest total for it; null = not scored by the actor yet. */
  myTotal: z.number().nullable(),
  myEvaluatedAt: z.string().nullable(),
});
export type CourtyardTodoRowView = z.infer<typeof CourtyardTodoRowView>;

export const CourtyardTodoView = z.object({
  campaign: CourtyardCampaignView,
  rows: z.array(CourtyardTodoRowView),
  /** Rows the actor has not scored / has scored. */
  todo: z.number(),
  done: z.number(),
});
export type CourtyardTodoView = z.infer<typeof CourtyardTodoView>;

// ——— Levels, demotions, awards ———

export const CourtyardLevelEventView = z.object({
  id: z.string(),
  kind: z.enum(['nominate', 'demote']),
  fromLevel: CourtyardStanding,
  toLevel: CourtyardStanding,
  /** Score when it happened. */
  score: z.number().nullable(),
  reason: z.string().nullable(),
  /** City level: the approver recorded (e.g. 市妇联). */
  approvedBy: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
  photos: z.array(PhotoView),
});
export type CourtyardLevelEventView = z.infer<typeof CourtyardLevelEventView>;

export const COURTYARD_AWARD_KINDS = ['plaque', 'material'] as const;
/** 挂牌 / 物质奖励. */
export const CourtyardAwardKind = z.enum(COURTYARD_AWARD_KINDS);
export type CourtyardAwardKind = z.infer<typeof CourtyardAwardKind>;

export const CourtyardAwardView = z.object({
  id: z.string(),
  kind: CourtyardAwardKind,
  /** The level the award goes with (the household's level when recorded). */
  level: CourtyardLevelCode,
  description: z.string(),
  amount: z.number().nullable(),
  givenOn: z.string(),
  /** Who gave it (e.g. 区妇联); defaults to the recorder's name. */
  givenBy: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type CourtyardAwardView = z.infer<typeof CourtyardAwardView>;

/** Name a household exactly one level up (400 `level` below the threshold, 409 when the quota is full). */
export const NominateCourtyardBody = z.object({
  level: CourtyardLevelCode,
  /** Recorded with the city level (e.g. 市妇联); allowed on any level. */
  approvedBy: Text(100, '审批单位').optional(),
  reason: Text(500, '说明').optional(),
});
export type NominateCourtyardBody = z.infer<typeof NominateCourtyardBody>;

/** Move a household to a lower level (or `none`) after a re-review, with a reason and optional evidence photos. */
export const DemoteCourtyardBody = z.object({
  level: CourtyardStanding,
  reason: z.string().trim().max(500, '原因不能超过500个字符'),
  photoKeys: PhotoKeys,
});
export type DemoteCourtyardBody = z.infer<typeof DemoteCourtyardBody>;
export type DemoteCourtyardBodyInput = z.input<typeof DemoteCourtyardBody>;

export const CourtyardAwardBody = z.object({
  kind: CourtyardAwardKind,
  description: z.string().trim().min(1, '请填写奖励内容').max(200, '奖励内容不能超过200个字符'),
  amount: z.number().min(0, '金额不能为负').max(1000000, '金额过大').nullable().optional(),
  givenOn: Day,
  givenBy: Text(100, '颁发单位').optional(),
});
export type CourtyardAwardBody = z.infer<typeof CourtyardAwardBody>;

/** The next step up for a household: its threshold, the quota and how much of it is used. */
export const CourtyardNextLevelView = z.object({
  level: CourtyardLevelCode,
  threshold: z.number(),
  quota: z.number().nullable(),
  used: z.number(),
  /** Score reaches the threshold and the quota has room. */
  eligible: z.boolean(),
});
export type CourtyardNextLevelView = z.infer<typeof CourtyardNextLevelView>;

/** `GET …/households/:householdCode`: one household in a campaign, and what the viewer may do with it. */
export const CourtyardHouseholdView = z.object({
  campaign: CourtyardCampaignView,
  household: HouseholdView,
  application: CourtyardApplicationView.nullable(),
  /** Every version of every evaluator, newest first. */
  evaluations: z.array(CourtyardEvaluationView),
  levelEvents: z.array(CourtyardLevelEventView),
  awards: z.array(CourtyardAwardView),
  nextLevel: CourtyardNextLevelView.nullable(),
  may: z.object({
    apply: z.boolean(),
    confirmVillage: z.boolean(),
    confirmStreet: z.boolean(),
    reject: z.boolean(),
    evaluate: z.boolean(),
    /** The viewer may nominate to `nextLevel.level`. */
    nominate: z.boolean(),
    demote: z.boolean(),
    award: z.boolean(),
  }),
});
export type CourtyardHouseholdView = z.infer<typeof CourtyardHouseholdView>;

// ——— Statistics ———

export const CourtyardStatsQuery = z.object({
  streetCode: Code.optional(),
  format: z.enum(['xlsx']).optional(),
});
export type CourtyardStatsQuery = z.infer<typeof CourtyardStatsQuery>;

export const CourtyardStatsRowView = z.object({
  code: z.string(),
  name: z.string(),
  /** For villages: their street. */
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  households: z.number(),
  applications: z.number(),
  villageConfirmed: z.number(),
  streetConfirmed: z.number(),
  rejected: z.number(),
  evaluated: z.number(),
  /** Households at each level now. */
  levels: CourtyardLevelCountsView,
  /** At village level or above. */
  named: z.number(),
});
export type CourtyardStatsRowView = z.infer<typeof CourtyardStatsRowView>;

export const COURTYARD_FUNNEL_STAGES = [
  'applied',
  'villageConfirmed',
  'streetConfirmed',
  'evaluated',
  'named',
  'street',
  'district',
  'city',
] as const;
/** 申报 → 村确认 → 街道确认 → 已评分 → 命名(村级及以上) → 街道级及以上 → 区级及以上 → 市级. */
export const CourtyardFunnelStage = z.enum(COURTYARD_FUNNEL_STAGES);
export type CourtyardFunnelStage = z.infer<typeof CourtyardFunnelStage>;

export const CourtyardChangeView = z.object({
  previous: z.object({ code: z.string(), name: z.string(), year: z.number() }).nullable(),
  /** Per level: households at it now, in the previous campaign, and the difference. */
  levels: z.array(
    z.object({
      level: CourtyardLevelCode,
      current: z.number(),
      previous: z.number().nullable(),
      delta: z.number().nullable(),
    }),
  ),
  /** Named (village level or above) now and in the previous campaign. */
  named: z.number(),
  previousNamed: z.number().nullable(),
  /** Named now but not named in the previous campaign. */
  newlyNamed: z.number(),
  /** Named in the previous campaign but not now. */
  dropped: z.number().nullable(),
  /** Demotions recorded in this campaign. */
  demoted: z.number(),
});
export type CourtyardChangeView = z.infer<typeof CourtyardChangeView>;

export const CourtyardStatsView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  /** The viewer's part: whole district, one street, or one village. */
  scope: z.enum(['district', 'street', 'village']),
  streets: z.array(CourtyardStatsRowView),
  villages: z.array(CourtyardStatsRowView),
  total: CourtyardStatsRowView,
  /** Each stage counts households that reached it (a household at district level counts in named and street). */
  funnel: z.array(
    z.object({
      stage: CourtyardFunnelStage,
      count: z.number(),
      /** Percent of the applications, one decimal (core `funnelRate`); null without applications. */
      rate: z.number().nullable(),
    }),
  ),
  change: CourtyardChangeView,
  /** Campaign-wide quota use (quotas are district-wide). */
  quotas: z.array(
    z.object({
      level: CourtyardLevelCode,
      threshold: z.number(),
      quota: z.number().nullable(),
      used: z.number(),
    }),
  ),
  awards: z.object({ plaques: z.number(), materials: z.number(), materialAmount: z.number() }),
});
export type CourtyardStatsView = z.infer<typeof CourtyardStatsView>;

export const CourtyardCeremonyQuery = z.object({
  streetCode: Code.optional(),
  format: z.enum(['xlsx']).optional(),
});
export type CourtyardCeremonyQuery = z.infer<typeof CourtyardCeremonyQuery>;

/** A district- or city-level household on the award-ceremony list, city first. */
export const CourtyardCeremonyRowView = z.object({
  householdCode: z.string(),
  headName: z.string(),
  address: z.string(),
  villageName: z.string(),
  streetName: z.string(),
  level: z.enum(['district', 'city']),
  score: z.number().nullable(),
  namedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  /** A plaque (挂牌) at the current level is recorded. */
  plaque: z.boolean(),
  plaqueGivenOn: z.string().nullable(),
  materials: z.array(
    z.object({ description: z.string(), amount: z.number().nullable(), givenOn: z.string() }),
  ),
});
export type CourtyardCeremonyRowView = z.infer<typeof CourtyardCeremonyRowView>;

export const CourtyardCeremonyView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  rows: z.array(CourtyardCeremonyRowView),
  city: z.number(),
  district: z.number(),
  withPlaque: z.number(),
});
export type CourtyardCeremonyView = z.infer<typeof CourtyardCeremonyView>;
