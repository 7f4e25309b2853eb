import type { Insertable, Selectable } from 'kysely';
import type { PhotosTable } from '../db/schema';
import type { Executor } from './executor';

/** A stored photo's metadata. */
export type PhotoRow = Selectable<PhotosTable>;

/** A photo with its unit's code and path, for authorisation and views. */
export interface PhotoWithUnitRow extends PhotoRow {
  unit_code: string;
  unit_path: string;
  unit_type: string;
}

/** All SQL about photo metadata (the files live under DATA_DIR). */
export class PhotoRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<PhotosTable>): Promise<void> {
    await this.x.db.insertInto('photos').values(row).execute();
  }

  async findById(id: string): Promise<PhotoWithUnitRow | undefined> {
    return this.x.db
      .selectFrom('photos as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .selectAll('p')
      .select(['u.code as unit_code', 'u.path as unit_path', 'u.type as unit_type'])
      .where('p.id', '=', id)
      .executeTakeFirst();
  }

  async findByIdempotencyKey(key: string): Promise<PhotoRow | undefined> {
    return this.x.db.selectFrom('photos').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** The photos with these client keys (in no particular order; missing keys are simply absent). */
  async findByKeys(keys: string[]): Promise<PhotoRow[]> {
    if (keys.length === 0) return [];
    return this.x.db.selectFrom('photos').selectAll().where('idempotency_key', 'in', keys).execute();
  }

  async findByIds(ids: string[]): Promise<PhotoRow[]> {
    if (ids.length === 0) return [];
    return this.x.db.selectFrom('photos').selectAll().where('id', 'in', ids).execute();
  }
}
