/**
 * Period keys as the API names them: a month `2023-04`, a quarter `2023-Q2`, the year `2023`. These
 * helpers only list and label periods for pickers; every score for a period comes from the server.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');

/** The twelve months of a year, `2023-01` … `2023-12`. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
}

/** The periods of one kind in a year, in order. */
export function periodsOf(year: number, kind: PeriodKind): string[] {
  if (kind === 'month') return monthsOf(year);
  if (kind === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return [String(year)];
}

/** The kind of a period key, or null when it is not one. */
export function kindOf(key: string | null | undefined): PeriodKind | null {
  if (!key) return null;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return null;
}

/** The year of a period key. */
export function yearOf(key: string): number {
  return Number(key.slice(0, 4));
}

/**
 * The period of a kind that is "now" for a campaign year: the current month or quarter while the year
 * runs, its last one once it is over, its first one before it starts.
 */
export function currentPeriod(year: number, kind: PeriodKind, today = new Date()): string {
  if (kind === 'year') return String(year);
  const thisYear = today.getFullYear();
  const month = thisYear === year ? today.getMonth() + 1 : thisYear > year ? 12 : 1;
  return kind === 'month' ? `${year}-${pad(month)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The last month a period covers (`2023-Q2` → `2023-06`). */
export function periodEnd(key: string): string {
  const kind = kindOf(key);
  if (kind === 'month') return key;
  if (kind === 'quarter') return `${key.slice(0, 4)}-${pad(Number(key.slice(6)) * 3)}`;
  return `${key.slice(0, 4)}-12`;
}
