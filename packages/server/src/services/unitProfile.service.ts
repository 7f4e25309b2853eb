import {
  computeUnitResultsForMonths,
  type Period,
  parsePeriod,
  rankRows,
  rateStars,
  type StarRating,
  type StarResult,
} from '@wuxing/core';
import type { ProfileQuery } from '../contracts/campaigns';
import { invalid, notFound } from '../lib/errors';
import type { Actor } from '../policies/actor';
import { authorize } from '../policies/policy';
import type { BonusRow } from '../repositories/bonus.repository';
import type { CampaignItemRow, CampaignRow } from '../repositories/campaign.repository';
import type { CurrentScoreRow } from '../repositories/score.repository';
import type { UnitRow } from '../repositories/unit.repository';
import {
  type AssessedUnit,
  currentItemScore,
  effectiveTargets,
  findCampaign,
  itemTrimRules,
  loadRankingInputs,
  lockedMonths,
  type ParentRef,
  parentAt,
  requiredStarOf,
  yearMonths,
} from './campaignLoader';
import type { ServiceContext } from './context';
import { campaignPeriod } from './ranking.service';
import { TASK_MODULE } from './taskLoader';

/** One item of a unit's card with the score its current entries make and the caller's own entry. */
export interface UnitItem {
  item: CampaignItemRow;
  score: number | null;
  na: boolean;
  entries: number;
  locked: boolean;
  mine: { entryId: string; points: number | null; na: boolean } | null;
  /** Scored by active daily tasks (no hand-entered score). */
  byTasks: boolean;
}

/** A unit's score sheet: its items (optionally of one month) as the entry page lists them. */
export interface ScoreSheet {
  campaign: CampaignRow;
  unit: UnitRow;
  targets: string[];
  items: UnitItem[];
}

/** A unit's year: score and rank per month, per-star scores at the period's end, items, bonuses, rating. */
export interface UnitProfile {
  campaign: CampaignRow;
  unit: AssessedUnit;
  parent: ParentRef | null;
  period: Period;
  score: number;
  rank: number;
  total: number;
  rate: number | null;
  stars: { code: string; name: string; result: StarResult | null }[];
  months: {
    month: string;
    score: number;
    rank: number;
    total: number;
    change: number | null;
    rate: number | null;
  }[];
  items: UnitItem[];
  bonuses: BonusRow[];
  rating: StarRating | null;
}

/** The items of a unit's targeted stars with current scores (core's itemScore), entry counts and locks. */
async function unitItems(
  ctx: ServiceContext,
  actor: Actor,
  campaign: CampaignRow,
  unitId: string,
  targets: string[],
  month: string | undefined,
): Promise<UnitItem[]> {
  const items = (await ctx.repos.campaigns.items(campaign.id)).filter(
    (i) => targets.includes(i.star) && (month === undefined || i.month === month),
  );
  const current = await ctx.repos.scores.currentEntries(campaign.id, unitId);
  const byItem = new Map<string, CurrentScoreRow[]>();
  for (const r of current) byItem.set(r.item_id, [...(byItem.get(r.item_id) ?? []), r]);
  const counts = await ctx.repos.scores.countsForUnit(campaign.id, unitId);
  const locked = lockedMonths(await ctx.repos.campaigns.locks(campaign.id));
  const trimOf = await itemTrimRules(ctx.repos, campaign, items);
  const taskScored = new Set(
    (await ctx.repos.tasks.list(campaign.id, { status: 'active' })).map((t) => `${t.star}\u0000${t.month}`),
  );
  return items.map((item) => {
    const rows = byItem.get(item.id) ?? [];
    const { score, na } = currentItemScore(rows, Number(item.max), trimOf(item));
    const mine = rows
      .filter((r) => r.scorer === actor.userId)
      .sort((a, b) => (a.entered_at < b.entered_at ? 1 : -1))[0];
    return {
      item,
      score,
      na,
      entries: counts.get(item.id) ?? 0,
      locked: locked.has(item.month),
      byTasks: item.module === TASK_MODULE && taskScored.has(`${item.star}\u0000${item.month}`),
      mine: mine
        ? {
            entryId: mine.id,
            points: mine.points === null ? null : Number(mine.points),
            na: Boolean(mine.na),
          }
        : null,
    };
  });
}

