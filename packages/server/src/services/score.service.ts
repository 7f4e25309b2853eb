import type { BonusBody, CorrectionBody, ScoreEntryBody } from '../contracts/campaigns';
import { conflict, forbidden, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, can } from '../policies/policy';
import type { BonusRow } from '../repositories/bonus.repository';
import type { CampaignItemRow, CampaignRow } from '../repositories/campaign.repository';
import type { ScoreEntryHistoryRow, ScoreEntryRow } from '../repositories/score.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import {
  currentItemScore,
  findCampaign,
  findOpenCampaign,
  itemTrimRules,
  lockedMonths,
} from './campaignLoader';
import type { ServiceContext } from './context';
import { TASK_SCORER } from './taskLedger';
import { TASK_MODULE } from './taskLoader';

/** A ledger row with the codes and names the API shows. */
export interface EntryWithCodes extends ScoreEntryHistoryRow {
  unit_code: string;
  item_code: string;
}

/** What a score submission did: the entry, whether it was a replay, and the item's score after it. */
export interface EntryResult {
  entry: EntryWithCodes;
  replayed: boolean;
  itemScore: number;
}

/** A bonus with its unit's code, and whether it was a replay. */
export interface BonusResult {
  bonus: BonusRow & { unit_code: string };
  replayed: boolean;
}

/** The fields an idempotency key pins: the same key must always carry the same content. */
function fingerprint(r: {
  campaign_id: string;
  unit_id: string;
  item_id: string;
  scorer: string;
  points: number | null;
  na: number;
  reason: string | null;
  supersedes_id?: string | null;
}): string {
  return JSON.stringify([
    r.campaign_id,
    r.unit_id,
    r.item_id,
    r.scorer,
    r.points === null ? null : Number(r.points),
    Number(r.na),
    r.reason ?? null,
    r.supersedes_id ?? null,
  ]);
}

/** Checks points against the item's scale; N/A carries no points. */
function checkPoints(item: CampaignItemRow, points: number | null | undefined, na: boolean): number | null {
  if (na) {
    if (points !== null && points !== undefined) throw invalid('标记为不适用时不能填写得分', 'points');
    return null;
  }
  if (points === null || points === undefined) throw invalid('请填写得分，或标记为不适用', 'points');
  const max = Number(item.max);
  if (!Number.isFinite(points) || points < 0 || points > max)
    throw invalid(`得分应在 0 到 ${max} 之间（指标“${item.name}”满分 ${max}）`, 'points');
  return points;
}

async function withCodes(
  ctx: ServiceContext,
  entry: ScoreEntryRow,
  unit: UnitRow,
  item: CampaignItemRow,
): Promise<EntryWithCodes> {
  const rows = await ctx.repos.scores.history(entry.campaign_id, entry.unit_id, entry.item_id);
  const row = rows.find((r) => r.id === entry.id);
  return {
    ...entry,
    superseded_by: row?.superseded_by ?? null,
    scorer_name: row?.scorer_name ?? null,
    unit_code: unit.code,
    item_code: item.code,
  };
}

async function itemScoreNow(
  ctx: ServiceContext,
  campaign: CampaignRow,
  unitId: string,
  item: CampaignItemRow,
) {
  const rows = (await ctx.repos.scores.currentEntries(campaign.id, unitId)).filter(
    (r) => r.item_id === item.id,
  );
  const trimOf = await itemTrimRules(ctx.repos, campaign, [item]);
  return currentItemScore(rows, Number(item.max), trimOf(item)).score ?? 0;
}

async function resolveUnit(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw invalid(`单位 ${unitCode} 不存在`, 'unitCode');
  return unit;
}

