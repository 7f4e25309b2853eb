import { ACTIVITY_COUNT_KEYS, type ActivityCountKey, chinaDate } from '@wuxing/core';
import { type CreateActivityBody, CreateActivityBody as CreateActivitySchema } from '../contracts/activities';
import { forbidden, type ImportIssue, invalid } from '../lib/errors';
import type { Actor } from '../policies/actor';
import { authorize, can, unitScopeOf } from '../policies/policy';
import { dayOf } from '../workbook/cells';
import type { ParsedSheet } from '../workbook/readWorkbook';
import { type ColumnKey, columnTitle, sheetTitle } from '../workbook/sheets';
import type { ExportTable } from '../workbook/writeWorkbook';
import {
  ACTIVITY_COUNT_LABELS,
  type ActivityUnit,
  allStreets,
  insertActivity,
  visibleUnits,
} from './activity.service';
import type { ServiceContext } from './context';

/**
 * 宣传活动 from a workbook: a street or the district collects its units' events in Excel (users live in Excel) and
 * imports them at once — every row checked first, every problem named by row and column, nothing written unless
 * all rows are good. A row that repeats another row, or an event already recorded (same unit, day and name), is
 * refused, so importing the same file twice adds nothing.
 */

const MAX_ISSUES = 200;
const MAX_ROWS = 2000;

type Column = ColumnKey<'activities'>;

/** The body's fields and the workbook's columns. */
const COLUMN_OF: Record<string, Column> = {
  unitCode: 'unit',
  title: 'title',
  topic: 'topic',
  heldOn: 'heldOn',
  place: 'place',
  partners: 'partners',
  summary: 'summary',
};

export interface ActivityImportResult {
  created: number;
  /** The first and last day of the events imported (null when none). */
  from: string | null;
  to: string | null;
}

/** The units the actor may record activities for, with their streets, in tree order. */
async function recordableUnits(ctx: ServiceContext, actor: Actor): Promise<ActivityUnit[]> {
  return (await visibleUnits(ctx, await allStreets(ctx))).filter((u) =>
    can(actor, { do: 'activity.record', unit: { path: u.row.path, type: u.row.type } }),
  );
}

