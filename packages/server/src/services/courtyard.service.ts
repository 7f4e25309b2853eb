import {
  type CourtyardLevelRuleSet,
  type CourtyardStandard,
  checkLevelRules,
  DEFAULT_COURTYARD_LEVEL_RULES,
  DEFAULT_COURTYARD_STANDARDS,
} from '@wuxing/core';
import type {
  ApplyCourtyardBody,
  ConfirmCourtyardBody,
  CourtyardApplicationListQuery,
  CreateCourtyardCampaignBody,
  RejectCourtyardBody,
  UpdateCourtyardCampaignBody,
} from '../contracts/courtyard';
import { conflict, invalid, notFound, unauthenticated } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type {
  ApplicationListRow,
  CourtyardApplicationRow,
  CourtyardCampaignRow,
} from '../repositories/courtyard.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { insideScopeOf, readableHousehold, readerOf } from './household.service';

/** A campaign with its standards and level rules read from their JSON. */
export interface LoadedCampaign {
  row: CourtyardCampaignRow;
  standards: CourtyardStandard[];
  levels: CourtyardLevelRuleSet;
}

/** A campaign as views show it: plus households at each level and how many applied. */
export interface CampaignSummary extends LoadedCampaign {
  atLevel: { village: number; street: number; district: number; city: number };
  applications: number;
}

export const STATUS_LABEL: Record<string, string> = {
  applied: '已申报',
  village_confirmed: '村已确认',
  street_confirmed: '街道已确认',
  rejected: '已退回',
};

/** Reads a campaign row's JSON. */
export function loadCampaignRow(row: CourtyardCampaignRow): LoadedCampaign {
  return {
    row,
    standards: JSON.parse(row.standards) as CourtyardStandard[],
    levels: JSON.parse(row.levels) as CourtyardLevelRuleSet,
  };
}

/** A campaign by code (404 when unknown). The caller authorises. */
export async function findCampaign(ctx: ServiceContext, code: string): Promise<LoadedCampaign> {
  const row = await ctx.repos.courtyards.findCampaignByCode(code);
  if (!row) throw notFound(`五美庭院创建活动 ${code} 不存在`);
  return loadCampaignRow(row);
}

async function summaries(ctx: ServiceContext, rows: CourtyardCampaignRow[]): Promise<CampaignSummary[]> {
  const counts = await ctx.repos.courtyards.campaignCounts();
  return rows.map((row) => {
    const atLevel = { village: 0, street: 0, district: 0, city: 0 };
    let applications = 0;
    for (const c of counts) {
      if (c.campaign_id !== row.id) continue;
      applications += c.n;
      if (c.level in atLevel) atLevel[c.level as keyof typeof atLevel] = c.n;
    }
    return { ...loadCampaignRow(row), atLevel, applications };
  });
}

/** Every campaign, newest year first. */
export async function listCourtyardCampaigns(ctx: ServiceContext): Promise<CampaignSummary[]> {
  readerOf(ctx);
  return summaries(ctx, await ctx.repos.courtyards.listCampaigns());
}

/** One campaign. */
export async function getCourtyardCampaign(ctx: ServiceContext, code: string): Promise<CampaignSummary> {
  readerOf(ctx);
  const c = await findCampaign(ctx, code);
  const [s] = await summaries(ctx, [c.row]);
  if (!s) throw notFound();
  return s;
}

function checkStandards(standards: CourtyardStandard[]): void {
  const codes = new Set<string>();
  for (const s of standards) {
    if (codes.has(s.code)) throw invalid(`标准编码 ${s.code} 重复`, 'standards');
    codes.add(s.code);
  }
}

function checkLevels(levels: CourtyardLevelRuleSet, maxTotal: number): void {
  const problem = checkLevelRules(levels);
  if (problem) throw invalid(problem, 'levels');
  if (levels.city.threshold > maxTotal) throw invalid(`分数线不能高于满分${maxTotal}`, 'levels');
}

