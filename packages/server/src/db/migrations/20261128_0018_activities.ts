import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. Outreach activities (宣传活动, PRODUCT.md "the seed's smaller records"): an event a unit
 * held, with its counts (工作人员, 横幅, 咨询台, 展板, 宣传资料, 接受咨询), summed in statistics. A deleted one is
 * kept with who deleted it and why.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  let table = db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull());
  for (const count of ['staff', 'banners', 'desks', 'boards', 'leaflets', 'consultations'])
    table = table.addColumn(count, 'integer', (c) => c.notNull().defaultTo(0));
  await table
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('delete_reason', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('activities_held_on').on('activities').columns(['held_on']).execute();
  await db.schema.createIndex('activities_unit').on('activities').columns(['unit_id']).execute();
}
