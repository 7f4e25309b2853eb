import { z } from 'zod';
import { Code, IdempotencyKey } from './campaigns';
import { Day } from './supervision';

/**
 * 预警 warnings raised at a quarter's ranking by the campaign's rules, and the reminder talks (谈话提醒) and help
 * measures (帮扶措施) recorded on them. Shared with the web app as types.
 */

const Id = z.string().min(1).max(64);
const Quarter = z
  .string()
  .trim()
  .regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn，例如 2023-Q1');
const Text = (min: string, max: number, what: string) =>
  z.string().trim().min(1, min).max(max, `${what}不能超过${max}个字符`);

export const WARNING_LEVELS = ['yellow', 'red'] as const;
/** 黄色预警 / 红色预警. */
export const WarningLevel = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof WarningLevel>;

export const WARNING_REASONS = ['bottom', 'overdue', 'rate'] as const;
/** Which rule triggered: bottom N of the ranking, ≥ n overdue problems, rate under the red line. */
export const WarningReason = z.enum(WARNING_REASONS);
export type WarningReason = z.infer<typeof WarningReason>;

export const WARNING_STATUSES = ['active', 'lifted'] as const;
export const WarningStatus = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof WarningStatus>;

export const TALK_STATUSES = ['pending', 'overdue', 'done', 'late', 'waived'] as const;
/** 待谈话 (in time) / 逾期未谈话 / 已按时谈话 / 逾期后补谈 / 已解除无需谈话 — core's talkStatus. */
export const TalkStatus = z.enum(TALK_STATUSES);
export type TalkStatus = z.infer<typeof TalkStatus>;

/** Path of one warning: `/api/campaigns/:code/warnings/:id`. */
export const WarningParams = z.object({ code: Code, id: Id });

