import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. 创建档案, a village's creation file: per target star, its measures (创建措施) and progress
 * reports (with how far along, in percent), each with photos as evidence. Entries are only ever added.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('creation_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('entered_by', 'text')
    .addColumn('entered_by_name', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('creation_entries_unit')
    .on('creation_entries')
    .columns(['campaign_id', 'unit_id', 'entered_at'])
    .execute();
  await db.schema
    .createTable('creation_entry_photos')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('creation_entries.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('creation_entry_photos_pk', ['entry_id', 'photo_id'])
    .execute();
}
