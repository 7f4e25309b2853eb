import type { CampaignModel, VetoInput } from './model';
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
