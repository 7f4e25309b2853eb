import {
  type BonusInput,
  type CampaignModel,
  itemScore,
  type Membership,
  type Month,
  monthKey,
  type ProblemInput,
  type ScoreInput,
  type UnitInput,
  type VetoInput,
} from '@wuxing/core';
import { conflict, notFound } from '../lib/errors';
import type { Repos } from '../repositories';
import type { BonusRow } from '../repositories/bonus.repository';
import type {
  CampaignItemRow,
  CampaignModuleRow,
  CampaignRow,
  CampaignStarRow,
  CampaignUnitRow,
  PeriodLockRow,
  UnitMoveRow,
} from '../repositories/campaign.repository';
import type { ProblemRankingRow } from '../repositories/problem.repository';
import type { CurrentScoreRow } from '../repositories/score.repository';
import type { TargetRow } from '../repositories/target.repository';
import type { UnitRow } from '../repositories/unit.repository';

/**
 * Loading a campaign's model and its scoring inputs from the repositories, in a handful of queries, and
 * turning rows into the plain data `@wuxing/core` computes on. No formula lives here.
 */

/** A campaign's model as stored, and as core reads it. */
export interface LoadedModel {
  campaign: CampaignRow;
  stars: CampaignStarRow[];
  modules: CampaignModuleRow[];
  items: CampaignItemRow[];
  itemById: Map<string, CampaignItemRow>;
  itemByCode: Map<string, CampaignItemRow>;
  model: CampaignModel;
  /** The star every unit targets (the prerequisite star, default ZB), when it is one of the campaign's. */
  requiredStar: string | null;
}

/** An assessed unit with its effective target stars. */
export interface AssessedUnit {
  id: string;
  code: string;
  name: string;
  type: string;
  path: string;
  parentId: string | null;
  weight: number;
  targets: string[];
}

/** A unit's parent (street) as of some month's end. */
export interface ParentRef {
  id: string;
  code: string;
  name: string;
  path: string;
  parentId: string | null;
}

/** Everything a ranking needs: model, units, current scores, bonuses, and where each unit sat when. */
export interface RankingInputs extends LoadedModel {
  units: AssessedUnit[];
  unitInputs: UnitInput[];
  scores: ScoreInput[];
  bonuses: BonusInput[];
  /** The campaign's problems, for their deductions (title: number and description). */
  problems: ProblemInput[];
  /** The campaign's active (not revoked) vetoes (一票否决), for rateStars. */
  vetoes: VetoInput[];
  moves: Map<string, UnitMoveRow[]>;
  /** Every unit that is or was a parent of an assessed unit (and those parents' parents), by id. */
  parents: Map<string, ParentRef>;
}

/** Finds a campaign by code or throws 404. */
export async function findCampaign(repos: Repos, code: string): Promise<CampaignRow> {
  const campaign = await repos.campaigns.findByCode(code);
  if (!campaign) throw notFound('考评方案不存在');
  return campaign;
}

/** A campaign that still takes changes: an archived one is read-only (409). */
export async function findOpenCampaign(repos: Repos, code: string): Promise<CampaignRow> {
  const campaign = await findCampaign(repos, code);
  if (campaign.status === 'archived') throw conflict('该考评方案已归档，不能再修改', 'code');
  return campaign;
}

/** The core model of stored rows. */
export function toModel(
  campaign: CampaignRow,
  stars: { code: string; name: string }[],
  modules: { code: string; name: string; budget: number; kind: string }[],
  items: { code: string; name: string; star: string; module: string; month: string; max: number }[],
): CampaignModel {
  return {
    year: Number(campaign.year),
    stars: stars.map((s) => ({ code: s.code, name: s.name })),
    modules: modules.map((m) => ({
      code: m.code,
      name: m.name,
      budget: Number(m.budget),
      kind: m.kind === 'bonus' ? 'bonus' : 'plan',
    })),
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      star: i.star,
      module: i.module,
      month: i.month,
      max: Number(i.max),
    })),
    starLine: Number(campaign.star_line),
    prerequisite: campaign.prerequisite,
    trim: Boolean(campaign.trim),
    problemDeduction: Number(campaign.problem_deduction),
    ...(campaign.deduction_module ? { deductionModule: campaign.deduction_module } : {}),
  };
}

