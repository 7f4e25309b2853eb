import {
  type CourtyardLevelName,
  type CourtyardStandingName,
  checkCourtyardScores,
  checkDemotion,
  checkNomination,
  evaluationTotal,
  householdScore,
  latestPerEvaluator,
  nextCourtyardLevel,
} from '@wuxing/core';
import type {
  CourtyardAwardBody,
  DemoteCourtyardBody,
  NominateCourtyardBody,
  SubmitCourtyardEvaluationBody,
} from '../contracts/courtyard';
import { canonicalJson } from '../lib/canonicalJson';
import { conflict, invalid, unauthenticated } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type {
  ApplicationListRow,
  CourtyardAwardRow,
  CourtyardEvaluationRow,
  CourtyardLevelEventRow,
  HouseholdRow,
} from '../repositories/courtyard.repository';
import type { PhotoRow } from '../repositories/photo.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import {
  applicationOf,
  type CampaignSummary,
  findCampaign,
  getCourtyardCampaign,
  type LoadedCampaign,
} from './courtyard.service';
import { readableHousehold, readerOf } from './household.service';
import { resolvePhotoKeys } from './photoRefs';

const KEY_REUSED = '该幂等键已用于另一份评分，请勿用同一个键提交不同的内容';

/** One evaluation version with its photos and whether it is its evaluator's latest. */
export interface EvaluationFull {
  row: CourtyardEvaluationRow;
  current: boolean;
  /** Made by the actor the view is for. */
  mine: boolean;
  photos: PhotoRow[];
}

export interface LevelEventFull {
  row: CourtyardLevelEventRow;
  photos: PhotoRow[];
}

/** Everything the household page of a campaign shows. */
export interface CourtyardHousehold {
  campaign: CampaignSummary;
  household: HouseholdRow;
  application: ApplicationListRow | null;
  evaluations: EvaluationFull[];
  levelEvents: LevelEventFull[];
  awards: CourtyardAwardRow[];
  nextLevel: {
    level: CourtyardLevelName;
    threshold: number;
    quota: number | null;
    used: number;
    eligible: boolean;
  } | null;
  may: {
    apply: boolean;
    confirmVillage: boolean;
    confirmStreet: boolean;
    reject: boolean;
    evaluate: boolean;
    nominate: boolean;
    demote: boolean;
    award: boolean;
  };
}

function groupPhotos(rows: (PhotoRow & { owner_id: string })[]): Map<string, PhotoRow[]> {
  const out = new Map<string, PhotoRow[]>();
  for (const { owner_id, ...p } of rows) out.set(owner_id, [...(out.get(owner_id) ?? []), p as PhotoRow]);
  return out;
}

/** The evaluator's list: street-confirmed households the actor may score, with the actor's own latest total. */
export async function courtyardTodo(
  ctx: ServiceContext,
  code: string,
): Promise<{
  campaign: CampaignSummary;
  rows: (ApplicationListRow & { myTotal: number | null; myEvaluatedAt: string | null })[];
}> {
  const actor = readerOf(ctx);
  const campaign = await getCourtyardCampaign(ctx, code);
  const apps = await ctx.repos.courtyards.applicationsInScope(campaign.row.id, unitScopeOf(actor), {
    status: 'street_confirmed',
  });
  const mine = await ctx.repos.courtyards.latestTotalsBy(campaign.row.id, actor.userId);
  const rows = apps
    .filter((a) =>
      can(actor, { do: 'courtyard.evaluate', unit: { path: a.household_path, type: 'household' } }),
    )
    .map((a) => {
      const m = mine.get(a.household_id);
      return { ...a, myTotal: m?.total ?? null, myEvaluatedAt: m?.evaluated_at ?? null };
    })
    // Not yet scored by the actor first, then by code.
    .sort(
      (x, y) =>
        Number(x.myTotal !== null) - Number(y.myTotal !== null) ||
        x.household_code.localeCompare(y.household_code),
    );
  return { campaign, rows };
}

