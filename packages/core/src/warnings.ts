import { round2 } from './rounding';
import { daysBetween } from './sheet';

/**
 * 预警 warnings at a quarter's ranking and the reminder talk (谈话提醒) each warning opens. The only place these
 * rules live; the ranking rows they read come from the ranking (core's rankRows), never recomputed here.
 *
 * Defaults (SCORING.md, "Defaults around the formulas"): yellow (黄色预警) for the bottom 3 units and for units
 * with 3 or more overdue problems at the quarter's end; red (红色预警) for a rate under 60; a talk within 10 days.
 */

/** A campaign's warning thresholds. */
export interface WarningRules {
  /** Yellow for the bottom N units by displayed rank (ties at the boundary all included); 0 turns it off. */
  bottomN: number;
  /** Yellow for units with at least this many problems overdue at the quarter's end; 0 turns it off. */
  overdueMin: number;
  /** Red for units whose rate, as displayed (2 decimals), is below this; 0 turns it off. */
  redRateBelow: number;
  /** Calendar days from the warning to the talk's due date. */
  talkDays: number;
}

export const DEFAULT_WARNING_RULES: WarningRules = {
  bottomN: 3,
  overdueMin: 3,
  redRateBelow: 60,
  talkDays: 10,
};

export type WarningLevel = 'yellow' | 'red';

/** Why a unit is warned: bottom N of the ranking, too many overdue problems, rate under the red line. */
export type WarningReason = 'bottom' | 'overdue' | 'rate';

/** One ranked unit as the rules read it: its rank (shared on ties), score and rate, and overdue problems. */
export interface WarningInput {
  code: string;
  rank: number;
  score: number;
  /** R(u,t), null when nothing was due. */
  rate: number | null;
  /** Problems overdue and open at the quarter's last day. */
  overdue: number;
}

/** A warned unit with the figures that triggered it. */
export interface WarningResult {
  code: string;
  level: WarningLevel;
  /** Every rule the unit meets, in the order bottom, overdue, rate. */
  reasons: WarningReason[];
  rank: number;
  /** How many units were ranked. */
  total: number;
  score: number;
  rate: number | null;
  overdue: number;
  /** The worst rank still inside the bottom N (the boundary); null when the rule is off. */
  bottomCutoffRank: number | null;
}

/**
 * The rank at or below which a unit is in the bottom N. Ranks are the ranking's displayed ranks (equal 2-decimal
 * scores share a rank, next rank skips: 1, 2, 2, 4). The boundary is the rank of the unit in position total − N + 1
 * from the top; every unit sharing that rank is included, so a tie at the boundary can warn more than N units
 * (bottom 3 of ranks …, 5, 5, 7, 8 warns four: both rank-5 units, 7 and 8). With N ≥ the number of units every
 * unit is in the bottom N. Null when the rule is off or nothing is ranked.
 */
export function bottomCutoffRank(ranks: number[], bottomN: number): number | null {
  if (!(bottomN > 0) || ranks.length === 0) return null;
  const sorted = [...ranks].sort((a, b) => a - b);
  const index = Math.max(0, sorted.length - Math.floor(bottomN));
  return sorted[index] ?? null;
}

/** True when a problem is overdue and open at the end of `day` (same rule as the problem deductions). */
export function overdueOn(p: { deadline: string; closedOn: string | null }, day: string): boolean {
  return p.deadline < day && (p.closedOn === null || p.closedOn > day);
}

/** Counts each unit's problems overdue and open at the end of `day`. */
export function overdueCounts(
  problems: { unit: string; deadline: string; closedOn: string | null }[],
  day: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of problems) if (overdueOn(p, day)) out.set(p.unit, (out.get(p.unit) ?? 0) + 1);
  return out;
}

/**
 * Applies the rules to a quarter's ranked units: red when the displayed rate is under `redRateBelow` (exactly
 * 60.00 is not red), otherwise yellow when in the bottom N or with ≥ `overdueMin` overdue problems. Returns the
 * warned units only, in rank order (then code).
 */
