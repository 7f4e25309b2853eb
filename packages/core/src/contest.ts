/**
 * 擂台赛 formulas: the jury score (trimmed or plain mean), honour points, cadre-style points, totals, group
 * ranking, lot drawing from a seed, judge consistency, the year-end overall. The only place they live.
 */

/** The default split of the 100 points: 综合汇报演说 (jury), 所获荣誉 (honours), 干部作风评价 (cadre style). */
export const CONTEST_DEFAULT_SPLIT = { jury: 70, honours: 15, cadre: 15 } as const;
