import ExcelJS from 'exceljs';
import { invalid } from '../lib/errors';
import { type ColumnKey, SHEETS, type SheetKey } from './sheets';

/** One data row of a sheet: its 1-based row number as the user sees it, and its cells by column key. */
export interface SheetRow<S extends SheetKey = SheetKey> {
  row: number;
  cells: Partial<Record<ColumnKey<S>, string>>;
}

/** A parsed sheet: the name as written in the file, the header text per column key, and its rows. */
export interface ParsedSheet<S extends SheetKey = SheetKey> {
  key: S;
  title: string;
  headers: Partial<Record<ColumnKey<S>, string>>;
  rows: SheetRow<S>[];
}

export type ParsedWorkbook = { [S in SheetKey]?: ParsedSheet<S> };

/** Largest upload Wuxing reads, in bytes. */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

function sheetKeyOf(name: string): SheetKey | null {
  const n = name.trim().toLowerCase();
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    if (SHEETS[key].names.some((alias) => alias.toLowerCase() === n)) return key;
  }
  return null;
}

function columnKeyOf(sheet: SheetKey, header: string): string | null {
  const h = header.trim().toLowerCase();
  const columns = SHEETS[sheet].columns as Record<string, readonly string[]>;
  for (const [key, aliases] of Object.entries(columns)) {
    if (aliases.some((alias) => alias.toLowerCase() === h)) return key;
  }
  return null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell: its month (YYYY-MM) when it is a month's first day — how Excel stores a typed 2023-04 — else
  // the day (YYYY-MM-DD), so a day column such as 宣传活动's 日期 keeps its day.
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.slice(8, 10) === '01' ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** Builds a parsed sheet from a header row and data rows of strings; unknown columns are ignored. */
function buildSheet(
  key: SheetKey,
  title: string,
  header: string[],
  data: { row: number; values: string[] }[],
) {
  const indexByKey = new Map<string, number>();
  const headers: Record<string, string> = {};
  header.forEach((h, i) => {
    const k = columnKeyOf(key, h);
    if (k && !indexByKey.has(k)) {
      indexByKey.set(k, i);
      headers[k] = h.trim();
    }
  });
  const rows: SheetRow[] = [];
  for (const d of data) {
    if (d.values.every((v) => v.trim() === '')) continue;
    const cells: Record<string, string> = {};
    for (const [k, i] of indexByKey) {
      const text = (d.values[i] ?? '').trim();
      // PostgreSQL cannot store a NUL character and SQLite would keep it: refuse it on both, naming the cell.
      if (text.includes('\u0000'))
        throw invalid(
          `工作表“${title}”第${d.row}行“${headers[k]}”列含有空字符（\\u0000），请删除后重新上传`,
          'file',
        );
      cells[k] = text;
    }
    rows.push({ row: d.row, cells });
  }
  return { key, title, headers, rows } as ParsedSheet;
}

async function readXlsx(buffer: Buffer): Promise<ParsedWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid('无法读取Excel文件：文件已损坏或不是 .xlsx 格式', 'file');
  }
  const out: Record<string, ParsedSheet> = {};
  wb.eachSheet((ws) => {
    const key = sheetKeyOf(ws.name);
    if (!key || out[key]) return;
    const header: string[] = [];
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
      header[col - 1] = cellText(cell.value);
    });
    const data: { row: number; values: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: string[] = [];
      for (let c = 1; c <= header.length; c++) values.push(cellText(row.getCell(c).value));
      data.push({ row: rowNumber, values });
    });
    out[key] = buildSheet(key, ws.name, header, data);
  });
  return out as ParsedWorkbook;
}

/** Splits RFC 4180 CSV text into rows of fields (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(text: string, defaultSheet: SheetKey, fileName: string): ParsedWorkbook {
  const base = fileName.replace(/\.[^.]+$/, '');
  const key = sheetKeyOf(base) ?? defaultSheet;
  const [header = [], ...rest] = parseCsv(text);
  const data = rest.map((values, i) => ({ row: i + 2, values }));
  return {
    [key]: buildSheet(key, sheetKeyOf(base) ? base : SHEETS[key].names[0], header, data),
  } as ParsedWorkbook;
}

function readJson(text: string): ParsedWorkbook {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalid('无法读取JSON文件：格式不正确', 'file');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw invalid('JSON文件必须是以工作表名称为键的对象，例如 {"单位": [...]}', 'file');
  const out: Record<string, ParsedSheet> = {};
  for (const [name, value] of Object.entries(doc)) {
    const key = sheetKeyOf(name);
    if (!key) continue;
    if (!Array.isArray(value)) throw invalid(`JSON中的“${name}”必须是数组`, 'file');
    const headerSet = new Set<string>();
    for (const r of value) if (r && typeof r === 'object') for (const k of Object.keys(r)) headerSet.add(k);
    const header = [...headerSet];
    const data = value.map((r, i) => ({
      row: i + 2,
      values: header.map((h) => {
        const v = r && typeof r === 'object' ? (r as Record<string, unknown>)[h] : undefined;
        return v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
      }),
    }));
    out[key] = buildSheet(key, name, header, data);
  }
  return out as ParsedWorkbook;
}

/**
 * Reads an uploaded workbook (.xlsx, .csv or .json) into sheets keyed by their meaning. A CSV file is one
 * sheet, named by its file name or else `defaultSheet`. Throws a 400 naming the file when it cannot be read.
 */
export async function readWorkbook(
  buffer: Buffer,
  fileName: string,
  defaultSheet: SheetKey,
): Promise<ParsedWorkbook> {
  if (buffer.length > MAX_WORKBOOK_BYTES) throw invalid('文件过大，不能超过50MB', 'file');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(buffer);
  if (lower.endsWith('.csv')) return readCsv(buffer.toString('utf8'), defaultSheet, fileName);
  if (lower.endsWith('.json')) return readJson(buffer.toString('utf8'));
  throw invalid('不支持的文件类型，请上传 .xlsx、.csv 或 .json 文件', 'file');
}
