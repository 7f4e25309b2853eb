import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { likeContains } from '../db/dialect';
import type { UnitHistoryTable, UnitsTable } from '../db/schema';
import type { UnitScope } from '../policies/policy';
import type { Executor } from './executor';

export type UnitRow = Selectable<UnitsTable>;
export type UnitHistoryRow = Selectable<UnitHistoryTable>;

/** A unit row with the parent's code and contest group's name joined in, as lists show it. */
export interface UnitListRow extends UnitRow {
  parent_code: string | null;
  contest_group_name: string | null;
  child_count: number;
}

/** All SQL about the organisation tree. */
export class UnitRepository {
  constructor(private readonly x: Executor) {}

  /** `withHouseholds: false` leaves households out of the children counted. */
  private listQuery(withHouseholds = true) {
    return this.x.db
      .selectFrom('units as u')
      .leftJoin('units as p', 'p.id', 'u.parent_id')
      .leftJoin('contest_groups as g', 'g.id', 'u.contest_group_id')
      .selectAll('u')
      .select((eb) => [
        'p.code as parent_code',
        'g.name as contest_group_name',
        eb
          .selectFrom('units as c')
          .whereRef('c.parent_id', '=', 'u.id')
          .$if(!withHouseholds, (q) => q.where('c.type', '!=', 'household'))
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('child_count'),
      ]);
  }

  /**
   * Units inside the scope, optionally of one type and matching a text, ordered by depth then sort and code.
   * `households: false` leaves households (1,000+ in a district) out of the list and of the children counted.
   */
  async list(
    scope: UnitScope,
    filter: { type?: string; q?: string; households?: boolean } = {},
  ): Promise<UnitListRow[]> {
    if (scope.kind === 'none') return [];
    const withHouseholds = filter.households !== false;
    let query = this.listQuery(withHouseholds);
    if (!withHouseholds) query = query.where('u.type', '!=', 'household');
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      query = query.where((eb) => eb.or(paths.map((p) => eb('u.path', 'like', `${p}%`))));
    }
    if (filter.type) query = query.where('u.type', '=', filter.type);
    if (filter.q) {
      const pattern = likeContains(filter.q.toLowerCase());
      query = query.where(
        sql<boolean>`(lower(u.name) like ${pattern} escape '\\' or lower(u.code) like ${pattern} escape '\\')`,
      );
    }
    const rows = await query.orderBy('u.depth').orderBy('u.sort').orderBy('u.code').execute();
    return rows.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) }));
  }

  async findListRowById(id: string): Promise<UnitListRow | undefined> {
    const row = await this.listQuery().where('u.id', '=', id).executeTakeFirst();
    return row ? { ...row, child_count: Number(row.child_count ?? 0) } : undefined;
  }

  async findById(id: string): Promise<UnitRow | undefined> {
    return this.x.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByCode(code: string): Promise<UnitRow | undefined> {
    return this.x.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async findByCodes(codes: string[]): Promise<UnitRow[]> {
    if (codes.length === 0) return [];
    const out: UnitRow[] = [];
    for (let i = 0; i < codes.length; i += 500) {
      const chunk = codes.slice(i, i + 500);
      out.push(...(await this.x.db.selectFrom('units').selectAll().where('code', 'in', chunk).execute()));
    }
    return out;
  }

  async findByIds(ids: string[]): Promise<UnitRow[]> {
    if (ids.length === 0) return [];
    return this.x.db.selectFrom('units').selectAll().where('id', 'in', ids).execute();
  }

  async all(): Promise<UnitRow[]> {
    return this.x.db
      .selectFrom('units')
      .selectAll()
      .orderBy('depth')
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.x.db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(row: Insertable<UnitsTable>): Promise<void> {
    await this.x.db.insertInto('units').values(row).execute();
  }

  async update(id: string, patch: Updateable<UnitsTable>): Promise<void> {
    await this.x.db.updateTable('units').set(patch).where('id', '=', id).execute();
  }

  /** Rewrites the path prefix of a whole subtree after a move, and shifts its depth. */
  async rewriteSubtreePaths(oldPrefix: string, newPrefix: string, depthDelta: number): Promise<void> {
    const rows = await this.x.db
      .selectFrom('units')
      .select(['id', 'path', 'depth'])
      .where('path', 'like', `${oldPrefix}%`)
      .execute();
    for (const r of rows) {
      await this.x.db
        .updateTable('units')
        .set({ path: newPrefix + r.path.slice(oldPrefix.length), depth: r.depth + depthDelta })
        .where('id', '=', r.id)
        .execute();
    }
  }

  async ancestors(path: string): Promise<UnitRow[]> {
    const ids = path.split('/').filter(Boolean);
    const rows = await this.findByIds(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is UnitRow => r !== undefined);
  }

  async addHistory(row: Insertable<UnitHistoryTable>): Promise<void> {
    await this.x.db.insertInto('unit_history').values(row).execute();
  }

  async history(unitId: string): Promise<UnitHistoryRow[]> {
    return this.x.db
      .selectFrom('unit_history')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }
}
