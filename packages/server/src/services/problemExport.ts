import { round2 } from '@wuxing/core';
import ExcelJS from 'exceljs';
import type { ProblemSeverity, ProblemSource, ProblemStatus } from '../contracts/supervision';
import type { ExportTable } from '../workbook/writeWorkbook';
import { STATUS_LABEL } from './problem.service';
import type { ProblemItem, ProblemStats, RoundNotice, StatsRow } from './problemRead.service';

/** The problem ledger, its statistics and a round's notice as downloads, with Chinese headers and labels. */

export const SOURCE_LABEL: Record<ProblemSource, string> = {
  supervision: '督导',
  observation: '观摩',
  covert: '明察暗访',
  special: '专项督查',
  acceptance: '年度验收',
  objection: '公示异议',
};

export const SEVERITY_LABEL: Record<ProblemSeverity, string> = {
  minor: '一般',
  major: '较重',
  severe: '严重',
};

const label = <K extends string>(labels: Record<K, string>, key: string): string =>
  (labels as Record<string, string>)[key] ?? key;

/** `2023-10-12T02:00:00.000Z` → `2023-10-12 10:00` (China time), as people read it. */
export function chinaDateTime(iso: string | null): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const starName = (starNames: Map<string, string>, i: ProblemItem) =>
  starNames.get(`${i.row.campaign_id}:${i.row.star}`) ?? i.row.star;

export const PROBLEM_HEADERS = [
  '编号',
  '单位',
  '街道',
  '星',
  '指标',
  '来源',
  '问题描述',
  '严重程度',
  '整改期限',
  '责任人',
  '状态',
  '是否逾期',
  '提出人',
  '提出时间',
  '销号时间',
];

/** The ledger as one table (CSV-safe: writeWorkbook defuses formulas). */
export function problemTable(items: ProblemItem[], starNames: Map<string, string>): ExportTable {
  return {
    sheet: '问题台账',
    headers: PROBLEM_HEADERS,
    rows: items.map((i) => [
      i.row.number,
      i.row.unit_name,
      i.row.street_name,
      starName(starNames, i),
      i.row.item_label,
      label(SOURCE_LABEL, i.row.source),
      i.row.description,
      label(SEVERITY_LABEL, i.row.severity),
      i.row.deadline,
      i.row.responsible,
      label<ProblemStatus>(STATUS_LABEL, i.row.status),
      i.overdue ? `是（${i.daysOverdue}天）` : '否',
      i.row.raised_by_name,
      chinaDateTime(i.row.raised_at),
      chinaDateTime(i.row.closed_at),
    ]),
  };
}

const fixed = (v: number | null) => (v === null ? null : round2(v));

function statsRow(r: StatsRow): (string | number | null)[] {
  return [
    r.code || null,
    r.name,
    r.parentName,
    r.figures.notified,
    r.figures.closed,
    fixed(r.figures.closureRate),
    r.figures.overdue,
    fixed(r.figures.avgDaysToClose),
  ];
}

/** The statistics (rows and a 合计 row) and the split by source, as two sheets. */
export function statsTables(s: ProblemStats): ExportTable[] {
  return [
    {
      sheet: s.level === 'street' ? '按街道统计' : '按村社区统计',
      headers: ['编码', '单位', '上级', '通报问题', '整改销号', '销号率(%)', '逾期未整改', '平均整改天数'],
      decimals: [5, 7],
      rows: [...s.rows.map(statsRow), statsRow(s.total)],
    },
    {
      sheet: '按来源统计',
      headers: ['来源', '通报问题', '整改销号'],
      rows: s.bySource.map((b) => [SOURCE_LABEL[b.source], b.notified, b.closed]),
    },
  ];
}

/** The printable notice (通报): a title row 「关于<轮次>发现问题的通报」 above the numbered problems. */
export async function noticeWorkbook(n: RoundNotice, generatedAt: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wuxing 五星';
  const ws = wb.addWorksheet('通报', {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const headers = ['序号', '编号', '单位', '星', '问题描述', '整改期限', '责任人', '状态'];
  const widths = [6, 14, 16, 12, 50, 12, 18, 12];
  ws.addRow([`关于${n.summary.round.name}发现问题的通报`]);
  ws.mergeCells(1, 1, 1, headers.length);
  const title = ws.getRow(1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 32;
  ws.addRow([
    `轮次 ${n.summary.round.number}　共通报问题 ${n.items.length} 条　生成时间 ${chinaDateTime(generatedAt) ?? ''}`,
  ]);
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getRow(2).alignment = { horizontal: 'center' };
  ws.addRow(headers);
  ws.getRow(3).font = { bold: true };
  n.items.forEach((i, k) => {
    const row = ws.addRow([
      k + 1,
      i.row.number,
      i.row.unit_name,
      n.starNames.get(`${i.row.campaign_id}:${i.row.star}`) ?? i.row.star,
      i.row.description,
      i.row.deadline,
      i.row.responsible,
      label<ProblemStatus>(STATUS_LABEL, i.row.status),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (let r = 3; r <= ws.rowCount; r++)
    ws.getRow(r).eachCell((cell) => {
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
