import {
  computeUnitResultsForMonths,
  type Period,
  PeriodError,
  parsePeriod,
  previousPeriod,
  rankRows,
  rateStars,
  round2,
  type StarDef,
  type StarRating,
  streetScores,
  type UnitResult,
} from '@wuxing/core';
import type { RankingQuery } from '../contracts/campaigns';
import { invalid } from '../lib/errors';
import { authorize, scopeCovers, type UnitScope, unitScopeOf } from '../policies/policy';
import type { Repos } from '../repositories';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import {
  findCampaign,
  loadRankingInputs,
  membershipAt,
  type ParentRef,
  parentAt,
  type RankingInputs,
} from './campaignLoader';
import type { ServiceContext } from './context';

/** One ranked unit or street, in full precision; presenters round for display. */
export interface RankedRow {
  rank: number;
  code: string;
  name: string;
  parentCode: string | null;
  parentName: string | null;
  score: number;
  /** Per campaign star: S(u,s,t), or null when not targeted (streets: the weighted mean over units targeting it). */
  stars: Record<string, number | null>;
  change: number | null;
  rate: number | null;
  rating: StarRating | null;
}

/** A ranking of a campaign for a period, cut to the rows the caller may see. */
export interface Ranking {
  campaign: CampaignRow;
  period: Period;
  previous: Period | null;
  level: 'unit' | 'street';
  stars: StarDef[];
  total: number;
  rows: RankedRow[];
}

/** Parses a period key of the campaign's year; a bad key is a 400 naming `period`. */
export function campaignPeriod(campaign: CampaignRow, key: string): Period {
  let period: Period;
  try {
    period = parsePeriod(key);
  } catch (err) {
    if (err instanceof PeriodError) throw invalid(err.message, 'period');
    throw err;
  }
  if (period.year !== Number(campaign.year))
    throw invalid(`期间 ${key} 不在考评年度 ${campaign.year} 内`, 'period');
  return period;
}

/** The period a rank change compares with, inside the campaign year (none for January, Q1 and the year). */
export function comparedPeriod(period: Period): Period | null {
  const previous = previousPeriod(period);
  return previous && previous.year === period.year ? previous : null;
}

function starsOf(result: UnitResult | undefined, stars: StarDef[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const s of stars) out[s.code] = result?.stars.find((x) => x.star === s.code)?.score ?? null;
  return out;
}

/** Ranks units (by core's rankRows) as of the period's end, with the change since the previous period. */
function unitRows(
  inputs: RankingInputs,
  results: Map<string, UnitResult[]>,
  period: Period,
  previous: Period | null,
): (RankedRow & { path: string })[] {
  const now = results.get(period.end) ?? [];
  const before = previous ? (results.get(previous.end) ?? []) : null;
  const previousRanks = before
    ? new Map(rankRows(before.map((r) => ({ code: r.unit, score: r.score }))).map((r) => [r.code, r.rank]))
    : undefined;
  const ranked = rankRows(
    now.map((r) => ({ code: r.unit, score: r.score })),
    previousRanks,
  );
  const resultOf = new Map(now.map((r) => [r.unit, r]));
  const unitOf = new Map(inputs.units.map((u) => [u.code, u]));
  const ratings =
    period.kind === 'year'
      ? new Map(rateStars(inputs.model, now, inputs.vetoes).map((r) => [r.unit, r]))
      : null;
  return ranked.map((r) => {
    const unit = unitOf.get(r.code);
    const parentId = unit ? parentAt(unit, inputs.moves, period.end) : null;
    const parent = parentId ? inputs.parents.get(parentId) : undefined;
    const result = resultOf.get(r.code);
    return {
      rank: r.rank,
      code: r.code,
      name: unit?.name ?? r.code,
      parentCode: parent?.code ?? null,
      parentName: parent?.name ?? null,
      score: r.score,
      stars: starsOf(result, inputs.model.stars),
      change: r.change,
      rate: result?.rate ?? null,
      rating: ratings?.get(r.code) ?? null,
      path: unit?.path ?? '',
    };
  });
}

