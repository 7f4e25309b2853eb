import {
  chinaDate,
  computeUnitResultsForMonths,
  type Month,
  meanOrNull,
  monthEnd,
  monthKey,
  problemFigures,
  type RankedRow,
  rankRows,
  rateStars,
  type StarRating,
  scoreBuckets,
  streetScores,
  type UnitResult,
  unitsByStarCount,
} from '@wuxing/core';
import type {
  DashboardCampaignRef,
  DashboardContest,
  DashboardCourtyard,
  DashboardView,
  ProblemFunnel,
} from '../contracts/dashboard';
import { invalid, notFound } from '../lib/errors';
import type { UnitScope } from '../policies/policy';
import type { Repos } from '../repositories';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { ProblemListRow } from '../repositories/problem.repository';
import type { WarningListRow } from '../repositories/warning.repository';
import { findCampaign, membershipAt, parentAt, type RankingInputs } from './campaignLoader';
import { loadContestState } from './contestLoader';
import { type ResultsSnapshot, resultsOf } from './contestResults.service';
import type { ServiceContext } from './context';
import { problemFact } from './problemRead.service';

/**
 * The figures of the dashboards, the big screen (and the monthly bulletin), defined once: every score comes from
 * the scoring core on the ranking inputs loaded once per request, all months January…M computed in one
 * computeUnitResultsForMonths call. Numbers are full precision here; the presenter rounds.
 */

/** The dashboard's part of the tree: the whole district, or one street. */
export interface DashboardScope {
  level: 'district' | 'street';
  /** The district root or the street. */
  code: string;
  name: string;
  /** Materialised path of the scope unit; null for the whole district. */
  path: string | null;
}

/** The unit scope (for the repositories' `path like` filters) of a dashboard scope. */
export function unitScopeFor(scope: DashboardScope): UnitScope {
  return scope.path === null ? { kind: 'all' } : { kind: 'paths', paths: [scope.path] };
}

/** The campaign a dashboard defaults to: the one asked for, else the newest not archived (404 when none). */
export async function dashboardCampaign(repos: Repos, code: string | undefined): Promise<CampaignRow> {
  if (code) return findCampaign(repos, code);
  const newest = (await repos.campaigns.list()).find((c) => c.status !== 'archived');
  if (!newest) throw notFound('考评方案不存在');
  return findCampaign(repos, newest.code);
}

/** The campaigns a dashboard can switch to (not archived first, newest year first). */
export async function dashboardCampaigns(repos: Repos): Promise<DashboardCampaignRef[]> {
  const rows = await repos.campaigns.list();
  return rows
    .filter((c) => c.status !== 'archived')
    .concat(rows.filter((c) => c.status === 'archived'))
    .map((c) => ({ code: c.code, name: c.name, year: Number(c.year) }));
}

/** The ref of one campaign. */
export function campaignRef(c: CampaignRow): DashboardCampaignRef {
  return { code: c.code, name: c.name, year: Number(c.year) };
}

/** The latest month with a score in the ledger (an item scored or a bonus awarded), or null. */
export function latestScoredMonth(inputs: RankingInputs): Month | null {
  let latest: Month | null = null;
  for (const s of inputs.scores) {
    const month = inputs.itemByCode.get(s.item)?.month;
    if (month && (latest === null || month > latest)) latest = month;
  }
  for (const b of inputs.bonuses) if (latest === null || b.month > latest) latest = b.month;
  return latest;
}

/** The earliest month with a score in the ledger, or null: every line is null before it. */
function firstScoredMonth(inputs: RankingInputs): Month | null {
  let first: Month | null = null;
  for (const s of inputs.scores) {
    const month = inputs.itemByCode.get(s.item)?.month;
    if (month && (first === null || month < first)) first = month;
  }
  for (const b of inputs.bonuses) if (first === null || b.month < first) first = b.month;
  return first;
}

/** The month a dashboard stands at and the months it offers (January up to the latest scored, at least January). */
export function dashboardMonths(
  campaign: CampaignRow,
  inputs: RankingInputs,
  wanted: string | undefined,
): { month: Month; months: Month[] } {
  const year = Number(campaign.year);
  const january = monthKey(year, 1);
  const latest = latestScoredMonth(inputs);
  const defaultMonth = latest?.startsWith(`${year}-`) ? latest : january;
  const month = wanted ?? defaultMonth;
  if (!month.startsWith(`${year}-`)) throw invalid(`月份 ${month} 不在考评年度 ${year} 内`, 'month');
  const lastMonth = Math.max(Number(month.slice(5, 7)), Number(defaultMonth.slice(5, 7)));
  const months: Month[] = [];
  for (let m = 1; m <= lastMonth; m++) months.push(monthKey(year, m));
  return { month, months };
}

