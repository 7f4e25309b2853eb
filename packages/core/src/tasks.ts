import { chinaDate, daysBetween, sheetItemPoints } from './sheet';

/**
 * 日常任务 daily tasks: the late rule, a unit's state on a task, and how a month's scored tasks of one star
 * become the points of that month's 日常任务 (RC) item. The only place these formulas live.
 */

/** What a submission after the deadline earns: the full award, the award less a percentage, or nothing. */
export type LateRule = 'accept' | 'deduct' | 'zero';

/** A review's outcome: full marks, part of them (with a reason), none (with a reason), or sent back to redo. */
export type ReviewOutcome = 'full' | 'partial' | 'zero' | 'returned';

/** Where a unit stands on a task. */
export type TaskState = 'pending' | 'overdue' | 'submitted' | 'returned' | 'scored';

/** True when a submission made at `submittedAt` (ISO instant) falls after the deadline's China date. */
export function isLateSubmission(submittedAt: string, deadline: string): boolean {
  return chinaDate(submittedAt) > deadline;
}

/**
 * The points a review counts after the late rule: `awarded` (clamped to [0, max]) when on time or under
 * `accept`; less `deductPercent`% of it under `deduct`; 0 under `zero`.
 */
export function taskEffectivePoints(
  awarded: number,
  max: number,
  late: boolean,
  rule: LateRule,
  deductPercent: number,
): number {
  const base = Number.isFinite(awarded) ? Math.min(max, Math.max(0, awarded)) : 0;
  if (!late || rule === 'accept') return base;
  if (rule === 'zero') return 0;
  const p = Math.min(100, Math.max(0, deductPercent));
  return base * (1 - p / 100);
}

/** One task of a unit for the month's item: its points (max) and what it counts now (null: not scored yet). */
export interface TaskScore {
  max: number;
  effective: number | null;
}

/**
 * The points a month's tasks of one star give the unit's 日常任务 item: Σ effective / Σ max · x(i) over every
 * active task addressed to the unit (a task not scored yet counts 0 of its max), or null when none is scored
 * yet (the item stays unscored).
 */
export function taskItemPoints(tasks: TaskScore[], itemMax: number): number | null {
  if (!tasks.some((t) => t.effective !== null)) return null;
  return sheetItemPoints(
    tasks.map((t) => ({ points: t.effective ?? 0, max: t.max })),
    itemMax,
  );
}

/** The facts a unit's state on a task follows from. */
export interface TaskProgress {
  /** YYYY-MM-DD */
  deadline: string;
  /** ISO instant of the latest submission, null when none. */
  lastSubmittedAt: string | null;
  /** The latest review's outcome and the instant it was made, null when none. */
  lastReview: { outcome: ReviewOutcome; at: string } | null;
}

/**
 * A unit's state on a task today (YYYY-MM-DD, China): scored or returned by the latest review unless a newer
 * submission waits for review; otherwise submitted, or pending until the deadline and overdue after it.
 */
export function taskState(p: TaskProgress, today: string): TaskState {
  if (p.lastSubmittedAt === null) return today > p.deadline ? 'overdue' : 'pending';
  if (p.lastReview === null || p.lastReview.at < p.lastSubmittedAt) return 'submitted';
  return p.lastReview.outcome === 'returned' ? 'returned' : 'scored';
}

/** Days from today to the deadline (0 on the day, negative once past). */
export function daysToDeadline(deadline: string, today: string): number {
  return daysBetween(today, deadline);
}

/** A task to remind the unit of: not yet submitted (or returned) and due within `remindDays` days. */
export function needsReminder(
  state: TaskState,
  deadline: string,
  remindDays: number,
  today: string,
): boolean {
  if (state !== 'pending' && state !== 'returned') return false;
  const d = daysToDeadline(deadline, today);
  return d >= 0 && d <= remindDays;
}
