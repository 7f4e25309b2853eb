import type { Insertable, Selectable } from 'kysely';
import type { FlagAwardPhotosTable, FlagAwardsTable, PhotosTable } from '../db/schema';
import type { UnitScope } from '../policies/policy';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored flag award (夺旗争先). */
export type FlagAwardRow = Selectable<FlagAwardsTable>;

/** An award with its unit and the unit's street, as lists show it. */
export interface FlagAwardListRow extends FlagAwardRow {
  unit_code: string;
  unit_name: string;
  unit_path: string;
  street_code: string | null;
  street_name: string | null;
}

/** A photo attached to an award. */
export interface FlagAwardPhotoRow extends Selectable<PhotosTable> {
  award_id: string;
  sort: number;
}

export interface FlagAwardFilter {
  id?: string;
  status?: string;
  unitCode?: string;
  streetCode?: string;
  star?: string;
}

/** All SQL about flag awards and their photos. */
export class FlagAwardRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<FlagAwardsTable>): Promise<void> {
    await this.x.db.insertInto('flag_awards').values(row).execute();
  }

  async insertPhotoLinks(rows: Insertable<FlagAwardPhotosTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('flag_award_photos')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async findById(id: string): Promise<FlagAwardRow | undefined> {
    return this.x.db.selectFrom('flag_awards').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByIdempotencyKey(key: string): Promise<FlagAwardRow | undefined> {
    return this.x.db
      .selectFrom('flag_awards')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** A campaign's awards inside `scope` matching the filter, newest month first. */
  async list(
    campaignId: string,
    scope: UnitScope,
    filter: FlagAwardFilter = {},
  ): Promise<FlagAwardListRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.x.db
      .selectFrom('flag_awards as f')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .leftJoin('units as s', 's.id', 'u.parent_id')
      .selectAll('f')
      .select([
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        's.code as street_code',
        's.name as street_name',
      ])
      .where('f.campaign_id', '=', campaignId);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((path) => eb('u.path', 'like', `${path}%`))));
    }
    if (filter.id) q = q.where('f.id', '=', filter.id);
    if (filter.status) q = q.where('f.status', '=', filter.status);
    if (filter.unitCode) q = q.where('u.code', '=', filter.unitCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.star) q = q.where('f.star', '=', filter.star);
    return q.orderBy('f.month', 'desc').orderBy('f.proposed_at', 'desc').orderBy('f.id').execute();
  }

  /** Decides a pending award; false when it was no longer pending. */
  async decide(
    id: string,
    patch: {
      status: string;
      decided_by: string | null;
      decided_by_name: string;
      decided_at: string;
      decision_note: string | null;
      bonus_id: string | null;
    },
  ): Promise<boolean> {
    const res = await this.x.db
      .updateTable('flag_awards')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** The photos of the given awards, in attachment order. */
  async photos(awardIds: string[]): Promise<FlagAwardPhotoRow[]> {
    if (awardIds.length === 0) return [];
    const out: FlagAwardPhotoRow[] = [];
    for (let i = 0; i < awardIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('flag_award_photos as fp')
          .innerJoin('photos as ph', 'ph.id', 'fp.photo_id')
          .selectAll('ph')
          .select(['fp.award_id', 'fp.sort'])
          .where('fp.award_id', 'in', awardIds.slice(i, i + BATCH_ROWS))
          .orderBy('fp.sort')
          .execute()),
      );
    return out;
  }

  /** The client keys of an award's photos, in order (for idempotency fingerprints). */
  async photoKeys(awardId: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('flag_award_photos as fp')
      .innerJoin('photos as ph', 'ph.id', 'fp.photo_id')
      .select('ph.idempotency_key')
      .where('fp.award_id', '=', awardId)
      .orderBy('fp.sort')
      .execute();
    return rows.map((r) => r.idempotency_key);
  }

  /** Marks a row as demo data. */
  async markDemo(id: string): Promise<void> {
    await this.x.db.updateTable('flag_awards').set({ demo: 1 }).where('id', '=', id).execute();
  }
}
