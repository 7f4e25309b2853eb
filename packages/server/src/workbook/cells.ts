/** Reading cells of an imported workbook that every import reads the same way. */

/** A day from a cell: 2023-03-15, 2023/3/15, 2023.3.15, or a month (2023-03 → the 1st). Null if none. */
export function dayOf(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3] ?? '1').padStart(2, '0')}`;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day ? day : null;
}
