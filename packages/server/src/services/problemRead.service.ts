import {
  chinaDate,
  computeUnitResultsForMonths,
  daysBetween,
  isOverdue,
  monthKey,
  type ProblemFact,
  type ProblemFigures,
  problemFigures,
} from '@wuxing/core';
import {
  PROBLEM_SOURCES,
  type ProblemListQuery,
  type ProblemSource,
  type ProblemStatsQuery,
  type ProblemStatus,
} from '../contracts/supervision';
import { notFound } from '../lib/errors';
import type { Actor } from '../policies/actor';
import { authorize, can, scopeCovers, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { ProblemEventRow, ProblemListRow, ProblemPhotoRow } from '../repositories/problem.repository';
import { findCampaign, loadRankingInputs } from './campaignLoader';
import type { ServiceContext } from './context';
import { loadRoundStates, type RoundSummary, summaryFor } from './round.service';

/**
 * Reading the problem ledger: the scoped list with its filters and counts, one problem with its history and
 * deductions, the closure statistics (core's problemFigures) and a round's notice (通报).
 */

/** A problem with what the views derive from "today" (China date): overdue and by how many days. */
export interface ProblemItem {
  row: ProblemListRow;
  overdue: boolean;
  daysOverdue: number;
}

/** The facts core's figures read from a problem. */
export function problemFact(row: ProblemListRow): ProblemFact {
  return { raisedOn: chinaDate(row.raised_at), deadline: row.deadline, closedOn: row.closed_on };
}

/** Derives overdue (core's isOverdue) as of `today`. */
export function problemItem(row: ProblemListRow, today: string): ProblemItem {
  const overdue = isOverdue(problemFact(row), today);
  return { row, overdue, daysOverdue: overdue ? daysBetween(row.deadline, today) : 0 };
}

/** One problem with its photos, history, deduction lines and what the viewer may do next. */
export interface ProblemDetail {
  item: ProblemItem;
  photos: ProblemPhotoRow[];
  events: { event: ProblemEventRow; photos: ProblemPhotoRow[] }[];
  deductions: { month: string; points: number }[];
  can: { rectify: boolean; startReview: boolean; review: boolean };
}

/**
 * The deduction lines of one problem as the ranking counts them: core computes its unit's results as of
 * December of the campaign year or the current month, whichever comes first, and the lines naming it are kept.
 */
async function deductionLines(
  ctx: ServiceContext,
  row: ProblemListRow,
): Promise<{ month: string; points: number }[]> {
  const campaign = await ctx.repos.campaigns.findByCode(row.campaign_code);
  if (!campaign) return [];
  const year = Number(campaign.year);
  const current = chinaDate(ctx.now).slice(0, 7);
  const december = monthKey(year, 12);
  const t = [current, december].sort()[0] ?? december;
  if (t < monthKey(year, 1)) return [];
  const inputs = await loadRankingInputs(ctx.repos, campaign);
  const unit = inputs.unitInputs.find((u) => u.code === row.unit_code);
  if (!unit) return [];
  const mine = <T extends { unit: string }>(list: T[]) => list.filter((x) => x.unit === unit.code);
  const results = computeUnitResultsForMonths(
    inputs.model,
    [unit],
    mine(inputs.scores),
    mine(inputs.bonuses),
    mine(inputs.problems),
    [t],
  );
  const star = results.get(t)?.[0]?.stars.find((s) => s.star === row.star);
  return (star?.deductions ?? [])
    .filter((d) => d.problemId === row.id)
    .map((d) => ({ month: d.monthEnd, points: d.points }));
}

/** Builds a problem's detail for the acting user (the caller has authorised reading it). */
export async function buildProblemDetail(ctx: ServiceContext, row: ProblemListRow): Promise<ProblemDetail> {
  const actor = ctx.actor;
  const unit = { path: row.unit_path, type: row.unit_type };
  const photos = await ctx.repos.problems.photos(row.id);
  const events = await ctx.repos.problems.events(row.id);
  const status = row.status as ProblemStatus;
  return {
    item: problemItem(row, chinaDate(ctx.now)),
    photos: photos.filter((p) => p.event_id === null),
    events: events.map((event) => ({ event, photos: photos.filter((p) => p.event_id === event.id) })),
    deductions: await deductionLines(ctx, row),
    can: {
      rectify: status === 'open' && can(actor, { do: 'problem.rectify', unit }),
      startReview: status === 'submitted' && can(actor, { do: 'problem.review', unit }),
      review: status === 'reviewing' && can(actor, { do: 'problem.review', unit }),
    },
  };
}

/** One problem with its whole history (anyone who may read its unit's ledger). */
export async function getProblem(ctx: ServiceContext, id: string): Promise<ProblemDetail> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const row = await ctx.repos.problems.findById(id);
  if (!row) throw notFound('问题不存在');
  const assigned =
    ctx.actor.role === 'inspector' &&
    row.round_id !== null &&
    (await ctx.repos.rounds.isAssigned(row.round_id, row.unit_id, ctx.actor.userId));
  authorize(ctx.actor, { do: 'problem.read', unit: { path: row.unit_path, type: row.unit_type }, assigned });
  return buildProblemDetail(ctx, row);
}

