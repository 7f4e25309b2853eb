import { chinaDate, objectionWindowEnd, objectionWindowOpen } from '@wuxing/core';
import type {
  AcceptObjectionBody,
  DiffRowView,
  NewVersionBody,
  ObjectionBody,
  PublicationDiffQuery,
  PublicationListQuery,
  PublicationSnapshot,
  PublicationVersionQuery,
  PublishBody,
  RejectObjectionBody,
} from '../contracts/publications';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId, newToken } from '../lib/ids';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type {
  ObjectionPhotoRow,
  ObjectionRow,
  PublicationListRow,
  PublicationVersionHead,
  PublicationVersionRow,
} from '../repositories/publication.repository';
import { recordAudit } from './audit.service';
import { findCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { resolvePhotoKeys } from './photoRefs';
import { diffSnapshots, publicationPeriodLabel, takeSnapshot } from './publicationSnapshot';
import { campaignPeriod } from './ranking.service';

/**
 * 公示 publishing. The district admin publishes a quarter's or the year's results as a frozen, numbered snapshot
 * (public: anyone with the link; internal: logged-in users). Versions are only ever added, each with its
 * reason, re-snapshotted from the ledger as it then stands (scores are corrected through the ledger first).
 * Village users and street admins object to their units' rows while the window (公示期, working days after
 * the publishing day) is open; the district admin rejects (with a reason) or accepts, which publishes a new
 * version linked to the objection.
 */

/** A publication with what depends on the clock. */
export interface PublicationItem {
  row: PublicationListRow;
  windowOpen: boolean;
}

export interface ObjectionItem {
  row: ObjectionRow;
  photos: ObjectionPhotoRow[];
}

export interface PublicationDetail {
  item: PublicationItem;
  versions: PublicationVersionHead[];
  version: number;
  snapshot: PublicationSnapshot;
  objections: ObjectionItem[];
  canObjectFor: string[];
  canManage: boolean;
}

export interface PublicationDiff {
  from: number;
  to: number;
  reason: string | null;
  reasons: { version: number; reason: string | null }[];
  rows: DiffRowView[];
}

export interface PublicPublication {
  item: PublicationItem;
  versions: PublicationVersionHead[];
  version: number;
  snapshot: PublicationSnapshot;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

const itemOf = (ctx: ServiceContext, row: PublicationListRow): PublicationItem => ({
  row,
  windowOpen: objectionWindowOpen(row.window_end, ctx.now),
});

function parseSnapshot(row: PublicationVersionRow): PublicationSnapshot {
  return JSON.parse(row.snapshot_json) as PublicationSnapshot;
}

async function findPublication(ctx: ServiceContext, id: string): Promise<PublicationListRow> {
  const row = await ctx.repos.publications.findById(id);
  if (!row) throw notFound('公示不存在');
  return row;
}

async function loadVersion(
  ctx: ServiceContext,
  publication: PublicationListRow,
  version: number,
): Promise<PublicationVersionRow> {
  const row = await ctx.repos.publications.version(publication.id, version);
  if (!row) throw notFound(`公示第 ${version} 版不存在`);
  return row;
}

async function item(ctx: ServiceContext, id: string): Promise<PublicationItem> {
  return itemOf(ctx, await findPublication(ctx, id));
}

/** Publications, newest first (any logged-in user; internal ones are for logged-in users anyway). */
export async function listPublications(
  ctx: ServiceContext,
  query: PublicationListQuery,
): Promise<PublicationItem[]> {
  authorize(ctx.actor, { do: 'publication.read' });
  const rows = await ctx.repos.publications.list(query.campaign ? { campaignCode: query.campaign } : {});
  return rows.map((r) => itemOf(ctx, r));
}

async function nextNumber(ctx: ServiceContext, year: number): Promise<string> {
  const prefix = `GS-${year}-`;
  const last = await ctx.repos.publications.lastNumber(prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(3, '0')}`;
}

function publishFingerprint(campaign: CampaignRow, body: PublishBody, title: string): string {
  return JSON.stringify([
    campaign.id,
    body.period,
    body.scope,
    title,
    body.publisher,
    body.contact,
    body.windowDays,
  ]);
}

/**
 * Publishes a quarter's or the year's results as version 1 of a new numbered publication (district admin).
 * One publication per campaign and period (409 naming it: publish a new version of it instead). Idempotent
 * on the key: the same content replays, other content is 409.
 */
export async function publishResults(
  ctx: ServiceContext,
  body: PublishBody & { scope: 'public' | 'internal'; publisher: string; windowDays: number },
): Promise<{ item: PublicationItem; replayed: boolean }> {
  authorize(ctx.actor, { do: 'publication.manage' });
  const campaign = await ctx.repos.campaigns.findByCode(body.campaignCode);
  if (!campaign) throw invalid(`考评方案 ${body.campaignCode} 不存在`, 'campaignCode');
  const period = campaignPeriod(campaign, body.period);
  if (period.kind === 'month') throw invalid('公示期间须为季度或年度', 'period');
  const label = publicationPeriodLabel(period.key);
  // 2023年度五星支部创建 + 2023-Q2 → 2023年第二季度五星支部创建考评结果公示 (the year said once).
  const subject = campaign.name.replace(/^\d{4}年度?/, '');
  const title = body.title?.trim() ? body.title.trim() : `${label}${subject}考评结果公示`;
  const fingerprint = publishFingerprint(campaign, body, title);
  await ctx.repos.audit.lock();
  const seen = await ctx.repos.publications.findByIdempotencyKey(body.idempotencyKey);
  if (seen) {
    if (seen.fingerprint !== fingerprint) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { item: await item(ctx, seen.id), replayed: true };
  }
  const existing = await ctx.repos.publications.findByPeriod(campaign.id, period.key);
  if (existing)
    throw conflict(`${label}的结果已公示（${existing.number}），如需更正请发布新版本并说明原因`, 'period');
  const snapshot = await takeSnapshot(ctx.repos, campaign, period.key);
  if (snapshot.units.length === 0) throw invalid('该期间没有可公示的考评结果', 'period');
  const publishedOn = chinaDate(ctx.now);
  const id = newId();
  const number = await nextNumber(ctx, Number(campaign.year));
  await ctx.repos.publications.insert({
    id,
    campaign_id: campaign.id,
    number,
    period: period.key,
    title,
    scope: body.scope,
    publisher: body.publisher,
    contact: body.contact,
    published_on: publishedOn,
    window_days: body.windowDays,
    window_end: objectionWindowEnd(publishedOn, body.windowDays),
    token: newToken(24),
    current_version: 1,
    published_by: ctx.actor.userId,
    published_by_name: ctx.actor.displayName,
    published_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint,
    demo: 0,
  });
  await ctx.repos.publications.insertVersion({
    id: newId(),
    publication_id: id,
    version: 1,
    reason: null,
    objection_id: null,
    snapshot_json: JSON.stringify(snapshot),
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    idempotency_key: `${body.idempotencyKey}:v1`,
  });
  await recordAudit(ctx, {
    action: 'publication.publish',
    entity: 'publication',
    entityId: id,
    before: null,
    after: {
      number,
      campaign: campaign.code,
      period: period.key,
      scope: body.scope,
      title,
      units: snapshot.units.length,
    },
  });
  return { item: await item(ctx, id), replayed: false };
}

/**
 * Adds version n+1 re-snapshotted from the ledger now, with its reason (and the accepted objection that led
 * to it). Never changes an existing version.
 */
async function addVersion(
  ctx: ServiceContext,
  publication: PublicationListRow,
  reason: string,
  idempotencyKey: string,
  objectionId: string | null,
): Promise<number> {
  if (!ctx.actor) throw new Error('no actor');
  const campaign = await findCampaign(ctx.repos, publication.campaign_code);
  const snapshot = await takeSnapshot(ctx.repos, campaign, publication.period);
  const version = publication.current_version + 1;
  await ctx.repos.publications.insertVersion({
    id: newId(),
    publication_id: publication.id,
    version,
    reason,
    objection_id: objectionId,
    snapshot_json: JSON.stringify(snapshot),
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    idempotency_key: idempotencyKey,
  });
  await ctx.repos.publications.setCurrentVersion(publication.id, version);
  await recordAudit(ctx, {
    action: 'publication.version',
    entity: 'publication',
    entityId: publication.id,
    before: { version: publication.current_version },
    after: { number: publication.number, version, reason, objection: objectionId },
  });
  return version;
}

/** Publishes a new version with its reason (district admin), e.g. after a correction found without objection. */
export async function publishNewVersion(
  ctx: ServiceContext,
  id: string,
  body: NewVersionBody,
): Promise<{ item: PublicationItem; replayed: boolean }> {
  authorize(ctx.actor, { do: 'publication.manage' });
  await ctx.repos.audit.lock();
  const publication = await findPublication(ctx, id);
  const seen = await ctx.repos.publications.versionByIdempotencyKey(body.idempotencyKey);
  if (seen) {
    if (seen.publication_id !== id || seen.reason !== body.reason || seen.objection_id !== null)
      throw conflict(KEY_REUSED, 'idempotencyKey');
    return { item: await item(ctx, id), replayed: true };
  }
  await addVersion(ctx, publication, body.reason, body.idempotencyKey, null);
  return { item: await item(ctx, id), replayed: false };
}

async function objectionItems(ctx: ServiceContext, rows: ObjectionRow[]): Promise<ObjectionItem[]> {
  const photos = await ctx.repos.publications.objectionPhotos(rows.map((r) => r.id));
  return rows.map((row) => ({ row, photos: photos.filter((p) => p.objection_id === row.id) }));
}

/**
 * A publication with its versions, the asked version's snapshot (the current one by default), the objections
 * about units in the caller's part of the tree, and which units the caller may object for.
 */
export async function getPublication(
  ctx: ServiceContext,
  id: string,
  query: PublicationVersionQuery,
): Promise<PublicationDetail> {
  authorize(ctx.actor, { do: 'publication.read' });
  const publication = await findPublication(ctx, id);
  const version = query.version ?? publication.current_version;
  const shown = await loadVersion(ctx, publication, version);
  const snapshot = parseSnapshot(shown);
  const windowOpen = objectionWindowOpen(publication.window_end, ctx.now);
  const actor = ctx.actor;
  let canObjectFor: string[] = [];
  if (windowOpen && actor.role !== 'district_admin') {
    const current =
      version === publication.current_version
        ? snapshot
        : parseSnapshot(await loadVersion(ctx, publication, publication.current_version));
    const units = await ctx.repos.units.findByCodes(current.units.map((u) => u.code));
    canObjectFor = units
      .filter((unit) => can(actor, { do: 'objection.file', unit }))
      .map((u) => u.code)
      .sort();
  }
  const objections = await ctx.repos.publications.objections(publication.id, unitScopeOf(actor));
  return {
    item: itemOf(ctx, publication),
    versions: await ctx.repos.publications.versions(publication.id),
    version,
    snapshot,
    objections: await objectionItems(ctx, objections),
    canObjectFor,
    canManage: can(actor, { do: 'publication.manage' }),
  };
}

/** What changed between two versions, with the reasons of the versions in between. */
export async function diffPublication(
  ctx: ServiceContext,
  id: string,
  query: PublicationDiffQuery,
): Promise<PublicationDiff> {
  authorize(ctx.actor, { do: 'publication.read' });
  const publication = await findPublication(ctx, id);
  if (query.from === query.to) throw invalid('请选择两个不同的版本进行比较', 'to');
  const [low, high] = query.from < query.to ? [query.from, query.to] : [query.to, query.from];
  const before = parseSnapshot(await loadVersion(ctx, publication, query.from));
  const afterRow = await loadVersion(ctx, publication, query.to);
  const after = parseSnapshot(afterRow);
  const versions = await ctx.repos.publications.versions(publication.id);
  return {
    from: query.from,
    to: query.to,
    reason: afterRow.reason,
    reasons: versions
      .filter((v) => v.version > low && v.version <= high)
      .map((v) => ({ version: v.version, reason: v.reason })),
    rows: diffSnapshots(before, after),
  };
}

function objectionFingerprint(publicationId: string, unitId: string, reason: string, keys: string[]) {
  return JSON.stringify([publicationId, unitId, reason, keys]);
}

/**
 * Files an objection against a unit's row of the current version: the unit's own users and its street admin
 * (district admins may record one for anybody), with reason and evidence photos of the unit, while the window
 * is open (after it: 409 naming the window's last day). Idempotent on the key.
 */
export async function fileObjection(
  ctx: ServiceContext,
  id: string,
  body: ObjectionBody & { photoKeys: string[] },
): Promise<{ objection: ObjectionItem; item: PublicationItem; replayed: boolean }> {
  authorize(ctx.actor, { do: 'publication.read' });
  const found = await findPublication(ctx, id);
  const unit = await ctx.repos.units.findByCode(body.unitCode);
  if (!unit) throw invalid(`单位 ${body.unitCode} 不存在`, 'unitCode');
  authorize(ctx.actor, { do: 'objection.file', unit });
  const keys = [...new Set(body.photoKeys)];
  const fingerprint = objectionFingerprint(found.id, unit.id, body.reason, keys);
  await ctx.repos.audit.lock();
  // Read again in the queue: a version published meanwhile is the one objected to.
  const publication = await findPublication(ctx, id);
  const seen = await ctx.repos.publications.findObjectionByIdempotencyKey(body.idempotencyKey);
  if (seen) {
    if (seen.fingerprint !== fingerprint) throw conflict(KEY_REUSED, 'idempotencyKey');
    return {
      objection: (await objectionItems(ctx, [seen]))[0] as ObjectionItem,
      item: await item(ctx, id),
      replayed: true,
    };
  }
  if (!objectionWindowOpen(publication.window_end, ctx.now))
    throw conflict(`公示期已于 ${publication.window_end} 结束，不能再提出异议`, 'windowEnd');
  const current = parseSnapshot(await loadVersion(ctx, publication, publication.current_version));
  if (!current.units.some((u) => u.code === unit.code))
    throw invalid(`单位 ${unit.code} 不在本次公示的结果中`, 'unitCode');
  const photos = await resolvePhotoKeys(ctx, keys, unit.id);
  const objectionId = newId();
  await ctx.repos.publications.insertObjection({
    id: objectionId,
    publication_id: publication.id,
    version: publication.current_version,
    unit_id: unit.id,
    reason: body.reason,
    status: 'pending',
    filed_by: ctx.actor.userId,
    filed_by_name: ctx.actor.displayName,
    filed_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint,
    demo: 0,
  });
  await ctx.repos.publications.insertObjectionPhotos(
    photos.map((p, sort) => ({ objection_id: objectionId, photo_id: p.id, sort })),
  );
  await recordAudit(ctx, {
    action: 'objection.file',
    entity: 'objection',
    entityId: objectionId,
    before: null,
    after: {
      publication: publication.number,
      version: publication.current_version,
      unit: unit.code,
      reason: body.reason,
      photos: photos.length,
    },
  });
  const row = await ctx.repos.publications.findObjection(objectionId);
  if (!row) throw new Error('objection vanished');
  return {
    objection: (await objectionItems(ctx, [row]))[0] as ObjectionItem,
    item: await item(ctx, id),
    replayed: false,
  };
}

async function pendingObjection(
  ctx: ServiceContext,
  publication: PublicationListRow,
  objectionId: string,
): Promise<ObjectionRow> {
  const row = await ctx.repos.publications.findObjection(objectionId);
  if (!row || row.publication_id !== publication.id) throw notFound('异议不存在');
  if (row.status !== 'pending')
    throw conflict(
      `该异议已${row.status === 'accepted' ? '采纳' : '处理（未采纳）'}，不能再次处理`,
      'status',
    );
  return row;
}

/** Rejects a pending objection with its reason (district admin); the snapshot stays as it is. */
export async function rejectObjection(
  ctx: ServiceContext,
  id: string,
  objectionId: string,
  body: RejectObjectionBody,
): Promise<{ objection: ObjectionItem; item: PublicationItem; replayed: boolean }> {
  authorize(ctx.actor, { do: 'publication.manage' });
  await ctx.repos.audit.lock();
  const publication = await findPublication(ctx, id);
  const row = await pendingObjection(ctx, publication, objectionId);
  await ctx.repos.publications.decideObjection(row.id, {
    status: 'rejected',
    decided_by: ctx.actor.userId,
    decided_by_name: ctx.actor.displayName,
    decided_at: ctx.now,
    decision_reason: body.reason,
  });
  await recordAudit(ctx, {
    action: 'objection.reject',
    entity: 'objection',
    entityId: row.id,
    before: { status: 'pending' },
    after: { publication: publication.number, unit: row.unit_code, status: 'rejected', reason: body.reason },
  });
  const after = await ctx.repos.publications.findObjection(row.id);
  if (!after) throw new Error('objection vanished');
  return {
    objection: (await objectionItems(ctx, [after]))[0] as ObjectionItem,
    item: await item(ctx, id),
    replayed: false,
  };
}

/**
 * Accepts a pending objection (district admin): records the reason and publishes version n+1 re-snapshotted
 * from the ledger as it now stands (the scores are corrected through the ledger's correction first), linked to
 * the objection. Idempotent on the key: a retry replays, the key with another objection or reason is 409.
 */
export async function acceptObjection(
  ctx: ServiceContext,
  id: string,
  objectionId: string,
  body: AcceptObjectionBody,
): Promise<{ objection: ObjectionItem; item: PublicationItem; replayed: boolean }> {
  authorize(ctx.actor, { do: 'publication.manage' });
  await ctx.repos.audit.lock();
  const publication = await findPublication(ctx, id);
  const seen = await ctx.repos.publications.versionByIdempotencyKey(body.idempotencyKey);
  if (seen) {
    if (seen.publication_id !== id || seen.objection_id !== objectionId || seen.reason !== body.reason)
      throw conflict(KEY_REUSED, 'idempotencyKey');
    const row = await ctx.repos.publications.findObjection(objectionId);
    if (!row) throw notFound('异议不存在');
    return {
      objection: (await objectionItems(ctx, [row]))[0] as ObjectionItem,
      item: await item(ctx, id),
      replayed: true,
    };
  }
  const row = await pendingObjection(ctx, publication, objectionId);
  const version = await addVersion(ctx, publication, body.reason, body.idempotencyKey, row.id);
  await ctx.repos.publications.decideObjection(row.id, {
    status: 'accepted',
    decided_by: ctx.actor.userId,
    decided_by_name: ctx.actor.displayName,
    decided_at: ctx.now,
    decision_reason: body.reason,
    resolved_version: version,
  });
  await recordAudit(ctx, {
    action: 'objection.accept',
    entity: 'objection',
    entityId: row.id,
    before: { status: 'pending' },
    after: { publication: publication.number, unit: row.unit_code, status: 'accepted', version },
  });
  const after = await ctx.repos.publications.findObjection(row.id);
  if (!after) throw new Error('objection vanished');
  return {
    objection: (await objectionItems(ctx, [after]))[0] as ObjectionItem,
    item: await item(ctx, id),
    replayed: false,
  };
}

/**
 * The public page's data by its unguessable token: only the frozen snapshot and the publication's facts, no
 * user names. A public publication needs no login; an internal one needs a logged-in user (401 otherwise).
 * An unknown token is 404 whoever asks.
 */
export async function getPublicPublication(
  ctx: ServiceContext,
  token: string,
  query: PublicationVersionQuery,
): Promise<PublicPublication> {
  const publication = await ctx.repos.publications.findByToken(token);
  if (!publication) throw notFound('公示不存在或链接已失效');
  if (publication.scope !== 'public') authorize(ctx.actor, { do: 'publication.read' });
  const version = query.version ?? publication.current_version;
  const shown = await loadVersion(ctx, publication, version);
  return {
    item: itemOf(ctx, publication),
    versions: await ctx.repos.publications.versions(publication.id),
    version,
    snapshot: parseSnapshot(shown),
  };
}
