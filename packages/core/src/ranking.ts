import type { UnitInput } from './model';
import { round2 } from './rounding';
import type { UnitResult } from './scoring';

export interface RankInput {
  code: string;
  score: number;
}

export interface RankedRow {
  code: string;
  /** Full-precision score. */
  score: number;
  /** The score as shown (round2); ranks compare this. */
  display: number;
  rank: number;
  /** 较上期: previous rank − this rank (positive = moved up); null without a previous rank. */
  change: number | null;
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks units or streets by their displayed (2-decimal) score, descending: equal displayed scores share a
 * rank and the next rank skips (1, 2, 2, 4), ties are listed by code. Comparing what people see means a
 * published table never shows two equal numbers with different ranks.
 */
export function rankRows(rows: RankInput[], previousRanks?: ReadonlyMap<string, number>): RankedRow[] {
  const sorted = rows
    .map((r) => ({ code: r.code, score: r.score, display: round2(r.score) }))
    .sort((a, b) => b.display - a.display || byCode(a.code, b.code));
  const ranked: RankedRow[] = [];
  let rank = 0;
  let previous = Number.NaN;
  for (let i = 0; i < sorted.length; i++) {
    const row = sorted[i] as (typeof sorted)[number];
    if (i === 0 || row.display !== previous) rank = i + 1;
    previous = row.display;
    const before = previousRanks?.get(row.code);
    ranked.push({
      code: row.code,
      score: row.score,
      display: row.display,
      rank,
      change: before === undefined ? null : before - rank,
    });
  }
  return ranked;
}

export interface StreetInput {
  code: string;
  name: string;
}

/** Which street a unit belongs to at the period's end (the caller resolves moves between streets). */
export interface Membership {
  unit: string;
  street: string;
}

export interface StreetResult {
  street: string;
  /** Weighted mean of the member units' U; 0 for a street without units. */
  score: number;
  /** Number of member units with a result. */
  units: number;
  /** Per star: weighted mean of S over member units targeting it; null when none does. */
  stars: Record<string, number | null>;
}

/**
 * Street scores as the weighted mean of their units' U (unit weight, default 1), plus per-star means, for
 * the street ranking and the annual party-building score. Streets come in the order of `streets` when given
 * (those without units score 0), then in order of first appearance in `membership`. A unit listed twice in
 * `membership` counts in the last street given.
 */
export function streetScores(
  results: UnitResult[],
  units: UnitInput[],
  membership: Membership[],
  streets?: StreetInput[],
): StreetResult[] {
  const weightOf = new Map<string, number>();
  for (const u of units) {
    weightOf.set(u.code, Number.isFinite(u.weight) && u.weight >= 0 ? u.weight : 1);
  }
  const resultOf = new Map<string, UnitResult>();
  for (const r of results) resultOf.set(r.unit, r);
  const streetOf = new Map<string, string>();
  for (const m of membership) streetOf.set(m.unit, m.street);

  const starCodes: string[] = [];
  const seenStars = new Set<string>();
  for (const r of results) {
    for (const s of r.stars) {
      if (!seenStars.has(s.star)) {
        seenStars.add(s.star);
        starCodes.push(s.star);
      }
    }
  }

  interface Acc {
    weighted: number;
    weight: number;
    units: number;
    stars: Map<string, { weighted: number; weight: number }>;
  }
  const acc = new Map<string, Acc>();
  const ensure = (street: string): Acc => {
    let a = acc.get(street);
    if (!a) {
      a = { weighted: 0, weight: 0, units: 0, stars: new Map() };
      acc.set(street, a);
    }
    return a;
  };
  for (const s of streets ?? []) ensure(s.code);
  for (const m of membership) ensure(m.street);

  for (const [unit, street] of streetOf) {
    const r = resultOf.get(unit);
    if (!r) continue;
    const a = ensure(street);
    const w = weightOf.get(unit) ?? 1;
    a.units++;
    a.weight += w;
    a.weighted += w * r.score;
    for (const s of r.stars) {
      const st = a.stars.get(s.star) ?? { weighted: 0, weight: 0 };
      st.weighted += w * s.score;
      st.weight += w;
      a.stars.set(s.star, st);
    }
  }

  const out: StreetResult[] = [];
  for (const [street, a] of acc) {
    const stars: Record<string, number | null> = {};
    for (const code of starCodes) {
      const st = a.stars.get(code);
      stars[code] = st && st.weight > 0 ? st.weighted / st.weight : null;
    }
    out.push({ street, score: a.weight > 0 ? a.weighted / a.weight : 0, units: a.units, stars });
  }
  return out;
}
