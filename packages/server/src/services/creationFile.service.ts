import { createHash } from 'node:crypto';
import type { AddCreationEntryBody, CreationEntryKind } from '../contracts/creationFile';
import { canonicalJson } from '../lib/canonicalJson';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, can } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { CreationEntryPhotoRow, CreationEntryRow } from '../repositories/creationFile.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign, unitTargetStars } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';

/** One entry with its evidence photos. */
export interface CreationEntry {
  row: CreationEntryRow;
  kind: CreationEntryKind;
  photos: CreationEntryPhotoRow[];
}

/** A unit's creation file in a campaign: its target stars, each with its entries. */
export interface CreationFile {
  campaign: CampaignRow;
  unit: UnitRow;
  streetName: string | null;
  stars: { star: string; starName: string; entries: CreationEntry[] }[];
  canAdd: boolean;
}

export interface CreationFileWrite {
  file: CreationFile;
  replayed: boolean;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一条记录，请勿重复使用';

async function loadUnit(ctx: ServiceContext, campaign: CampaignRow, unitCode: string): Promise<UnitRow> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit || !(await ctx.repos.campaigns.findUnit(campaign.id, unit.id)))
    throw notFound(`单位 ${unitCode} 不在本方案的考评范围内`);
  return unit;
}

/** The stars the unit targets, in the campaign's order. */
async function targetStars(ctx: ServiceContext, campaign: CampaignRow, unit: UnitRow) {
  const { stars, targets } = await unitTargetStars(ctx.repos, campaign, unit.id);
  return stars.filter((s) => targets.includes(s.code));
}

async function buildFile(ctx: ServiceContext, campaign: CampaignRow, unit: UnitRow): Promise<CreationFile> {
  if (!ctx.actor) throw notFound('未登录');
  const stars = await targetStars(ctx, campaign, unit);
  const rows = await ctx.repos.creationFiles.entries(campaign.id, unit.id);
  const photos = rows.length > 0 ? await ctx.repos.creationFiles.photos(rows.map((r) => r.id)) : [];
  const parent = unit.parent_id ? await ctx.repos.units.findById(unit.parent_id) : undefined;
  return {
    campaign,
    unit,
    streetName: parent && parent.type === 'street' ? parent.name : null,
    stars: stars.map((s) => ({
      star: s.code,
      starName: s.name,
      entries: rows
        .filter((r) => r.star === s.code)
        .map((row) => ({
          row,
          kind: row.kind === 'progress' ? 'progress' : 'measure',
          photos: photos.filter((p) => p.entry_id === row.id),
        })),
    })),
    canAdd: campaign.status !== 'archived' && can(ctx.actor, { do: 'creationFile.add', unit }),
  };
}

/** Reads a unit's 创建档案 in a campaign: its village, street, district and assigned inspectors. */
export async function getCreationFile(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
): Promise<CreationFile> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const unit = await loadUnit(ctx, campaign, unitCode);
  authorize(ctx.actor, { do: 'creationFile.read', unit });
  return buildFile(ctx, campaign, unit);
}

function fingerprintOf(
  star: string,
  kind: string,
  text: string,
  percent: number | null,
  photoKeys: string[],
) {
  return createHash('sha256').update(canonicalJson({ star, kind, text, percent, photoKeys })).digest('hex');
}

/**
 * Adds a measure (创建措施) or a progress report (进展情况, with how far along) to one of the unit's target stars,
 * with the unit's own uploaded photos as evidence: the unit's village users. Idempotent by key: the same key and
 * content returns the file as it is; the same key with other content is refused (409).
 */
export async function addCreationEntry(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: AddCreationEntryBody,
): Promise<CreationFileWrite> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const unit = await loadUnit(ctx, campaign, unitCode);
  authorize(ctx.actor, { do: 'creationFile.add', unit });
  const stars = await targetStars(ctx, campaign, unit);
  if (!stars.some((s) => s.code === body.star)) throw invalid(`${body.star} 不是本单位的创建目标星`, 'star');
  const percent = body.kind === 'progress' ? (body.percent ?? null) : null;
  if (body.kind === 'progress' && percent === null) throw invalid('请填写完成进度（0–100）', 'percent');
  const photoKeys = [...new Set(body.photoKeys ?? [])];
  const print = fingerprintOf(body.star, body.kind, body.text, percent, photoKeys);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.creationFiles.findByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { file: await buildFile(ctx, campaign, unit), replayed: true };
  }
  const photos = await resolvePhotoKeys(ctx, photoKeys, unit.id);
  const id = newId();
  await ctx.repos.creationFiles.insert({
    id,
    campaign_id: campaign.id,
    unit_id: unit.id,
    star: body.star,
    kind: body.kind,
    text: body.text,
    percent,
    entered_by: ctx.actor.userId,
    entered_by_name: ctx.actor.displayName,
    entered_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
  });
  await ctx.repos.creationFiles.insertPhotoLinks(
    photos.map((p, i) => ({ entry_id: id, photo_id: p.id, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'creationFile.add',
    entity: 'creation_entry',
    entityId: id,
    before: null,
    after: {
      campaign: campaign.code,
      unit: unit.code,
      star: body.star,
      kind: body.kind,
      text: body.text,
      percent,
      photos: photos.length,
    },
  });
  return { file: await buildFile(ctx, campaign, unit), replayed: false };
}
