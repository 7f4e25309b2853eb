import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. 日常任务 daily tasks: what the district issues (to all units targeting a star or to
 * chosen ones), what units submit (text, photos, documents, append-only versions) and the reviews that score
 * them (append-only versions); plus stored documents as evidence.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('star', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('points', 'double precision', (c) => c.notNull())
    .addColumn('late_rule', 'text', (c) => c.notNull())
    .addColumn('late_deduct', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('remind_days', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_campaign_idx').on('tasks').columns(['campaign_id', 'month']).execute();

  await db.schema
    .createTable('task_units')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').column('unit_id').execute();

  await db.schema
    .createTable('task_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_submissions_version_uq', ['task_id', 'unit_id', 'version'])
    .execute();
  await db.schema
    .createIndex('task_submissions_unit_idx')
    .on('task_submissions')
    .columns(['unit_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('task_submission_photos')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('task_submissions.id'))
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('task_submission_photos_pk', ['submission_id', 'photo_id'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_unit_idx').on('documents').column('unit_id').execute();

  await db.schema
    .createTable('task_submission_documents')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('task_submissions.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('task_submission_documents_pk', ['submission_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('task_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('submission_id', 'text', (c) => c.notNull().references('task_submissions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('awarded', 'double precision')
    .addColumn('reason', 'text')
    .addColumn('correction_reason', 'text')
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewer_name', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_reviews_version_uq', ['task_id', 'unit_id', 'version'])
    .execute();
  await db.schema
    .createIndex('task_reviews_unit_idx')
    .on('task_reviews')
    .columns(['unit_id', 'task_id'])
    .execute();
}