/** Creates a campaign (district admins); standards and level rules default to the five standards, 80/85/90/95. */
export async function createCourtyardCampaign(
  ctx: ServiceContext,
  body: CreateCourtyardCampaignBody,
): Promise<CampaignSummary> {
  authorize(ctx.actor, { do: 'courtyard.manage' });
  const standards = body.standards ?? DEFAULT_COURTYARD_STANDARDS.map((s) => ({ ...s }));
  const levels = body.levels ?? DEFAULT_COURTYARD_LEVEL_RULES;
  checkStandards(standards);
  checkLevels(
    levels,
    standards.reduce((a, s) => a + s.maxPoints, 0),
  );
  await ctx.repos.audit.lock();
  if (await ctx.repos.courtyards.findCampaignByCode(body.code))
    throw conflict(`编码 ${body.code} 已存在`, 'code');
  const row: CourtyardCampaignRow = {
    id: newId(),
    code: body.code,
    year: body.year,
    name: body.name,
    status: 'open',
    standards: JSON.stringify(standards),
    levels: JSON.stringify(levels),
    demo: 0,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await ctx.repos.courtyards.insertCampaign(row);
  await recordAudit(ctx, {
    action: 'courtyard.campaign.create',
    entity: 'courtyard_campaign',
    entityId: row.id,
    before: null,
    after: { code: row.code, year: row.year, name: row.name, standards, levels },
  });
  return getCourtyardCampaign(ctx, row.code);
}

/** Edits a campaign: name, status, thresholds and quotas; standards only before any evaluation (409). */
export async function updateCourtyardCampaign(
  ctx: ServiceContext,
  code: string,
  body: UpdateCourtyardCampaignBody,
): Promise<CampaignSummary> {
  authorize(ctx.actor, { do: 'courtyard.manage' });
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  const standards = body.standards ?? c.standards;
  const levels = body.levels ?? c.levels;
  if (body.standards) {
    checkStandards(standards);
    const evaluated = await ctx.repos.courtyards.hasEvaluations(c.row.id);
    if (evaluated) throw conflict('已有住户评分，不能再修改评分标准', 'standards');
  }
  checkLevels(
    levels,
    standards.reduce((a, s) => a + s.maxPoints, 0),
  );
  const patch = {
    name: body.name ?? c.row.name,
    status: body.status ?? c.row.status,
    standards: JSON.stringify(standards),
    levels: JSON.stringify(levels),
    updated_at: ctx.now,
  };
  await ctx.repos.courtyards.updateCampaign(c.row.id, patch);
  await recordAudit(ctx, {
    action: 'courtyard.campaign.update',
    entity: 'courtyard_campaign',
    entityId: c.row.id,
    before: { name: c.row.name, status: c.row.status, standards: c.standards, levels: c.levels },
    after: { name: patch.name, status: patch.status, standards, levels },
  });
  return getCourtyardCampaign(ctx, code);
}

/** Applications of a campaign in the actor's part of the tree, one page. */
export async function listCourtyardApplications(
  ctx: ServiceContext,
  code: string,
  query: CourtyardApplicationListQuery,
): Promise<{
  rows: ApplicationListRow[];
  total: number;
  page: number;
  pageSize: number;
  byStatus: Map<string, number>;
}> {
  const actor = readerOf(ctx);
  const c = await findCampaign(ctx, code);
  const r = await ctx.repos.courtyards.listApplications(c.row.id, unitScopeOf(actor), query, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { ...r, page: query.page, pageSize: query.pageSize };
}

function openOnly(c: LoadedCampaign): void {
  if (c.row.status !== 'open') throw conflict(`${c.row.name}已结束，不能再变更`, 'campaign');
}

/**
 * Applies (申报) for households of the actor's village in a campaign: one application per household per campaign
 * (409 naming the household), except that a rejected one may apply again. `confirm` confirms at the village stage.
 */
export async function applyCourtyard(
  ctx: ServiceContext,
  code: string,
  body: ApplyCourtyardBody,
): Promise<ApplicationListRow[]> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  // Before any household is read: the actor applies (and confirms) somewhere; then each household is checked.
  authorize(actor, { do: 'courtyard.apply', unit: insideScopeOf(actor) });
  if (body.confirm)
    authorize(actor, { do: 'courtyard.confirm', unit: insideScopeOf(actor), stage: 'village' });
  const households = [];
  for (const hc of [...new Set(body.householdCodes)]) {
    const h = await ctx.repos.courtyards.findHouseholdByCode(hc);
    if (!h) {
      readerOf(ctx);
      throw invalid(`住户 ${hc} 不存在`, 'householdCodes');
    }
    authorize(actor, { do: 'courtyard.apply', unit: h });
    if (body.confirm) authorize(actor, { do: 'courtyard.confirm', unit: h, stage: 'village' });
    households.push(h);
  }
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  openOnly(c);
  const existing = new Map(
    (
      await ctx.repos.courtyards.applicationsOfHouseholds(
        c.row.id,
        households.map((h) => h.id),
      )
    ).map((a) => [a.household_id, a]),
  );
  const fresh: CourtyardApplicationRow[] = [];
  const stamp = {
    status: body.confirm ? 'village_confirmed' : 'applied',
    applied_by: actor.userId,
    applied_by_name: actor.displayName,
    applied_at: ctx.now,
    village_confirmed_by_name: body.confirm ? actor.displayName : null,
    village_confirmed_at: body.confirm ? ctx.now : null,
    street_confirmed_by_name: null,
    street_confirmed_at: null,
    rejected_by_name: null,
    rejected_at: null,
    reject_reason: null,
  };
  for (const h of households) {
    const a = existing.get(h.id);
    if (a && a.status !== 'rejected')
      throw conflict(
        `${h.head_name}户（${h.code}）已申报${c.row.name}，状态：${STATUS_LABEL[a.status]}`,
        'householdCodes',
      );
    if (a) await ctx.repos.courtyards.updateApplication(a.id, stamp);
    else
      fresh.push({
        id: newId(),
        campaign_id: c.row.id,
        household_id: h.id,
        level: 'none',
        score: null,
        evaluator_count: 0,
        level_changed_at: null,
        demo: 0,
        ...stamp,
      });
  }
  await ctx.repos.courtyards.insertApplications(fresh);
  await recordAudit(ctx, {
    action: 'courtyard.apply',
    entity: 'courtyard_application',
    entityId: null,
    before: null,
    after: { campaign: c.row.code, households: households.map((h) => h.code), status: stamp.status },
  });
  return ctx.repos.courtyards.applicationsOfHouseholds(
    c.row.id,
    households.map((h) => h.id),
  );
}

/** The application of a household in a campaign (404 when it has not applied). */
export async function applicationOf(
  ctx: ServiceContext,
  c: LoadedCampaign,
  householdId: string,
): Promise<ApplicationListRow> {
  const a = await ctx.repos.courtyards.findApplication(c.row.id, householdId);
  if (!a) throw notFound('该户尚未申报本次创建活动');
  return a;
}

/** Confirms an application: the village stage (applied → 村已确认), then the street stage (→ 街道已确认). */
export async function confirmCourtyard(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: ConfirmCourtyardBody,
): Promise<ApplicationListRow> {
  const h = await readableHousehold(ctx, householdCode);
  authorize(ctx.actor, { do: 'courtyard.confirm', unit: h, stage: body.stage });
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  openOnly(c);
  const a = await applicationOf(ctx, c, h.id);
  const from = body.stage === 'village' ? 'applied' : 'village_confirmed';
  if (a.status !== from)
    throw conflict(
      body.stage === 'village'
        ? `只有「已申报」的申请可由村确认，当前为「${STATUS_LABEL[a.status]}」`
        : `只有「村已确认」的申请可由街道确认，当前为「${STATUS_LABEL[a.status]}」`,
      'stage',
    );
  const patch =
    body.stage === 'village'
      ? {
          status: 'village_confirmed',
          village_confirmed_by_name: ctx.actor.displayName,
          village_confirmed_at: ctx.now,
        }
      : {
          status: 'street_confirmed',
          street_confirmed_by_name: ctx.actor.displayName,
          street_confirmed_at: ctx.now,
        };
  await ctx.repos.courtyards.updateApplication(a.id, patch);
  await recordAudit(ctx, {
    action: `courtyard.confirm.${body.stage}`,
    entity: 'courtyard_application',
    entityId: a.id,
    before: { status: a.status },
    after: { campaign: c.row.code, household: h.code, status: patch.status },
  });
  return applicationOf(ctx, c, h.id);
}

/**
 * Rejects an application with a reason: the street admin before the street confirms, or the village before the
 * village confirms. Evaluated applications cannot be rejected (409).
 */
export async function rejectCourtyard(
  ctx: ServiceContext,
  code: string,
  householdCode: string,
  body: RejectCourtyardBody,
): Promise<ApplicationListRow> {
  const h = await readableHousehold(ctx, householdCode);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const asStreet = can(actor, { do: 'courtyard.confirm', unit: h, stage: 'street' });
  if (!asStreet) authorize(actor, { do: 'courtyard.confirm', unit: h, stage: 'village' });
  await ctx.repos.audit.lock();
  const c = await findCampaign(ctx, code);
  openOnly(c);
  const a = await applicationOf(ctx, c, h.id);
  const allowed = asStreet ? ['applied', 'village_confirmed'] : ['applied'];
  if (!allowed.includes(a.status)) throw conflict(`「${STATUS_LABEL[a.status]}」的申请不能退回`, 'status');
  const patch = {
    status: 'rejected',
    reject_reason: body.reason,
    rejected_by_name: actor.displayName,
    rejected_at: ctx.now,
  };
  await ctx.repos.courtyards.updateApplication(a.id, patch);
  await recordAudit(ctx, {
    action: 'courtyard.reject',
    entity: 'courtyard_application',
    entityId: a.id,
    before: { status: a.status },
    after: { campaign: c.row.code, household: h.code, status: 'rejected', reason: body.reason },
  });
  return applicationOf(ctx, c, h.id);
}
