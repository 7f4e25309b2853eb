import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. Supervision on site (督导观摩): scoring-sheet templates, rounds with their inspector
 * assignments, the sheets inspectors submit (with photos), and the problem ledger (问题台账) with its events.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('sheet_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('module', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sheet_templates_code_uq', ['campaign_id', 'code'])
    .execute();

  await db.schema
    .createTable('sheet_template_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('sheet_templates.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('guidance', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('sheet_template_lines_code_uq', ['template_id', 'code'])
    .execute();

  await db.schema
    .createTable('inspection_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('sheet_templates.id'))
    .addColumn('scored', 'integer', (c) => c.notNull())
    .addColumn('scope_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('inspection_rounds_campaign_idx')
    .on('inspection_rounds')
    .columns(['campaign_id', 'month'])
    .execute();

  await db.schema
    .createTable('round_assignments')
    .addColumn('round_id', 'text', (c) => c.notNull().references('inspection_rounds.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('round_assignments_pk', ['round_id', 'unit_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('round_assignments_user_idx')
    .on('round_assignments')
    .columns(['user_id', 'round_id'])
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('inspection_rounds.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('inspector_name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('accuracy', 'double precision')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspections_version_uq', ['round_id', 'unit_id', 'inspector_id', 'version'])
    .execute();
  await db.schema
    .createIndex('inspections_round_unit_idx')
    .on('inspections')
    .columns(['round_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('inspection_lines')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('sheet_template_lines.id'))
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('inspection_lines_pk', ['inspection_id', 'line_id'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('thumb_file', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('photos_unit_idx').on('photos').column('unit_id').execute();

  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text')
    .addColumn('item_label', 'text')
    .addColumn('round_id', 'text')
    .addColumn('inspection_key', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('raised_by', 'text')
    .addColumn('raised_by_name', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('problems_campaign_unit_idx')
    .on('problems')
    .columns(['campaign_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('problems_round_idx').on('problems').column('round_id').execute();

  await db.schema
    .createTable('problem_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('problem_events_problem_idx')
    .on('problem_events')
    .columns(['problem_id', 'at'])
    .execute();

  /** Photos attached to a problem (when raised) or to one of its events (rectification evidence, look-back). */
  await db.schema
    .createTable('problem_photos')
    .addColumn('problem_id', 'text', (c) => c.notNull().references('problems.id'))
    .addColumn('event_id', 'text')
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('problem_photos_pk', ['problem_id', 'photo_id'])
    .execute();

  /** Photos attached to a line of a submitted sheet. */
  await db.schema
    .createTable('inspection_photos')
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('line_id', 'text')
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('inspection_photos_pk', ['inspection_id', 'photo_id'])
    .execute();
}