/** `2023-Q2` of `2023-06`. */
export function quarterOf(month: Month): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

/** The months January…M of M's year. */
export function monthsUpTo(month: Month): Month[] {
  const year = Number(month.slice(0, 4));
  return Array.from({ length: Number(month.slice(5, 7)) }, (_, i) => monthKey(year, i + 1));
}

/** Everything computed once per request: the ranking inputs and the unit results of January…M. */
export interface ScoreState {
  inputs: RankingInputs;
  months: Month[];
  results: Map<Month, UnitResult[]>;
  /** Per month: every unit of the campaign ranked (core rankRows), with the change since the month before. */
  ranked: Map<Month, RankedRow[]>;
  /** The first month any score counts; lines are null before it. */
  first: Month | null;
}

/**
 * Computes the unit results of January…M (default December) in one computeUnitResultsForMonths call on inputs
 * loaded once, and ranks every month with the change since the month before.
 */
export function scoreStateOf(inputs: RankingInputs, upTo?: Month): ScoreState {
  const months = monthsUpTo(upTo ?? monthKey(Number(inputs.campaign.year), 12));
  const results = computeUnitResultsForMonths(
    inputs.model,
    inputs.unitInputs,
    inputs.scores,
    inputs.bonuses,
    inputs.problems,
    months,
  );
  const ranked = new Map<Month, RankedRow[]>();
  let previous: Map<string, number> | undefined;
  for (const t of months) {
    const rows = rankRows(
      (results.get(t) ?? []).map((r) => ({ code: r.unit, score: r.score })),
      previous,
    );
    ranked.set(t, rows);
    previous = new Map(rows.map((r) => [r.code, r.rank]));
  }
  return { inputs, months, results, ranked, first: firstScoredMonth(inputs) };
}

/** The unit codes inside the scope as of a month's end (street: the units whose street it was then). */
export function unitsInScope(state: ScoreState, scope: DashboardScope, month: Month): Set<string> {
  if (scope.level === 'district') return new Set(state.inputs.units.map((u) => u.code));
  const out = new Set<string>();
  for (const m of membershipAt(state.inputs, month)) if (m.street === scope.code) out.add(m.unit);
  return out;
}

/** One ranked row as the dashboard lists it (full precision). */
export interface FigureRankRow {
  rank: number;
  code: string;
  name: string;
  parentName: string | null;
  score: number;
  change: number | null;
}

/** The month's ranking of the scope's units, ranks being the whole campaign's. */
export function scopeRanking(state: ScoreState, scope: DashboardScope, month: Month): FigureRankRow[] {
  const inScope = unitsInScope(state, scope, month);
  const unitOf = new Map(state.inputs.units.map((u) => [u.code, u]));
  return (state.ranked.get(month) ?? [])
    .filter((r) => inScope.has(r.code))
    .map((r) => {
      const unit = unitOf.get(r.code);
      const parentId = unit ? parentAt(unit, state.inputs.moves, month) : null;
      return {
        rank: r.rank,
        code: r.code,
        name: unit?.name ?? r.code,
        parentName: (parentId && state.inputs.parents.get(parentId)?.name) || null,
        score: r.score,
        change: r.change,
      };
    });
}

/** The streets ranked by core's streetScores as of a month, with the change since the month before. */
function streetRanking(state: ScoreState, month: Month): FigureRankRow[] {
  const at = (t: Month) =>
    streetScores(state.results.get(t) ?? [], state.inputs.unitInputs, membershipAt(state.inputs, t));
  const index = state.months.indexOf(month);
  const before = index > 0 ? state.months[index - 1] : undefined;
  const previous = before
    ? new Map(
        rankRows(at(before).map((s) => ({ code: s.street, score: s.score }))).map((r) => [r.code, r.rank]),
      )
    : undefined;
  const byCode = new Map([...state.inputs.parents.values()].map((p) => [p.code, p]));
  return rankRows(
    at(month).map((s) => ({ code: s.street, score: s.score })),
    previous,
  ).map((r) => {
    const street = byCode.get(r.code);
    const above = street?.parentId ? state.inputs.parents.get(street.parentId) : undefined;
    return {
      rank: r.rank,
      code: r.code,
      name: street?.name ?? r.code,
      parentName: above?.name ?? null,
      score: r.score,
      change: r.change,
    };
  });
}

/** Counts rounds of the campaign touching the scope: the district's rounds and the scope's streets' own. */
export async function roundCounts(
  repos: Repos,
  campaign: CampaignRow,
  scopePath: string | null,
  month: Month,
): Promise<{ inMonth: number; toDate: number }> {
  const rounds = (await repos.dashboard.rounds(campaign.id)).filter(
    (r) => r.street_path === null || scopePath === null || r.street_path.startsWith(scopePath),
  );
  const end = monthEnd(month);
  return {
    inMonth: rounds.filter((r) => r.starts_on.slice(0, 7) === month).length,
    toDate: rounds.filter((r) => r.starts_on <= end).length,
  };
}