async function buildHousehold(
  ctx: ServiceContext,
  c: LoadedCampaign,
  household: HouseholdRow,
): Promise<CourtyardHousehold> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const campaign = await getCourtyardCampaign(ctx, c.row.code);
  const repo = ctx.repos.courtyards;
  const application = (await repo.findApplication(c.row.id, household.id)) ?? null;
  const evalRows = await repo.evaluationsOf(c.row.id, household.id);
  const latestIds = new Set(
    latestPerEvaluator(evalRows.map((r) => ({ ...r, evaluatorId: r.evaluator_id }))).map((r) => r.id),
  );
  const evalPhotos = groupPhotos(await repo.evaluationPhotos(evalRows.map((r) => r.id)));
  const eventRows = await repo.levelEventsOf(c.row.id, household.id);
  const eventPhotos = groupPhotos(await repo.levelEventPhotos(eventRows.map((r) => r.id)));
  const level = (application?.level ?? 'none') as CourtyardStandingName;
  const next = nextCourtyardLevel(level);
  let nextLevel: CourtyardHousehold['nextLevel'] = null;
  if (application && next) {
    const rule = c.levels[next];
    const used = await repo.countAtLevel(c.row.id, next);
    const score = application.score === null ? null : Number(application.score);
    nextLevel = {
      level: next,
      threshold: rule.threshold,
      quota: rule.quota,
      used,
      eligible:
        application.status === 'street_confirmed' &&
        checkNomination({ current: level, target: next, score, rules: c.levels, atTarget: used }) === null,
    };
  }
  const open = c.row.status === 'open';
  const status = application?.status ?? null;
  const unit = household;
  const confirmStreet = can(actor, { do: 'courtyard.confirm', unit, stage: 'street' });
  const confirmVillage = can(actor, { do: 'courtyard.confirm', unit, stage: 'village' });
  const named = level !== 'none';
  return {
    campaign,
    household,
    application,
    evaluations: evalRows.map((row) => ({
      row,
      current: latestIds.has(row.id),
      mine: row.evaluator_id === actor.userId,
      photos: evalPhotos.get(row.id) ?? [],
    })),
    levelEvents: eventRows.map((row) => ({ row, photos: eventPhotos.get(row.id) ?? [] })),
    awards: await repo.awardsOf(c.row.id, household.id),
    nextLevel,
    may: {
      apply:
        open && (status === null || status === 'rejected') && can(actor, { do: 'courtyard.apply', unit }),
      confirmVillage: open && status === 'applied' && confirmVillage,
      confirmStreet: open && status === 'village_confirmed' && confirmStreet,
      reject:
        open &&
        ((status === 'applied' && (confirmVillage || confirmStreet)) ||
          (status === 'village_confirmed' && confirmStreet)),
      evaluate: open && status === 'street_confirmed' && can(actor, { do: 'courtyard.evaluate', unit }),
      nominate:
        open &&
        status === 'street_confirmed' &&
        next !== null &&
        can(actor, { do: 'courtyard.nominate', unit, level: next }),
      demote:
        open && named && can(actor, { do: 'courtyard.demote', unit, level: level as CourtyardLevelName }),
      award: named && can(actor, { do: 'courtyard.award', unit, level: level as CourtyardLevelName }),
    },
  };
}

/** One household in a campaign: application, evaluations, level history, awards, and what the viewer may do. */
export async function getCourtyardHousehold(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
): Promise<CourtyardHousehold> {
  const household = await readableHousehold(ctx, householdCode);
  const c = await findCampaign(ctx, code);
  return buildHousehold(ctx, c, household);
}

function openOnly(c: LoadedCampaign): void {
  if (c.row.status !== 'open') throw conflict(`${c.row.name}已结束，不能再变更`, 'campaign');
}

/** Recomputes an application's score from its evaluators' latest totals (core) and stores it. */
async function refreshScore(ctx: ServiceContext, c: LoadedCampaign, a: ApplicationListRow): Promise<void> {
  const rows = await ctx.repos.courtyards.evaluationsOf(c.row.id, a.household_id);
  const latest = latestPerEvaluator(rows.map((r) => ({ ...r, evaluatorId: r.evaluator_id })));
  await ctx.repos.courtyards.updateApplication(a.id, {
    score: householdScore(latest.map((r) => Number(r.total))),
    evaluator_count: latest.length,
  });
}

/**
 * Scores a household on the campaign's standards. The evaluator's second and later submissions are corrections
 * (new versions with a reason); the household's score is the mean of every evaluator's latest total. The key
 * makes a re-sync count once.
 */
