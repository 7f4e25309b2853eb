import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CadresTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A cadre with the street's code and name joined in. */
export interface CadreRow extends Selectable<CadresTable> {
  street_code: string;
  street_name: string;
  street_path: string;
}

/** A unit linked to a cadre, in the cadre's order. */
export interface CadreUnitRow {
  cadre_id: string;
  unit_id: string;
  code: string;
  name: string;
  sort: number;
}

/** All SQL about cadres (街道干部, 驻村干部) and the villages they answer for. */
export class CadreRepository {
  constructor(private readonly x: Executor) {}

  private query() {
    return this.x.db
      .selectFrom('cadres as c')
      .innerJoin('units as s', 's.id', 'c.street_id')
      .selectAll('c')
      .select(['s.code as street_code', 's.name as street_name', 's.path as street_path']);
  }

  /** Cadres of the given streets (all when `streetIds` is null), by street order, street cadres first, then name. */
  async list(streetIds: string[] | null, includeInactive: boolean): Promise<CadreRow[]> {
    if (streetIds !== null && streetIds.length === 0) return [];
    let q = this.query();
    if (streetIds !== null) q = q.where('c.street_id', 'in', streetIds);
    if (!includeInactive) q = q.where('c.active', '=', 1);
    return q
      .orderBy('s.sort')
      .orderBy('s.code')
      .orderBy('c.kind', 'desc')
      .orderBy('c.name')
      .orderBy('c.id')
      .execute();
  }

  async findById(id: string): Promise<CadreRow | undefined> {
    return this.query().where('c.id', '=', id).executeTakeFirst();
  }

  async insert(row: Insertable<CadresTable>): Promise<void> {
    await this.x.db.insertInto('cadres').values(row).execute();
  }

  async update(id: string, patch: Updateable<CadresTable>): Promise<void> {
    await this.x.db.updateTable('cadres').set(patch).where('id', '=', id).execute();
  }

  /** The units linked to the given cadres, each cadre's in its order. */
  async units(cadreIds: string[]): Promise<CadreUnitRow[]> {
    const out: CadreUnitRow[] = [];
    for (let i = 0; i < cadreIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('cadre_units as cu')
          .innerJoin('units as u', 'u.id', 'cu.unit_id')
          .select(['cu.cadre_id', 'cu.unit_id', 'u.code', 'u.name', 'cu.sort'])
          .where('cu.cadre_id', 'in', cadreIds.slice(i, i + BATCH_ROWS))
          .orderBy('cu.sort')
          .execute()),
      );
    return out;
  }

  /** Links exactly these units to the cadre, in this order. */
  async replaceUnits(cadreId: string, unitIds: string[]): Promise<void> {
    await this.x.db.deleteFrom('cadre_units').where('cadre_id', '=', cadreId).execute();
    if (unitIds.length === 0) return;
    await this.x.db
      .insertInto('cadre_units')
      .values(unitIds.map((unit_id, sort) => ({ cadre_id: cadreId, unit_id, sort })))
      .execute();
  }

  /** Marks the given cadres as demo data. */
  async markDemo(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_ROWS)
      await this.x.db
        .updateTable('cadres')
        .set({ demo: 1 })
        .where('id', 'in', ids.slice(i, i + BATCH_ROWS))
        .execute();
  }
}