async function findUnit(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw notFound('单位不存在');
  return unit;
}

/** The score sheet of one unit for the entry page: every item of its targets (or of one month). */
export async function getScoreSheet(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  month: string | undefined,
): Promise<ScoreSheet> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const unit = await findUnit(ctx, unitCode);
  authorize(ctx.actor, { do: 'campaign.unitRead', unit });
  if (!(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw notFound('该单位不在本方案的考评范围内');
  if (month !== undefined && Number(month.slice(0, 4)) !== Number(campaign.year))
    throw invalid(`月份 ${month} 不在考评年度 ${campaign.year} 内`, 'month');
  const stars = (await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code);
  const approved = (await ctx.repos.targets.forUnit(campaign.id, unit.id))
    .filter((t) => t.status === 'approved')
    .map((t) => t.star);
  const targets = effectiveTargets(approved, requiredStarOf(campaign.prerequisite, stars), stars);
  return {
    campaign,
    unit,
    targets,
    items: await unitItems(ctx, ctx.actor, campaign, unit.id, targets, month),
  };
}

/**
 * A unit's profile: its score and rank in every month of the year (with the change), each star's score and
 * modules at the period's end (for a radar), the item table, bonuses and — for the year — its 评星.
 */
export async function getUnitProfile(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  query: ProfileQuery,
): Promise<UnitProfile> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const unitRow = await findUnit(ctx, unitCode);
  authorize(ctx.actor, { do: 'campaign.unitRead', unit: unitRow });
  const period = query.period ? campaignPeriod(campaign, query.period) : parsePeriod(String(campaign.year));
  const inputs = await loadRankingInputs(ctx.repos, campaign);
  const unit = inputs.units.find((u) => u.code === unitCode);
  if (!unit) throw notFound('该单位不在本方案的考评范围内');
  const months = yearMonths(Number(campaign.year));
  const results = computeUnitResultsForMonths(
    inputs.model,
    inputs.unitInputs,
    inputs.scores,
    inputs.bonuses,
    inputs.problems,
    months,
  );
  const monthly: UnitProfile['months'] = [];
  let previousRanks: Map<string, number> | undefined;
  for (const month of months) {
    const list = results.get(month) ?? [];
    const ranked = rankRows(
      list.map((r) => ({ code: r.unit, score: r.score })),
      previousRanks,
    );
    const mine = ranked.find((r) => r.code === unit.code);
    const result = list.find((r) => r.unit === unit.code);
    if (mine && result)
      monthly.push({
        month,
        score: mine.score,
        rank: mine.rank,
        total: ranked.length,
        change: mine.change,
        rate: result.rate,
      });
    previousRanks = new Map(ranked.map((r) => [r.code, r.rank]));
  }
  const atEnd = (results.get(period.end) ?? []).find((r) => r.unit === unit.code);
  const endRow = monthly.find((m) => m.month === period.end);
  const parentId = parentAt(unit, inputs.moves, period.end);
  return {
    campaign,
    unit,
    parent: (parentId && inputs.parents.get(parentId)) || null,
    period,
    score: atEnd?.score ?? 0,
    rank: endRow?.rank ?? 0,
    total: endRow?.total ?? inputs.units.length,
    rate: atEnd?.rate ?? null,
    stars: inputs.model.stars.map((s) => ({
      code: s.code,
      name: s.name,
      result: atEnd?.stars.find((x) => x.star === s.code) ?? null,
    })),
    months: monthly,
    items: await unitItems(ctx, ctx.actor, campaign, unit.id, unit.targets, undefined),
    bonuses: await ctx.repos.bonuses.list(campaign.id, unit.id),
    rating:
      period.kind === 'year' && atEnd ? (rateStars(inputs.model, [atEnd], inputs.vetoes)[0] ?? null) : null,
  };
}
