import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type {
  DocumentsTable,
  PhotosTable,
  TaskReviewsTable,
  TaskSubmissionDocumentsTable,
  TaskSubmissionPhotosTable,
  TaskSubmissionsTable,
  TasksTable,
  TaskUnitsTable,
} from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored 日常任务 daily task. */
export type TaskRow = Selectable<TasksTable>;
/** One version of a unit's completion report. */
export type TaskSubmissionRow = Selectable<TaskSubmissionsTable>;
/** One version of a reviewer's decision. */
export type TaskReviewRow = Selectable<TaskReviewsTable>;

/** A review with the instant of the submission it decided (for the late rule). */
export interface TaskReviewWithSubmissionRow extends TaskReviewRow {
  submission_at: string;
}

/** A photo attached to a submission. */
export interface TaskSubmissionPhotoRow extends Selectable<PhotosTable> {
  submission_id: string;
  sort: number;
}

/** A document attached to a submission. */
export interface TaskSubmissionDocumentRow extends Selectable<DocumentsTable> {
  submission_id: string;
  sort: number;
}

export interface TaskFilter {
  month?: string;
  star?: string;
  status?: string;
}

/** Numbers come back as strings from some drivers; rows leave the repository with plain numbers. */
function normaliseTask(r: TaskRow): TaskRow {
  return {
    ...r,
    points: Number(r.points),
    late_deduct: Number(r.late_deduct),
    remind_days: Number(r.remind_days),
    version: Number(r.version),
    demo: Number(r.demo),
  };
}

function normaliseReview<T extends TaskReviewRow>(r: T): T {
  return { ...r, version: Number(r.version), awarded: r.awarded === null ? null : Number(r.awarded) };
}

function normaliseSubmission(r: TaskSubmissionRow): TaskSubmissionRow {
  return { ...r, version: Number(r.version) };
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH_ROWS) out.push(list.slice(i, i + BATCH_ROWS));
  return out;
}

/** All SQL about daily tasks, their addressed units, the units' submissions and the reviews of them. */
export class TaskRepository {
  constructor(private readonly x: Executor) {}

  /** Inserts tasks, a batch per statement. */
  async insertMany(rows: Insertable<TasksTable>[]): Promise<void> {
    for (const batch of chunks(rows)) await this.x.db.insertInto('tasks').values(batch).execute();
  }

