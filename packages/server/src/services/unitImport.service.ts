import type { UnitType } from '../contracts/common';
import { type ImportIssue, invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import { own } from '../lib/own';
import { authorize } from '../policies/policy';
import type { UnitRow } from '../repositories/unit.repository';
import type { ParsedSheet } from '../workbook/readWorkbook';
import { columnTitle, UNIT_TYPE_WORDS } from '../workbook/sheets';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { applyUnitMove, insertUnit, parentProblem, unitSnapshot } from './unit.service';

const CODE_RE = /^[A-Za-z0-9_.-]+$/;
const MAX_ISSUES = 200;

interface UnitImportRow {
  row: number;
  code: string;
  name: string;
  type: UnitType;
  parent: string | null;
  weight: number | null;
}

export interface UnitImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** Checks every row of the `单位` sheet and returns clean rows or every problem found, located by row and column. */
export function validateUnitRows(sheet: ParsedSheet<'units'>): {
  rows: UnitImportRow[];
  issues: ImportIssue[];
} {
  const issues: ImportIssue[] = [];
  const at = (row: number, column: 'code' | 'name' | 'type' | 'parent' | 'weight', message: string) => {
    if (issues.length < MAX_ISSUES)
      issues.push({
        sheet: sheet.title,
        row,
        column: sheet.headers[column] ?? columnTitle('units', column),
        message,
      });
  };
  for (const required of ['code', 'name', 'type'] as const) {
    if (!sheet.headers[required])
      issues.push({
        sheet: sheet.title,
        row: 1,
        column: columnTitle('units', required),
        message: `缺少“${columnTitle('units', required)}”列`,
      });
  }
  if (issues.length > 0) return { rows: [], issues };
  const rows: UnitImportRow[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const code = r.cells.code ?? '';
    const name = r.cells.name ?? '';
    const typeWord = r.cells.type ?? '';
    const parent = r.cells.parent ?? '';
    const weightText = r.cells.weight ?? '';
    let ok = true;
    const bad = (column: Parameters<typeof at>[1], message: string) => {
      at(r.row, column, message);
      ok = false;
    };
    if (!code) bad('code', '编码不能为空');
    else if (code.length > 64) bad('code', '编码不能超过64个字符');
    else if (!CODE_RE.test(code)) bad('code', '编码只能包含字母、数字、下划线、点和连字符');
    else if (seen.has(code)) bad('code', `编码 ${code} 与第 ${seen.get(code)} 行重复`);
    else seen.set(code, r.row);
    if (!name) bad('name', '名称不能为空');
    else if (name.length > 100) bad('name', `名称不能超过100个字符（当前 ${name.length} 个）`);
    const type = own(UNIT_TYPE_WORDS, typeWord) as UnitType | undefined;
    if (!typeWord) bad('type', '类型不能为空');
    else if (!type) bad('type', `类型“${typeWord.slice(0, 20)}”无效，应为 区、街道、村、社区、单位 或 户`);
    if (parent && !CODE_RE.test(parent)) bad('parent', '上级编码格式不正确');
    let weight: number | null = null;
    if (weightText) {
      weight = Number(weightText);
      if (!Number.isFinite(weight) || weight <= 0 || weight > 1000) {
        bad('weight', `权重“${weightText.slice(0, 20)}”无效，应为大于0且不超过1000的数字`);
        weight = null;
      }
    }
    if (ok && type) rows.push({ row: r.row, code, name, type, parent: parent || null, weight });
  }
  return { rows, issues };
}

/**
 * Imports the `单位` sheet all-or-nothing: every row is checked (types, parents in the file or the database,
 * duplicates) before anything is written; then units are created or updated parents first, with history.
 */
export async function importUnits(
  ctx: ServiceContext,
  sheet: ParsedSheet<'units'> | undefined,
): Promise<UnitImportResult> {
  authorize(ctx.actor, { do: 'unit.import' });
  if (!sheet)
    throw invalid('工作簿中没有“单位”工作表', 'file', [{ sheet: '单位', message: '缺少“单位”工作表' }]);
  const { rows, issues } = validateUnitRows(sheet);
  const parentColumn = sheet.headers.parent ?? columnTitle('units', 'parent');
  const existing = new Map<string, UnitRow>();
  const wanted = [...new Set(rows.flatMap((r) => (r.parent ? [r.code, r.parent] : [r.code])))];
  for (const u of await ctx.repos.units.findByCodes(wanted)) existing.set(u.code, u);
  const inFile = new Map(rows.map((r) => [r.code, r]));

  // Type rules against the parent (from the file when it is there, else from the database).
  for (const r of rows) {
    const parentRow = r.parent ? (inFile.get(r.parent) ?? existing.get(r.parent)) : null;
    if (r.parent && !parentRow) {
      issues.push({
        sheet: sheet.title,
        row: r.row,
        column: parentColumn,
        message: `上级编码 ${r.parent} 不存在`,
      });
      continue;
    }
    const problem = parentProblem(r.type, parentRow ? { type: parentRow.type, code: parentRow.code } : null);
    if (problem) issues.push({ sheet: sheet.title, row: r.row, column: parentColumn, message: problem });
    const old = existing.get(r.code);
    if (old && old.type !== r.type)
      issues.push({
        sheet: sheet.title,
        row: r.row,
        column: sheet.headers.type ?? columnTitle('units', 'type'),
        message: `单位 ${r.code} 已存在且类型不同，导入不能修改类型`,
      });
  }
  // Order parents before children; a cycle inside the file is an error.
  const ordered: UnitImportRow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: UnitImportRow): boolean => {
    const s = state.get(r.code);
    if (s === 'done') return true;
    if (s === 'visiting') return false;
    state.set(r.code, 'visiting');
    const p = r.parent ? inFile.get(r.parent) : undefined;
    if (p && !visit(p)) {
      issues.push({ sheet: sheet.title, row: r.row, column: parentColumn, message: '上级关系形成了循环' });
      state.set(r.code, 'done');
      return true;
    }
    state.set(r.code, 'done');
    ordered.push(r);
    return true;
  };
  for (const r of rows) visit(r);
  if (issues.length > 0)
    throw invalid(`导入失败：发现 ${issues.length} 处错误，未做任何修改`, 'file', issues);

  const result: UnitImportResult = { created: 0, updated: 0, unchanged: 0 };
  const byCode = new Map(existing);
  let moved = false;
  // After a move, paths held in memory may be stale: read them again.
  const fresh = async (u: UnitRow | undefined) => (u && moved ? await ctx.repos.units.findById(u.id) : u);
  for (const r of ordered) {
    const parent = r.parent ? ((await fresh(byCode.get(r.parent))) ?? null) : null;
    const old = await fresh(byCode.get(r.code));
    if (!old) {
      const row = await insertUnit(ctx, {
        code: r.code,
        name: r.name,
        type: r.type,
        parent,
        weight: r.weight ?? 1,
        contestGroupId: null,
        sort: r.row,
        how: 'imported',
      });
      byCode.set(r.code, row);
      result.created += 1;
      continue;
    }
    let current = old;
    let changed = false;
    if (r.name !== old.name || (r.weight !== null && r.weight !== old.weight)) {
      const patch = { name: r.name, weight: r.weight ?? old.weight, updated_at: ctx.now };
      await ctx.repos.units.update(old.id, patch);
      if (r.name !== old.name)
        await ctx.repos.units.addHistory({
          id: newId(),
          unit_id: old.id,
          at: ctx.now,
          actor_id: ctx.actor.userId,
          actor_name: ctx.actor.displayName,
          change: 'renamed',
          from_value: old.name,
          to_value: r.name,
          from_parent_id: null,
          to_parent_id: null,
        });
      current = { ...old, ...patch };
      await recordAudit(ctx, {
        action: 'unit.import',
        entity: 'unit',
        entityId: old.id,
        before: unitSnapshot(old),
        after: unitSnapshot(current),
      });
      changed = true;
    }
    if (parent && parent.id !== old.parent_id) {
      await applyUnitMove(ctx, current, parent, 'imported');
      moved = true;
      const reloaded = await ctx.repos.units.findById(old.id);
      if (reloaded) current = reloaded;
      changed = true;
    }
    byCode.set(r.code, current);
    if (changed) result.updated += 1;
    else result.unchanged += 1;
  }
  return result;
}
