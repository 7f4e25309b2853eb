import { format2 } from '@wuxing/core';
import ExcelJS from 'exceljs';

/** A table to export: a sheet name, its Chinese headers and rows of plain values. */
export interface ExportTable {
  sheet: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** A title row above the headers (xlsx and CSV), e.g. which version a list is. */
  title?: string;
  /** Columns (0-based) of scores shown with exactly 2 decimals (7.00): number format in xlsx, text in CSV. */
  decimals?: number[];
}

export type ExportFormat = 'xlsx' | 'csv' | 'json';

/** A CSV cell; text that a spreadsheet would run as a formula (=, +, -, @ …) is defused with a leading '. */
export function csvField(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[-+]?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders tables as an .xlsx workbook (bold frozen header, sensible widths), a CSV (first table) or JSON. */
export async function renderTables(tables: ExportTable[], format: ExportFormat): Promise<Buffer> {
  if (format === 'csv') {
    const t = tables[0];
    if (!t) return Buffer.from('');
    const fixed = new Set(t.decimals ?? []);
    const cell = (v: string | number | null, i: number) =>
      csvField(typeof v === 'number' && fixed.has(i) ? format2(v) : v);
    const lines = [
      ...(t.title ? [csvField(t.title)] : []),
      t.headers.map(csvField).join(','),
      ...t.rows.map((r) => r.map(cell).join(',')),
    ];
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }
  if (format === 'json') {
    const doc: Record<string, Record<string, string | number | null>[]> = {};
    for (const t of tables)
      doc[t.sheet] = t.rows.map((r) => Object.fromEntries(t.headers.map((h, i) => [h, r[i] ?? null])));
    return Buffer.from(JSON.stringify(doc, null, 2), 'utf8');
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuxing 五星';
  for (const t of tables) {
    const top = t.title ? 1 : 0;
    const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 + top }] });
    if (t.title) {
      ws.addRow([t.title]);
      ws.getRow(1).font = { bold: true, size: 14 };
      if (t.headers.length > 1) ws.mergeCells(1, 1, 1, t.headers.length);
    }
    ws.addRow(t.headers);
    ws.getRow(1 + top).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    for (const i of t.decimals ?? []) ws.getColumn(i + 1).numFmt = '0.00';
    t.headers.forEach((h, i) => {
      const longest = Math.max(
        h.length * 2,
        ...t.rows.slice(0, 500).map((r) => String(r[i] ?? '').length * 1.6),
      );
      ws.getColumn(i + 1).width = Math.min(50, Math.max(8, Math.ceil(longest) + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