/** The star every unit's targets include by default: the prerequisite star when the campaign has it. */
export function requiredStarOf(prerequisite: string | null, starCodes: string[]): string | null {
  return prerequisite !== null && starCodes.includes(prerequisite) ? prerequisite : null;
}

/** Loads a campaign's stars, modules and items and builds its core model. */
export async function loadModel(repos: Repos, campaign: CampaignRow): Promise<LoadedModel> {
  const [stars, modules, items] = [
    await repos.campaigns.stars(campaign.id),
    await repos.campaigns.modules(campaign.id),
    await repos.campaigns.items(campaign.id),
  ];
  return {
    campaign,
    stars,
    modules,
    items,
    itemById: new Map(items.map((i) => [i.id, i])),
    itemByCode: new Map(items.map((i) => [i.code, i])),
    model: toModel(campaign, stars, modules, items),
    requiredStar: requiredStarOf(
      campaign.prerequisite,
      stars.map((s) => s.code),
    ),
  };
}

/** The stars that count for a unit: its approved ones plus the required star, in campaign star order. */
/** The stars a unit targets in a campaign (approved targets and the required star), in the campaign's order. */
export async function unitTargetStars(
  repos: Repos,
  campaign: CampaignRow,
  unitId: string,
): Promise<{ stars: CampaignStarRow[]; targets: string[] }> {
  const stars = await repos.campaigns.stars(campaign.id);
  const order = stars.map((s) => s.code);
  const approved = (await repos.targets.forUnit(campaign.id, unitId))
    .filter((t) => t.status === 'approved')
    .map((t) => t.star);
  return { stars, targets: effectiveTargets(approved, requiredStarOf(campaign.prerequisite, order), order) };
}

export function effectiveTargets(
  approved: Iterable<string>,
  requiredStar: string | null,
  starOrder: string[],
): string[] {
  const set = new Set(approved);
  if (requiredStar) set.add(requiredStar);
  return starOrder.filter((s) => set.has(s));
}

/** Joins assessed units with their approved targets. */
export function assessedUnits(
  rows: CampaignUnitRow[],
  approved: TargetRow[],
  requiredStar: string | null,
  starOrder: string[],
): AssessedUnit[] {
  const byUnit = new Map<string, string[]>();
  for (const t of approved) {
    const list = byUnit.get(t.unit_id);
    if (list) list.push(t.star);
    else byUnit.set(t.unit_id, [t.star]);
  }
  return rows.map((r) => ({
    id: r.unit_id,
    code: r.code,
    name: r.name,
    type: r.type,
    path: r.path,
    parentId: r.parent_id,
    weight: Number(r.weight),
    targets: effectiveTargets(byUnit.get(r.unit_id) ?? [], requiredStar, starOrder),
  }));
}

/**
 * Reduces current ledger rows to core's score inputs: one per (unit, item), the latest row of each scorer
 * counting once; the item is N/A when a current row says so. A scorer whose latest row has no points (and is
 * not N/A) has withdrawn their score: they do not count, and an item no one else scored stays unscored.
 */
export function toScoreInputs(
  rows: CurrentScoreRow[],
  unitCodeById: Map<string, string>,
  itemCodeById: Map<string, string>,
): ScoreInput[] {
  const latest = new Map<string, CurrentScoreRow>();
  for (const r of rows) {
    const key = `${r.unit_id}\u0000${r.item_id}\u0000${r.scorer}`;
    const seen = latest.get(key);
    if (!seen || r.entered_at > seen.entered_at || (r.entered_at === seen.entered_at && r.id > seen.id))
      latest.set(key, r);
  }
  const byItem = new Map<string, ScoreInput>();
  for (const r of latest.values()) {
    const unit = unitCodeById.get(r.unit_id);
    const item = itemCodeById.get(r.item_id);
    if (unit === undefined || item === undefined) continue;
    // A current row without points that is not N/A takes a scorer's score back: the item is unscored by them.
    if (!r.na && r.points === null) continue;
    const key = `${r.unit_id}\u0000${r.item_id}`;
    let input = byItem.get(key);
    if (!input) {
      input = { unit, item, points: [], na: false };
      byItem.set(key, input);
    }
    if (r.na) input.na = true;
    else if (r.points !== null) input.points.push(Number(r.points));
  }
  return [...byItem.values()];
}

