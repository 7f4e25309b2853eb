import type { Insertable, Selectable } from 'kysely';
import type { PhotosTable, VetoesTable, VetoPhotosTable } from '../db/schema';
import type { UnitScope } from '../policies/policy';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored veto (一票否决). */
export type VetoRow = Selectable<VetoesTable>;

/** A veto with its unit and the unit's street. */
export interface VetoListRow extends VetoRow {
  unit_code: string;
  unit_name: string;
  unit_path: string;
  street_code: string | null;
  street_name: string | null;
}

export interface VetoPhotoRow extends Selectable<PhotosTable> {
  veto_id: string;
  sort: number;
}

export interface VetoFilter {
  id?: string;
  unitCode?: string;
  streetCode?: string;
  active?: boolean;
}

/** All SQL about vetoes and their photos. */
export class VetoRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<VetoesTable>): Promise<void> {
    await this.x.db.insertInto('vetoes').values(row).execute();
  }

  async insertPhotoLinks(rows: Insertable<VetoPhotosTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('veto_photos')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async findById(id: string): Promise<VetoRow | undefined> {
    return this.x.db.selectFrom('vetoes').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByIdempotencyKey(key: string): Promise<VetoRow | undefined> {
    return this.x.db.selectFrom('vetoes').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** A campaign's vetoes inside `scope`, newest first. */
  async list(campaignId: string, scope: UnitScope, filter: VetoFilter = {}): Promise<VetoListRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.x.db
      .selectFrom('vetoes as v')
      .innerJoin('units as u', 'u.id', 'v.unit_id')
      .leftJoin('units as s', 's.id', 'u.parent_id')
      .selectAll('v')
      .select([
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        's.code as street_code',
        's.name as street_name',
      ])
      .where('v.campaign_id', '=', campaignId);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((path) => eb('u.path', 'like', `${path}%`))));
    }
    if (filter.id) q = q.where('v.id', '=', filter.id);
    if (filter.unitCode) q = q.where('u.code', '=', filter.unitCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.active === true) q = q.where('v.revoked_at', 'is', null);
    if (filter.active === false) q = q.where('v.revoked_at', 'is not', null);
    return q.orderBy('v.recorded_at', 'desc').orderBy('v.id').execute();
  }

  /** The campaign's active (not revoked) vetoes, for the rating. */
  async active(campaignId: string): Promise<VetoRow[]> {
    return this.x.db
      .selectFrom('vetoes')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('revoked_at', 'is', null)
      .orderBy('recorded_at')
      .orderBy('id')
      .execute();
  }

  /** Revokes an active veto; false when it was already revoked. */
  async revoke(id: string, patch: { revoked_by_name: string; revoked_at: string; revoke_reason: string }) {
    const res = await this.x.db
      .updateTable('vetoes')
      .set(patch)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async photos(vetoIds: string[]): Promise<VetoPhotoRow[]> {
    if (vetoIds.length === 0) return [];
    const out: VetoPhotoRow[] = [];
    for (let i = 0; i < vetoIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('veto_photos as vp')
          .innerJoin('photos as ph', 'ph.id', 'vp.photo_id')
          .selectAll('ph')
          .select(['vp.veto_id', 'vp.sort'])
          .where('vp.veto_id', 'in', vetoIds.slice(i, i + BATCH_ROWS))
          .orderBy('vp.sort')
          .execute()),
      );
    return out;
  }

  async photoKeys(vetoId: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('veto_photos as vp')
      .innerJoin('photos as ph', 'ph.id', 'vp.photo_id')
      .select('ph.idempotency_key')
      .where('vp.veto_id', '=', vetoId)
      .orderBy('vp.sort')
      .execute();
    return rows.map((r) => r.idempotency_key);
  }

  /** Marks a row as demo data. */
  async markDemo(id: string): Promise<void> {
    await this.x.db.updateTable('vetoes').set({ demo: 1 }).where('id', '=', id).execute();
  }
}