/** 问题漏斗 over problems (their current status), overdue as of `today` (core's figures). */
export function problemFunnel(problems: ProblemListRow[], today: string): ProblemFunnel {
  const figures = problemFigures(problems.map(problemFact), today);
  const count = (statuses: string[]) => problems.filter((p) => statuses.includes(p.status)).length;
  return {
    notified: figures.notified,
    submitted: count(['submitted', 'reviewing', 'closed']),
    reviewed: count(['reviewing', 'closed']),
    closed: figures.closed,
    overdue: figures.overdue,
    closureRate: figures.closureRate,
  };
}

function reasonsOf(s: string): ('bottom' | 'overdue' | 'rate')[] {
  return s
    .split(',')
    .filter((x): x is 'bottom' | 'overdue' | 'rate' => ['bottom', 'overdue', 'rate'].includes(x));
}

/** The active warnings in scope: counts, and the rows red first (at most 20). */
export function warningFigures(rows: WarningListRow[]): DashboardView['warnings'] {
  const active = rows.filter((w) => w.status === 'active');
  const ordered = [...active.filter((w) => w.level === 'red'), ...active.filter((w) => w.level !== 'red')];
  return {
    active: active.length,
    yellow: active.filter((w) => w.level === 'yellow').length,
    red: active.filter((w) => w.level === 'red').length,
    rows: ordered.slice(0, 20).map((w) => ({
      id: w.id,
      unitCode: w.unit_code,
      unitName: w.unit_name,
      streetName: w.street_name,
      level: w.level === 'red' ? 'red' : 'yellow',
      reasons: reasonsOf(w.reasons),
      quarter: w.period,
    })),
  };
}

/** The newest announced 擂台赛 contest (else the newest) with each group's top three; null when none. */
export async function contestSummary(ctx: ServiceContext): Promise<DashboardContest | null> {
  const contests = await ctx.repos.contests.list();
  const chosen = contests.find((c) => c.status === 'announced') ?? contests[0];
  if (!chosen) return null;
  // An announced contest's results are frozen into it (resultsOf reads that snapshot): no need to load it all.
  const groups =
    chosen.status === 'announced' && chosen.results_json
      ? (JSON.parse(chosen.results_json) as ResultsSnapshot).groups
      : resultsOf(await loadContestState(ctx, chosen)).groups;
  return {
    code: chosen.code,
    name: chosen.name,
    status: chosen.status,
    groups: groups.map((g) => ({
      name: g.groupName,
      top: g.rows.slice(0, 3).map((r) => ({ rank: r.rank, unitName: r.unitName, total: r.total })),
    })),
  };
}

/** The newest 五美庭院 campaign's households, applications and households named at each level, in scope. */
export async function courtyardSummary(
  repos: Repos,
  scope: DashboardScope,
): Promise<DashboardCourtyard | null> {
  const [campaign] = await repos.courtyards.listCampaigns();
  if (!campaign) return null;
  const levels = await repos.dashboard.courtyardLevels(campaign.id, scope.path);
  const at = (level: string) => levels.find((l) => l.level === level)?.n ?? 0;
  return {
    code: campaign.code,
    name: campaign.name,
    year: Number(campaign.year),
    households: await repos.dashboard.householdCount(scope.path),
    applications: levels.reduce((n, l) => n + l.n, 0),
    village: at('village'),
    street: at('street'),
    district: at('district'),
    city: at('city'),
  };
}

/** What the dashboard's figures are built from besides the scores. */
export interface DashboardSources {
  campaign: CampaignRow;
  campaigns: DashboardCampaignRef[];
  scope: DashboardScope;
  month: Month;
  months: Month[];
  state: ScoreState;
  now: string;
}

/** The star rating (core's rateStars, vetoes applied) of the year so far, as of the month. */
function ratingsAt(state: ScoreState, month: Month, units: Set<string>): StarRating[] {
  const results = (state.results.get(month) ?? []).filter((r) => units.has(r.unit));
  return rateStars(state.inputs.model, results, state.inputs.vetoes);
}

/**
 * The district or street dashboard as of month M: every figure of the view, in full precision. Problems and
 * warnings are the current ledger; scores, ranks and ratings are as of M's end.
 */
