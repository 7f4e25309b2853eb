import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. 五美庭院: household profiles (the households are units of type `household`), campaigns,
 * applications (current status and level, denormalised), evaluations (append-only versions per evaluator) with
 * photos, level events (nominations and demotions, history kept) with photos, awards.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('household_profiles')
    .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('courtyard_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('standards', 'text', (c) => c.notNull())
    .addColumn('levels', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('courtyard_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('courtyard_campaigns.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('evaluator_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_by', 'text')
    .addColumn('applied_by_name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .addColumn('village_confirmed_by_name', 'text')
    .addColumn('village_confirmed_at', 'text')
    .addColumn('street_confirmed_by_name', 'text')
    .addColumn('street_confirmed_at', 'text')
    .addColumn('rejected_by_name', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('level_changed_at', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('courtyard_applications_uq', ['campaign_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('courtyard_applications_household_idx')
    .on('courtyard_applications')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('courtyard_evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('courtyard_campaigns.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('evaluator_id', 'text', (c) => c.notNull())
    .addColumn('evaluator_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('total', 'double precision', (c) => c.notNull())
    .addColumn('correction_reason', 'text')
    .addColumn('evaluated_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addUniqueConstraint('courtyard_evaluations_version_uq', [
      'campaign_id',
      'household_id',
      'evaluator_id',
      'version',
    ])
    .execute();

  await db.schema
    .createTable('courtyard_evaluation_photos')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('courtyard_evaluations.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('courtyard_evaluation_photos_pk', ['evaluation_id', 'photo_id'])
    .execute();

  await db.schema
    .createTable('courtyard_level_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('courtyard_campaigns.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('reason', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('courtyard_level_events_household_idx')
    .on('courtyard_level_events')
    .columns(['campaign_id', 'household_id'])
    .execute();

  await db.schema
    .createTable('courtyard_level_event_photos')
    .addColumn('event_id', 'text', (c) => c.notNull().references('courtyard_level_events.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('courtyard_level_event_photos_pk', ['event_id', 'photo_id'])
    .execute();

  await db.schema
    .createTable('courtyard_awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('courtyard_campaigns.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount', 'double precision')
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('courtyard_awards_household_idx')
    .on('courtyard_awards')
    .columns(['campaign_id', 'household_id'])
    .execute();
}