/** Core's bonus inputs from bonus rows. */
export function toBonusInputs(rows: BonusRow[], unitCodeById: Map<string, string>): BonusInput[] {
  const out: BonusInput[] = [];
  for (const b of rows) {
    const unit = unitCodeById.get(b.unit_id);
    if (unit === undefined) continue;
    out.push({ unit, star: b.star, module: b.module, month: b.month, points: Number(b.points) });
  }
  return out;
}

/** Core's veto inputs from active veto rows. */
export function toVetoInputs(
  rows: { unit_id: string; star: string; reason: string }[],
  unitCodeById: Map<string, string>,
): VetoInput[] {
  const out: VetoInput[] = [];
  for (const v of rows) {
    const unit = unitCodeById.get(v.unit_id);
    if (unit !== undefined) out.push({ unit, star: v.star, reason: v.reason });
  }
  return out;
}

/** Core's problem inputs from the ledger: the unit's code, star, deadline, closing day; titled by number. */
export function toProblemInputs(
  rows: ProblemRankingRow[],
  unitCodeById: Map<string, string>,
): ProblemInput[] {
  const out: ProblemInput[] = [];
  for (const p of rows) {
    const unit = unitCodeById.get(p.unit_id);
    if (unit === undefined) continue;
    out.push({
      id: p.id,
      title: `${p.number} ${p.description}`,
      unit,
      star: p.star,
      deadline: p.deadline,
      closedOn: p.closed_on,
    });
  }
  return out;
}

/** Trimmed or not for an item a scored round fills; undefined when no scored round fills it. */
function ruleLookup(
  rules: { module: string; month: string; rule: string }[],
): (item: { module: string; month: string }) => boolean | undefined {
  const byKey = new Map(rules.map((r) => [`${r.module}\u0000${r.month}`, r.rule === 'trimmed']));
  return (item) => byKey.get(`${item.module}\u0000${item.month}`);
}

/**
 * Items a scored round fills (its template's module, its month) combine their scorers by the template's rule:
 * sets ScoreInput.trim on them (trimmed or plain mean), overriding the campaign's default.
 */
export function applySheetRules(
  scores: ScoreInput[],
  items: CampaignItemRow[],
  rules: { module: string; month: string; rule: string }[],
): void {
  if (rules.length === 0) return;
  const ruleOf = ruleLookup(rules);
  const trimOf = new Map<string, boolean>();
  for (const i of items) {
    const trim = ruleOf(i);
    if (trim !== undefined) trimOf.set(i.code, trim);
  }
  for (const s of scores) {
    const trim = trimOf.get(s.item);
    if (trim !== undefined) s.trim = trim;
  }
}

/**
 * Whether several scorers of each item are trimmed: the template's rule for items a scored round fills, the
 * campaign's default for the rest. The one answer the ranking, profiles and score responses share.
 */
export async function itemTrimRules(
  repos: Repos,
  campaign: CampaignRow,
  items: CampaignItemRow[],
): Promise<(item: CampaignItemRow) => boolean> {
  const ruleOf = ruleLookup(await repos.rounds.scoredRules(campaign.id));
  const fallback = Boolean(campaign.trim);
  const byItem = new Map(items.map((i) => [i.id, ruleOf(i) ?? fallback]));
  return (item) => byItem.get(item.id) ?? fallback;
}

/** e(u,i) of one unit's item from its current rows, through core's itemScore; null when nobody scored it. */
export function currentItemScore(
  rows: CurrentScoreRow[],
  max: number,
  trim: boolean,
): { score: number | null; na: boolean } {
  const inputs = toScoreInputs(
    rows,
    new Map(rows.map((r) => [r.unit_id, r.unit_id])),
    new Map(rows.map((r) => [r.item_id, r.item_id])),
  );
  const input = inputs[0];
  if (!input) return { score: null, na: false };
  if (input.na) return { score: null, na: true };
  return { score: itemScore(input.points, max, trim), na: false };
}