async function replay(
  ctx: ServiceContext,
  key: string | undefined,
  wanted: string,
  unit: UnitRow,
  item: CampaignItemRow,
  campaign: CampaignRow,
): Promise<EntryResult | null> {
  if (!key) return null;
  const existing = await ctx.repos.scores.findByIdempotencyKey(key);
  if (!existing) return null;
  // A new score that replaced the scorer's earlier one stored what it superseded; its retry does not name it
  // (only a correction pins the entry it corrects), so compare it as the submission was made.
  const pinsSupersedes = JSON.parse(wanted)[7] !== null;
  if (fingerprint(pinsSupersedes ? existing : { ...existing, supersedes_id: null }) !== wanted)
    throw conflict(
      '该幂等键已用于内容不同的另一次提交，请勿重复使用同一个键提交不同的得分',
      'idempotencyKey',
    );
  return {
    entry: await withCodes(ctx, existing, unit, item),
    replayed: true,
    itemScore: await itemScoreNow(ctx, campaign, unit.id, item),
  };
}

/**
 * An item daily tasks score (an RC item with active tasks of its star and month) takes no hand-entered score,
 * and the tasks' own entries are corrected through the tasks' reviews (409 naming the field).
 */
async function refuseTaskScored(
  ctx: ServiceContext,
  campaignId: string,
  item: { code: string; module: string; star: string; month: string },
  scorer: string,
  field: string,
): Promise<void> {
  if (scorer === TASK_SCORER) throw conflict('日常任务的得分由任务评阅计算，请在“日常任务”中更正评阅', field);
  if (item.module !== TASK_MODULE) return;
  const tasks = await ctx.repos.tasks.list(campaignId, {
    star: item.star,
    month: item.month,
    status: 'active',
  });
  if (tasks.length > 0)
    throw conflict(
      `指标 ${item.code} 由${tasks.length}项日常任务的评阅计分，不能另行录入；请在“日常任务”中评阅或更正`,
      field,
    );
}

/**
 * Records a unit's score on an item (or marks it N/A) as the actor — or, for a district admin, in the name
 * of a scorer. Appends to the ledger, superseding the scorer's previous entry. In a locked month only a
 * correction with a reason is accepted. The same idempotency key with the same content returns the first
 * result and writes nothing; with different content it is refused (409).
 */