/** The filtered problems inside the actor's part of the tree, with overdue decided by core. */
async function scopedProblems(
  ctx: ServiceContext & { actor: Actor },
  query: Omit<ProblemListQuery, 'page' | 'pageSize'>,
): Promise<ProblemItem[]> {
  const campaign = query.campaign ? await findCampaign(ctx.repos, query.campaign) : null;
  const rows = await ctx.repos.problems.list(unitScopeOf(ctx.actor), {
    ...(campaign ? { campaignId: campaign.id } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.source ? { source: query.source } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.unit ? { unitCode: query.unit } : {}),
    ...(query.street ? { streetCode: query.street } : {}),
    ...(query.round ? { roundId: query.round } : {}),
    ...(query.star ? { star: query.star } : {}),
    ...(query.q ? { q: query.q } : {}),
  });
  const today = chinaDate(ctx.now);
  const items = rows.map((r) => problemItem(r, today));
  if (query.overdue === undefined) return items;
  const wanted = query.overdue === 'true';
  return items.filter((i) => i.overdue === wanted);
}

/** A page of the ledger with counts by status and overdue over the whole filtered set. */
export interface ProblemPage {
  items: ProblemItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<ProblemStatus | 'overdue', number>;
}

/**
 * The problem ledger: rows cut to the actor's scope (a village its own unit, a street admin their street,
 * an inspector their assigned units, the district everything), filtered, counted and paged.
 */
export async function listProblems(ctx: ServiceContext, query: ProblemListQuery): Promise<ProblemPage> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const items = await scopedProblems({ ...ctx, actor: ctx.actor }, query);
  const counts: ProblemPage['counts'] = { open: 0, submitted: 0, reviewing: 0, closed: 0, overdue: 0 };
  for (const i of items) {
    const status = i.row.status as ProblemStatus;
    if (status in counts) counts[status] += 1;
    if (i.overdue) counts.overdue += 1;
  }
  const from = (query.page - 1) * query.pageSize;
  return {
    items: items.slice(from, from + query.pageSize),
    total: items.length,
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}

/** Every problem of the filtered ledger (no paging) with the campaigns' star names, for an export. */
export async function exportProblems(
  ctx: ServiceContext,
  query: Omit<ProblemListQuery, 'page' | 'pageSize'>,
): Promise<{ items: ProblemItem[]; starNames: Map<string, string> }> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const items = await scopedProblems({ ...ctx, actor: ctx.actor }, query);
  const starNames = new Map<string, string>();
  for (const campaignId of new Set(items.map((i) => i.row.campaign_id)))
    for (const s of await ctx.repos.campaigns.stars(campaignId))
      starNames.set(`${campaignId}:${s.code}`, s.name);
  return { items, starNames };
}

/** One row of the statistics: a street or village (or the total) with core's figures. */
export interface StatsRow {
  code: string;
  name: string;
  parentName: string | null;
  figures: ProblemFigures;
}

export interface ProblemStats {
  campaign: CampaignRow;
  level: 'street' | 'village';
  rounds: number;
  total: StatsRow;
  rows: StatsRow[];
  bySource: { source: ProblemSource; notified: number; closed: number }[];
}

/** The campaign the statistics default to: the newest active one. */
async function defaultCampaign(ctx: ServiceContext, code: string | undefined): Promise<CampaignRow> {
  if (code) return findCampaign(ctx.repos, code);
  const newest = (await ctx.repos.campaigns.list()).find((c) => c.status !== 'archived');
  if (!newest) throw notFound('考评方案不存在');
  return findCampaign(ctx.repos, newest.code);
}

