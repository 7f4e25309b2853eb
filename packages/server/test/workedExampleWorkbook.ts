import { workedExample } from '@wuxing/core/fixtures/workedExample';
import ExcelJS from 'exceljs';

/** One sheet of a test workbook: Chinese headers and rows of plain values. */
export interface TestSheet {
  name: string;
  headers: string[];
  rows: (string | number)[][];
}

/** The campaign code the worked-example workbook uses. */
export const WORKED_CODE = 'WE2023';

/**
 * The worked example of SCORING.md as the campaign workbook a user would bring: every sheet with Chinese
 * headers, built from core's fixture (not from the server's exporter, so the import is tested on its own).
 */
export function workedExampleSheets(code = WORKED_CODE): TestSheet[] {
  const { model, units, scores, bonuses, street } = workedExample;
  return [
    {
      name: '方案',
      headers: ['编码', '名称', '年度', '评星线', '前置星', '去极值'],
      rows: [[code, '示例方案（SCORING.md）', model.year, model.starLine, model.prerequisite ?? '无', '是']],
    },
    {
      name: '单位',
      headers: ['编码', '名称', '类型', '上级编码', '权重'],
      rows: [
        ['D0', '示例区', '区', '', ''],
        [street.code, street.name, '街道', 'D0', ''],
        ...units.map((u) => [u.code, u.name, u.code === 'C' ? '社区' : '村', street.code, u.weight]),
      ],
    },
    { name: '星', headers: ['编码', '名称'], rows: model.stars.map((s) => [s.code, s.name]) },
    {
      name: '板块',
      headers: ['编码', '名称', '分值', '类型'],
      rows: model.modules.map((m) => [m.code, m.name, m.budget, m.kind === 'bonus' ? '加分' : '计划']),
    },
    {
      name: '创建目标',
      headers: ['单位编码', '星编码'],
      rows: units.flatMap((u) => u.targets.map((s) => [u.code, s])),
    },
    {
      name: '指标',
      headers: ['编码', '名称', '星编码', '板块编码', '月份', '满分'],
      rows: model.items.map((i) => [i.code, i.name, i.star, i.module, i.month, i.max]),
    },
    {
      name: '得分',
      headers: ['单位编码', '指标编码', '得分', '评分人', '不适用'],
      rows: scores.flatMap((s) => s.points.map((p) => [s.unit, s.item, p, '督导组', s.na ? '是' : '否'])),
    },
    {
      name: '加分',
      headers: ['单位编码', '星编码', '板块编码', '月份', '分值', '事由'],
      rows: bonuses.map((b) => [b.unit, b.star, b.module, b.month, b.points, '夺旗争先']),
    },
  ];
}

/** Writes sheets as an .xlsx file with exceljs. */
export async function sheetsToXlsx(sheets: TestSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow(s.headers);
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes one sheet as CSV text (a CSV set is one file per sheet, named after it). */
export function sheetToCsv(sheet: TestSheet): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[sheet.headers, ...sheet.rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Writes sheets as one JSON document keyed by sheet name. */
export function sheetsToJson(sheets: TestSheet[]): string {
  const doc: Record<string, Record<string, string | number>[]> = {};
  for (const s of sheets)
    doc[s.name] = s.rows.map((r) => Object.fromEntries(s.headers.map((h, i) => [h, r[i] ?? ''])));
  return JSON.stringify(doc);
}

/** Returns a copy of the sheets with one sheet changed, for malformed-workbook tests. */
export function withSheet(
  sheets: TestSheet[],
  name: string,
  change: (sheet: TestSheet) => TestSheet,
): TestSheet[] {
  return sheets.map((s) => (s.name === name ? change({ ...s, rows: s.rows.map((r) => [...r]) }) : s));
}
