import { z } from 'zod';

export const Code = z
  .string()
  .trim()
  .min(1, '编码不能为空')
  .max(64, '编码不能超过64个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '编码只能包含字母、数字、下划线、点和连字符');
export const Name = z.string().trim().min(1, '名称不能为空').max(100, '名称不能超过100个字符');
export const Month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const Year = z.number().int('年度必须是整数').min(2000, '年度不能早于2000').max(2100, '年度不能晚于2100');
export const Reason = z.string().trim().min(1, '请填写原因').max(500, '原因不能超过500个字符');
/** A client-made key that makes a retried submission count once (e.g. a UUID). */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(8, '幂等键至少8个字符')
  .max(100, '幂等键不能超过100个字符')
  .regex(/^[A-Za-z0-9_:.-]+$/, '幂等键只能包含字母、数字和 _:.-');

/** Path of a campaign: `/api/campaigns/:code`. */
export const CampaignCodeParams = z.object({ code: Code });
/** Path of an assessed unit of a campaign. */
export const CampaignUnitParams = z.object({ code: Code, unitCode: Code });
/** Path of an item (指标) of a campaign. */
export const CampaignItemParams = z.object({ code: Code, itemCode: Code });
/** Path of one ledger entry of a campaign. */
export const CampaignEntryParams = z.object({ code: Code, id: z.string().min(1).max(64) });
/** Path of one unit’s item of a campaign (drill-down). */
export const CampaignUnitItemParams = z.object({ code: Code, unitCode: Code, itemCode: Code });

/** A star (星) of a campaign. */
export const StarView = z.object({ code: z.string(), name: z.string() });
export type StarView = z.infer<typeof StarView>;
/** `plan` modules are scored through items; `bonus` modules (夺旗争先) collect awarded points. */
export const ModuleKind = z.enum(['plan', 'bonus']);
/** A module (板块) with its budget on each star’s 100-point card. */
export const ModuleView = z.object({
  code: z.string(),
  name: z.string(),
  budget: z.number(),
  kind: ModuleKind,
});
export type ModuleView = z.infer<typeof ModuleView>;
/** An item (指标): its star, plan module, due month and maximum. */
export const ItemView = z.object({
  code: z.string(),
  name: z.string(),
  star: z.string(),
  module: z.string(),
  month: z.string(),
  max: z.number(),
  guidance: z.string().nullable(),
});
export type ItemView = z.infer<typeof ItemView>;
/** A locked month. */
export const LockView = z.object({
  month: z.string(),
  lockedAt: z.string(),
  lockedByName: z.string().nullable(),
});
export type LockView = z.infer<typeof LockView>;

/** A campaign as lists show it. */
export const CampaignSummaryView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  year: z.number(),
  status: z.enum(['active', 'archived']),
  starLine: z.number(),
  prerequisite: z.string().nullable(),
  trim: z.boolean(),
  problemDeduction: z.number(),
  demo: z.boolean(),
  unitCount: z.number(),
  itemCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CampaignSummaryView = z.infer<typeof CampaignSummaryView>;

/** A campaign with its whole model and locked months. */
export const CampaignDetailView = CampaignSummaryView.extend({
  stars: z.array(StarView),
  modules: z.array(ModuleView),
  items: z.array(ItemView),
  locks: z.array(LockView),
});
export type CampaignDetailView = z.infer<typeof CampaignDetailView>;

/** Creates a campaign for a year from the default five-star template. */
export const CreateCampaignBody = z.object({
  code: Code,
  name: Name,
  year: Year,
  /** Only the default five-star template for now (SCORING.md). */
  template: z.literal('five-star').default('five-star'),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBody>;

/** Changes a campaign’s settings; omitted fields stay. */
export const UpdateCampaignBody = z.object({
  name: Name.optional(),
  starLine: z.number().gt(0, '评星线必须大于0').max(100, '评星线不能超过100').optional(),
  prerequisite: Code.nullable().optional(),
  trim: z.boolean().optional(),
  problemDeduction: z.number().min(0, '问题扣分不能为负').max(100, '问题扣分不能超过100').optional(),
  status: z.enum(['active', 'archived']).optional(),
});
export type UpdateCampaignBody = z.infer<typeof UpdateCampaignBody>;

/** The campaign’s whole list of stars, in display order. */
export const ReplaceStarsBody = z.object({
  stars: z
    .array(z.object({ code: Code, name: Name }))
    .min(1, '至少需要一颗星')
    .max(20, '星不能超过20颗'),
});
export type ReplaceStarsBody = z.infer<typeof ReplaceStarsBody>;

/** The campaign’s whole list of modules; budgets must add up to 100. */
export const ReplaceModulesBody = z.object({
  modules: z
    .array(
      z.object({
        code: Code,
        name: Name,
        budget: z.number().min(0, '分值不能为负').max(100, '分值不能超过100'),
        kind: ModuleKind,
      }),
    )
    .min(1, '至少需要一个板块')
    .max(20, '板块不能超过20个'),
});
export type ReplaceModulesBody = z.infer<typeof ReplaceModulesBody>;

/** A new item of a plan module. */
export const CreateItemBody = z.object({
  code: Code,
  name: Name,
  star: Code,
  module: Code,
  month: Month,
  max: z.number().gt(0, '满分必须大于0').max(10000, '满分不能超过10000'),
  guidance: z.string().trim().max(2000, '评分标准不能超过2000个字符').nullable().optional(),
});
export type CreateItemBody = z.infer<typeof CreateItemBody>;

/** Changes to an item; month and max only before any month is locked. */
export const UpdateItemBody = z.object({
  name: Name.optional(),
  month: Month.optional(),
  max: z.number().gt(0, '满分必须大于0').max(10000, '满分不能超过10000').optional(),
  guidance: z.string().trim().max(2000, '评分标准不能超过2000个字符').nullable().optional(),
});
export type UpdateItemBody = z.infer<typeof UpdateItemBody>;

/** The month to lock. */
export const LockMonthBody = z.object({ month: Month });
export type LockMonthBody = z.infer<typeof LockMonthBody>;

/** One assessed unit's target stars: what counts (effective) and what is pending. */
export const UnitTargetsView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  /** The stars scores are computed over: approved ones plus the required star (ZB). */
  effective: z.array(z.string()),
  approved: z.array(z.string()),
  declared: z.array(z.string()),
  rejected: z.array(z.string()),
  /** `declared` while a declaration waits for its street; else the last decision, `none` before any. */
  status: z.enum(['none', 'declared', 'approved', 'rejected']),
  note: z.string().nullable(),
});
export type UnitTargetsView = z.infer<typeof UnitTargetsView>;

/** Targets of the assessed units the caller may see. */
export const TargetsView = z.object({ requiredStar: z.string().nullable(), units: z.array(UnitTargetsView) });
export type TargetsView = z.infer<typeof TargetsView>;

/** The stars a unit targets (the required star is added). */
export const SetTargetsBody = z.object({
  stars: z.array(Code).min(1, '至少选择一颗星').max(20, '星不能超过20颗'),
  /** Required when a month is locked: approved targets change the scores of locked months (a correction). */
  reason: Reason.optional(),
});
export type SetTargetsBody = z.infer<typeof SetTargetsBody>;

/** Approving a declaration; once a month is locked it is a correction and needs a reason. */
export const ApproveTargetsBody = z.object({ reason: Reason.optional() }).optional();
export type ApproveTargetsBody = z.infer<typeof ApproveTargetsBody>;

/** Why a declaration was rejected. */
export const RejectTargetsBody = z.object({ reason: Reason });
export type RejectTargetsBody = z.infer<typeof RejectTargetsBody>;

const Points = z.number().min(-1e9).max(1e9).nullable().optional();

/** One score of a unit’s item, as the caller (or, for a district admin, a named scorer). */
export const ScoreEntryBody = z.object({
  unitCode: Code,
  itemCode: Code,
  /** Points in [0, the item's max]; null or absent with `na: true`. */
  points: Points,
  /** 不适用: the item leaves the unit's plan. */
  na: z.boolean().default(false),
  /** Required when the item's month is locked (the entry is then a correction). */
  reason: Reason.optional(),
  /** District admins may record a score in the name of a scorer (e.g. 督导一组); others score as themselves. */
  scorer: z.string().trim().min(1).max(64).optional(),
  idempotencyKey: IdempotencyKey.optional(),
});
export type ScoreEntryBody = z.infer<typeof ScoreEntryBody>;

/** A correction of one ledger entry; the reason is required. */
export const CorrectionBody = z.object({
  points: Points,
  na: z.boolean().default(false),
  reason: Reason,
  idempotencyKey: IdempotencyKey.optional(),
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

/** One row of the ledger. */
export const ScoreEntryView = z.object({
  id: z.string(),
  unitCode: z.string(),
  itemCode: z.string(),
  scorer: z.string(),
  /** The scorer's display name when the scorer is a user, else the name as written. */
  scorerName: z.string(),
  points: z.number().nullable(),
  na: z.boolean(),
  source: z.enum(['manual', 'import', 'correction', 'sheet']),
  reason: z.string().nullable(),
  supersedesId: z.string().nullable(),
  supersededBy: z.string().nullable(),
  current: z.boolean(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
});
export type ScoreEntryView = z.infer<typeof ScoreEntryView>;

/** What a score submission did. */
export const ScoreEntryResultView = z.object({
  entry: ScoreEntryView,
  /** True when this was a resubmission of an already recorded key: nothing new was written. */
  replayed: z.boolean(),
  /** e(u,i) after this entry: the mean (or trimmed mean) of the current scorers, clamped. */
  itemScore: z.number(),
  itemDisplay: z.string(),
});
export type ScoreEntryResultView = z.infer<typeof ScoreEntryResultView>;

/** The entries behind one number: a unit's item, every scorer and every correction. */
export const ItemEntriesView = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  item: ItemView,
  locked: z.boolean(),
  /** e(u,i) from the current entries; null when nobody scored it. */
  score: z.number().nullable(),
  display: z.string().nullable(),
  na: z.boolean(),
  entries: z.array(ScoreEntryView),
});
export type ItemEntriesView = z.infer<typeof ItemEntriesView>;

/** A bonus (夺旗争先) awarded to a unit’s star in a month. */
export const BonusBody = z.object({
  unitCode: Code,
  star: Code,
  /** The bonus module; defaults to the campaign's only bonus module. */
  module: Code.optional(),
  month: Month,
  points: z.number().min(-100, '分值不能小于-100').max(100, '分值不能超过100'),
  reason: Reason,
  idempotencyKey: IdempotencyKey.optional(),
});
export type BonusBody = z.infer<typeof BonusBody>;

/** A bonus as recorded. */
export const BonusView = z.object({
  id: z.string(),
  unitCode: z.string(),
  star: z.string(),
  module: z.string(),
  month: z.string(),
  points: z.number(),
  reason: z.string(),
  source: z.string(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
});
export type BonusView = z.infer<typeof BonusView>;

/** What a bonus submission did. */
export const BonusResultView = z.object({ bonus: BonusView, replayed: z.boolean() });
export type BonusResultView = z.infer<typeof BonusResultView>;

/** Rank villages/communities (`unit`) or streets (`street`). */
export const RankingLevel = z.enum(['unit', 'street']);
/** Which ranking: period `2023-01`, `2023-Q1` or `2023`; level; optionally one street’s units. */
export const RankingQuery = z.object({
  period: z.string().trim().min(4).max(10),
  level: RankingLevel.default('unit'),
  street: Code.optional(),
});
export type RankingQuery = z.infer<typeof RankingQuery>;

/** Download format. */
export const ExportFormatQuery = z.enum(['xlsx', 'csv', 'json']).default('xlsx');
/** A ranking download. */
export const RankingExportQuery = RankingQuery.extend({ format: ExportFormatQuery });
export type RankingExportQuery = z.infer<typeof RankingExportQuery>;
/** A whole-campaign download. */
export const CampaignExportQuery = z.object({
  format: ExportFormatQuery,
  /** For CSV, which sheet (one file per sheet): 方案 单位 星 板块 创建目标 指标 得分 加分. */
  sheet: z.string().trim().max(20).optional(),
});
export type CampaignExportQuery = z.infer<typeof CampaignExportQuery>;

/** 评星 of one unit: the stars earned and why the others were not. */
export const RatingView = z.object({
  count: z.number(),
  earned: z.array(z.string()),
  stars: z.array(
    z.object({ star: z.string(), score: z.number(), earned: z.boolean(), reason: z.string().nullable() }),
  ),
});
export type RatingView = z.infer<typeof RatingView>;

/** One row of a ranking. */
export const RankingRowView = z.object({
  rank: z.number(),
  /** The unit's (or street's) code, name and parent at the period's end. */
  unitCode: z.string(),
  unitName: z.string(),
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  /** Full precision. */
  score: z.number(),
  /** 2 decimals, half up (四舍五入). */
  display: z.string(),
  /** Per star, 2 decimals; null when the unit does not target the star. */
  stars: z.record(z.string(), z.number().nullable()),
  /** 较上期: previous rank − this rank (positive = moved up); null for the first period. */
  change: z.number().nullable(),
  /** 得分率 so far, 2 decimals; null when nothing is due yet (and for streets). */
  rate: z.number().nullable(),
  /** Annual rankings only: 评星. */
  rating: RatingView.nullable(),
});
export type RankingRowView = z.infer<typeof RankingRowView>;

/** A period with its first and last month. */
export const PeriodView = z.object({
  key: z.string(),
  kind: z.enum(['month', 'quarter', 'year']),
  start: z.string(),
  end: z.string(),
});
export type PeriodView = z.infer<typeof PeriodView>;

/** A ranking of a campaign for a period. */
export const RankingView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  period: PeriodView,
  previousPeriod: z.string().nullable(),
  level: RankingLevel,
  stars: z.array(StarView),
  /** How many units (or streets) are ranked in all; rows are only those the caller may see. */
  total: z.number(),
  rows: z.array(RankingRowView),
});
export type RankingView = z.infer<typeof RankingView>;

/** The period a profile’s radar and rating are taken at (default: the year). */
export const ProfileQuery = z.object({ period: z.string().trim().min(4).max(10).optional() });
export type ProfileQuery = z.infer<typeof ProfileQuery>;

/** One item of a unit’s card with its current score. */
export const ProfileItemView = ItemView.extend({
  /** e(u,i); null when not scored. */
  score: z.number().nullable(),
  display: z.string().nullable(),
  na: z.boolean(),
  /** Ledger rows behind the number (corrections included). */
  entries: z.number(),
  locked: z.boolean(),
  /** The calling user's own current entry on this item, if any. */
  mine: z.object({ entryId: z.string(), points: z.number().nullable(), na: z.boolean() }).nullable(),
  /** A 日常任务 item that active daily tasks score: no hand-entered score (their reviews write it). */
  byTasks: z.boolean(),
});
export type ProfileItemView = z.infer<typeof ProfileItemView>;

/** A unit's year at a glance: trend, radar, item table, bonuses, rating. */
export const UnitProfileView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  unit: z.object({
    code: z.string(),
    name: z.string(),
    parentCode: z.string().nullable(),
    parentName: z.string().nullable(),
  }),
  period: PeriodView,
  targets: z.array(z.string()),
  score: z.number(),
  display: z.string(),
  rank: z.number(),
  total: z.number(),
  rate: z.number().nullable(),
  /** Every star of the campaign (for a radar); score null when not targeted. */
  stars: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      targeted: z.boolean(),
      score: z.number().nullable(),
      display: z.string().nullable(),
      modules: z.record(z.string(), z.number()),
      rate: z.number().nullable(),
      /** Problem deductions (SCORING.md) up to the period's end: one line per problem and overdue month-end. */
      deductions: z.array(
        z.object({ problemId: z.string(), title: z.string(), month: z.string(), points: z.number() }),
      ),
    }),
  ),
  months: z.array(
    z.object({
      month: z.string(),
      score: z.number(),
      display: z.string(),
      rank: z.number(),
      total: z.number(),
      change: z.number().nullable(),
      rate: z.number().nullable(),
    }),
  ),
  items: z.array(ProfileItemView),
  bonuses: z.array(BonusView),
  rating: RatingView.nullable(),
});
export type UnitProfileView = z.infer<typeof UnitProfileView>;

/** What a campaign workbook import did. */
export const CampaignImportResultView = z.object({
  campaign: CampaignSummaryView,
  units: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  assessed: z.number(),
  items: z.number(),
  targets: z.number(),
  scores: z.number(),
  bonuses: z.number(),
});
export type CampaignImportResultView = z.infer<typeof CampaignImportResultView>;

/** Optionally only the items due in one month. */
export const ScoreSheetQuery = z.object({ month: Month.optional() });
export type ScoreSheetQuery = z.infer<typeof ScoreSheetQuery>;

/** A unit's items for the score entry page (optionally of one month). */
export const ScoreSheetView = z.object({
  campaign: z.object({ code: z.string(), name: z.string(), year: z.number() }),
  unit: z.object({ code: z.string(), name: z.string() }),
  targets: z.array(z.string()),
  items: z.array(ProfileItemView),
});
export type ScoreSheetView = z.infer<typeof ScoreSheetView>;
