import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. 夺旗争先 flag awards that count only once approved, 一票否决 vetoes on a unit's star, and
 * the district admin's confirmation of a year's star ratings (五星支部评定) as a frozen list.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('flag_awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('bonus_id', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('flag_awards_campaign_idx')
    .on('flag_awards')
    .columns(['campaign_id', 'status'])
    .execute();

  await db.schema
    .createTable('flag_award_photos')
    .addColumn('award_id', 'text', (c) => c.notNull().references('flag_awards.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('flag_award_photos_pk', ['award_id', 'photo_id'])
    .execute();

  await db.schema
    .createTable('vetoes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revoked_by_name', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('vetoes_campaign_idx')
    .on('vetoes')
    .columns(['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('veto_photos')
    .addColumn('veto_id', 'text', (c) => c.notNull().references('vetoes.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('veto_photos_pk', ['veto_id', 'photo_id'])
    .execute();

  /** A confirmed star-rating list: version n of a campaign's year, frozen as JSON with its reason. */
  await db.schema
    .createTable('rating_confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_by_name', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addUniqueConstraint('rating_confirmations_version_uq', ['campaign_id', 'version'])
    .execute();
}