export async function submitCourtyardEvaluation(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: SubmitCourtyardEvaluationBody,
): Promise<{
  evaluation: EvaluationFull;
  replayed: boolean;
  application: ApplicationListRow;
  campaign: LoadedCampaign;
}> {
  const household = await readableHousehold(ctx, householdCode);
  authorize(ctx.actor, { do: 'courtyard.evaluate', unit: household });
  const actor = ctx.actor;
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  const photos = await resolvePhotoKeys(ctx, body.photoKeys, household.id);
  const notes = Object.fromEntries(Object.entries(body.notes).filter(([, v]) => v.trim() !== ''));
  const evaluatedAt = body.evaluatedAt ? new Date(body.evaluatedAt).toISOString() : null;
  const print = canonicalJson([
    actor.userId,
    c.row.id,
    household.id,
    body.scores,
    notes,
    photos.map((p) => p.idempotency_key),
    body.correctionReason?.trim() || null,
    evaluatedAt,
  ]);
  const existing = await ctx.repos.courtyards.findEvaluationByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    const application = await applicationOf(ctx, c, household.id);
    const stored = groupPhotos(await ctx.repos.courtyards.evaluationPhotos([existing.id]));
    const versions = await ctx.repos.courtyards.evaluationsOf(c.row.id, household.id);
    const current = !versions.some(
      (v) => v.evaluator_id === existing.evaluator_id && v.version > existing.version,
    );
    return {
      evaluation: {
        row: existing,
        current,
        mine: existing.evaluator_id === actor.userId,
        photos: stored.get(existing.id) ?? [],
      },
      replayed: true,
      application,
      campaign: c,
    };
  }
  openOnly(c);
  const a = await applicationOf(ctx, c, household.id);
  if (a.status !== 'street_confirmed') throw conflict('只有街道已确认的申报才能评分', 'status');
  const problems = checkCourtyardScores(c.standards, body.scores);
  const first = problems[0];
  if (first) throw invalid(first.message, `scores.${first.code}`);
  for (const k of Object.keys(notes))
    if (!c.standards.some((s) => s.code === k)) throw invalid(`没有标准 ${k}`, `notes.${k}`);
  const mine = (await ctx.repos.courtyards.evaluationsOf(c.row.id, household.id)).filter(
    (r) => r.evaluator_id === actor.userId,
  );
  const version = Math.max(0, ...mine.map((r) => r.version)) + 1;
  const correctionReason = body.correctionReason?.trim() || null;
  if (version > 1 && !correctionReason) throw invalid('已评过分，更正须填写原因', 'correctionReason');
  const total = evaluationTotal(c.standards.map((s) => body.scores[s.code] ?? 0));
  const row: CourtyardEvaluationRow = {
    id: newId(),
    campaign_id: c.row.id,
    household_id: household.id,
    evaluator_id: actor.userId,
    evaluator_name: actor.displayName,
    version,
    scores: JSON.stringify(body.scores),
    notes: JSON.stringify(notes),
    total,
    correction_reason: version > 1 ? correctionReason : null,
    evaluated_at: evaluatedAt ?? ctx.now,
    recorded_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
  };
  await ctx.repos.courtyards.insertEvaluations([row]);
  await ctx.repos.courtyards.insertEvaluationPhotos(
    photos.map((p, i) => ({ evaluation_id: row.id, photo_id: p.id, sort: i })),
  );
  await refreshScore(ctx, c, a);
  const application = await applicationOf(ctx, c, household.id);
  await recordAudit(ctx, {
    action: version > 1 ? 'courtyard.evaluation.correct' : 'courtyard.evaluate',
    entity: 'courtyard_evaluation',
    entityId: row.id,
    before:
      version > 1
        ? { version: version - 1, total: mine.find((m) => m.version === version - 1)?.total ?? null }
        : null,
    after: {
      campaign: c.row.code,
      household: household.code,
      version,
      scores: body.scores,
      total,
      photos: photos.map((p) => p.idempotency_key),
      correctionReason: row.correction_reason,
      householdScore: application.score,
    },
  });
  return {
    evaluation: { row, current: true, mine: true, photos },
    replayed: false,
    application,
    campaign: c,
  };
}

/**
 * Names a household one level up: the target's threshold (400 `level`), its quota (409 `quota`), the actor's
 * role for that level (403). The city level records its approver (`approvedBy`, required there).
 */
export async function nominateCourtyard(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: NominateCourtyardBody,
): Promise<CourtyardHousehold> {
  const household = await readableHousehold(ctx, householdCode);
  authorize(ctx.actor, { do: 'courtyard.nominate', unit: household, level: body.level });
  const actor = ctx.actor;
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  openOnly(c);
  const a = await applicationOf(ctx, c, household.id);
  if (a.status !== 'street_confirmed') throw conflict('只有街道已确认并评分的申报才能命名', 'status');
  const approvedBy = body.approvedBy?.trim() || null;
  if (body.level === 'city' && !approvedBy)
    throw invalid('市级命名须填写审批单位（如 市妇联）', 'approvedBy');
  const current = a.level as CourtyardStandingName;
  const score = a.score === null ? null : Number(a.score);
  const refusal = checkNomination({
    current,
    target: body.level,
    score,
    rules: c.levels,
    atTarget: await ctx.repos.courtyards.countAtLevel(c.row.id, body.level),
  });
  if (refusal)
    throw refusal.kind === 'conflict'
      ? conflict(refusal.message, refusal.field)
      : invalid(refusal.message, refusal.field);
  const eventId = newId();
  await ctx.repos.courtyards.insertLevelEvents([
    {
      id: eventId,
      campaign_id: c.row.id,
      household_id: household.id,
      kind: 'nominate',
      from_level: current,
      to_level: body.level,
      score,
      reason: body.reason?.trim() || null,
      approved_by: approvedBy,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: ctx.now,
    },
  ]);
  await ctx.repos.courtyards.updateApplication(a.id, { level: body.level, level_changed_at: ctx.now });
  await recordAudit(ctx, {
    action: 'courtyard.nominate',
    entity: 'courtyard_level_event',
    entityId: eventId,
    before: { level: current },
    after: { campaign: c.row.code, household: household.code, level: body.level, score, approvedBy },
  });
  return buildHousehold(ctx, c, household);
}

