import type { UnitType } from '../contracts/common';
import type { CreateUnitBody, MoveUnitBody, UnitListQuery, UpdateUnitBody } from '../contracts/units';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, unitScopeOf } from '../policies/policy';
import type { UnitHistoryRow, UnitListRow, UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/** Which unit types may sit under which: district → streets → villages/communities → households; departments under the district. */
export const PARENT_TYPES: Record<UnitType, readonly UnitType[]> = {
  district: [],
  street: ['district'],
  village: ['street'],
  community: ['street'],
  department: ['district'],
  household: ['village', 'community'],
};

const TYPE_LABEL: Record<UnitType, string> = {
  district: '区',
  street: '街道',
  village: '村',
  community: '社区',
  department: '单位',
  household: '户',
};

/** Checks that `type` may sit under `parent`; returns a Chinese reason when not. */
export function parentProblem(type: UnitType, parent: { type: string; code: string } | null): string | null {
  const allowed = PARENT_TYPES[type];
  if (!parent) return allowed.length === 0 ? null : `${TYPE_LABEL[type]}必须有上级单位`;
  if (!allowed.includes(parent.type as UnitType)) {
    if (allowed.length === 0) return `${TYPE_LABEL[type]}不能有上级单位`;
    return `${TYPE_LABEL[type]}的上级必须是${allowed.map((t) => TYPE_LABEL[t]).join('或')}，而 ${parent.code} 是${TYPE_LABEL[parent.type as UnitType] ?? parent.type}`;
  }
  return null;
}

function snapshot(u: UnitRow) {
  return {
    code: u.code,
    name: u.name,
    type: u.type,
    parentId: u.parent_id,
    weight: u.weight,
    contestGroupId: u.contest_group_id,
  };
}

/**
 * Units the actor may see, as a flat list the client turns into a tree. Households (五美庭院, 1,000+) are left
 * out unless asked for (`households: 'true'` or `type: 'household'`); their own pages list them in pages.
 */
export async function listUnits(
  ctx: ServiceContext,
  query: UnitListQuery & { households?: 'true' | 'false' },
): Promise<UnitListRow[]> {
  authorize(ctx.actor, { do: 'unit.list' });
  const households = query.households === 'true' || query.type === 'household';
  return ctx.repos.units.list(unitScopeOf(ctx.actor), { type: query.type, q: query.q, households });
}

/** One unit with its path from the root and its history of renames and moves. */
export async function getUnit(
  ctx: ServiceContext,
  id: string,
): Promise<{ unit: UnitListRow; path: UnitRow[]; history: UnitHistoryRow[] }> {
  const unit = await ctx.repos.units.findListRowById(id);
  if (!unit) throw notFound('单位不存在');
  authorize(ctx.actor, { do: 'unit.read', unit });
  return {
    unit,
    path: await ctx.repos.units.ancestors(unit.path),
    history: await ctx.repos.units.history(id),
  };
}

async function contestGroupIdFor(
  ctx: ServiceContext,
  code: string | null | undefined,
): Promise<string | null> {
  if (!code) return null;
  const group = await ctx.repos.contestGroups.findByCode(code);
  if (!group) throw invalid(`赛组编码 ${code} 不存在`, 'contestGroupCode');
  return group.id;
}

/** What a new unit is made of; the caller has checked the actor, the code and the parent's type. */
export interface NewUnit {
  code: string;
  name: string;
  type: UnitType;
  parent: UnitRow | null;
  weight: number;
  contestGroupId: string | null;
  sort: number;
  /** Created one by one on the page, or by a workbook import. */
  how: 'created' | 'imported';
}

/** Writes a new unit with its first history line and its audit record (shared by create and import). */
export async function insertUnit(ctx: ServiceContext, u: NewUnit): Promise<UnitRow> {
  const id = newId();
  const row: UnitRow = {
    id,
    code: u.code,
    name: u.name,
    type: u.type,
    parent_id: u.parent?.id ?? null,
    path: `${u.parent?.path ?? '/'}${id}/`,
    depth: (u.parent?.depth ?? -1) + 1,
    weight: u.weight,
    contest_group_id: u.contestGroupId,
    sort: u.sort,
    demo: 0,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await ctx.repos.units.insert(row);
  await ctx.repos.units.addHistory({
    id: newId(),
    unit_id: id,
    at: ctx.now,
    actor_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? null,
    change: u.how,
    from_value: null,
    to_value: u.name,
    from_parent_id: null,
    to_parent_id: row.parent_id,
  });
  await recordAudit(ctx, {
    action: u.how === 'created' ? 'unit.create' : 'unit.import',
    entity: 'unit',
    entityId: id,
    before: null,
    after: snapshot(row),
  });
  return row;
}

/** Creates a unit under a parent, after checking the parent's type and that the code is new. */
export async function createUnit(ctx: ServiceContext, body: CreateUnitBody): Promise<UnitListRow> {
  const parent = body.parentCode ? await ctx.repos.units.findByCode(body.parentCode) : undefined;
  if (body.parentCode && !parent) {
    authorize(ctx.actor, { do: 'unit.list' });
    throw invalid(`上级编码 ${body.parentCode} 不存在`, 'parentCode');
  }
  authorize(ctx.actor, { do: 'unit.create', parent: parent ?? null, type: body.type });
  const problem = parentProblem(body.type, parent ?? null);
  if (problem) throw invalid(problem, 'parentCode');
  if (await ctx.repos.units.findByCode(body.code)) throw conflict(`编码 ${body.code} 已存在`, 'code');
  const row = await insertUnit(ctx, {
    code: body.code,
    name: body.name,
    type: body.type,
    parent: parent ?? null,
    weight: body.weight ?? 1,
    contestGroupId: await contestGroupIdFor(ctx, body.contestGroupCode),
    sort: 0,
    how: 'created',
  });
  const id = row.id;
  const created = await ctx.repos.units.findListRowById(id);
  if (!created) throw notFound();
  return created;
}

/** Renames a unit or changes its weight or contest group; a rename keeps the old name in its history. */
export async function updateUnit(
  ctx: ServiceContext,
  id: string,
  body: UpdateUnitBody,
): Promise<UnitListRow> {
  const unit = await ctx.repos.units.findById(id);
  if (!unit) throw notFound('单位不存在');
  authorize(ctx.actor, { do: 'unit.update', unit });
  const patch: Partial<UnitRow> = {};
  if (body.name !== undefined && body.name !== unit.name) patch.name = body.name;
  if (body.weight !== undefined && body.weight !== unit.weight) patch.weight = body.weight;
  if (body.contestGroupCode !== undefined) {
    const groupId = await contestGroupIdFor(ctx, body.contestGroupCode);
    if (groupId !== unit.contest_group_id) patch.contest_group_id = groupId;
  }
  if (Object.keys(patch).length > 0) {
    await ctx.repos.units.update(id, { ...patch, updated_at: ctx.now });
    const base = {
      id: newId(),
      unit_id: id,
      at: ctx.now,
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.displayName,
    };
    if (patch.name !== undefined)
      await ctx.repos.units.addHistory({
        ...base,
        change: 'renamed',
        from_value: unit.name,
        to_value: patch.name,
        from_parent_id: null,
        to_parent_id: null,
      });
    if (patch.weight !== undefined || patch.contest_group_id !== undefined)
      await ctx.repos.units.addHistory({
        ...base,
        id: newId(),
        change: 'updated',
        from_value: `权重 ${unit.weight}`,
        to_value: `权重 ${patch.weight ?? unit.weight}`,
        from_parent_id: null,
        to_parent_id: null,
      });
    await recordAudit(ctx, {
      action: 'unit.update',
      entity: 'unit',
      entityId: id,
      before: snapshot(unit),
      after: snapshot({ ...unit, ...patch }),
    });
  }
  const updated = await ctx.repos.units.findListRowById(id);
  if (!updated) throw notFound();
  return updated;
}

/** Moves a unit (and its subtree) under a new parent; the move is kept in its history for period lookups. */
export async function moveUnit(ctx: ServiceContext, id: string, body: MoveUnitBody): Promise<UnitListRow> {
  const unit = await ctx.repos.units.findById(id);
  if (!unit) throw notFound('单位不存在');
  const to = await ctx.repos.units.findByCode(body.parentCode);
  if (!to) {
    authorize(ctx.actor, { do: 'unit.read', unit });
    throw invalid(`上级编码 ${body.parentCode} 不存在`, 'parentCode');
  }
  authorize(ctx.actor, { do: 'unit.move', unit, to });
  if (to.path.startsWith(unit.path)) throw invalid('不能把单位移动到它自己或它的下级之下', 'parentCode');
  const problem = parentProblem(unit.type as UnitType, to);
  if (problem) throw invalid(problem, 'parentCode');
  if (to.id === unit.parent_id) {
    const same = await ctx.repos.units.findListRowById(id);
    if (!same) throw notFound();
    return same;
  }
  await applyMove(ctx, unit, to, 'moved');
  const moved = await ctx.repos.units.findListRowById(id);
  if (!moved) throw notFound();
  return moved;
}

/** Re-parents a unit and rewrites its subtree's paths, recording history and audit. */
async function applyMove(ctx: ServiceContext, unit: UnitRow, to: UnitRow, change: 'moved' | 'imported') {
  const from = unit.parent_id ? await ctx.repos.units.findById(unit.parent_id) : undefined;
  const newPath = `${to.path}${unit.id}/`;
  await ctx.repos.units.update(unit.id, { parent_id: to.id, updated_at: ctx.now });
  await ctx.repos.units.rewriteSubtreePaths(unit.path, newPath, to.depth + 1 - unit.depth);
  await ctx.repos.units.addHistory({
    id: newId(),
    unit_id: unit.id,
    at: ctx.now,
    actor_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? null,
    change: change === 'imported' ? 'moved' : change,
    from_value: from ? `${from.name}（${from.code}）` : null,
    to_value: `${to.name}（${to.code}）`,
    from_parent_id: from?.id ?? null,
    to_parent_id: to.id,
  });
  await recordAudit(ctx, {
    action: 'unit.move',
    entity: 'unit',
    entityId: unit.id,
    before: { parentId: unit.parent_id, parentCode: from?.code ?? null },
    after: { parentId: to.id, parentCode: to.code },
  });
}

export { applyMove as applyUnitMove, snapshot as unitSnapshot };

/** The actor's units as the `单位` sheet of the campaign workbook. */
export async function exportUnits(
  ctx: ServiceContext,
): Promise<{ sheet: string; headers: string[]; rows: (string | number | null)[][] }> {
  authorize(ctx.actor, { do: 'unit.list' });
  const units = await ctx.repos.units.list(unitScopeOf(ctx.actor));
  return {
    sheet: '单位',
    headers: ['编码', '名称', '类型', '上级编码', '权重'],
    rows: units.map((u) => [
      u.code,
      u.name,
      TYPE_LABEL[u.type as UnitType] ?? u.type,
      u.parent_code,
      u.weight,
    ]),
  };
}
