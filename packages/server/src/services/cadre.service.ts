import type { CadreKind, CadreListQuery, CreateCadreBody, UpdateCadreBody } from '../contracts/cadres';
import { invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, unitScopeOf } from '../policies/policy';
import type { CadreRow, CadreUnitRow } from '../repositories/cadre.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/**
 * Cadres (街道干部, 驻村干部) and the villages and communities they answer for. District admins keep every
 * street's cadres, street admins their own street's; a cadre's units always lie in the cadre's street.
 */

/** A cadre with the units linked to the cadre, in order. */
export interface Cadre {
  row: CadreRow;
  kind: CadreKind;
  units: CadreUnitRow[];
}

/** A street the caller may keep cadres of, with its villages and communities. */
export interface CadreStreet {
  street: UnitRow;
  units: UnitRow[];
}

export interface CadreList {
  rows: Cadre[];
  streets: CadreStreet[];
}

const LINKABLE = new Set(['village', 'community']);

const kindOf = (row: CadreRow): CadreKind => (row.kind === 'stationed' ? 'stationed' : 'street');

/** The cadres' units, attached to each cadre. */
export async function withUnits(ctx: ServiceContext, rows: CadreRow[]): Promise<Cadre[]> {
  const units = rows.length > 0 ? await ctx.repos.cadres.units(rows.map((r) => r.id)) : [];
  return rows.map((row) => ({ row, kind: kindOf(row), units: units.filter((u) => u.cadre_id === row.id) }));
}

/** The streets in the caller's part of the tree, with their villages and communities, in tree order. */
export async function cadreStreets(ctx: ServiceContext): Promise<CadreStreet[]> {
  if (!ctx.actor) return [];
  const units = await ctx.repos.units.list(unitScopeOf(ctx.actor), { households: false });
  return units
    .filter((u) => u.type === 'street')
    .map((street) => ({
      street,
      units: units.filter((u) => u.parent_id === street.id && LINKABLE.has(u.type)),
    }));
}

/** Cadres of the streets the caller sees (one street with `street`), and those streets' villages for the form. */
export async function listCadres(ctx: ServiceContext, query: CadreListQuery): Promise<CadreList> {
  authorize(ctx.actor, { do: 'cadre.list' });
  const streets = await cadreStreets(ctx);
  const shown = query.street ? streets.filter((s) => s.street.code === query.street) : streets;
  if (query.street && shown.length === 0)
    throw invalid(`街道 ${query.street} 不存在或不在您的管辖范围内`, 'street');
  const rows = await ctx.repos.cadres.list(
    shown.map((s) => s.street.id),
    query.all === 'true',
  );
  return { rows: await withUnits(ctx, rows), streets };
}

/** The street's villages and communities named by code, each once, in the order given; a stranger is a 400. */
async function linkableUnits(ctx: ServiceContext, street: UnitRow, codes: string[]): Promise<UnitRow[]> {
  const unique = [...new Set(codes)];
  const found = new Map((await ctx.repos.units.findByCodes(unique)).map((u) => [u.code, u]));
  return unique.map((code) => {
    const unit = found.get(code);
    if (!unit) throw invalid(`单位 ${code} 不存在`, 'unitCodes');
    if (unit.parent_id !== street.id || !LINKABLE.has(unit.type))
      throw invalid(`${unit.name}（${code}）不是${street.name}的村（社区）`, 'unitCodes');
    return unit;
  });
}

async function loadCadre(ctx: ServiceContext, id: string): Promise<Cadre> {
  const row = await ctx.repos.cadres.findById(id);
  if (!row) throw notFound('干部不存在');
  const [cadre] = await withUnits(ctx, [row]);
  if (!cadre) throw notFound('干部不存在');
  return cadre;
}

/** What the audit log keeps of a cadre. */
function auditView(c: Cadre) {
  return {
    name: c.row.name,
    kind: c.kind,
    position: c.row.position,
    phone: c.row.phone,
    street: c.row.street_code,
    units: c.units.map((u) => u.code),
    active: Number(c.row.active) === 1,
  };
}

/** Adds a cadre of a street, linked to villages and communities of that street: the street's admins. */
export async function createCadre(ctx: ServiceContext, body: CreateCadreBody): Promise<Cadre> {
  authorize(ctx.actor, { do: 'cadre.list' });
  const street = await ctx.repos.units.findByCode(body.streetCode);
  if (street?.type !== 'street') throw invalid(`街道 ${body.streetCode} 不存在`, 'streetCode');
  authorize(ctx.actor, { do: 'cadre.manage', street });
  const units = await linkableUnits(ctx, street, body.unitCodes);
  const id = newId();
  await ctx.repos.cadres.insert({
    id,
    name: body.name,
    kind: body.kind,
    position: body.position,
    phone: body.phone ? body.phone : null,
    street_id: street.id,
    active: 1,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.repos.cadres.replaceUnits(
    id,
    units.map((u) => u.id),
  );
  const created = await loadCadre(ctx, id);
  await recordAudit(ctx, {
    action: 'cadre.create',
    entity: 'cadre',
    entityId: id,
    before: null,
    after: auditView(created),
  });
  return created;
}

/** Changes a cadre, the villages linked to the cadre, or marks the cadre as left (离任): the street's admins. */
export async function updateCadre(ctx: ServiceContext, id: string, body: UpdateCadreBody): Promise<Cadre> {
  authorize(ctx.actor, { do: 'cadre.list' });
  const before = await loadCadre(ctx, id);
  const street = await ctx.repos.units.findById(before.row.street_id);
  if (!street) throw notFound('干部所属街道不存在');
  authorize(ctx.actor, { do: 'cadre.manage', street });
  if (body.unitCodes !== undefined) {
    const units = await linkableUnits(ctx, street, body.unitCodes);
    await ctx.repos.cadres.replaceUnits(
      id,
      units.map((u) => u.id),
    );
  }
  await ctx.repos.cadres.update(id, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.position !== undefined ? { position: body.position } : {}),
    ...(body.phone !== undefined ? { phone: body.phone ? body.phone : null } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    updated_at: ctx.now,
  });
  const after = await loadCadre(ctx, id);
  await recordAudit(ctx, {
    action: 'cadre.update',
    entity: 'cadre',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}