/** Ranks streets by core's streetScores (weighted means, membership as of each period's end). */
function streetRows(
  inputs: RankingInputs,
  results: Map<string, UnitResult[]>,
  period: Period,
  previous: Period | null,
): (RankedRow & { path: string })[] {
  const streetsAt = (p: Period) =>
    streetScores(results.get(p.end) ?? [], inputs.unitInputs, membershipAt(inputs, p.end));
  const previousRanks = previous
    ? new Map(
        rankRows(streetsAt(previous).map((s) => ({ code: s.street, score: s.score }))).map((r) => [
          r.code,
          r.rank,
        ]),
      )
    : undefined;
  const now = streetsAt(period);
  const ranked = rankRows(
    now.map((s) => ({ code: s.street, score: s.score })),
    previousRanks,
  );
  const byCode = new Map<string, ParentRef>();
  for (const p of inputs.parents.values()) byCode.set(p.code, p);
  const resultOf = new Map(now.map((s) => [s.street, s]));
  return ranked.map((r) => {
    const street = byCode.get(r.code);
    const above = street?.parentId ? inputs.parents.get(street.parentId) : undefined;
    const stars: Record<string, number | null> = {};
    for (const s of inputs.model.stars) stars[s.code] = resultOf.get(r.code)?.stars[s.code] ?? null;
    return {
      rank: r.rank,
      code: r.code,
      name: street?.name ?? r.code,
      parentCode: above?.code ?? null,
      parentName: above?.name ?? null,
      score: r.score,
      stars,
      change: r.change,
      rate: null,
      rating: null,
      path: street?.path ?? '',
    };
  });
}

/**
 * Computes a ranking from the ledger (core does every formula) and keeps the rows inside `scope`. Ranks are
 * always those of the whole campaign, so a filtered table agrees with the published one.
 */
export async function computeRanking(
  repos: Repos,
  campaign: CampaignRow,
  query: RankingQuery,
  scope: UnitScope,
): Promise<Ranking> {
  const period = campaignPeriod(campaign, query.period);
  const previous = comparedPeriod(period);
  const inputs = await loadRankingInputs(repos, campaign);
  const months = previous ? [period.end, previous.end] : [period.end];
  const results = computeUnitResultsForMonths(
    inputs.model,
    inputs.unitInputs,
    inputs.scores,
    inputs.bonuses,
    inputs.problems,
    months,
  );
  const all =
    query.level === 'street'
      ? streetRows(inputs, results, period, previous)
      : unitRows(inputs, results, period, previous);
  const rows = all.filter((r) => {
    if (!scopeCovers(scope, r.path)) return false;
    if (!query.street) return true;
    return query.level === 'street' ? r.code === query.street : r.parentCode === query.street;
  });
  return {
    campaign,
    period,
    previous,
    level: query.level,
    stars: inputs.model.stars,
    total: all.length,
    rows: rows.map(({ path: _path, ...r }) => r),
  };
}

/**
 * A campaign's ranking for a month, quarter or year, of units or of streets, optionally of one street's units.
 * Everyone taking part may ask; the rows are those inside the caller's part of the tree.
 */
export async function getRanking(ctx: ServiceContext, code: string, query: RankingQuery): Promise<Ranking> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  return computeRanking(ctx.repos, campaign, query, unitScopeOf(ctx.actor));
}

/** The headers of a ranking export: 排名 单位编码 单位名称 上级 得分, one per star code, 较上期. */
export function rankingHeaders(stars: StarDef[]): string[] {
  return ['排名', '单位编码', '单位名称', '上级', '得分', ...stars.map((s) => s.code), '较上期'];
}

/** A ranking as an export table, with scores rounded half up to 2 decimals by core. */
export function rankingTable(ranking: Ranking): ExportTable {
  return {
    sheet: '排名',
    headers: rankingHeaders(ranking.stars),
    decimals: [4, ...ranking.stars.map((_, i) => 5 + i)],
    rows: ranking.rows.map((r) => [
      r.rank,
      r.code,
      r.name,
      r.parentName ?? r.parentCode,
      round2(r.score),
      ...ranking.stars.map((s) => {
        const v = r.stars[s.code];
        return v === null || v === undefined ? null : round2(v);
      }),
      r.change,
    ]),
  };
}

/** The ranking as a downloadable table (scoped like the page). */
export async function exportRanking(
  ctx: ServiceContext,
  code: string,
  query: RankingQuery,
): Promise<ExportTable> {
  return rankingTable(await getRanking(ctx, code, query));
}

/** A file name for a ranking export, e.g. `2023-Q1-村社区排名.xlsx`. */
export function rankingFileName(ranking: Ranking, format: string): string {
  return `${ranking.campaign.code}-${ranking.period.key}-${ranking.level === 'street' ? '街道' : '村社区'}排名.${format}`;
}
