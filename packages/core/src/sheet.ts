/**
 * Scoring sheets (评分表) and the problem ledger's figures: how a sheet's lines become one item's points,
 * and the closure statistics the district quotes (通报问题80条、整改销号56条).
 */

/** One scored line of a sheet: the points given and the line's maximum. */
export interface SheetLineScore {
  points: number;
  max: number;
}

/**
 * The points one scorer's sheet gives a campaign item: the sheet's total for the item's star rescaled to the
 * item's maximum, Σ points / Σ max · x(i). Each line is clamped to [0, its max] first; a star with no lines
 * (or no maximum) gives 0.
 */
export function sheetItemPoints(lines: SheetLineScore[], itemMax: number): number {
  let got = 0;
  let max = 0;
  for (const l of lines) {
    if (!(l.max > 0)) continue;
    max += l.max;
    got += Number.isFinite(l.points) ? Math.min(l.max, Math.max(0, l.points)) : 0;
  }
  if (max === 0 || !(itemMax > 0)) return 0;
  // Multiply first: with whole points the product is exact, so a sheet total equal to the item's scale comes
  // through unchanged (57 of 100 → 57, where (57 / 100) · 100 would be 57.00000000000001).
  return (got * itemMax) / max;
}

/** A problem as the statistics see it. Dates are `YYYY-MM-DD` (China time). */
export interface ProblemFact {
  raisedOn: string;
  deadline: string;
  closedOn: string | null;
}

/** 通报问题, 整改销号, 销号率, 逾期未整改, 平均整改天数 over a set of problems, as of `today`. */
export interface ProblemFigures {
  notified: number;
  closed: number;
  /** closed / notified · 100; null when nothing was notified. */
  closureRate: number | null;
  /** Not closed and past the deadline on `today`. */
  overdue: number;
  /** Mean calendar days from raised to closed over closed problems; null when none is closed. */
  avgDaysToClose: number | null;
}

const DAY_MS = 86_400_000;

/** Whole calendar days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** True when a problem not closed by `today` is past its deadline (the deadline day itself is still in time). */
export function isOverdue(p: ProblemFact, today: string): boolean {
  return p.closedOn === null && p.deadline < today;
}

/** The ledger's figures over a set of problems. */
export function problemFigures(problems: ProblemFact[], today: string): ProblemFigures {
  let closed = 0;
  let overdue = 0;
  let days = 0;
  for (const p of problems) {
    if (p.closedOn !== null) {
      closed++;
      days += Math.max(0, daysBetween(p.raisedOn, p.closedOn));
    } else if (isOverdue(p, today)) overdue++;
  }
  const notified = problems.length;
  return {
    notified,
    closed,
    closureRate: notified === 0 ? null : (100 * closed) / notified,
    overdue,
    avgDaysToClose: closed === 0 ? null : days / closed,
  };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China (UTC+8) calendar date `YYYY-MM-DD` of an ISO instant: "today" for deadlines and closing days. */
export function chinaDate(instant: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`无效的时间：“${instant}”`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