export async function dashboardFigures(ctx: ServiceContext, src: DashboardSources): Promise<DashboardView> {
  const { campaign, scope, month, state } = src;
  const model = state.inputs.model;
  const inScope = unitsInScope(state, scope, month);
  const ranking = scopeRanking(state, scope, month);
  const resultsAtM = (state.results.get(month) ?? []).filter((r) => inScope.has(r.unit));
  const scored = state.first !== null && month >= state.first;
  const trendMonths = state.months.filter((t) => t <= month);
  const valueOr = (t: Month, v: number | null) => (state.first !== null && t >= state.first ? v : null);

  // Distribution, stars and ratings.
  const distribution = scoreBuckets(ranking.map((r) => ({ code: r.code, score: r.score })));
  const ratings = ratingsAt(state, month, inScope);
  const earned = new Map(ratings.map((r) => [r.unit, new Set(r.earned)]));
  const stars = model.stars.map((s) => {
    const scores = resultsAtM.flatMap((r) => r.stars.filter((x) => x.star === s.code).map((x) => x.score));
    return {
      code: s.code,
      name: s.name,
      targeted: scores.length,
      reached: ratings.filter((r) => earned.get(r.unit)?.has(s.code)).length,
      avgScore: meanOrNull(scores),
    };
  });
  const starCounts = unitsByStarCount(
    ratings.map((r) => r.count),
    model.stars.length,
  );
  const ratingRows = starCounts.map((count, stars) => ({
    stars,
    count,
    units: ratings
      .filter((r) => Math.min(r.count, model.stars.length) === stars)
      .map((r) => r.unit)
      .sort(),
  }));

  // Trend: the scope's mean, and each street (district) or village (street) month by month.
  const overall = trendMonths.map((t) => {
    const units = unitsInScope(state, scope, t);
    return valueOr(
      t,
      meanOrNull((state.results.get(t) ?? []).filter((r) => units.has(r.unit)).map((r) => r.score)),
    );
  });
  let series: DashboardView['trend']['series'];
  let streets: FigureRankRow[] = [];
  if (scope.level === 'district') {
    streets = streetRanking(state, month);
    const perMonth = new Map(
      trendMonths.map((t) => [
        t,
        new Map(
          streetScores(
            state.results.get(t) ?? [],
            state.inputs.unitInputs,
            membershipAt(state.inputs, t),
          ).map((s) => [s.street, s.score]),
        ),
      ]),
    );
    series = streets.map((s) => ({
      code: s.code,
      name: s.name,
      scores: trendMonths.map((t) => valueOr(t, perMonth.get(t)?.get(s.code) ?? null)),
    }));
  } else {
    const byMonth = new Map(
      trendMonths.map((t) => [t, new Map((state.results.get(t) ?? []).map((r) => [r.unit, r.score]))]),
    );
    series = ranking.map((r) => ({
      code: r.code,
      name: r.name,
      scores: trendMonths.map((t) => valueOr(t, byMonth.get(t)?.get(r.code) ?? null)),
    }));
  }

  // Problems and warnings: the current ledger in scope.
  const unitScope = unitScopeFor(scope);
  const problems = await ctx.repos.problems.list(unitScope, { campaignId: campaign.id });
  const funnel = problemFunnel(problems, chinaDate(src.now));
  const warnings = warningFigures(
    await ctx.repos.warnings.list(campaign.id, unitScope, { status: 'active' }),
  );
  const rounds = await roundCounts(ctx.repos, campaign, scope.path, month);

  const top = ranking.slice(0, Math.min(10, ranking.length));
  const bottom = ranking.slice(Math.max(top.length, ranking.length - 10));
  return {
    head: {
      campaign: campaignRef(campaign),
      campaigns: src.campaigns,
      month,
      months: src.months,
      level: scope.level,
      scope: { code: scope.code, name: scope.name },
      quarter: quarterOf(month),
      computedAt: src.now,
    },
    kpis: {
      units: inScope.size,
      avgScore: scored ? meanOrNull(resultsAtM.map((r) => r.score)) : null,
      roundsInMonth: rounds.inMonth,
      roundsToDate: rounds.toDate,
      problemsOpen: funnel.notified - funnel.closed,
      problemsOverdue: funnel.overdue,
      warningsActive: warnings.active,
    },
    distribution,
    stars,
    ratings: ratingRows,
    top,
    bottom,
    streets,
    trend: {
      months: trendMonths,
      overall: { code: scope.code, name: scope.name, scores: overall },
      series,
    },
    funnel,
    warnings,
    contest: await contestSummary(ctx),
    courtyard: await courtyardSummary(ctx.repos, scope),
    heatmap:
      scope.level === 'street'
        ? {
            stars: model.stars.map((s) => ({ code: s.code, name: s.name })),
            rows: ranking.map((r) => {
              const result = resultsAtM.find((x) => x.unit === r.code);
              return {
                code: r.code,
                name: r.name,
                scores: model.stars.map((s) => result?.stars.find((x) => x.star === s.code)?.score ?? null),
              };
            }),
          }
        : null,
  };
}
