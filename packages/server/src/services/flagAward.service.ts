import { computeUnitResultsForMonths, monthKey } from '@wuxing/core';
import type { FlagApproveBody, FlagCreateBody, FlagListQuery, FlagRejectBody } from '../contracts/ratings';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, unitScopeOf } from '../policies/policy';
import type { Repos } from '../repositories';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { FlagAwardListRow, FlagAwardPhotoRow, FlagAwardRow } from '../repositories/flagAward.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign, loadRankingInputs } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';
import { addBonus } from './score.service';

/**
 * 夺旗争先 flag awards: proposed to a unit's star (district admin, or a street admin for its own villages),
 * approved or rejected by the district admin. Approval writes a bonus row through addBonus, so the module cap
 * P = min(B(m), Σ bonus) of SCORING.md applies in core like for any bonus; an award over the cap is allowed,
 * and every view says how much of the unit×star's awards actually count.
 */

/** The bonus module of one unit's star: awarded Σ, budget, what counts (core's P for December), capped. */
export interface FlagCap {
  unitCode: string;
  star: string;
  module: string;
  awarded: number;
  budget: number;
  effective: number;
  capped: boolean;
}

export interface FlagAwardItem {
  row: FlagAwardListRow;
  photos: FlagAwardPhotoRow[];
  cap: FlagCap;
  starName: string;
}

export interface FlagList {
  campaign: CampaignRow;
  items: FlagAwardItem[];
  caps: FlagCap[];
}

export interface FlagResult {
  item: FlagAwardItem;
  replayed: boolean;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';
/** Awarded Σ within this of the budget counts as at the cap (floating-point sums). */
const CAP_EPSILON = 1e-9;
const capKey = (unit: string, star: string, module: string) => `${unit}\u0000${star}\u0000${module}`;

/**
 * The bonus-module figures of the given unit×star×module triples, as of December: Σ of the bonus rows, the
 * budget, and P from core (every campaign star is computed for the unit, targeted or not).
 */
export async function flagCaps(
  repos: Repos,
  campaign: CampaignRow,
  wanted: { unitCode: string; star: string; module: string }[],
): Promise<Map<string, FlagCap>> {
  const out = new Map<string, FlagCap>();
  if (wanted.length === 0) return out;
  const inputs = await loadRankingInputs(repos, campaign);
  const units = new Set(wanted.map((w) => w.unitCode));
  const allStars = inputs.model.stars.map((s) => s.code);
  const december = monthKey(Number(campaign.year), 12);
  const results =
    computeUnitResultsForMonths(
      inputs.model,
      inputs.unitInputs.filter((u) => units.has(u.code)).map((u) => ({ ...u, targets: allStars })),
      inputs.scores.filter((s) => units.has(s.unit)),
      inputs.bonuses.filter((b) => units.has(b.unit)),
      inputs.problems.filter((p) => units.has(p.unit)),
      [december],
    ).get(december) ?? [];
  const resultOf = new Map(results.map((r) => [r.unit, r]));
  const budgetOf = new Map(inputs.model.modules.map((m) => [m.code, m.budget]));
  for (const w of wanted) {
    const key = capKey(w.unitCode, w.star, w.module);
    if (out.has(key)) continue;
    const awarded = inputs.bonuses
      .filter((b) => b.unit === w.unitCode && b.star === w.star && b.module === w.module)
      .reduce((sum, b) => sum + b.points, 0);
    const budget = budgetOf.get(w.module) ?? 0;
    const effective = resultOf.get(w.unitCode)?.stars.find((s) => s.star === w.star)?.modules[w.module] ?? 0;
    out.set(key, {
      ...w,
      awarded,
      budget,
      effective,
      capped: awarded >= budget - CAP_EPSILON,
    });
  }
  return out;
}

async function buildItems(
  ctx: ServiceContext,
  campaign: CampaignRow,
  rows: FlagAwardListRow[],
): Promise<{ items: FlagAwardItem[]; caps: FlagCap[] }> {
  const photos = await ctx.repos.flagAwards.photos(rows.map((r) => r.id));
  const caps = await flagCaps(
    ctx.repos,
    campaign,
    rows.map((r) => ({ unitCode: r.unit_code, star: r.star, module: r.module })),
  );
  const starNames = new Map((await ctx.repos.campaigns.stars(campaign.id)).map((s) => [s.code, s.name]));
  const items = rows.map((row) => {
    const cap = caps.get(capKey(row.unit_code, row.star, row.module));
    if (!cap) throw new Error('missing cap');
    return {
      row,
      photos: photos.filter((p) => p.award_id === row.id),
      cap,
      starName: starNames.get(row.star) ?? row.star,
    };
  });
  return { items, caps: [...caps.values()] };
}

async function loadItem(ctx: ServiceContext, campaign: CampaignRow, id: string): Promise<FlagAwardItem> {
  const rows = await ctx.repos.flagAwards.list(campaign.id, { kind: 'all' }, { id });
  const { items } = await buildItems(ctx, campaign, rows);
  const item = items[0];
  if (!item) throw notFound('夺旗争先记录不存在');
  return item;
}

/** The campaign's awards the caller may see (district: all; street: its units; village: its own). */
export async function listFlags(ctx: ServiceContext, code: string, query: FlagListQuery): Promise<FlagList> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const rows = await ctx.repos.flagAwards.list(campaign.id, unitScopeOf(ctx.actor), {
    ...(query.status ? { status: query.status } : {}),
    ...(query.unit ? { unitCode: query.unit } : {}),
    ...(query.street ? { streetCode: query.street } : {}),
    ...(query.star ? { star: query.star } : {}),
  });
  return { campaign, ...(await buildItems(ctx, campaign, rows)) };
}