/**
 * Demotes a household after a re-review to any lower level (or none), with a reason (400 `reason`) and optional
 * evidence photos; allowed to whoever may name its current level. History stays.
 */
export async function demoteCourtyard(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: DemoteCourtyardBody,
): Promise<CourtyardHousehold> {
  const household = await readableHousehold(ctx, householdCode);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  // The level is not known before the application is read: whoever may demote at all (the village level, the
  // widest) passes here, and the household's own level is checked as soon as it is read.
  authorize(actor, { do: 'courtyard.demote', unit: household, level: 'village' });
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  const a = await applicationOf(ctx, c, household.id);
  const current = a.level as CourtyardStandingName;
  if (current !== 'none') authorize(actor, { do: 'courtyard.demote', unit: household, level: current });
  openOnly(c);
  const refusal = checkDemotion({ current, target: body.level, reason: body.reason });
  if (refusal) throw invalid(refusal.message, refusal.field);
  const photos = await resolvePhotoKeys(ctx, body.photoKeys, household.id);
  const eventId = newId();
  await ctx.repos.courtyards.insertLevelEvents([
    {
      id: eventId,
      campaign_id: c.row.id,
      household_id: household.id,
      kind: 'demote',
      from_level: current,
      to_level: body.level,
      score: a.score === null ? null : Number(a.score),
      reason: body.reason.trim(),
      approved_by: null,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: ctx.now,
    },
  ]);
  await ctx.repos.courtyards.insertLevelEventPhotos(
    photos.map((p, i) => ({ event_id: eventId, photo_id: p.id, sort: i })),
  );
  await ctx.repos.courtyards.updateApplication(a.id, { level: body.level, level_changed_at: ctx.now });
  await recordAudit(ctx, {
    action: 'courtyard.demote',
    entity: 'courtyard_level_event',
    entityId: eventId,
    before: { level: current },
    after: {
      campaign: c.row.code,
      household: household.code,
      level: body.level,
      reason: body.reason.trim(),
      photos: photos.map((p) => p.idempotency_key),
    },
  });
  return buildHousehold(ctx, c, household);
}

/** Records a plaque or a material reward given to a named household at its level. */
export async function awardCourtyard(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: CourtyardAwardBody,
): Promise<CourtyardHousehold> {
  const household = await readableHousehold(ctx, householdCode);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  // As for a demotion: the widest level first, the household's own level once it is read.
  authorize(actor, { do: 'courtyard.award', unit: household, level: 'village' });
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  const a = await applicationOf(ctx, c, household.id);
  const level = a.level as CourtyardStandingName;
  if (level !== 'none') authorize(actor, { do: 'courtyard.award', unit: household, level });
  if (level === 'none') throw conflict('该户尚未命名，不能记录奖励', 'level');
  const id = newId();
  const row: CourtyardAwardRow = {
    id,
    campaign_id: c.row.id,
    household_id: household.id,
    kind: body.kind,
    level,
    description: body.description,
    amount: body.kind === 'material' ? (body.amount ?? null) : null,
    given_on: body.givenOn,
    given_by: body.givenBy?.trim() || actor.displayName,
    recorded_by: actor.userId,
    recorded_by_name: actor.displayName,
    recorded_at: ctx.now,
  };
  await ctx.repos.courtyards.insertAwards([row]);
  await recordAudit(ctx, {
    action: 'courtyard.award',
    entity: 'courtyard_award',
    entityId: id,
    before: null,
    after: {
      campaign: c.row.code,
      household: household.code,
      kind: row.kind,
      level,
      description: row.description,
      amount: row.amount,
      givenOn: row.given_on,
      givenBy: row.given_by,
    },
  });
  return buildHousehold(ctx, c, household);
}
