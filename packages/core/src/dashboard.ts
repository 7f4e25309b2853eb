import type { CampaignModel, ScoreInput, UnitInput } from './model';
import type { Month } from './periods';
import { round2 } from './rounding';
import { itemScore } from './scoring';

/**
 * The dashboards' own small formulas: the score distribution's buckets, a mean that is null over nothing, and
 * what each item has cost a unit so far (its share of the star card it could have had minus what it got).
 */

/** One bucket of the score distribution: `from` ≤ score < `to`; the last one includes its `to`. */
export interface ScoreBucketResult {
  label: string;
  from: number;
  to: number;
  count: number;
  /** Codes of the units in the bucket, in the order given. */
  units: string[];
}

/**
 * The bucket edges of the distribution: ten 10-point bands over 0–100, the whole range a unit score U(u,t) can
 * take (it accumulates through the year towards 100), so a month early in the year and December read alike.
 */
export const SCORE_BUCKET_EDGES: readonly number[] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/**
 * Counts scores into the distribution's buckets, comparing the displayed (2-decimal) score as the ranking does:
 * 59.996 shows as 60.00 and counts in 60–70. Below 0 counts in the first bucket, above 100 in the last.
 */
export function scoreBuckets(
  rows: { code: string; score: number }[],
  edges: readonly number[] = SCORE_BUCKET_EDGES,
): ScoreBucketResult[] {
  const buckets: ScoreBucketResult[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    buckets.push({ label: `${from}–${to}`, from, to, count: 0, units: [] });
  }
  if (buckets.length === 0) return buckets;
  for (const r of rows) {
    const shown = round2(r.score);
    let index = buckets.findIndex((b) => shown >= b.from && shown < b.to);
    if (index < 0) index = shown < (buckets[0] as ScoreBucketResult).from ? 0 : buckets.length - 1;
    const bucket = buckets[index] as ScoreBucketResult;
    bucket.count++;
    bucket.units.push(r.code);
  }
  return buckets;
}

/**
 * Rounds to 1 decimal half up as a person would (a 销号率 of 66.65 → 66.7), through round2's decimal reading so
 * binary artefacts do not leak in.
 */
export function round1(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Number((round2(x / 10) * 10).toFixed(1));
}

/** The arithmetic mean, or null over no values (a dashboard shows "—" rather than 0). */
export function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** What one item has cost a unit so far, in points of its star's 100-point card. */
export interface ItemLoss {
  star: string;
  item: string;
  /** B(m) · x(i) / X_u(m,s): what the item is worth on the card. */
  max: number;
  /** B(m) · e(u,i) / X_u(m,s): what the unit got for it. */
  got: number;
  /** max − got. */
  lost: number;
}

/**
 * Per item due by `month` (d(i) ≤ month) of the unit's target stars and plan modules, not N/A: the points it
 * is worth on the star card (`SCORING.md`: P = B(m) · Σ e / X_u(m,s), so item i contributes B(m) · e(u,i) /
 * X_u(m,s)) and what the unit got, an unscored item counting 0. Summing `got` over a (star, module) gives P
 * before problem deductions. Largest loss first, ties by item code.
 */
export function itemLosses(
  model: CampaignModel,
  unit: UnitInput,
  scores: ScoreInput[],
  month: Month,
): ItemLoss[] {
  const targets = new Set(unit.targets.filter((s) => model.stars.some((x) => x.code === s)));
  const budgetOf = new Map(model.modules.filter((m) => m.kind === 'plan').map((m) => [m.code, m.budget]));
  const scoreOf = new Map(scores.filter((s) => s.unit === unit.code).map((s) => [s.item, s]));
  const inPlan = model.items.filter(
    (i) => targets.has(i.star) && budgetOf.has(i.module) && !scoreOf.get(i.code)?.na && i.max > 0,
  );
  const planMax = new Map<string, number>();
  for (const i of inPlan) {
    const key = `${i.star}\u0000${i.module}`;
    planMax.set(key, (planMax.get(key) ?? 0) + i.max);
  }
  const out: ItemLoss[] = [];
  for (const i of inPlan) {
    if (i.month > month) continue;
    const x = planMax.get(`${i.star}\u0000${i.module}`) ?? 0;
    const budget = budgetOf.get(i.module) ?? 0;
    if (!(x > 0)) continue;
    const input = scoreOf.get(i.code);
    const e = input ? itemScore(input.points, i.max, input.trim ?? model.trim) : 0;
    const max = (budget * i.max) / x;
    const got = (budget * e) / x;
    out.push({ star: i.star, item: i.code, max, got, lost: max - got });
  }
  return out.sort((a, b) => b.lost - a.lost || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
}
