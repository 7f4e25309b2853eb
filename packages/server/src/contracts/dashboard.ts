import { z } from 'zod';
import { Code } from './campaigns';

/**
 * 数据看板: the district and street dashboards, a village's own view, and the district big screen (大屏). Every
 * figure is computed from the ledger by the scoring core (never stored), as of the end of the chosen month.
 * Shared with the web app as types.
 */

const Month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2023-06');

/**
 * `?campaign=WX2023&month=2023-06&street=LX`: the campaign (default: the newest not archived), the month the
 * figures stand at (default: the campaign's latest month with a score, else its first month) and, for a district
 * admin, one street (the street dashboard). A street admin always gets its own street; `street` naming another
 * one is a 403.
 */
export const DashboardQuery = z.object({
  campaign: Code.optional(),
  month: Month.optional(),
  street: Code.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** `?campaign=&month=` of a village's own view; `unit` lets a district or street admin open a village's. */
export const VillageDashboardQuery = z.object({
  campaign: Code.optional(),
  month: Month.optional(),
  unit: Code.optional(),
});
export type VillageDashboardQuery = z.infer<typeof VillageDashboardQuery>;

export const DashboardCampaignRef = z.object({ code: z.string(), name: z.string(), year: z.number() });
export type DashboardCampaignRef = z.infer<typeof DashboardCampaignRef>;

/** The header every dashboard carries: what it is of and as of when, and what else could be chosen. */
export const DashboardHead = z.object({
  campaign: DashboardCampaignRef,
  campaigns: z.array(DashboardCampaignRef),
  /** The month the figures stand at (`YYYY-MM`). */
  month: z.string(),
  /** The campaign's months that can be chosen (January up to the latest with a score, at least January). */
  months: z.array(z.string()),
  /** `district` or `street` (one street's villages); the village view has its own shape. */
  level: z.enum(['district', 'street']),
  scope: z.object({ code: z.string(), name: z.string() }),
  /** The quarter the month falls in (`2023-Q2`): warnings and the ranking movements refer to it. */
  quarter: z.string(),
  /** When the figures were computed (ISO). */
  computedAt: z.string(),
});
export type DashboardHead = z.infer<typeof DashboardHead>;

/** One ranked unit (or street) as the dashboard shows it: 2-decimal scores, competition rank, change vs last month. */
export const DashboardRankRow = z.object({
  rank: z.number(),
  code: z.string(),
  name: z.string(),
  parentName: z.string().nullable(),
  score: z.number(),
  /** Places moved since the previous month (positive: up), null in January or when new. */
  change: z.number().nullable(),
});
export type DashboardRankRow = z.infer<typeof DashboardRankRow>;

/** A bucket of the score distribution: `from` ≤ score < `to` (the last bucket includes its `to`). */
export const ScoreBucket = z.object({
  label: z.string(),
  from: z.number(),
  to: z.number(),
  count: z.number(),
  /** The units in the bucket (code), so the chart clicks through to them. */
  units: z.array(z.string()),
});

/** Per star: how many units target it (创建目标), how many reach it as of the month, their mean score. */
export const DashboardStarRow = z.object({
  code: z.string(),
  name: z.string(),
  targeted: z.number(),
  /** Units whose star score (of the year so far) reaches the star's pass mark (`SCORING.md` rating rule). */
  reached: z.number(),
  /** Mean S(u,s,t) over the units targeting it, 2 decimals; null when none. */
  avgScore: z.number().nullable(),
});

/** Units by the number of stars they would be rated at with the year so far (0…5), from core's rateStars. */
export const RatingCount = z.object({ stars: z.number(), count: z.number(), units: z.array(z.string()) });

/** A month-by-month line: null where the month has no score yet. */
export const TrendSeries = z.object({
  code: z.string(),
  name: z.string(),
  scores: z.array(z.number().nullable()),
});

/** 问题漏斗: notified → submitted (整改) → looked back (回头看) → closed (销号), plus overdue, over the scope. */
export const ProblemFunnel = z.object({
  notified: z.number(),
  /** Problems whose status is 已提交整改, 回头看 or 已销号. */
  submitted: z.number(),
  /** Problems whose status is 回头看 or 已销号. */
  reviewed: z.number(),
  closed: z.number(),
  /** Not closed and past the deadline as of the month's end (or today, for the current month). */
  overdue: z.number(),
  /** closed ÷ notified × 100, 1 decimal; null when nothing was notified. */
  closureRate: z.number().nullable(),
});
export type ProblemFunnel = z.infer<typeof ProblemFunnel>;

export const DashboardWarningRow = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  streetName: z.string().nullable(),
  level: z.enum(['yellow', 'red']),
  reasons: z.array(z.enum(['bottom', 'overdue', 'rate'])),
  quarter: z.string(),
});

export const DashboardWarnings = z.object({
  active: z.number(),
  yellow: z.number(),
  red: z.number(),
  /** The active warnings in scope, red first (at most 20). */
  rows: z.array(DashboardWarningRow),
});

/** The newest announced (else newest) 擂台赛 contest: its status and each group's leaders. */
export const DashboardContest = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  groups: z.array(
    z.object({
      name: z.string(),
      top: z.array(z.object({ rank: z.number(), unitName: z.string(), total: z.number() })),
    }),
  ),
});
export type DashboardContest = z.infer<typeof DashboardContest>;