/** Loads everything a ranking or a profile computes on, in a few queries. */
export async function loadRankingInputs(repos: Repos, campaign: CampaignRow): Promise<RankingInputs> {
  const loaded = await loadModel(repos, campaign);
  const unitRows = await repos.campaigns.units(campaign.id);
  const approved = await repos.targets.list(campaign.id, ['approved']);
  const starOrder = loaded.stars.map((s) => s.code);
  const units = assessedUnits(unitRows, approved, loaded.requiredStar, starOrder);
  const unitCodeById = new Map(units.map((u) => [u.id, u.code]));
  const itemCodeById = new Map(loaded.items.map((i) => [i.id, i.code]));
  const scores = toScoreInputs(await repos.scores.currentEntries(campaign.id), unitCodeById, itemCodeById);
  applySheetRules(scores, loaded.items, await repos.rounds.scoredRules(campaign.id));
  const bonuses = toBonusInputs(await repos.bonuses.list(campaign.id), unitCodeById);
  const problems = toProblemInputs(await repos.problems.forRanking(campaign.id), unitCodeById);
  const vetoes = toVetoInputs(await repos.vetoes.active(campaign.id), unitCodeById);
  const moveRows = await repos.campaigns.unitMoves(campaign.id);
  const moves = new Map<string, UnitMoveRow[]>();
  for (const m of moveRows) {
    const list = moves.get(m.unit_id);
    if (list) list.push(m);
    else moves.set(m.unit_id, [m]);
  }
  const parentIds = new Set<string>();
  for (const u of units) if (u.parentId) parentIds.add(u.parentId);
  for (const m of moveRows) {
    if (m.from_parent_id) parentIds.add(m.from_parent_id);
    if (m.to_parent_id) parentIds.add(m.to_parent_id);
  }
  const parentRows: UnitRow[] = await repos.units.findByIds([...parentIds]);
  // …and the parents' parents (the district), which a street ranking shows as 上级.
  const above = [
    ...new Set(parentRows.flatMap((p) => (p.parent_id && !parentIds.has(p.parent_id) ? [p.parent_id] : []))),
  ];
  parentRows.push(...(await repos.units.findByIds(above)));
  const parents = new Map(
    parentRows.map((p) => [
      p.id,
      { id: p.id, code: p.code, name: p.name, path: p.path, parentId: p.parent_id } satisfies ParentRef,
    ]),
  );
  return {
    ...loaded,
    units,
    unitInputs: units.map((u) => ({ code: u.code, name: u.name, targets: u.targets, weight: u.weight })),
    scores,
    bonuses,
    problems,
    vetoes,
    moves,
    parents,
  };
}

/** The instant a month ends in China Standard Time (UTC+8), as an ISO UTC string like the history's `at`. */
export function monthEndInstant(month: Month): string {
  const year = Number(month.slice(0, 4));
  const mon = Number(month.slice(5, 7));
  const next = mon === 12 ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, mon, 1);
  return new Date(next - 8 * 3600 * 1000).toISOString();
}

/**
 * The parent a unit had at a month's end: the parent it left in its first move after that instant, or its
 * current parent when it has not moved since. Units can move between streets mid-year.
 */
export function parentAt(unit: AssessedUnit, moves: Map<string, UnitMoveRow[]>, month: Month): string | null {
  const boundary = monthEndInstant(month);
  const next = (moves.get(unit.id) ?? []).find((m) => m.at >= boundary);
  return next?.from_parent_id ?? unit.parentId;
}

/** Which street each unit belonged to at a month's end, for core's streetScores. */
export function membershipAt(inputs: RankingInputs, month: Month): Membership[] {
  const out: Membership[] = [];
  for (const u of inputs.units) {
    const parentId = parentAt(u, inputs.moves, month);
    const parent = parentId ? inputs.parents.get(parentId) : undefined;
    if (parent) out.push({ unit: u.code, street: parent.code });
  }
  return out;
}

/** All twelve months of a campaign year. */
export function yearMonths(year: number): Month[] {
  return Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1));
}

/** Locked months as a set. */
export function lockedMonths(locks: PeriodLockRow[]): Set<string> {
  return new Set(locks.map((l) => l.month));
}
