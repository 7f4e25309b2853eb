import { round1, round2 } from '@wuxing/core';
import type {
  BigScreenLinkView,
  BigScreenView,
  DashboardRankRow,
  DashboardView,
  VillageDashboardView,
} from '../contracts/dashboard';
import type { BigScreen, ScreenLink } from '../services/dashboard.service';

/** Views of the dashboards and the big screen: scores as displayed (2 decimals half up, core's round2). */

const r2 = (x: number | null): number | null => (x === null ? null : round2(x));

function rankRow(r: DashboardRankRow): DashboardRankRow {
  return { ...r, score: round2(r.score) };
}

/** The district or street dashboard, scores rounded for display, the closure rate to 1 decimal. */
export function presentDashboard(d: DashboardView): DashboardView {
  return {
    ...d,
    kpis: { ...d.kpis, avgScore: r2(d.kpis.avgScore) },
    stars: d.stars.map((s) => ({ ...s, avgScore: r2(s.avgScore) })),
    top: d.top.map(rankRow),
    bottom: d.bottom.map(rankRow),
    streets: d.streets.map(rankRow),
    trend: {
      months: d.trend.months,
      overall: { ...d.trend.overall, scores: d.trend.overall.scores.map(r2) },
      series: d.trend.series.map((s) => ({ ...s, scores: s.scores.map(r2) })),
    },
    funnel: {
      ...d.funnel,
      closureRate: d.funnel.closureRate === null ? null : round1(d.funnel.closureRate),
    },
    contest: d.contest
      ? {
          ...d.contest,
          groups: d.contest.groups.map((g) => ({
            name: g.name,
            top: g.top.map((t) => ({ ...t, total: round2(t.total) })),
          })),
        }
      : null,
    heatmap: d.heatmap
      ? {
          stars: d.heatmap.stars,
          rows: d.heatmap.rows.map((r) => ({ ...r, scores: r.scores.map(r2) })),
        }
      : null,
  };
}

/** A village's own view, scores, losses and deductions rounded for display. */
export function presentVillageDashboard(v: VillageDashboardView): VillageDashboardView {
  return {
    ...v,
    score: r2(v.score),
    stars: v.stars.map((s) => ({ ...s, score: r2(s.score) })),
    rankTrend: v.rankTrend.map((t) => ({ ...t, score: r2(t.score) })),
    losses: v.losses.map((l) => ({ ...l, max: round2(l.max), got: round2(l.got), lost: round2(l.lost) })),
    problems: v.problems.map((p) => ({ ...p, deduction: round2(p.deduction) })),
  };
}

/** The big-screen link: the token only in the answer that made it. */
export function presentScreenLink(l: ScreenLink): BigScreenLinkView {
  return { exists: l.exists, token: l.token, createdAt: l.createdAt, createdByName: l.createdByName };
}

/** The public big screen: the district dashboard's figures and the data version. */
export function presentBigScreen(b: BigScreen): BigScreenView {
  return {
    districtName: b.districtName,
    demo: b.demo,
    dashboard: presentDashboard(b.dashboard),
    version: b.version,
  };
}