async function resolveUnit(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw invalid(`单位 ${unitCode} 不存在`, 'unitCode');
  return unit;
}

function proposalFingerprint(r: {
  campaign_id: string;
  unit_id: string;
  star: string;
  module: string;
  month: string;
  points: number;
  title: string;
  reason: string;
  photoKeys: string[];
}): string {
  return JSON.stringify([
    r.campaign_id,
    r.unit_id,
    r.star,
    r.module,
    r.month,
    Number(r.points),
    r.title,
    r.reason,
    r.photoKeys,
  ]);
}

/**
 * Proposes an award (待审核): the district admin for any unit, a street admin for its own villages. Points are
 * > 0 and at most the module budget. Counts nothing until approved. Idempotent on the key.
 */
export async function proposeFlag(
  ctx: ServiceContext,
  code: string,
  body: FlagCreateBody & { photoKeys: string[] },
): Promise<FlagResult> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unit = await resolveUnit(ctx, body.unitCode);
  authorize(ctx.actor, { do: 'flag.propose', unit });
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
  if (body.points > Number(module.budget))
    throw invalid(`分值不能超过板块“${module.name}”的分值 ${Number(module.budget)}`, 'points');
  const photoKeys = [...new Set(body.photoKeys)];
  const photos = await resolvePhotoKeys(ctx, photoKeys, unit.id);
  await ctx.repos.audit.lock();
  const wanted = {
    campaign_id: campaign.id,
    unit_id: unit.id,
    star: body.star,
    module: module.code,
    month: body.month,
    points: body.points,
    title: body.title,
    reason: body.reason,
  };
  const print = proposalFingerprint({ ...wanted, photoKeys });
  const existing = await ctx.repos.flagAwards.findByIdempotencyKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { item: await loadItem(ctx, campaign, existing.id), replayed: true };
  }
  const row: FlagAwardRow = {
    id: newId(),
    ...wanted,
    status: 'pending',
    proposed_by: ctx.actor.userId,
    proposed_by_name: ctx.actor.displayName,
    proposed_at: ctx.now,
    decided_by: null,
    decided_by_name: null,
    decided_at: null,
    decision_note: null,
    bonus_id: null,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
    demo: 0,
  };
  await ctx.repos.flagAwards.insert(row);
  await ctx.repos.flagAwards.insertPhotoLinks(
    photos.map((p, i) => ({ award_id: row.id, photo_id: p.id, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'flag.propose',
    entity: 'flag_award',
    entityId: row.id,
    before: null,
    after: {
      campaign: campaign.code,
      unit: unit.code,
      star: row.star,
      module: row.module,
      month: row.month,
      points: row.points,
      title: row.title,
      reason: row.reason,
      photoKeys,
    },
  });
  return { item: await loadItem(ctx, campaign, row.id), replayed: false };
}

const STATUS_LABEL: Record<string, string> = { pending: '待审核', approved: '已批准', rejected: '已驳回' };

async function pendingAward(ctx: ServiceContext, campaign: CampaignRow, id: string): Promise<FlagAwardRow> {
  const award = await ctx.repos.flagAwards.findById(id);
  if (!award || award.campaign_id !== campaign.id) throw notFound('夺旗争先记录不存在');
  if (award.status !== 'pending')
    throw conflict(`该记录${STATUS_LABEL[award.status] ?? award.status}，只有待审核的记录可以审核`, 'status');
  return award;
}

/**
 * Approves a pending award (district admin): writes its bonus row through addBonus (a correction in a locked
 * month) and links it. Over the cap is allowed: the result's cap says how many points count.
 */
export async function approveFlag(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: FlagApproveBody,
): Promise<FlagResult> {
  authorize(ctx.actor, { do: 'rating.decide' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  await ctx.repos.audit.lock();
  const award = await pendingAward(ctx, campaign, id);
  const unit = await ctx.repos.units.findById(award.unit_id);
  if (!unit) throw notFound('单位不存在');
  const { bonus } = await addBonus(ctx, code, {
    unitCode: unit.code,
    star: award.star,
    module: award.module,
    month: award.month,
    points: Number(award.points),
    reason: `夺旗争先：${award.title}（${award.reason}）`,
    idempotencyKey: `flag:${award.id}`,
  });
  const note = body.note?.trim() ? body.note.trim() : null;
  if (
    !(await ctx.repos.flagAwards.decide(award.id, {
      status: 'approved',
      decided_by: ctx.actor.userId,
      decided_by_name: ctx.actor.displayName,
      decided_at: ctx.now,
      decision_note: note,
      bonus_id: bonus.id,
    }))
  )
    throw conflict('该记录已被审核', 'status');
  const item = await loadItem(ctx, campaign, award.id);
  await recordAudit(ctx, {
    action: 'flag.approve',
    entity: 'flag_award',
    entityId: award.id,
    before: { status: 'pending' },
    after: {
      status: 'approved',
      bonus: bonus.id,
      note,
      awarded: item.cap.awarded,
      effective: item.cap.effective,
      capped: item.cap.capped,
    },
  });
  return { item, replayed: false };
}

/** Rejects a pending award with a note (district admin); nothing is counted. */
export async function rejectFlag(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: FlagRejectBody,
): Promise<FlagResult> {
  authorize(ctx.actor, { do: 'rating.decide' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const note = body.note.trim();
  if (!note) throw invalid('驳回时请填写审核意见', 'note');
  await ctx.repos.audit.lock();
  const award = await pendingAward(ctx, campaign, id);
  if (
    !(await ctx.repos.flagAwards.decide(award.id, {
      status: 'rejected',
      decided_by: ctx.actor.userId,
      decided_by_name: ctx.actor.displayName,
      decided_at: ctx.now,
      decision_note: note,
      bonus_id: null,
    }))
  )
    throw conflict('该记录已被审核', 'status');
  await recordAudit(ctx, {
    action: 'flag.reject',
    entity: 'flag_award',
    entityId: award.id,
    before: { status: 'pending' },
    after: { status: 'rejected', note },
  });
  return { item: await loadItem(ctx, campaign, award.id), replayed: false };
}
