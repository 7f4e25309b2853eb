import type { ReviewTaskBody, SubmitTaskBody } from '../contracts/tasks';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import type { TaskRow } from '../repositories/task.repository';
import { recordAudit } from './audit.service';
import type { AssessedUnit } from './campaignLoader';
import { findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolveDocumentKeys } from './document.service';
import { resolvePhotoKeys } from './photoRefs';
import { ledgerAudit, recomputeTaskLedger } from './taskLedger';
import { chosenUnits, isAddressed, loadTaskCampaign, reviewEffective, type TaskCampaign } from './taskLoader';
import { buildUnitTaskDetail, findTask, type UnitTaskDetail } from './taskRead.service';

/**
 * A unit's side of a daily task and the reviewer's: submitting completion with text, photos and documents
 * (append-only versions), and reviewing the latest submission — full, partial or zero marks (with a reason),
 * or returned to redo. Scoring reviews recompute the unit's 日常任务 item. Idempotent on the client's key.
 */

/** What a write did: the unit's task as it stands, and whether this was a replay. */
export interface UnitTaskWriteResult {
  detail: UnitTaskDetail;
  replayed: boolean;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';
const OUTCOME_LABEL: Record<string, string> = {
  full: '满分',
  partial: '部分得分',
  zero: '不得分',
  returned: '退回',
};

/** The content a submission's idempotency key pins. */
export function submissionFingerprint(
  taskId: string,
  unitId: string,
  text: string,
  photoKeys: string[],
  documentKeys: string[],
): string {
  return JSON.stringify([taskId, unitId, text, photoKeys, documentKeys]);
}

/** The content a review's idempotency key pins. */
export function reviewFingerprint(
  taskId: string,
  unitId: string,
  submissionId: string,
  r: { outcome: string; awarded: number | null; reason: string | null; correctionReason: string | null },
): string {
  return JSON.stringify([taskId, unitId, submissionId, r.outcome, r.awarded, r.reason, r.correctionReason]);
}

/** A blank optional text is no text. */
const text = (s: string | undefined): string | null => (s?.trim() ? s.trim() : null);

/**
 * The campaign (open), task and unit of a unit-task write, with the actor's right checked first (403 outside
 * it), then the unit addressed (404 otherwise) and the task active (409 otherwise).
 */
async function unitTaskTarget(
  ctx: ServiceContext,
  code: string,
  id: string,
  unitCode: string,
  action: 'task.submit' | 'task.review',
): Promise<{ tc: TaskCampaign; task: TaskRow; unit: AssessedUnit }> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unitRow = await ctx.repos.units.findByCode(unitCode);
  if (!unitRow) throw notFound('单位不存在');
  authorize(ctx.actor, { do: action, unit: unitRow });
  // Writers queue here (with the audit chain) before the task, its audience and the month locks are read, so a
  // cancel, an edit or a lock committed meanwhile is seen (on PostgreSQL; SQLite writers are serial anyway).
  await ctx.repos.audit.lock();
  const task = await findTask(ctx, campaign, id);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const unit = tc.unitById.get(unitRow.id);
  if (!unit || !isAddressed(task, unit, (await chosenUnits(ctx.repos, [task])).get(task.id)))
    throw notFound('该任务未下发给本单位');
  return { tc, task, unit };
}

function activeOnly(task: TaskRow): void {
  if (task.status !== 'active')
    throw conflict(`任务已取消（${task.cancel_reason ?? ''}），不能再提交或评分`, 'status');
}

/**
 * Submits the unit's completion of a task (the unit's own users): a new version each time, before review or
 * after a return; refused once scored (409). Photos and documents must be the unit's own uploads. Late or not
 * is decided when read, against the task's deadline then.
 */