/** The newest 五美庭院 campaign: households, applications, households named at each level. */
export const DashboardCourtyard = z.object({
  code: z.string(),
  name: z.string(),
  year: z.number(),
  households: z.number(),
  applications: z.number(),
  village: z.number(),
  street: z.number(),
  district: z.number(),
  city: z.number(),
});
export type DashboardCourtyard = z.infer<typeof DashboardCourtyard>;

/** The street dashboard's heat map: villages × stars, S(u,s,t) (null where the village does not target it). */
export const StarHeatmap = z.object({
  stars: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(z.object({ code: z.string(), name: z.string(), scores: z.array(z.number().nullable()) })),
});

/** Headline figures. */
export const DashboardKpis = z.object({
  /** Units assessed in scope (targets declared or not). */
  units: z.number(),
  /** Mean of the units' scores as of the month, 2 decimals; null before any score. */
  avgScore: z.number().nullable(),
  /** Supervision rounds held in the month (督导, 观摩, 专项, 明察暗访, 验收) touching the scope. */
  roundsInMonth: z.number(),
  /** Rounds held so far in the campaign year. */
  roundsToDate: z.number(),
  problemsOpen: z.number(),
  problemsOverdue: z.number(),
  warningsActive: z.number(),
});

export const DashboardView = z.object({
  head: DashboardHead,
  kpis: DashboardKpis,
  distribution: z.array(ScoreBucket),
  stars: z.array(DashboardStarRow),
  ratings: z.array(RatingCount),
  /** The month's ranking of units in scope: top 10 and bottom 10 (fewer when the scope is small). */
  top: z.array(DashboardRankRow),
  bottom: z.array(DashboardRankRow),
  /** District level: streets ranked (weighted means); street level: empty. */
  streets: z.array(DashboardRankRow),
  trend: z.object({
    months: z.array(z.string()),
    /** The scope's mean (district or street) month by month. */
    overall: TrendSeries,
    /** District level: one line per street; street level: one line per village. */
    series: z.array(TrendSeries),
  }),
  funnel: ProblemFunnel,
  warnings: DashboardWarnings,
  contest: DashboardContest.nullable(),
  courtyard: DashboardCourtyard.nullable(),
  /** Street level only (null at district level). */
  heatmap: StarHeatmap.nullable(),
});
export type DashboardView = z.infer<typeof DashboardView>;

/** What a village loses on one item so far this year: the item's maximum to date minus what it got. */
export const VillageLossRow = z.object({
  star: z.string(),
  starName: z.string(),
  item: z.string(),
  itemName: z.string(),
  max: z.number(),
  got: z.number(),
  lost: z.number(),
});

export const VillageProblemRow = z.object({
  id: z.string(),
  number: z.string(),
  star: z.string(),
  description: z.string(),
  status: z.enum(['open', 'submitted', 'reviewing', 'closed']),
  deadline: z.string(),
  overdue: z.boolean(),
  /** Points it has cost so far (overdue deductions of SCORING.md), 2 decimals. */
  deduction: z.number(),
});

/** Something the village must do next, soonest first: a task, a problem's deadline, a warning's talk. */
export const VillageDueRow = z.object({
  kind: z.enum(['task', 'problem', 'warning']),
  title: z.string(),
  /** `YYYY-MM-DD` */
  due: z.string(),
  overdue: z.boolean(),
  /** The web path that opens it. */
  link: z.string(),
});

export const VillageDashboardView = z.object({
  campaign: DashboardCampaignRef,
  campaigns: z.array(DashboardCampaignRef),
  month: z.string(),
  months: z.array(z.string()),
  unit: z.object({ code: z.string(), name: z.string(), streetName: z.string().nullable() }),
  /** As of the month: score, rank among all units, of how many, change since last month. */
  score: z.number().nullable(),
  rank: z.number().nullable(),
  total: z.number(),
  change: z.number().nullable(),
  stars: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      targeted: z.boolean(),
      score: z.number().nullable(),
    }),
  ),
  /** Month by month: rank and score (null before any score). */
  rankTrend: z.array(
    z.object({ month: z.string(), rank: z.number().nullable(), score: z.number().nullable() }),
  ),
  /** The items costing the most, largest loss first (at most 10, only those with a loss). */
  losses: z.array(VillageLossRow),
  /** Its problems costing the most or still open, largest deduction first. */
  problems: z.array(VillageProblemRow),
  due: z.array(VillageDueRow),
});
export type VillageDashboardView = z.infer<typeof VillageDashboardView>;

/** The big-screen link (管理员生成): shown once in full when made; afterwards only that one exists. */
export const BigScreenLinkView = z.object({
  exists: z.boolean(),
  /** Only in the answer that made it. */
  token: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type BigScreenLinkView = z.infer<typeof BigScreenLinkView>;

export const BigScreenParams = z.object({ token: z.string().min(16).max(128) });

/** `?campaign=&month=` of the big screen (defaults as the dashboard). */
export const BigScreenQuery = z.object({ campaign: Code.optional(), month: Month.optional() });
export type BigScreenQuery = z.infer<typeof BigScreenQuery>;

/**
 * The district big screen: the district dashboard's figures without anything personal (no user names, no
 * problem texts), for a public display. `version` changes whenever the data behind it may have changed.
 */
export const BigScreenView = z.object({
  districtName: z.string(),
  demo: z.boolean(),
  dashboard: DashboardView,
  version: z.string(),
});
export type BigScreenView = z.infer<typeof BigScreenView>;
