import { type Month, monthsOf, type Period } from './periods';

/**
 * Outreach activities (宣传活动: 国家安全教育日, 民族宗教政策法规 publicity…) reported as records with their counts
 * — "现场悬挂横幅40余条，设置咨询台20余个，发放宣传彩页2000余份，接受咨询300余人次" — and summed in statistics.
 * Pure sums: the records come from the activity ledger.
 */

/** The counts an activity reports, in the order a report lists them. */
export const ACTIVITY_COUNT_KEYS = [
  'staff',
  'banners',
  'desks',
  'boards',
  'leaflets',
  'consultations',
] as const;
export type ActivityCountKey = (typeof ACTIVITY_COUNT_KEYS)[number];
export type ActivityCounts = Record<ActivityCountKey, number>;

/** How many activities, and each count summed over them. */
export interface ActivityTotals extends ActivityCounts {
  activities: number;
}

/** One activity as the sums read it: the day it was held and its counts. */
export interface ActivityFacts {
  heldOn: string;
  counts: ActivityCounts;
}

export function emptyTotals(): ActivityTotals {
  return { activities: 0, staff: 0, banners: 0, desks: 0, boards: 0, leaflets: 0, consultations: 0 };
}

/** The activities counted and their counts summed. */
export function sumActivities(items: readonly ActivityFacts[]): ActivityTotals {
  const out = emptyTotals();
  for (const item of items) {
    out.activities += 1;
    for (const k of ACTIVITY_COUNT_KEYS) out[k] += item.counts[k];
  }
  return out;
}

/** The month (`YYYY-MM`) of a day (`YYYY-MM-DD`). */
export function monthOfDay(day: string): Month {
  return day.slice(0, 7);
}

/** True when the day lies in the period. */
export function dayInPeriod(day: string, period: Period): boolean {
  const month = monthOfDay(day);
  return month >= period.start && month <= period.end;
}

/** Totals per group, in the order the groups are given; a group without activities has zero totals. */
export function totalsBy<T extends ActivityFacts>(
  items: readonly T[],
  groups: readonly string[],
  groupOf: (item: T) => string,
): { key: string; totals: ActivityTotals }[] {
  return groups.map((key) => ({ key, totals: sumActivities(items.filter((i) => groupOf(i) === key)) }));
}

/** Totals per month of the period, every month present (zero when nothing was held). */
export function totalsByMonth<T extends ActivityFacts>(
  items: readonly T[],
  period: Period,
): { key: Month; totals: ActivityTotals }[] {
  return totalsBy(
    items.filter((i) => dayInPeriod(i.heldOn, period)),
    monthsOf(period),
    (i) => monthOfDay(i.heldOn),
  );
}