export function evaluateWarnings(rows: WarningInput[], rules: WarningRules): WarningResult[] {
  const cutoff = bottomCutoffRank(
    rows.map((r) => r.rank),
    rules.bottomN,
  );
  const out: WarningResult[] = [];
  for (const r of rows) {
    const reasons: WarningReason[] = [];
    if (cutoff !== null && r.rank >= cutoff) reasons.push('bottom');
    if (rules.overdueMin > 0 && r.overdue >= rules.overdueMin) reasons.push('overdue');
    if (rules.redRateBelow > 0 && r.rate !== null && round2(r.rate) < rules.redRateBelow)
      reasons.push('rate');
    if (reasons.length === 0) continue;
    out.push({
      code: r.code,
      level: reasons.includes('rate') ? 'red' : 'yellow',
      reasons,
      rank: r.rank,
      total: rows.length,
      score: r.score,
      rate: r.rate,
      overdue: r.overdue,
      bottomCutoffRank: cutoff,
    });
  }
  return out.sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Adds whole calendar days to a `YYYY-MM-DD` date. */
export function addDays(day: string, days: number): string {
  const ms = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day a warning's talk is due: `talkDays` calendar days after the day it was raised (China date). */
export function talkDueOn(raisedOn: string, talkDays: number): string {
  return addDays(raisedOn, talkDays);
}

/**
 * Where a warning's reminder talk stands: `done` (recorded by the due day), `late` (recorded after it),
 * `pending` (not yet, still in time; the due day itself is in time), `overdue` (not recorded and past due), or
 * `waived` (the warning was lifted before any talk was recorded, so none is needed).
 */
export type TalkStatus = 'pending' | 'overdue' | 'done' | 'late' | 'waived';

export function talkStatus(
  dueOn: string,
  firstRecordedOn: string | null,
  today: string,
  liftedOn: string | null = null,
): TalkStatus {
  if (firstRecordedOn !== null) return firstRecordedOn <= dueOn ? 'done' : 'late';
  if (liftedOn !== null && liftedOn <= dueOn) return 'waived';
  if (liftedOn !== null) return 'overdue';
  return today <= dueOn ? 'pending' : 'overdue';
}

/** Days left until a talk is due (negative when overdue). */
export function daysUntil(dueOn: string, today: string): number {
  return daysBetween(today, dueOn);
}

/** What an evaluation does to one unit's warning of the period. */
export type WarningChange =
  | { kind: 'raise'; result: WarningResult }
  | { kind: 'keep'; id: string; result: WarningResult }
  | { kind: 'update'; id: string; result: WarningResult }
  | { kind: 'lift'; id: string; code: string };

/** A warning already active, as an evaluation compares it. */
export interface ActiveWarning {
  id: string;
  code: string;
  /** The quarter it was raised for (`YYYY-Qn`). */
  period: string;
  level: WarningLevel;
  reasons: WarningReason[];
  rank: number;
  total: number;
  score: number;
  rate: number | null;
  overdue: number;
}

function sameFigures(a: ActiveWarning, r: WarningResult): boolean {
  return (
    a.level === r.level &&
    a.reasons.join(',') === r.reasons.join(',') &&
    a.rank === r.rank &&
    a.total === r.total &&
    round2(a.score) === round2(r.score) &&
    (a.rate === null ? r.rate === null : r.rate !== null && round2(a.rate) === round2(r.rate)) &&
    a.overdue === r.overdue
  );
}

/**
 * Plans an evaluation of `period` against the warnings active now. For the period itself: a unit warned again
 * keeps its warning (`keep` when the figures are the same, so re-evaluating changes nothing; `update` when they
 * moved), a newly warned unit gets one (`raise`), and an active warning the rules no longer name is lifted.
 * Active warnings of earlier quarters are lifted for units this evaluation clears and stay for units it warns
 * again. Later quarters' warnings are never touched.
 */
export function planWarningChanges(
  period: string,
  results: WarningResult[],
  active: ActiveWarning[],
): WarningChange[] {
  const byCode = new Map(results.map((r) => [r.code, r]));
  const current = new Map<string, ActiveWarning>();
  const changes: WarningChange[] = [];
  for (const a of active) {
    if (a.period === period) current.set(a.code, a);
    else if (a.period < period && !byCode.has(a.code)) changes.push({ kind: 'lift', id: a.id, code: a.code });
  }
  for (const r of results) {
    const a = current.get(r.code);
    if (!a) changes.push({ kind: 'raise', result: r });
    else changes.push({ kind: sameFigures(a, r) ? 'keep' : 'update', id: a.id, result: r });
  }
  for (const a of current.values())
    if (!byCode.has(a.code)) changes.push({ kind: 'lift', id: a.id, code: a.code });
  return changes;
}