/** A campaign's thresholds (defaults from SCORING.md until an admin sets them). */
export const WarningRulesView = z.object({
  campaignCode: z.string(),
  bottomN: z.number(),
  overdueMin: z.number(),
  redRateBelow: z.number(),
  talkDays: z.number(),
  /** True while the defaults apply (nothing stored). */
  isDefault: z.boolean(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type WarningRulesView = z.infer<typeof WarningRulesView>;

export const WarningRulesBody = z.object({
  bottomN: z.number().int('末位数必须是整数').min(0, '末位数不能小于0').max(50, '末位数不能超过50'),
  overdueMin: z
    .number()
    .int('逾期问题数必须是整数')
    .min(0, '逾期问题数不能小于0')
    .max(100, '逾期问题数不能超过100'),
  redRateBelow: z.number().min(0, '红色预警线不能小于0').max(100, '红色预警线不能超过100'),
  talkDays: z.number().int('谈话期限必须是整数天').min(1, '谈话期限至少1天').max(60, '谈话期限不能超过60天'),
});
export type WarningRulesBody = z.infer<typeof WarningRulesBody>;

/** A reminder talk (谈话提醒) as recorded. */
/** The kinds of accountability step on a warning: 提醒谈话, 约谈, 追责 (in rising severity). */
export const ACCOUNTABILITY_KINDS = ['reminder', 'summons', 'accountability'] as const;
export const AccountabilityKind = z.enum(ACCOUNTABILITY_KINDS, {
  message: '问责方式只能是提醒谈话、约谈或追责',
});
export type AccountabilityKind = z.infer<typeof AccountabilityKind>;

/** One accountability step recorded on a warning (a 提醒谈话, 约谈 or 追责). */
export const WarningTalkView = z.object({
  id: z.string(),
  kind: AccountabilityKind,
  talkedOn: z.string(),
  talker: z.string(),
  talkee: z.string(),
  agreed: z.string(),
  followUpOn: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  /** The warning's first step, recorded after the talk's due day. */
  late: z.boolean(),
});
export type WarningTalkView = z.infer<typeof WarningTalkView>;

/** A help measure (帮扶措施) noted on a warning. */
export const WarningMeasureView = z.object({
  id: z.string(),
  text: z.string(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});
export type WarningMeasureView = z.infer<typeof WarningMeasureView>;

/** One warning with the figures that triggered it and where its talk stands. */
export const WarningView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  period: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  level: WarningLevel,
  reasons: z.array(WarningReason),
  /** The figures as of the evaluation: displayed rank of `total`, score and rate (2 decimals), overdue problems. */
  rank: z.number(),
  total: z.number(),
  score: z.number(),
  rate: z.number().nullable(),
  overdue: z.number(),
  /** The worst rank inside the bottom N at the evaluation (units sharing it were all included). */
  bottomCutoffRank: z.number().nullable(),
  status: WarningStatus,
  raisedAt: z.string(),
  talkDueOn: z.string(),
  talkStatus: TalkStatus,
  /** Days until the talk is due (negative: overdue by that many days); null once a talk is recorded or waived. */
  talkDaysLeft: z.number().nullable(),
  talks: z.number(),
  measures: z.number(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  demo: z.boolean(),
  can: z.object({ followUp: z.boolean() }),
});
export type WarningView = z.infer<typeof WarningView>;

export const WarningListQuery = z.object({
  period: Quarter.optional(),
  level: WarningLevel.optional(),
  status: WarningStatus.optional(),
  street: Code.optional(),
  unit: Code.optional(),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;

/** One committed evaluation of a quarter. */
export const WarningEvaluationView = z.object({
  id: z.string(),
  period: z.string(),
  sequence: z.number(),
  asOf: z.string(),
  raised: z.number(),
  kept: z.number(),
  updated: z.number(),
  lifted: z.number(),
  evaluatedByName: z.string(),
  evaluatedAt: z.string(),
});
export type WarningEvaluationView = z.infer<typeof WarningEvaluationView>;

export const WarningListView = z.object({
  rows: z.array(WarningView),
  counts: z.object({
    yellow: z.number(),
    red: z.number(),
    active: z.number(),
    lifted: z.number(),
    talkOverdue: z.number(),
  }),
  /** Active warnings per street over the filtered rows (for the chart), in street order. */
  byStreet: z.array(
    z.object({ streetCode: z.string(), streetName: z.string(), yellow: z.number(), red: z.number() }),
  ),
  /** Quarters with an evaluation, newest first (for the quarter filter). */
  periods: z.array(z.string()),
  /** The campaign's committed evaluations, newest first (district admins; empty for others). */
  evaluations: z.array(WarningEvaluationView),
  can: z.object({ evaluate: z.boolean() }),
});
export type WarningListView = z.infer<typeof WarningListView>;

/** One warning with its talks, help measures, and the unit's other warnings of the campaign (history). */
export const WarningDetailView = z.object({
  warning: WarningView,
  talks: z.array(WarningTalkView),
  measures: z.array(WarningMeasureView),
  history: z.array(WarningView),
});
export type WarningDetailView = z.infer<typeof WarningDetailView>;

export const WarningPreviewQuery = z.object({ period: Quarter });
export type WarningPreviewQuery = z.infer<typeof WarningPreviewQuery>;

export const WARNING_CHANGE_KINDS = ['raise', 'keep', 'update', 'lift'] as const;
/** What committing the evaluation would do to one unit's warning. */
export const WarningChangeKind = z.enum(WARNING_CHANGE_KINDS);
export type WarningChangeKind = z.infer<typeof WarningChangeKind>;

export const WarningPreviewRow = z.object({
  change: WarningChangeKind,
  /** The period of the warning a `lift` clears (this quarter or an earlier one). */
  period: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetName: z.string().nullable(),
  level: WarningLevel.nullable(),
  reasons: z.array(WarningReason),
  rank: z.number().nullable(),
  total: z.number().nullable(),
  score: z.number().nullable(),
  rate: z.number().nullable(),
  overdue: z.number().nullable(),
});
export type WarningPreviewRow = z.infer<typeof WarningPreviewRow>;

/** What an evaluation of a quarter would do, before it is committed. */
export const WarningPreviewView = z.object({
  period: z.string(),
  /** The quarter's last day: overdue problems are counted as of it. */
  asOf: z.string(),
  rules: WarningRulesView,
  /** Units ranked in the quarter. */
  ranked: z.number(),
  rows: z.array(WarningPreviewRow),
  counts: z.object({ raise: z.number(), keep: z.number(), update: z.number(), lift: z.number() }),
});
export type WarningPreviewView = z.infer<typeof WarningPreviewView>;

export const WarningEvaluateBody = z.object({ idempotencyKey: IdempotencyKey, period: Quarter });
export type WarningEvaluateBody = z.infer<typeof WarningEvaluateBody>;

export const WarningEvaluateResultView = z.object({
  evaluation: WarningEvaluationView,
  preview: WarningPreviewView,
  replayed: z.boolean(),
});
export type WarningEvaluateResultView = z.infer<typeof WarningEvaluateResultView>;

export const WarningTalkBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** 提醒谈话 when not given. */
  kind: AccountabilityKind.optional(),
  talkedOn: Day,
  talker: Text('请填写谈话人', 100, '谈话人'),
  talkee: Text('请填写谈话对象', 100, '谈话对象'),
  agreed: Text('请填写谈话内容及约定事项', 2000, '约定事项'),
  followUpOn: Day.nullish(),
});
export type WarningTalkBody = z.input<typeof WarningTalkBody>;

export const WarningMeasureBody = z.object({
  idempotencyKey: IdempotencyKey,
  text: Text('请填写帮扶措施', 1000, '帮扶措施'),
});
export type WarningMeasureBody = z.infer<typeof WarningMeasureBody>;

/** A warning after a talk or help measure was added, with whether the idempotency key replayed it. */
export const WarningWriteResultView = z.object({ detail: WarningDetailView, replayed: z.boolean() });
export type WarningWriteResultView = z.infer<typeof WarningWriteResultView>;