/** A count cell: blank is 0; otherwise a whole number (null when it is not one). */
function countCell(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  if (t === '') return 0;
  if (!/^\d+(\.0+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

/** Imports the 宣传活动 sheet: every row an event of a unit the caller may record for. */
export async function importActivities(
  ctx: ServiceContext,
  sheet: ParsedSheet<'activities'> | undefined,
): Promise<ActivityImportResult> {
  authorize(ctx.actor, { do: 'activity.list' });
  const actor = ctx.actor;
  const units = await recordableUnits(ctx, actor);
  // Someone who may record for no unit (an inspector) is refused before the file is looked at.
  if (units.length === 0) throw forbidden();
  const name = sheetTitle('activities');
  if (!sheet)
    throw invalid(`工作簿中没有“${name}”工作表`, 'file', [{ sheet: name, message: `缺少“${name}”工作表` }]);
  const col = (k: Column) => sheet.headers[k] ?? columnTitle('activities', k);
  const issues: ImportIssue[] = [];
  for (const required of ['unit', 'title', 'topic', 'heldOn', 'place'] as const)
    if (!sheet.headers[required])
      issues.push({ sheet: sheet.title, row: 1, column: col(required), message: `缺少“${col(required)}”列` });
  if (sheet.rows.length === 0) issues.push({ sheet: sheet.title, message: '工作表中没有数据行' });
  if (sheet.rows.length > MAX_ROWS)
    issues.push({ sheet: sheet.title, message: `一次最多导入${MAX_ROWS}行，当前 ${sheet.rows.length} 行` });
  if (issues.length > 0)
    throw invalid(`导入失败：发现 ${issues.length} 处错误，未做任何修改`, 'file', issues);

  const byCode = new Map(units.map((u) => [u.row.code, u.row]));
  const today = chinaDate(ctx.now);
  const rows: { row: number; unitId: string; body: CreateActivityBody }[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const issue = (k: Column, message: string) => {
      if (issues.length < MAX_ISSUES)
        issues.push({ sheet: sheet.title, row: r.row, column: col(k), message });
    };
    const before = issues.length;
    const counts: Partial<Record<ActivityCountKey, number>> = {};
    for (const k of ACTIVITY_COUNT_KEYS) {
      const n = countCell(r.cells[k]);
      if (n === null)
        issue(k, `${ACTIVITY_COUNT_LABELS[k]}“${(r.cells[k] ?? '').slice(0, 20)}”应为不小于0的整数`);
      else counts[k] = n;
    }
    const parsed = CreateActivitySchema.safeParse({
      unitCode: r.cells.unit ?? '',
      title: r.cells.title ?? '',
      topic: r.cells.topic ?? '',
      heldOn: dayOf(r.cells.heldOn ?? '') ?? (r.cells.heldOn ?? '').trim(),
      place: r.cells.place ?? '',
      partners: r.cells.partners ?? '',
      summary: r.cells.summary ?? '',
      counts,
    });
    if (!parsed.success) {
      for (const e of parsed.error.issues) {
        const [field, sub] = e.path.map(String);
        const column = field === 'counts' ? (sub as Column | undefined) : COLUMN_OF[field ?? ''];
        issue(column ?? 'title', e.message);
      }
      continue;
    }
    const body = parsed.data;
    const unit = byCode.get(body.unitCode);
    if (!unit) issue('unit', `单位编码 ${body.unitCode} 不存在或不在您可登记的范围内`);
    if (body.heldOn > today) issue('heldOn', `日期 ${body.heldOn} 晚于今天：请在活动举办后再登记`);
    const key = `${body.unitCode}|${body.heldOn}|${body.title}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) issue('title', `与第 ${earlier} 行是同一活动（单位、日期和名称相同）`);
    else seen.set(key, r.row);
    if (issues.length === before && unit) rows.push({ row: r.row, unitId: unit.id, body });
  }
  if (rows.length > 0 && issues.length === 0) {
    const days = rows.map((r) => r.body.heldOn).sort();
    const existing = await ctx.repos.activities.list(
      unitScopeOf(actor),
      days[0] ?? '',
      days[days.length - 1] ?? '',
    );
    const recorded = new Set(existing.map((a) => `${a.unit_code}|${a.held_on}|${a.title}`));
    for (const r of rows)
      if (recorded.has(`${r.body.unitCode}|${r.body.heldOn}|${r.body.title}`) && issues.length < MAX_ISSUES)
        issues.push({
          sheet: sheet.title,
          row: r.row,
          column: col('title'),
          message: '该活动已登记过（单位、日期和名称相同）',
        });
  }
  if (issues.length > 0)
    throw invalid(
      `导入失败：发现 ${issues.length} 处错误，未做任何修改`,
      'file',
      issues.slice(0, MAX_ISSUES),
    );
  for (const r of rows) await insertActivity(ctx, actor, r.unitId, r.body);
  const days = rows.map((r) => r.body.heldOn).sort();
  return { created: rows.length, from: days[0] ?? null, to: days[days.length - 1] ?? null };
}

/** The import template: the 宣传活动 sheet (headers only), the units one may record for, and how to fill it in. */
export async function activityTemplate(ctx: ServiceContext): Promise<ExportTable[]> {
  authorize(ctx.actor, { do: 'activity.list' });
  const units = await recordableUnits(ctx, ctx.actor);
  if (units.length === 0) throw forbidden();
  const columns: Column[] = [
    'unit',
    'title',
    'topic',
    'heldOn',
    'place',
    'partners',
    'summary',
    ...ACTIVITY_COUNT_KEYS,
  ];
  return [
    { sheet: sheetTitle('activities'), headers: columns.map((k) => columnTitle('activities', k)), rows: [] },
    {
      sheet: '可登记单位',
      headers: ['单位编码', '单位名称', '所属街道'],
      rows: units.map((u) => [u.row.code, u.row.name, u.street?.name ?? '区直']),
    },
    {
      sheet: '填写说明',
      headers: ['列', '说明'],
      rows: [
        ['单位编码', '举办活动的单位，见“可登记单位”工作表'],
        ['日期', '活动举办日期，如 2023-04-15，不能晚于今天'],
        ['活动名称、主题、地点', '必填；同一单位同一天同名的活动只登记一次'],
        ['各项数量', '不小于0的整数，没有的填0或留空'],
        [
          '示例',
          `${units[0]?.row.code ?? 'LX'} | 国家安全教育日宣传 | 国家安全教育日 | 2023-04-15 | 村文化广场 | … | 6 | 2 | 1 | 4 | 300 | 50`,
        ],
      ],
    },
  ];
}
