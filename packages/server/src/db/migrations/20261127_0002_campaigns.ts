import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. Five-star campaigns: their model (stars, modules, items), the units they assess,
 * targets (创建目标), the append-only score ledger, bonuses and locked months.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('star_line', 'double precision', (c) => c.notNull().defaultTo(80))
    .addColumn('prerequisite', 'text')
    .addColumn('trim', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('problem_deduction', 'double precision', (c) => c.notNull().defaultTo(0.5))
    .addColumn('deduction_module', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_year_idx').on('campaigns').column('year').execute();

  await db.schema
    .createTable('campaign_stars')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_stars_pk', ['campaign_id', 'code'])
    .execute();

  await db.schema
    .createTable('campaign_modules')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('budget', 'double precision', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_modules_pk', ['campaign_id', 'code'])
    .execute();

  await db.schema
    .createTable('campaign_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('guidance', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('campaign_items_code_uq', ['campaign_id', 'code'])
    .execute();

  await db.schema
    .createTable('campaign_units')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('campaign_units_pk', ['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('campaign_units_unit_idx').on('campaign_units').column('unit_id').execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text')
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('targets_unit_idx')
    .on('targets')
    .columns(['campaign_id', 'unit_id', 'status'])
    .execute();

  await db.schema
    .createTable('score_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('campaign_items.id'))
    .addColumn('scorer', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision')
    .addColumn('na', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('supersedes_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('entered_by', 'text')
    .addColumn('entered_by_name', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('score_entries_ranking_idx')
    .on('score_entries')
    .columns(['campaign_id', 'unit_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('score_entries_supersedes_idx')
    .on('score_entries')
    .column('supersedes_id')
    .execute();

  await db.schema
    .createTable('bonuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('entered_by', 'text')
    .addColumn('entered_by_name', 'text')
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bonuses_unit_idx').on('bonuses').columns(['campaign_id', 'unit_id']).execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_by_name', 'text')
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('period_locks_pk', ['campaign_id', 'month'])
    .execute();
}
