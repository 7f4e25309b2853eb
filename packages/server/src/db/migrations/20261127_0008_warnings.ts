import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. 预警 warnings raised at quarterly rankings, and the reminder talks (谈话提醒) they open:
 * each campaign's thresholds, every evaluation of a quarter (kept as history), the warnings (lifted, never
 * deleted), the talk records and the help measures (帮扶措施) noted on a warning.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('warning_rules')
    .addColumn('campaign_id', 'text', (c) => c.primaryKey().references('campaigns.id'))
    .addColumn('bottom_n', 'integer', (c) => c.notNull())
    .addColumn('overdue_min', 'integer', (c) => c.notNull())
    .addColumn('red_rate_below', 'double precision', (c) => c.notNull())
    .addColumn('talk_days', 'integer', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('warning_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('raised', 'integer', (c) => c.notNull())
    .addColumn('kept', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('lifted', 'integer', (c) => c.notNull())
    .addColumn('evaluated_by', 'text')
    .addColumn('evaluated_by_name', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('warning_evaluations_seq_uq', ['campaign_id', 'period', 'sequence'])
    .execute();

  await db.schema
    .createTable('warnings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('rate', 'double precision')
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('bottom_cutoff_rank', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_evaluation_id', 'text', (c) => c.notNull().references('warning_evaluations.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_on', 'text', (c) => c.notNull())
    .addColumn('talk_due_on', 'text', (c) => c.notNull())
    .addColumn('checked_evaluation_id', 'text', (c) => c.notNull().references('warning_evaluations.id'))
    .addColumn('lifted_evaluation_id', 'text', (c) => c.references('warning_evaluations.id'))
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_on', 'text')
    .addColumn('lift_reason', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('warnings_campaign_idx')
    .on('warnings')
    .columns(['campaign_id', 'period'])
    .execute();
  await db.schema.createIndex('warnings_unit_idx').on('warnings').columns(['unit_id', 'status']).execute();

  await db.schema
    .createTable('warning_talks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warnings.id'))
    .addColumn('talked_on', 'text', (c) => c.notNull())
    .addColumn('talker', 'text', (c) => c.notNull())
    .addColumn('talkee', 'text', (c) => c.notNull())
    .addColumn('agreed', 'text', (c) => c.notNull())
    .addColumn('follow_up_on', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('warning_talks_warning_idx').on('warning_talks').column('warning_id').execute();

  await db.schema
    .createTable('warning_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('warning_id', 'text', (c) => c.notNull().references('warnings.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('warning_measures_warning_idx')
    .on('warning_measures')
    .column('warning_id')
    .execute();
}