/**
 * 通报问题, 整改销号, 销号率, 逾期未整改, 平均整改天数 (core's problemFigures) per street or per village of the
 * campaign, and for the whole scope. Every assessed unit (or street) in scope has a row, with or without
 * problems; problems are cut to the actor's scope like the ledger.
 */
export async function problemStats(ctx: ServiceContext, query: ProblemStatsQuery): Promise<ProblemStats> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await defaultCampaign(ctx, query.campaign);
  const scope = unitScopeOf(ctx.actor);
  const problems = await ctx.repos.problems.list(scope, {
    campaignId: campaign.id,
    ...(query.round ? { roundId: query.round } : {}),
  });
  const units = (await ctx.repos.campaigns.units(campaign.id)).filter((u) => scopeCovers(scope, u.path));
  const parentIds = [...new Set(units.flatMap((u) => (u.parent_id ? [u.parent_id] : [])))];
  const parents = await ctx.repos.units.findByIds(parentIds);
  const grand = await ctx.repos.units.findByIds([
    ...new Set(parents.flatMap((p) => (p.parent_id ? [p.parent_id] : []))),
  ]);
  const nameOf = new Map([...parents, ...grand].map((u) => [u.id, u.name]));

  const groups = new Map<
    string,
    { code: string; name: string; parentName: string | null; facts: ProblemFact[] }
  >();
  const group = (code: string, name: string, parentName: string | null) => {
    let g = groups.get(code);
    if (!g) {
      g = { code, name, parentName, facts: [] };
      groups.set(code, g);
    }
    return g;
  };
  for (const u of units) {
    if (query.level === 'village')
      group(u.code, u.name, u.parent_id ? (nameOf.get(u.parent_id) ?? null) : null);
    else {
      const street = parents.find((p) => p.id === u.parent_id);
      if (street)
        group(street.code, street.name, street.parent_id ? (nameOf.get(street.parent_id) ?? null) : null);
    }
  }
  for (const p of problems) {
    const g =
      query.level === 'village'
        ? group(p.unit_code, p.unit_name, p.street_name)
        : group(p.street_code ?? p.unit_code, p.street_name ?? p.unit_name, null);
    g.facts.push(problemFact(p));
  }
  const today = chinaDate(ctx.now);
  const bySource = PROBLEM_SOURCES.map((source) => {
    const of = problems.filter((p) => p.source === source);
    return { source, notified: of.length, closed: of.filter((p) => p.closed_on !== null).length };
  });
  return {
    campaign,
    level: query.level,
    rounds: query.round ? 1 : await ctx.repos.problems.roundCount(campaign.id),
    total: {
      code: '',
      name: '合计',
      parentName: null,
      figures: problemFigures(problems.map(problemFact), today),
    },
    rows: [...groups.values()].map((g) => ({
      code: g.code,
      name: g.name,
      parentName: g.parentName,
      figures: problemFigures(g.facts, today),
    })),
    bySource,
  };
}

/** A round's notice: the round (as its lists summarise it for the actor) and its problems in the actor's scope. */
export interface RoundNotice {
  summary: RoundSummary;
  items: ProblemItem[];
  starNames: Map<string, string>;
}

/** 通报: the problems a round found, for print and Excel (rows cut to the actor's scope like the ledger). */
export async function roundNotice(ctx: ServiceContext, roundId: string): Promise<RoundNotice> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const round = await ctx.repos.rounds.findById(roundId);
  if (!round) throw notFound('督导轮次不存在');
  const [state] = await loadRoundStates(ctx, [round]);
  if (!state) throw notFound('督导轮次不存在');
  const today = chinaDate(ctx.now);
  const rows = await ctx.repos.problems.list(unitScopeOf(ctx.actor), { roundId });
  const items = rows.sort((a, b) => (a.number < b.number ? -1 : 1)).map((r) => problemItem(r, today));
  const starNames = new Map(
    (await ctx.repos.campaigns.stars(round.campaign_id)).map((s) => [
      `${round.campaign_id}:${s.code}`,
      s.name,
    ]),
  );
  // The notice counts the problems it lists (the actor's part of the ledger).
  return { summary: { ...summaryFor(ctx.actor, state), problemCount: items.length }, items, starNames };
}
