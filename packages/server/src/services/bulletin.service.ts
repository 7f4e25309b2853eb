import { chinaDate } from '@wuxing/core';
import { z } from 'zod';
import {
  BulletinFigures,
  type BulletinListQuery,
  BulletinSection,
  BulletinTable,
  type BulletinVersionBody,
  type CreateBulletinBody,
  type UpdateBulletinBody,
} from '../contracts/bulletin';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, can } from '../policies/policy';
import type { BulletinListRow } from '../repositories/bulletin.repository';
import type { CampaignRow } from '../repositories/campaign.repository';
import { recordAudit } from './audit.service';
import { type BulletinContent, computeBulletinContent, loadBulletinLedger } from './bulletinFigures';
import { bulletinSections, bulletinTitle, defaultDocNumber, issuerOf } from './bulletinText';
import { findCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { SETTING_DISTRICT_NAME } from './meta.service';

/**
 * 月度通报 monthly bulletins: the district admin generates a campaign month's bulletin from the ledger (figures,
 * tables and text frozen with the draft), edits the text (optimistic `version`), regenerates it, and issues it
 * (印发, frozen for good). Drafts are the district's; issued bulletins every street admin and village user reads.
 * Every write is audited.
 */

/** A bulletin with its parsed text, tables and figures, and what is printed around them. */
export interface BulletinDetail {
  row: BulletinListRow;
  sections: BulletinSection[];
  tables: BulletinTable[];
  figures: BulletinFigures;
  districtName: string;
  /** 落款, e.g. 中共石龙区委组织部. */
  issuer: string;
  /** `YYYY-MM-DD`: the issue date, or today for a draft (China dates). */
  dateLine: string;
}

const Sections = z.array(BulletinSection);
const Tables = z.array(BulletinTable);

async function districtName(ctx: ServiceContext): Promise<string | null> {
  return ctx.repos.settings.get(SETTING_DISTRICT_NAME);
}

async function detailOf(ctx: ServiceContext, row: BulletinListRow): Promise<BulletinDetail> {
  const district = await districtName(ctx);
  return {
    row,
    sections: Sections.parse(JSON.parse(row.sections)),
    tables: Tables.parse(JSON.parse(row.tables)),
    figures: BulletinFigures.parse(JSON.parse(row.figures)),
    districtName: district ?? '',
    issuer: issuerOf(district),
    dateLine: chinaDate(row.issued_at ?? ctx.now),
  };
}

async function findRow(ctx: ServiceContext, id: string): Promise<BulletinListRow> {
  const row = await ctx.repos.bulletins.findById(id);
  if (!row) throw notFound('通报不存在');
  return row;
}

/** Refuses a month outside the campaign's year or still to come (400 naming `month`). */
function checkMonth(ctx: ServiceContext, campaign: CampaignRow, month: string): void {
  if (Number(month.slice(0, 4)) !== Number(campaign.year))
    throw invalid(`月份 ${month} 不在考评年度 ${campaign.year} 内`, 'month');
  if (month > chinaDate(ctx.now).slice(0, 7)) throw invalid(`${month} 尚未到来，不能生成通报`, 'month');
}

/** Computes a month's figures, tables and text from the ledger. */
async function generateContent(
  ctx: ServiceContext,
  campaign: CampaignRow,
  month: string,
): Promise<BulletinContent & { sections: BulletinSection[] }> {
  const ledger = await loadBulletinLedger(ctx.repos, campaign);
  const content = await computeBulletinContent(ctx.repos, campaign, ledger, month);
  return { ...content, sections: bulletinSections(content) };
}

/** A draft that may change: refuses an issued bulletin (409 `status`) and a stale `version` (409 `version`). */
function checkDraft(row: BulletinListRow, version: number): void {
  if (row.status !== 'draft') throw conflict('通报已印发，不能再修改', 'status');
  if (row.version !== version)
    throw conflict(`通报已被他人修改（当前第${row.version}版），请刷新后再改`, 'version');
}

/** The bulletins one may read: the district all of them, streets and villages the issued ones. */
export async function listBulletins(
  ctx: ServiceContext,
  query: BulletinListQuery,
): Promise<BulletinListRow[]> {
  authorize(ctx.actor, { do: 'bulletin.read', issued: true });
  const campaign = query.campaign ? await findCampaign(ctx.repos, query.campaign) : null;
  return ctx.repos.bulletins.list({
    ...(campaign ? { campaignId: campaign.id } : {}),
    issuedOnly: !can(ctx.actor, { do: 'bulletin.read', issued: false }),
  });
}

/** Generates a campaign month's bulletin as a draft (409 `month` when that month already has one). */
export async function generateBulletin(
  ctx: ServiceContext,
  body: CreateBulletinBody,
): Promise<BulletinDetail> {
  authorize(ctx.actor, { do: 'bulletin.manage' });
  const campaign = await findCampaign(ctx.repos, body.campaign);
  checkMonth(ctx, campaign, body.month);
  if (await ctx.repos.bulletins.idOf(campaign.id, body.month))
    throw conflict(`${body.month} 的通报已存在，请打开它重新生成`, 'month');
  const content = await generateContent(ctx, campaign, body.month);
  const id = newId();
  const title = bulletinTitle(body.month);
  await ctx.repos.bulletins.insert({
    id,
    campaign_id: campaign.id,
    month: body.month,
    title,
    doc_number: defaultDocNumber(await districtName(ctx), body.month),
    status: 'draft',
    version: 1,
    sections: JSON.stringify(content.sections),
    tables: JSON.stringify(content.tables),
    figures: JSON.stringify(content.figures),
    generated_at: ctx.now,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    updated_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
    issued_at: null,
    issued_by_name: null,
    demo: Number(campaign.demo) === 1 ? 1 : 0,
  });
  await recordAudit(ctx, {
    action: 'bulletin.generate',
    entity: 'bulletin',
    entityId: id,
    before: null,
    after: { campaign: campaign.code, month: body.month, title, figures: content.figures },
  });
  return detailOf(ctx, await findRow(ctx, id));
}

/** One bulletin: an issued one for every street and village, a draft for the district only (403). */
export async function getBulletin(ctx: ServiceContext, id: string): Promise<BulletinDetail> {
  authorize(ctx.actor, { do: 'bulletin.read', issued: true });
  const row = await findRow(ctx, id);
  authorize(ctx.actor, { do: 'bulletin.read', issued: row.status === 'issued' });
  return detailOf(ctx, row);
}

/** Saves an edited draft's title, 文号 and sections at `version`. */
export async function updateBulletin(
  ctx: ServiceContext,
  id: string,
  body: UpdateBulletinBody,
): Promise<BulletinDetail> {
  authorize(ctx.actor, { do: 'bulletin.manage' });
  const row = await findRow(ctx, id);
  checkDraft(row, body.version);
  const ok = await ctx.repos.bulletins.updateDraft(id, body.version, {
    title: body.title,
    doc_number: body.docNumber,
    sections: JSON.stringify(body.sections),
    version: body.version + 1,
    updated_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
  });
  if (!ok) throw conflict('通报已被他人修改，请刷新后再改', 'version');
  await recordAudit(ctx, {
    action: 'bulletin.update',
    entity: 'bulletin',
    entityId: id,
    before: {
      title: row.title,
      docNumber: row.doc_number,
      sections: JSON.parse(row.sections),
      version: row.version,
    },
    after: {
      title: body.title,
      docNumber: body.docNumber,
      sections: body.sections,
      version: body.version + 1,
    },
  });
  return detailOf(ctx, await findRow(ctx, id));
}

/**
 * Computes a draft's figures, tables and text again from the ledger (edits to the text are replaced; the title
 * and 文号 stay as edited).
 */
export async function regenerateBulletin(
  ctx: ServiceContext,
  id: string,
  body: BulletinVersionBody,
): Promise<BulletinDetail> {
  authorize(ctx.actor, { do: 'bulletin.manage' });
  const row = await findRow(ctx, id);
  checkDraft(row, body.version);
  const campaign = await findCampaign(ctx.repos, row.campaign_code);
  const content = await generateContent(ctx, campaign, row.month);
  const ok = await ctx.repos.bulletins.updateDraft(id, body.version, {
    sections: JSON.stringify(content.sections),
    tables: JSON.stringify(content.tables),
    figures: JSON.stringify(content.figures),
    generated_at: ctx.now,
    version: body.version + 1,
    updated_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
  });
  if (!ok) throw conflict('通报已被他人修改，请刷新后再改', 'version');
  await recordAudit(ctx, {
    action: 'bulletin.regenerate',
    entity: 'bulletin',
    entityId: id,
    before: { figures: JSON.parse(row.figures), version: row.version },
    after: { figures: content.figures, version: body.version + 1 },
  });
  return detailOf(ctx, await findRow(ctx, id));
}

/** Issues (印发) a draft at `version`: it is frozen from then on, with who issued it and when. */
export async function issueBulletin(
  ctx: ServiceContext,
  id: string,
  body: BulletinVersionBody,
): Promise<BulletinDetail> {
  authorize(ctx.actor, { do: 'bulletin.manage' });
  const row = await findRow(ctx, id);
  checkDraft(row, body.version);
  const ok = await ctx.repos.bulletins.updateDraft(id, body.version, {
    status: 'issued',
    issued_at: ctx.now,
    issued_by_name: ctx.actor.displayName,
    version: body.version + 1,
    updated_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
  });
  if (!ok) throw conflict('通报已被他人修改，请刷新后再改', 'version');
  await recordAudit(ctx, {
    action: 'bulletin.issue',
    entity: 'bulletin',
    entityId: id,
    before: { status: 'draft', version: row.version },
    after: { status: 'issued', version: body.version + 1, issuedAt: ctx.now },
  });
  return detailOf(ctx, await findRow(ctx, id));
}