export async function enterScore(
  ctx: ServiceContext,
  code: string,
  body: ScoreEntryBody,
): Promise<EntryResult> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unit = await resolveUnit(ctx, body.unitCode);
  authorize(ctx.actor, { do: 'score.enter', unit });
  if (!(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw invalid(`单位 ${unit.code} 不在本方案的考评范围内`, 'unitCode');
  const item = await ctx.repos.campaigns.findItem(campaign.id, body.itemCode);
  if (!item) throw invalid(`指标 ${body.itemCode} 不存在`, 'itemCode');
  if (
    body.scorer !== undefined &&
    body.scorer !== ctx.actor.userId &&
    !can(ctx.actor, { do: 'campaign.manage' })
  )
    throw invalid('只有区级管理员可以以他人名义录入得分', 'scorer');
  const scorer = body.scorer ?? ctx.actor.userId;
  await refuseTaskScored(ctx, campaign.id, item, scorer, 'itemCode');
  const points = checkPoints(item, body.points, body.na);
  const reason = body.reason ?? null;
  // Writers of the ledger queue here (with the audit chain), so a key is checked and written atomically.
  await ctx.repos.audit.lock();
  const wanted = {
    campaign_id: campaign.id,
    unit_id: unit.id,
    item_id: item.id,
    scorer,
    points,
    na: body.na ? 1 : 0,
    reason,
  };
  const replayed = await replay(ctx, body.idempotencyKey, fingerprint(wanted), unit, item, campaign);
  if (replayed) return replayed;
  const locked = lockedMonths(await ctx.repos.campaigns.locks(campaign.id)).has(item.month);
  if (locked && !reason)
    throw invalid(`${item.month} 已锁定：修改该月得分须作为更正提交，并填写原因`, 'reason');
  const current = await ctx.repos.scores.current(campaign.id, unit.id, item.id, scorer);
  const row: ScoreEntryRow = {
    id: newId(),
    ...wanted,
    source: locked ? 'correction' : 'manual',
    supersedes_id: current?.id ?? null,
    idempotency_key: body.idempotencyKey ?? `auto:${newId()}`,
    entered_by: ctx.actor.userId,
    entered_by_name: ctx.actor.displayName,
    entered_at: ctx.now,
  };
  await ctx.repos.scores.insertMany([row]);
  await recordAudit(ctx, {
    action: locked ? 'score.correct' : 'score.enter',
    entity: 'score',
    entityId: row.id,
    before: current ? { points: current.points, na: Boolean(current.na), entryId: current.id } : null,
    after: {
      campaign: campaign.code,
      unit: unit.code,
      item: item.code,
      scorer,
      points,
      na: body.na,
      reason,
    },
  });
  return {
    entry: await withCodes(ctx, row, unit, item),
    replayed: false,
    itemScore: await itemScoreNow(ctx, campaign, unit.id, item),
  };
}

/**
 * Corrects one ledger entry: a new entry of the same scorer supersedes it, with the reason; the old one stays
 * readable. Only the current entry can be corrected (409 otherwise). Allowed in locked months.
 */
export async function correctScore(
  ctx: ServiceContext,
  code: string,
  entryId: string,
  body: CorrectionBody,
): Promise<EntryResult> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const old = await ctx.repos.scores.findById(entryId);
  if (!old || old.campaign_id !== campaign.id) throw notFound('得分记录不存在');
  const unit = await ctx.repos.units.findById(old.unit_id);
  if (!unit) throw notFound('单位不存在');
  authorize(ctx.actor, { do: 'score.enter', unit });
  if (old.scorer !== ctx.actor.userId && !can(ctx.actor, { do: 'campaign.manage' }))
    throw forbidden('只能更正自己录入的得分；他人的得分请由区管理员更正');
  const item = (await ctx.repos.campaigns.items(campaign.id)).find((i) => i.id === old.item_id);
  if (!item) throw notFound('指标不存在');
  await refuseTaskScored(ctx, campaign.id, item, old.scorer, 'entryId');
  const points = checkPoints(item, body.points, body.na);
  await ctx.repos.audit.lock();
  const wanted = {
    campaign_id: campaign.id,
    unit_id: unit.id,
    item_id: item.id,
    scorer: old.scorer,
    points,
    na: body.na ? 1 : 0,
    reason: body.reason,
    supersedes_id: old.id,
  };
  const replayed = await replay(ctx, body.idempotencyKey, fingerprint(wanted), unit, item, campaign);
  if (replayed) return replayed;
  const newer = await ctx.repos.scores.supersederOf(old.id);
  if (newer) throw conflict('该记录已被更正，请在最新的记录上更正', 'id');
  const row: ScoreEntryRow = {
    id: newId(),
    ...wanted,
    source: 'correction',
    idempotency_key: body.idempotencyKey ?? `auto:${newId()}`,
    entered_by: ctx.actor.userId,
    entered_by_name: ctx.actor.displayName,
    entered_at: ctx.now,
  };
  await ctx.repos.scores.insertMany([row]);
  await recordAudit(ctx, {
    action: 'score.correct',
    entity: 'score',
    entityId: row.id,
    before: { entryId: old.id, points: old.points, na: Boolean(old.na) },
    after: {
      campaign: campaign.code,
      unit: unit.code,
      item: item.code,
      scorer: old.scorer,
      points,
      na: body.na,
      reason: body.reason,
    },
  });
  return {
    entry: await withCodes(ctx, row, unit, item),
    replayed: false,
    itemScore: await itemScoreNow(ctx, campaign, unit.id, item),
  };
}

