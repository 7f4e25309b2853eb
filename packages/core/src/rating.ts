import type { CampaignModel, VetoInput } from './model';
import { round2 } from './rounding';
import type { UnitResult } from './scoring';

export interface StarRating {
  unit: string;
  /** Codes of the stars earned, in model order. */
  earned: string[];
  /** One entry per target star, with the reason (Chinese) when it was not earned. */
  stars: { star: string; score: number; earned: boolean; reason: string | null }[];
  /** n of "n星支部". */
  count: number;
}

/** Tolerance for the star line so a score of exactly 80 reached through floating-point sums is not missed. */
const LINE_EPSILON = 1e-9;

/**
 * Awards the year's stars (评星) from December results: a target star is earned when its score reaches the
 * star line, no veto (一票否决) is recorded on it, and — for stars other than the prerequisite — the
 * prerequisite star was earned. The first failing condition (veto, line, prerequisite) is the reason given.
 */
export function rateStars(
  model: CampaignModel,
  decemberResults: UnitResult[],
  vetoes: VetoInput[],
): StarRating[] {
  const vetoReasons = new Map<string, string[]>();
  for (const v of vetoes) {
    const key = `${v.unit}\u0000${v.star}`;
    const list = vetoReasons.get(key);
    if (list) list.push(v.reason);
    else vetoReasons.set(key, [v.reason]);
  }
  const prerequisite = model.prerequisite;
  const prerequisiteName = model.stars.find((s) => s.code === prerequisite)?.name ?? prerequisite ?? '';

  return decemberResults.map((result) => {
    const own = result.stars.map((s) => {
      const reasons = vetoReasons.get(`${result.unit}\u0000${s.star}`);
      let reason: string | null = null;
      if (reasons) reason = `一票否决：${reasons.join('；')}`;
      else if (!(s.score >= model.starLine - LINE_EPSILON)) reason = `未达评星线${model.starLine}分`;
      return { star: s.star, score: s.score, reason };
    });
    const prerequisiteEarned =
      prerequisite === null || own.some((s) => s.star === prerequisite && s.reason === null);
    const stars = own.map((s) => {
      const reason =
        s.reason ??
        (s.star !== prerequisite && !prerequisiteEarned ? `未获得前置星${prerequisiteName}` : null);
      return { star: s.star, score: s.score, earned: reason === null, reason };
    });
    const earned = stars.filter((s) => s.earned).map((s) => s.star);
    return { unit: result.unit, earned, stars, count: earned.length };
  });
}

/** A unit of the star-rating list: its code, n of "n星支部", and its unit score U. */
export interface RatedUnit {
  code: string;
  count: number;
  score: number;
}

/**
 * The order of the star-rating list (五星支部评定): by n descending, then the unit score as displayed (2
 * decimals), then code; units equal in n and displayed score share a rank and the next rank skips (1, 2, 2, 4).
 * Returns the rank of each code.
 */
export function rankRatedUnits(units: RatedUnit[]): Map<string, number> {
  const sorted = units
    .map((u) => ({ code: u.code, count: u.count, display: round2(u.score) }))
    .sort(
      (a, b) =>
        b.count - a.count || b.display - a.display || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((u, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.count !== u.count || prev.display !== u.display) rank = i + 1;
    ranks.set(u.code, rank);
  });
  return ranks;
}
