import { chinaDate } from '@wuxing/core';
import type {
  ProblemSource,
  ProblemStatus,
  RaiseProblemBody,
  RectifyBody,
  ReviewBody,
  StartReviewBody,
} from '../contracts/supervision';
import { conflict, forbidden, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { type Action, authorize, can } from '../policies/policy';
import type { ProblemEventRow, ProblemListRow } from '../repositories/problem.repository';
import { recordAudit } from './audit.service';
import { findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';
import { buildProblemDetail, type ProblemDetail } from './problemRead.service';

/**
 * The problem ledger's writes (问题台账): raising a problem at a unit, and the rectification loop 待整改 →
 * 已提交整改 (rectify) → 回头看 (startReview) → 已销号 (review passed) or back to 待整改 (review failed). Every
 * write carries the client's idempotency key: the same key with the same content replays, nothing written.
 */

/** Chinese names of the states, for messages and exports. */
export const STATUS_LABEL: Record<ProblemStatus, string> = {
  open: '待整改',
  submitted: '已提交整改',
  reviewing: '回头看',
  closed: '已销号',
};

/** Where a problem comes from, given the round it was found in. */
export function sourceOfRound(kind: string, mode: string): ProblemSource {
  if (mode === 'covert') return 'covert';
  if (kind === 'observation') return 'observation';
  if (kind === 'special') return 'special';
  if (kind === 'acceptance') return 'acceptance';
  return 'supervision';
}

/** The fields a raise's idempotency key pins. */
export function raiseFingerprint(r: {
  campaign_id: string;
  unit_id: string;
  star: string;
  round_id: string | null;
  line_id: string | null;
  item_label: string | null;
  source: string;
  description: string;
  severity: string;
  deadline: string;
  responsible: string | null;
  photoKeys: string[];
}): string {
  return JSON.stringify([
    r.campaign_id,
    r.unit_id,
    r.star,
    r.round_id,
    r.line_id,
    r.item_label,
    r.source,
    r.description,
    r.severity,
    r.deadline,
    r.responsible,
    r.photoKeys,
  ]);
}

/** The fields an event's idempotency key pins: which problem, what was done, the note and the photos. */
function eventFingerprint(problemId: string, action: string, note: string | null, photoKeys: string[]) {
  return JSON.stringify([problemId, action, note, photoKeys]);
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

/** What a write did: the problem as it stands now, and whether this was a replay of an earlier request. */
export interface ProblemWriteResult {
  detail: ProblemDetail;
  replayed: boolean;
}

async function mustFind(ctx: ServiceContext, id: string): Promise<ProblemListRow> {
  const problem = await ctx.repos.problems.findById(id);
  if (!problem) throw notFound('问题不存在');
  return problem;
}

/** The next number of a campaign year: `WT2023-0001`, `WT2023-0002` … */
async function nextNumber(ctx: ServiceContext, year: number): Promise<string> {
  const prefix = `WT${year}-`;
  const last = await ctx.repos.problems.lastNumber(prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(Number.isFinite(n) ? n : 1).padStart(4, '0')}`;
}

/**
 * Raises a problem at a unit (an inspector on a unit a round or standing assignment gives them, a street
 * admin in their street, a district admin anywhere). From a round, the source follows the round; otherwise
 * the body names it. Numbered `WT<year>-NNNN`, recorded with a `raise` event and its photos, audited.
 */
export async function raiseProblem(ctx: ServiceContext, body: RaiseProblemBody): Promise<ProblemWriteResult> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const actor: Actor = ctx.actor;
  const campaign = await findOpenCampaign(ctx.repos, body.campaign);
  const unit = await ctx.repos.units.findByCode(body.unitCode);
  if (!unit) throw invalid(`单位 ${body.unitCode} 不存在`, 'unitCode');
  const round = body.roundId ? await ctx.repos.problems.findRound(body.roundId) : undefined;
  if (body.roundId && (!round || round.campaign_id !== campaign.id))
    throw invalid('督导轮次不存在或不属于该考评方案', 'roundId');
  const assigned = round
    ? await ctx.repos.rounds.isAssigned(round.id, unit.id, actor.userId)
    : await ctx.repos.problems.isAssignedInCampaign(campaign.id, unit.id, actor.userId);
  authorize(actor, { do: 'problem.raise', unit, assigned });
  if (!(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw invalid(`单位 ${unit.code} 不在本方案的考评范围内`, 'unitCode');
  if (round?.street_path && !unit.path.startsWith(round.street_path))
    throw invalid(`单位 ${unit.code} 不在该专项督查的街道内`, 'unitCode');
  const stars = await ctx.repos.campaigns.stars(campaign.id);
  if (!stars.some((s) => s.code === body.star)) throw invalid(`星编码 ${body.star} 不是本方案的星`, 'star');
  let itemLabel = body.itemLabel ?? null;
  if (body.lineId) {
    if (!round) throw invalid('从评分项提出问题时须指明督导轮次', 'roundId');
    const line = await ctx.repos.problems.findTemplateLine(round.template_id, body.lineId);
    if (!line) throw invalid('评分项不属于该轮次的评分表', 'lineId');
    if (line.star !== body.star)
      throw invalid(`评分项“${line.name}”属于 ${line.star}，与所选的星不符`, 'star');
    itemLabel = itemLabel ?? line.name;
  }
  let source: ProblemSource;
  if (round) source = sourceOfRound(round.kind, round.mode);
  else if (body.source) source = body.source;
  else throw invalid('请选择问题来源', 'source');
  if (source === 'objection' && !can(actor, { do: 'campaign.manage' }))
    throw forbidden('只有区级管理员可以登记公示异议问题');
  const today = chinaDate(ctx.now);
  if (body.deadline < today) throw invalid(`整改期限不能早于今天（${today}）`, 'deadline');
  const photos = await resolvePhotoKeys(ctx, body.photoKeys, unit.id);

  const wanted = {
    campaign_id: campaign.id,
    unit_id: unit.id,
    star: body.star,
    round_id: round?.id ?? null,
    line_id: body.lineId ?? null,
    item_label: itemLabel,
    source,
    description: body.description,
    severity: body.severity,
    deadline: body.deadline,
    responsible: body.responsible ?? null,
    photoKeys: photos.map((p) => p.idempotency_key),
  };
  const fingerprint = raiseFingerprint(wanted);
  // Writers queue here (with the audit chain), so the key is checked and written atomically.
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.problems.findByIdempotencyKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== fingerprint) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildProblemDetail(ctx, await mustFind(ctx, existing.id)), replayed: true };
  }
  const id = newId();
  const number = await nextNumber(ctx, Number(campaign.year));
  const { photoKeys: _keys, ...columns } = wanted;
  await ctx.repos.problems.insertMany([
    {
      id,
      number,
      ...columns,
      inspection_key: null,
      status: 'open',
      version: 1,
      raised_by: actor.userId,
      raised_by_name: actor.displayName,
      raised_at: ctx.now,
      closed_at: null,
      closed_on: null,
      idempotency_key: body.idempotencyKey,
      fingerprint,
      demo: 0,
    },
  ]);
  await ctx.repos.problems.insertEvents([
    {
      id: newId(),
      problem_id: id,
      action: 'raise',
      from_status: null,
      to_status: 'open',
      note: null,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: ctx.now,
      idempotency_key: `${body.idempotencyKey}:raise`,
    },
  ]);
  await ctx.repos.problems.insertPhotoLinks(
    photos.map((p, i) => ({ problem_id: id, event_id: null, photo_id: p.id, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'problem.raise',
    entity: 'problem',
    entityId: id,
    before: null,
    after: {
      number,
      campaign: campaign.code,
      unit: unit.code,
      star: body.star,
      round: round?.number ?? null,
      source,
      severity: body.severity,
      deadline: body.deadline,
      description: body.description,
      responsible: wanted.responsible,
      photos: wanted.photoKeys,
    },
  });
  return { detail: await buildProblemDetail(ctx, await mustFind(ctx, id)), replayed: false };
}

/** One step of the rectification loop: who may take it, from which state, to which, and what it records. */
interface Step {
  action: 'rectify' | 'startReview' | 'pass' | 'fail';
  /** What the actor must be allowed to do on the problem's unit. */
  policy: 'problem.rectify' | 'problem.review';
  from: ProblemStatus;
  to: ProblemStatus;
  /** What the refusal says the actor tried, e.g. 提交整改. */
  verb: string;
  note: string | null;
  photoKeys: string[];
  idempotencyKey: string;
}

function policyAction(policy: Step['policy'], p: ProblemListRow): Action {
  return { do: policy, unit: { path: p.unit_path, type: p.unit_type } };
}

/**
 * Takes one step: authorisation first (403 before any state check), then, under the writers' lock, the
 * replay check on the event's key, the state check (409 naming the current state), the move and its event.
 */
async function takeStep(ctx: ServiceContext, id: string, step: Step): Promise<ProblemWriteResult> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const actor: Actor = ctx.actor;
  const found = await mustFind(ctx, id);
  authorize(actor, policyAction(step.policy, found));
  if (step.action === 'fail' && step.note === null) throw invalid('未通过时请填写原因', 'note');
  await findOpenCampaign(ctx.repos, found.campaign_code);
  const photos = await resolvePhotoKeys(ctx, step.photoKeys, found.unit_id);
  const photoKeys = photos.map((p) => p.idempotency_key);
  const fingerprint = eventFingerprint(id, step.action, step.note, photoKeys);

  await ctx.repos.audit.lock();
  const seen: ProblemEventRow | undefined = await ctx.repos.problems.findEventByIdempotencyKey(
    step.idempotencyKey,
  );
  if (seen) {
    const seenKeys = await ctx.repos.problems.photoKeysOf(seen.problem_id, seen.id);
    if (eventFingerprint(seen.problem_id, seen.action, seen.note, seenKeys) !== fingerprint)
      throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildProblemDetail(ctx, await mustFind(ctx, id)), replayed: true };
  }
  const problem = await mustFind(ctx, id);
  const status = problem.status as ProblemStatus;
  if (status !== step.from)
    throw conflict(
      `问题 ${problem.number} 当前状态为“${STATUS_LABEL[status] ?? status}”，不能${step.verb}`,
      'status',
    );
  const attached = new Set((await ctx.repos.problems.photos(id)).map((p) => p.id));
  if (photos.some((p) => attached.has(p.id))) throw invalid('照片已附在本问题上，请勿重复附加', 'photoKeys');
  const closing = step.to === 'closed';
  const moved = await ctx.repos.problems.transition(id, step.from, {
    status: step.to,
    closed_at: closing ? ctx.now : null,
    closed_on: closing ? chinaDate(ctx.now) : null,
  });
  if (!moved) throw conflict(`问题 ${problem.number} 已被他人处理，请刷新后重试`, 'status');
  const eventId = newId();
  await ctx.repos.problems.insertEvents([
    {
      id: eventId,
      problem_id: id,
      action: step.action,
      from_status: step.from,
      to_status: step.to,
      note: step.note,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: ctx.now,
      idempotency_key: step.idempotencyKey,
    },
  ]);
  const first = await ctx.repos.problems.photoCount(id);
  await ctx.repos.problems.insertPhotoLinks(
    photos.map((p, i) => ({ problem_id: id, event_id: eventId, photo_id: p.id, sort: first + i })),
  );
  await recordAudit(ctx, {
    action: `problem.${step.action}`,
    entity: 'problem',
    entityId: id,
    before: { number: problem.number, status: step.from },
    after: {
      number: problem.number,
      status: step.to,
      note: step.note,
      photos: photoKeys,
      ...(closing ? { closedOn: chinaDate(ctx.now) } : {}),
    },
  });
  return { detail: await buildProblemDetail(ctx, await mustFind(ctx, id)), replayed: false };
}

/** 提交整改: the unit's own user reports what was done, with photos (待整改 → 已提交整改). */
export function rectifyProblem(ctx: ServiceContext, id: string, body: RectifyBody) {
  return takeStep(ctx, id, {
    action: 'rectify',
    policy: 'problem.rectify',
    from: 'open',
    to: 'submitted',
    verb: '提交整改',
    note: body.note,
    photoKeys: body.photoKeys,
    idempotencyKey: body.idempotencyKey,
  });
}

/** 回头看: an inspector covering the unit, its street admin or a district admin starts the look-back. */
export function startReview(ctx: ServiceContext, id: string, body: StartReviewBody) {
  return takeStep(ctx, id, {
    action: 'startReview',
    policy: 'problem.review',
    from: 'submitted',
    to: 'reviewing',
    verb: '开始回头看',
    note: null,
    photoKeys: [],
    idempotencyKey: body.idempotencyKey,
  });
}

/** The look-back's result: passed closes the problem (销号); failed, with its reason, reopens it. */
export function reviewProblem(ctx: ServiceContext, id: string, body: ReviewBody) {
  const note = body.note && body.note.length > 0 ? body.note : null;
  return takeStep(ctx, id, {
    action: body.passed ? 'pass' : 'fail',
    policy: 'problem.review',
    from: 'reviewing',
    to: body.passed ? 'closed' : 'open',
    verb: body.passed ? '销号' : '退回整改',
    note,
    photoKeys: body.photoKeys,
    idempotencyKey: body.idempotencyKey,
  });
}