export async function submitTask(
  ctx: ServiceContext,
  code: string,
  id: string,
  unitCode: string,
  body: SubmitTaskBody,
): Promise<UnitTaskWriteResult> {
  const { tc, task, unit } = await unitTaskTarget(ctx, code, id, unitCode, 'task.submit');
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const photos = await resolvePhotoKeys(ctx, body.photoKeys, unit.id);
  const documents = await resolveDocumentKeys(ctx, body.documentKeys, unit.id);
  const print = submissionFingerprint(
    task.id,
    unit.id,
    body.text,
    photos.map((p) => p.idempotency_key),
    documents.map((d) => d.idempotency_key),
  );
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.tasks.findSubmissionByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildUnitTaskDetail(ctx, tc, task, unit), replayed: true };
  }
  activeOnly(task);
  const before = await buildUnitTaskDetail(ctx, tc, task, unit);
  if (before.item.facts.state === 'scored') throw conflict('该任务已评分，不能再提交', 'state');
  const version = (before.submissions[0]?.row.version ?? 0) + 1;
  const submissionId = newId();
  await ctx.repos.tasks.insertSubmissions([
    {
      id: submissionId,
      task_id: task.id,
      unit_id: unit.id,
      version,
      text: body.text,
      submitted_by: actor.userId,
      submitted_by_name: actor.displayName,
      submitted_at: ctx.now,
      idempotency_key: body.idempotencyKey,
      fingerprint: print,
    },
  ]);
  await ctx.repos.tasks.insertSubmissionPhotos(
    photos.map((p, i) => ({ submission_id: submissionId, photo_id: p.id, sort: i })),
  );
  await ctx.repos.tasks.insertSubmissionDocuments(
    documents.map((d, i) => ({ submission_id: submissionId, document_id: d.id, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'task.submit',
    entity: 'task_submission',
    entityId: submissionId,
    before: before.item.facts.submission
      ? { submissionId: before.item.facts.submission.id, version: version - 1 }
      : null,
    after: {
      task: task.number,
      unit: unit.code,
      version,
      text: body.text,
      photos: photos.map((p) => p.idempotency_key),
      documents: documents.map((d) => d.idempotency_key),
    },
  });
  return { detail: await buildUnitTaskDetail(ctx, tc, task, unit), replayed: false };
}

/** The points a review awards before the late rule, after checking the outcome's rules (400 naming the field). */
function awardedOf(task: TaskRow, body: ReviewTaskBody, reason: string | null): number | null {
  const max = Number(task.points);
  if (body.outcome !== 'full' && !reason) throw invalid(`${OUTCOME_LABEL[body.outcome]}须填写理由`, 'reason');
  switch (body.outcome) {
    case 'full':
      return max;
    case 'zero':
      return 0;
    case 'returned':
      return null;
    case 'partial':
      if (body.points === undefined || !(body.points > 0 && body.points < max))
        throw invalid(`部分得分应大于0且小于任务分值 ${max}`, 'points');
      return body.points;
  }
}

/**
 * Reviews a unit's latest submission (district admins; the unit's street admin): full, partial (0 < points <
 * the task's points), zero, or returned — every outcome but full with a reason. Reviewing a submission already
 * scored is a correction and needs `correctionReason`; so does any review that changes a locked month's item.
 * A scoring review recomputes the unit's 日常任务 item (the late rule applies to the submission reviewed).
 */
export async function reviewTask(
  ctx: ServiceContext,
  code: string,
  id: string,
  unitCode: string,
  body: ReviewTaskBody,
): Promise<UnitTaskWriteResult> {
  const { tc, task, unit } = await unitTaskTarget(ctx, code, id, unitCode, 'task.review');
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const reason = text(body.reason);
  const correctionReason = text(body.correctionReason);
  const awarded = awardedOf(task, body, reason);
  const print = reviewFingerprint(task.id, unit.id, body.submissionId, {
    outcome: body.outcome,
    awarded,
    reason,
    correctionReason,
  });
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.tasks.findReviewByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildUnitTaskDetail(ctx, tc, task, unit), replayed: true };
  }
  activeOnly(task);
  const before = await buildUnitTaskDetail(ctx, tc, task, unit);
  const latest = before.submissions[0]?.row;
  if (!latest) throw conflict('该单位尚未提交，不能评分', 'submissionId');
  if (latest.id !== body.submissionId)
    throw conflict(`只能评阅最新的提交（第${latest.version}版），请刷新后再评`, 'submissionId');
  const previous = before.reviews[0]?.row ?? null;
  // Scoring a submission that was already scored changes a score: a correction.
  const correcting = before.reviews.some(
    (r) => r.row.submission_id === latest.id && r.row.outcome !== 'returned',
  );
  if (correcting && !correctionReason)
    throw invalid('该提交已评过分，再次评阅属于更正，须填写更正原因', 'correctionReason');
  const reviewId = newId();
  const version = (previous?.version ?? 0) + 1;
  await ctx.repos.tasks.insertReviews([
    {
      id: reviewId,
      task_id: task.id,
      unit_id: unit.id,
      submission_id: latest.id,
      version,
      outcome: body.outcome,
      awarded,
      reason,
      correction_reason: correctionReason,
      reviewer_id: actor.userId,
      reviewer_name: actor.displayName,
      reviewed_at: ctx.now,
      idempotency_key: body.idempotencyKey,
      fingerprint: print,
    },
  ]);
  const changes = await recomputeTaskLedger(
    ctx,
    tc,
    { star: task.star, month: task.month, unitIds: [unit.id] },
    correctionReason,
    'correctionReason',
  );
  const detail = await buildUnitTaskDetail(ctx, tc, task, unit);
  await recordAudit(ctx, {
    action: 'task.review',
    entity: 'task_review',
    entityId: reviewId,
    before: previous
      ? {
          reviewId: previous.id,
          outcome: previous.outcome,
          awarded: previous.awarded,
          effective: reviewEffective(task, previous),
        }
      : null,
    after: {
      task: task.number,
      unit: unit.code,
      submission: latest.version,
      version,
      outcome: body.outcome,
      awarded,
      effective: detail.item.facts.effective,
      reason,
      correctionReason,
      ledger: ledgerAudit(changes),
    },
  });
  return { detail, replayed: false };
}
