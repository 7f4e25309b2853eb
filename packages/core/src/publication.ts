import { chinaDate } from './sheet';

/**
 * 公示 publishing: the objection window (公示期) of a published snapshot. The only place its rule lives.
 * Working days are Monday to Friday; public holidays and adjusted working weekends (调休) are not known here.
 */

/** The default length of the objection window, in working days after the publishing day. */
export const DEFAULT_OBJECTION_DAYS = 5;

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** True for Monday–Friday (a `YYYY-MM-DD` date). */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
}

/**
 * The last day of the objection window: the `days`-th working day (Mon–Fri) after the publishing day
 * `published` (`YYYY-MM-DD`, China date). Published on Friday 2023-04-07 with 5 days → Friday 2023-04-14.
 */
export function objectionWindowEnd(published: string, days: number = DEFAULT_OBJECTION_DAYS): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(published) || Number.isNaN(Date.parse(`${published}T00:00:00Z`)))
    throw new RangeError(`无效的日期：“${published}”`);
  if (!Number.isInteger(days) || days < 1) throw new RangeError('公示期至少为1个工作日');
  let date = published;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** True while an objection may be filed at `instant` (ISO): up to the end of the window's last day, China time. */
export function objectionWindowOpen(windowEnd: string, instant: string): boolean {
  return chinaDate(instant) <= windowEnd;
}
