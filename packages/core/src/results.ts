import { daysBetween } from './sheet';

/**
 * 结果运用 and the inbox: who may stand as an award candidate (两优一先) under the rules a district admin sets,
 * how a year's units spread over star counts, and when an open problem needs its unit's attention. Pure rules;
 * the figures they read (ranks, star counts, vetoes, warnings) come from the ranking and rating computations.
 */

/** The rules a district admin sets for a candidate list. */
export interface AwardRules {
  /** At least this many stars in the year's rating (0: any). */
  minStars: number;
  /** Within the top k of the year's unit ranking (null: any rank). Ties at rank k are in. */
  topK: number | null;
  /** Leave out units with an active 一票否决 veto on any star. */
  excludeVetoed: boolean;
  /** Leave out units with a red warning (红色预警) in the year. */
  excludeRedWarning: boolean;
}

/** What the rules read about one unit. */
export interface CandidateFacts {
  unit: string;
  /** The unit's rank in the year's ranking (null: not ranked). */
  rank: number | null;
  stars: number;
  vetoed: boolean;
  redWarning: boolean;
}

/** Why a unit is not a candidate: too few stars, outside the top k, a veto, a red warning. */
export type CandidateMiss = 'stars' | 'rank' | 'veto' | 'redWarning';

export interface CandidateVerdict {
  unit: string;
  eligible: boolean;
  misses: CandidateMiss[];
}

/** Every unit with whether it is a candidate and, when not, each rule it misses (in the order of the rules). */
export function awardCandidates(units: CandidateFacts[], rules: AwardRules): CandidateVerdict[] {
  return units.map((u) => {
    const misses: CandidateMiss[] = [];
    if (u.stars < rules.minStars) misses.push('stars');
    if (rules.topK !== null && (u.rank === null || u.rank > rules.topK)) misses.push('rank');
    if (rules.excludeVetoed && u.vetoed) misses.push('veto');
    if (rules.excludeRedWarning && u.redWarning) misses.push('redWarning');
    return { unit: u.unit, eligible: misses.length === 0, misses };
  });
}

/** How many units have 0, 1, …, `maxStars` stars (index n: units with n stars; counts above max go to max). */
export function unitsByStarCount(counts: number[], maxStars: number): number[] {
  const out = Array.from({ length: Math.max(0, maxStars) + 1 }, () => 0);
  for (const c of counts) {
    const n = Math.min(Math.max(0, Math.floor(c)), out.length - 1);
    out[n] = (out[n] ?? 0) + 1;
  }
  return out;
}

/** What an open problem asks of its unit today. */
export type ProblemNoticeKind = 'failed' | 'overdue' | 'dueSoon' | 'new';

/** Days before its deadline a problem counts as about to be overdue. */
export const PROBLEM_DUE_SOON_DAYS = 3;

/**
 * The notice an open (待整改) problem gives its unit on `today`: a failed look-back first (it must be redone),
 * then overdue (past the deadline day), then due within `dueSoonDays` days (the deadline day counts 0), else new.
 * Null for a problem not open (its unit has nothing to do).
 */
export function problemNotice(
  p: { status: string; deadline: string; failedLookBack: boolean },
  today: string,
  dueSoonDays = PROBLEM_DUE_SOON_DAYS,
): ProblemNoticeKind | null {
  if (p.status !== 'open') return null;
  if (p.failedLookBack) return 'failed';
  const left = daysBetween(today, p.deadline);
  if (left < 0) return 'overdue';
  if (left <= dueSoonDays) return 'dueSoon';
  return 'new';
}

/** What a cadre's assessment reads about one village or community the cadre answers for. */
export interface CadreUnitFacts {
  /** U(u,t) in the period, null when the unit is not assessed in the campaign. */
  score: number | null;
  rank: number | null;
  /** Stars earned in the year's rating, null outside a year period. */
  stars: number | null;
  redWarning: boolean;
}

/** A cadre's figures from the villages the cadre answers for (干部考核, 结果运用). */
export interface CadreFigures {
  /** Villages with a score in the period. */
  assessed: number;
  /** The plain mean of those villages' scores (each village counts once, whatever its weight); null: none. */
  meanScore: number | null;
  bestRank: number | null;
  worstRank: number | null;
  /** Stars earned by the villages together; null outside a year period. */
  starsTotal: number | null;
  /** Villages with a red warning (红色预警) in the year. */
  redWarnings: number;
}

/**
 * A cadre's figures: the villages' mean score (full precision; shown rounded like any score), their best and
 * worst rank, the stars they earned and how many had a red warning. Unassessed villages are left out of the mean
 * and the ranks but still count for warnings.
 */
export function cadreFigures(units: readonly CadreUnitFacts[]): CadreFigures {
  const scored = units.filter((u) => u.score !== null);
  const ranks = units.map((u) => u.rank).filter((r): r is number => r !== null);
  const rated = units.filter((u) => u.stars !== null);
  return {
    assessed: scored.length,
    meanScore:
      scored.length === 0 ? null : scored.reduce((sum, u) => sum + (u.score ?? 0), 0) / scored.length,
    bestRank: ranks.length === 0 ? null : Math.min(...ranks),
    worstRank: ranks.length === 0 ? null : Math.max(...ranks),
    starsTotal: rated.length === 0 ? null : rated.reduce((sum, u) => sum + (u.stars ?? 0), 0),
    redWarnings: units.filter((u) => u.redWarning).length,
  };
}
