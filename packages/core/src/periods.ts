/** A calendar month as `YYYY-MM`; months compare correctly as strings. */
export type Month = string;

export type PeriodKind = 'month' | 'quarter' | 'year';

/** A ranking period: a month (`2023-01`), a quarter (`2023-Q1`) or a year (`2023`). */
export interface Period {
  kind: PeriodKind;
  key: string;
  year: number;
  /** First month of the period. */
  start: Month;
  /** Last month of the period: the `t` of the scoring formulas. */
  end: Month;
}

/** Thrown for a malformed period or month key; the message is Chinese because it reaches users. */
export class PeriodError extends Error {
  override name = 'PeriodError';
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Builds the `YYYY-MM` key of a month (1-12) of a year. */
export function monthKey(year: number, month: number): Month {
  return `${year}-${pad2(month)}`;
}

/** True when `s` is a well-formed `YYYY-MM` month; used to validate user input before comparing strings. */
export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodError(`无效的年度：${year}（应为四位数年份）`);
  }
}

function monthPeriod(year: number, month: number): Period {
  const key = monthKey(year, month);
  return { kind: 'month', key, year, start: key, end: key };
}

function quarterPeriod(year: number, quarter: number): Period {
  return {
    kind: 'quarter',
    key: `${year}-Q${quarter}`,
    year,
    start: monthKey(year, quarter * 3 - 2),
    end: monthKey(year, quarter * 3),
  };
}

function yearPeriod(year: number): Period {
  return { kind: 'year', key: String(year), year, start: monthKey(year, 1), end: monthKey(year, 12) };
}

/** Parses a period key (`2023-01`, `2023-Q1`, `2023`) so every layer agrees on its months; throws PeriodError. */
export function parsePeriod(key: string): Period {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  const m = MONTH_RE.exec(trimmed);
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  const q = QUARTER_RE.exec(trimmed);
  if (q) return quarterPeriod(Number(q[1]), Number(q[2]));
  const y = YEAR_RE.exec(trimmed);
  if (y && Number(y[1]) >= MIN_YEAR) return yearPeriod(Number(y[1]));
  throw new PeriodError(`无效的期间：“${String(key)}”（应为 YYYY-MM 月份、YYYY-Qn 季度或 YYYY 年度）`);
}

/**
 * The period a rank change (较上期) compares with: the previous month or quarter of the same year
 * (null for January and Q1, since a campaign is one year), or the previous year for a year.
 */
export function previousPeriod(p: Period): Period | null {
  switch (p.kind) {
    case 'month': {
      const month = Number(p.start.slice(5, 7));
      return month > 1 ? monthPeriod(p.year, month - 1) : null;
    }
    case 'quarter': {
      const quarter = Number(p.key.slice(6));
      return quarter > 1 ? quarterPeriod(p.year, quarter - 1) : null;
    }
    case 'year':
      return p.year - 1 >= MIN_YEAR ? yearPeriod(p.year - 1) : null;
  }
}

/** The months a period covers, in order; used to sum per-month data over a period. */
export function monthsOf(p: Period): Month[] {
  const months: Month[] = [];
  const first = Number(p.start.slice(5, 7));
  const last = Number(p.end.slice(5, 7));
  for (let month = first; month <= last; month++) months.push(monthKey(p.year, month));
  return months;
}

/** All periods of a kind in a year, in order (12 months, 4 quarters or the year itself); for full recomputes. */
export function periodsOfYear(year: number, kind: PeriodKind): Period[] {
  assertYear(year);
  switch (kind) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1));
    case 'quarter':
      return Array.from({ length: 4 }, (_, i) => quarterPeriod(year, i + 1));
    case 'year':
      return [yearPeriod(year)];
  }
}

/** The last calendar day (`YYYY-MM-DD`) of a month: the moment problem deductions are checked. */
export function monthEnd(month: Month): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new PeriodError(`无效的月份：“${month}”（应为 YYYY-MM）`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = mon === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mon) ? 30 : 31;
  return `${m[1]}-${m[2]}-${pad2(day)}`;
}