  /** Updates a task if it is still at `version`; false when someone else changed it first. */
  async update(id: string, version: number, patch: Updateable<TasksTable>): Promise<boolean> {
    const r = await this.x.db
      .updateTable('tasks')
      .set(patch)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async findById(id: string): Promise<TaskRow | undefined> {
    const r = await this.x.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? normaliseTask(r) : undefined;
  }

  async findByIdempotencyKey(key: string): Promise<TaskRow | undefined> {
    const r = await this.x.db
      .selectFrom('tasks')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return r ? normaliseTask(r) : undefined;
  }

  /** A campaign's tasks matching the filter, by month, then number. */
  async list(campaignId: string, filter: TaskFilter = {}): Promise<TaskRow[]> {
    let q = this.x.db.selectFrom('tasks').selectAll().where('campaign_id', '=', campaignId);
    if (filter.month) q = q.where('month', '=', filter.month);
    if (filter.star) q = q.where('star', '=', filter.star);
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.orderBy('month').orderBy(sql`length(number)`).orderBy('number').execute();
    return rows.map(normaliseTask);
  }

  /** The highest number with this prefix (`RW-2023-`), by length then text, or null. */
  async lastNumber(prefix: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('tasks')
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .orderBy(sql`length(number)`, 'desc')
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.number ?? null;
  }

  /** The chosen units of these tasks. */
  async units(taskIds: string[]): Promise<Selectable<TaskUnitsTable>[]> {
    const out: Selectable<TaskUnitsTable>[] = [];
    for (const batch of chunks(taskIds))
      out.push(
        ...(await this.x.db.selectFrom('task_units').selectAll().where('task_id', 'in', batch).execute()),
      );
    return out;
  }

  async insertUnits(rows: Insertable<TaskUnitsTable>[]): Promise<void> {
    for (const batch of chunks(rows)) await this.x.db.insertInto('task_units').values(batch).execute();
  }

  /** Replaces a task's chosen units. */
  async replaceUnits(taskId: string, unitIds: string[]): Promise<void> {
    await this.x.db.deleteFrom('task_units').where('task_id', '=', taskId).execute();
    await this.insertUnits(unitIds.map((unit_id) => ({ task_id: taskId, unit_id })));
  }

  // ——— Submissions ———

  async insertSubmissions(rows: Insertable<TaskSubmissionsTable>[]): Promise<void> {
    for (const batch of chunks(rows)) await this.x.db.insertInto('task_submissions').values(batch).execute();
  }

  async insertSubmissionPhotos(rows: Insertable<TaskSubmissionPhotosTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('task_submission_photos').values(batch).execute();
  }

  async insertSubmissionDocuments(rows: Insertable<TaskSubmissionDocumentsTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('task_submission_documents').values(batch).execute();
  }

  async findSubmissionByKey(key: string): Promise<TaskSubmissionRow | undefined> {
    const r = await this.x.db
      .selectFrom('task_submissions')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return r ? normaliseSubmission(r) : undefined;
  }

  /** Every submission version of a unit on a task, newest first. */
  async submissions(taskId: string, unitId: string): Promise<TaskSubmissionRow[]> {
    const rows = await this.x.db
      .selectFrom('task_submissions')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('unit_id', '=', unitId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(normaliseSubmission);
  }

  /** The latest submission of every (task, unit) of these tasks, optionally of one unit only. */
  async latestSubmissions(taskIds: string[], unitId?: string): Promise<TaskSubmissionRow[]> {
    const out: TaskSubmissionRow[] = [];
    for (const batch of chunks(taskIds)) {
      let q = this.x.db
        .selectFrom('task_submissions as s')
        .selectAll('s')
        .where('s.task_id', 'in', batch)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('task_submissions as n')
                .select('n.id')
                .whereRef('n.task_id', '=', 's.task_id')
                .whereRef('n.unit_id', '=', 's.unit_id')
                .whereRef('n.version', '>', 's.version'),
            ),
          ),
        );
      if (unitId) q = q.where('s.unit_id', '=', unitId);
      out.push(...(await q.execute()).map(normaliseSubmission));
    }
    return out;
  }

  /** True when any unit has submitted anything on the task. */
  async hasSubmissions(taskId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('task_submissions')
      .select('id')
      .where('task_id', '=', taskId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The photos of these submissions, in their order. */
  async submissionPhotos(submissionIds: string[]): Promise<TaskSubmissionPhotoRow[]> {
    const out: TaskSubmissionPhotoRow[] = [];
    for (const batch of chunks(submissionIds))
      out.push(
        ...(await this.x.db
          .selectFrom('task_submission_photos as l')
          .innerJoin('photos as p', 'p.id', 'l.photo_id')
          .selectAll('p')
          .select(['l.submission_id', 'l.sort'])
          .where('l.submission_id', 'in', batch)
          .orderBy('l.sort')
          .execute()),
      );
    return out;
  }

  /** The documents of these submissions, in their order. */
  async submissionDocuments(submissionIds: string[]): Promise<TaskSubmissionDocumentRow[]> {
    const out: TaskSubmissionDocumentRow[] = [];
    for (const batch of chunks(submissionIds))
      out.push(
        ...(await this.x.db
          .selectFrom('task_submission_documents as l')
          .innerJoin('documents as d', 'd.id', 'l.document_id')
          .selectAll('d')
          .select(['l.submission_id', 'l.sort'])
          .where('l.submission_id', 'in', batch)
          .orderBy('l.sort')
          .execute()),
      );
    return out;
  }

  // ——— Reviews ———

  async insertReviews(rows: Insertable<TaskReviewsTable>[]): Promise<void> {
    for (const batch of chunks(rows)) await this.x.db.insertInto('task_reviews').values(batch).execute();
  }

  async findReviewByKey(key: string): Promise<TaskReviewRow | undefined> {
    const r = await this.x.db
      .selectFrom('task_reviews')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return r ? normaliseReview(r) : undefined;
  }

  private reviewsWithSubmission() {
    return this.x.db
      .selectFrom('task_reviews as r')
      .innerJoin('task_submissions as s', 's.id', 'r.submission_id')
      .selectAll('r')
      .select('s.submitted_at as submission_at');
  }

  /** Every review version of a unit on a task, newest first. */
  async reviews(taskId: string, unitId: string): Promise<TaskReviewWithSubmissionRow[]> {
    const rows = await this.reviewsWithSubmission()
      .where('r.task_id', '=', taskId)
      .where('r.unit_id', '=', unitId)
      .orderBy('r.version', 'desc')
      .execute();
    return rows.map(normaliseReview);
  }

  /** The latest review of every (task, unit) of these tasks, optionally of one unit only. */
  async latestReviews(taskIds: string[], unitId?: string): Promise<TaskReviewWithSubmissionRow[]> {
    const out: TaskReviewWithSubmissionRow[] = [];
    for (const batch of chunks(taskIds)) {
      let q = this.reviewsWithSubmission()
        .where('r.task_id', 'in', batch)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('task_reviews as n')
                .select('n.id')
                .whereRef('n.task_id', '=', 'r.task_id')
                .whereRef('n.unit_id', '=', 'r.unit_id')
                .whereRef('n.version', '>', 'r.version'),
            ),
          ),
        );
      if (unitId) q = q.where('r.unit_id', '=', unitId);
      out.push(...(await q.execute()).map(normaliseReview));
    }
    return out;
  }
}
