import type { VetoCreateBody, VetoListQuery, VetoRevokeBody } from '../contracts/ratings';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { VetoListRow, VetoPhotoRow, VetoRow } from '../repositories/veto.repository';
import { recordAudit } from './audit.service';
import { effectiveTargets, findCampaign, findOpenCampaign, loadModel } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';

/**
 * 一票否决: the district admin records a veto on one of a unit's target stars, with its reason and evidence;
 * an active veto takes that star away in every rating (core's rateStars). Revoking keeps it readable.
 */

export interface VetoItem {
  row: VetoListRow;
  photos: VetoPhotoRow[];
  starName: string;
}

export interface VetoResult {
  item: VetoItem;
  replayed: boolean;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

async function buildItems(
  ctx: ServiceContext,
  campaign: CampaignRow,
  rows: VetoListRow[],
): Promise<VetoItem[]> {
  const photos = await ctx.repos.vetoes.photos(rows.map((r) => r.id));
  const starNames = new Map((await ctx.repos.campaigns.stars(campaign.id)).map((s) => [s.code, s.name]));
  return rows.map((row) => ({
    row,
    photos: photos.filter((p) => p.veto_id === row.id),
    starName: starNames.get(row.star) ?? row.star,
  }));
}

async function loadItem(ctx: ServiceContext, campaign: CampaignRow, id: string): Promise<VetoItem> {
  const [item] = await buildItems(
    ctx,
    campaign,
    await ctx.repos.vetoes.list(campaign.id, { kind: 'all' }, { id }),
  );
  if (!item) throw notFound('一票否决记录不存在');
  return item;
}

/** The campaign's vetoes the caller may see, revoked ones included (unless filtered). */
export async function listVetoes(
  ctx: ServiceContext,
  code: string,
  query: VetoListQuery,
): Promise<VetoItem[]> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const rows = await ctx.repos.vetoes.list(campaign.id, unitScopeOf(ctx.actor), {
    ...(query.unit ? { unitCode: query.unit } : {}),
    ...(query.street ? { streetCode: query.street } : {}),
    ...(query.active ? { active: query.active === 'true' } : {}),
  });
  return buildItems(ctx, campaign, rows);
}

/** Records a veto on a target star of a unit (district admin). Idempotent on the key. */
export async function recordVeto(
  ctx: ServiceContext,
  code: string,
  body: VetoCreateBody & { photoKeys: string[] },
): Promise<VetoResult> {
  authorize(ctx.actor, { do: 'rating.decide' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unit = await ctx.repos.units.findByCode(body.unitCode);
  if (!unit) throw invalid(`单位 ${body.unitCode} 不存在`, 'unitCode');
  if (!(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw invalid(`单位 ${unit.code} 不在本方案的考评范围内`, 'unitCode');
  const loaded = await loadModel(ctx.repos, campaign);
  const approved = (await ctx.repos.targets.forUnit(campaign.id, unit.id))
    .filter((t) => t.status === 'approved')
    .map((t) => t.star);
  const targets = effectiveTargets(
    approved,
    loaded.requiredStar,
    loaded.stars.map((s) => s.code),
  );
  if (!targets.includes(body.star))
    throw invalid(`星编码 ${body.star} 不是单位 ${unit.code} 的创建目标星`, 'star');
  const photoKeys = [...new Set(body.photoKeys)];
  const photos = await resolvePhotoKeys(ctx, photoKeys, unit.id);
  const evidence = body.evidence?.trim() ? body.evidence.trim() : null;
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.vetoes.findByIdempotencyKey(body.idempotencyKey);
  if (existing) {
    const seen = [existing.campaign_id, existing.unit_id, existing.star, existing.reason, existing.evidence];
    const want = [campaign.id, unit.id, body.star, body.reason, evidence];
    const seenKeys = await ctx.repos.vetoes.photoKeys(existing.id);
    if (JSON.stringify([...seen, seenKeys]) !== JSON.stringify([...want, photoKeys]))
      throw conflict(KEY_REUSED, 'idempotencyKey');
    return { item: await loadItem(ctx, campaign, existing.id), replayed: true };
  }
  const row: VetoRow = {
    id: newId(),
    campaign_id: campaign.id,
    unit_id: unit.id,
    star: body.star,
    reason: body.reason,
    evidence,
    recorded_by: ctx.actor.userId,
    recorded_by_name: ctx.actor.displayName,
    recorded_at: ctx.now,
    revoked_by_name: null,
    revoked_at: null,
    revoke_reason: null,
    idempotency_key: body.idempotencyKey,
    demo: 0,
  };
  await ctx.repos.vetoes.insert(row);
  await ctx.repos.vetoes.insertPhotoLinks(
    photos.map((p, i) => ({ veto_id: row.id, photo_id: p.id, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'veto.record',
    entity: 'veto',
    entityId: row.id,
    before: null,
    after: {
      campaign: campaign.code,
      unit: unit.code,
      star: row.star,
      reason: row.reason,
      evidence,
      photoKeys,
    },
  });
  return { item: await loadItem(ctx, campaign, row.id), replayed: false };
}

/** Revokes an active veto with a reason (district admin); 409 when already revoked. */
export async function revokeVeto(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: VetoRevokeBody,
): Promise<VetoResult> {
  authorize(ctx.actor, { do: 'rating.decide' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const reason = body.reason.trim();
  if (!reason) throw invalid('撤销时请填写原因', 'reason');
  await ctx.repos.audit.lock();
  const veto = await ctx.repos.vetoes.findById(id);
  if (!veto || veto.campaign_id !== campaign.id) throw notFound('一票否决记录不存在');
  if (
    veto.revoked_at !== null ||
    !(await ctx.repos.vetoes.revoke(id, {
      revoked_by_name: ctx.actor.displayName,
      revoked_at: ctx.now,
      revoke_reason: reason,
    }))
  )
    throw conflict('该一票否决已撤销，不能重复撤销', 'id');
  await recordAudit(ctx, {
    action: 'veto.revoke',
    entity: 'veto',
    entityId: id,
    before: { active: true, reason: veto.reason },
    after: { active: false, revokeReason: reason },
  });
  return { item: await loadItem(ctx, campaign, id), replayed: false };
}