/** Every entry behind one unit's item score, with the score they make now (through core's itemScore). */
export async function listItemEntries(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  itemCode: string,
): Promise<{
  unit: UnitRow;
  item: CampaignItemRow;
  locked: boolean;
  score: number | null;
  na: boolean;
  entries: EntryWithCodes[];
}> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw notFound('单位不存在');
  authorize(ctx.actor, { do: 'campaign.unitRead', unit });
  const item = await ctx.repos.campaigns.findItem(campaign.id, itemCode);
  if (!item) throw notFound('指标不存在');
  const history = await ctx.repos.scores.history(campaign.id, unit.id, item.id);
  const current = history
    .filter((h) => h.superseded_by === null)
    .map((h) => ({ ...h, na: Number(h.na), points: h.points === null ? null : Number(h.points) }));
  const trimOf = await itemTrimRules(ctx.repos, campaign, [item]);
  const { score, na } = currentItemScore(current, Number(item.max), trimOf(item));
  return {
    unit,
    item,
    locked: lockedMonths(await ctx.repos.campaigns.locks(campaign.id)).has(item.month),
    score,
    na,
    entries: history.map((h) => ({ ...h, unit_code: unit.code, item_code: item.code })),
  };
}

/**
 * Awards bonus points (夺旗争先) to a unit's star in a month, with a reason (district admin). Appended, never
 * edited: a negative bonus with its reason takes points back. In a locked month it is recorded as a correction.
 */
export async function addBonus(ctx: ServiceContext, code: string, body: BonusBody): Promise<BonusResult> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unit = await resolveUnit(ctx, body.unitCode);
  if (!(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw invalid(`单位 ${unit.code} 不在本方案的考评范围内`, 'unitCode');
  const stars = await ctx.repos.campaigns.stars(campaign.id);
  if (!stars.some((s) => s.code === body.star)) throw invalid(`星编码 ${body.star} 不是本方案的星`, 'star');
  const bonusModules = (await ctx.repos.campaigns.modules(campaign.id)).filter((m) => m.kind === 'bonus');
  const module = body.module
    ? bonusModules.find((m) => m.code === body.module)
    : bonusModules.length === 1
      ? bonusModules[0]
      : undefined;
  if (!module)
    throw invalid(body.module ? `板块 ${body.module} 不是本方案的加分板块` : '请指定加分板块', 'module');
  if (Number(body.month.slice(0, 4)) !== Number(campaign.year))
    throw invalid(`月份 ${body.month} 不在考评年度 ${campaign.year} 内`, 'month');
  if (body.points === 0 || Math.abs(body.points) > Number(module.budget))
    throw invalid(`分值应为非零且绝对值不超过板块分值 ${Number(module.budget)}`, 'points');
  await ctx.repos.audit.lock();
  const wanted = [campaign.id, unit.id, body.star, module.code, body.month, body.points, body.reason];
  if (body.idempotencyKey) {
    const existing = await ctx.repos.bonuses.findByIdempotencyKey(body.idempotencyKey);
    if (existing) {
      const seen = [
        existing.campaign_id,
        existing.unit_id,
        existing.star,
        existing.module,
        existing.month,
        Number(existing.points),
        existing.reason,
      ];
      if (JSON.stringify(seen) !== JSON.stringify(wanted))
        throw conflict('该幂等键已用于内容不同的另一次提交', 'idempotencyKey');
      return { bonus: { ...existing, unit_code: unit.code }, replayed: true };
    }
  }
  const locked = lockedMonths(await ctx.repos.campaigns.locks(campaign.id)).has(body.month);
  const row: BonusRow = {
    id: newId(),
    campaign_id: campaign.id,
    unit_id: unit.id,
    star: body.star,
    module: module.code,
    month: body.month,
    points: body.points,
    reason: body.reason,
    source: locked ? 'correction' : 'manual',
    idempotency_key: body.idempotencyKey ?? `auto:${newId()}`,
    entered_by: ctx.actor.userId,
    entered_by_name: ctx.actor.displayName,
    entered_at: ctx.now,
  };
  await ctx.repos.bonuses.insertMany([row]);
  await recordAudit(ctx, {
    action: 'bonus.add',
    entity: 'bonus',
    entityId: row.id,
    before: null,
    after: {
      campaign: campaign.code,
      unit: unit.code,
      star: row.star,
      module: row.module,
      month: row.month,
      points: row.points,
      reason: row.reason,
    },
  });
  return { bonus: { ...row, unit_code: unit.code }, replayed: false };
}
