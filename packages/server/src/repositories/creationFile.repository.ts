import type { Insertable, Selectable } from 'kysely';
import type { CreationEntriesTable, CreationEntryPhotosTable, PhotosTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

export type CreationEntryRow = Selectable<CreationEntriesTable>;

/** A photo kept on an entry, with the entry it belongs to. */
export interface CreationEntryPhotoRow extends Selectable<PhotosTable> {
  entry_id: string;
  sort: number;
}

/** 创建档案: the entries of a unit's creation file and their photos. */
export class CreationFileRepository {
  constructor(private readonly x: Executor) {}

  /** The unit's entries in a campaign, oldest first. */
  async entries(campaignId: string, unitId: string): Promise<CreationEntryRow[]> {
    return this.x.db
      .selectFrom('creation_entries')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('unit_id', '=', unitId)
      .orderBy('entered_at')
      .orderBy('id')
      .execute();
  }

  async findByKey(key: string): Promise<CreationEntryRow | undefined> {
    return this.x.db
      .selectFrom('creation_entries')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  async insert(row: Insertable<CreationEntriesTable>): Promise<void> {
    await this.x.db.insertInto('creation_entries').values(row).execute();
  }

  async insertPhotoLinks(rows: Insertable<CreationEntryPhotosTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('creation_entry_photos')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  /** The photos of the given entries, in attachment order. */
  async photos(entryIds: string[]): Promise<CreationEntryPhotoRow[]> {
    const out: CreationEntryPhotoRow[] = [];
    for (let i = 0; i < entryIds.length; i += BATCH_ROWS)
      out.push(
        ...(await this.x.db
          .selectFrom('creation_entry_photos as cp')
          .innerJoin('photos as ph', 'ph.id', 'cp.photo_id')
          .selectAll('ph')
          .select(['cp.entry_id', 'cp.sort'])
          .where('cp.entry_id', 'in', entryIds.slice(i, i + BATCH_ROWS))
          .orderBy('cp.sort')
          .execute()),
      );
    return out;
  }

  /** The client keys of an entry's photos, in order (for its idempotency fingerprint). */
  async photoKeys(entryId: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('creation_entry_photos as cp')
      .innerJoin('photos as ph', 'ph.id', 'cp.photo_id')
      .select('ph.idempotency_key')
      .where('cp.entry_id', '=', entryId)
      .orderBy('cp.sort')
      .execute();
    return rows.map((r) => r.idempotency_key);
  }

  /** Marks the given entries as demo data. */
  async markDemo(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH_ROWS)
      await this.x.db
        .updateTable('creation_entries')
        .set({ demo: 1 })
        .where('id', 'in', ids.slice(i, i + BATCH_ROWS))
        .execute();
  }
}
