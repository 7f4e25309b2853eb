import type { RejectTargetsBody, SetTargetsBody } from '../contracts/campaigns';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize, can, scopeCovers, unitScopeOf } from '../policies/policy';
import type { CampaignRow, CampaignUnitRow } from '../repositories/campaign.repository';
import type { TargetRow } from '../repositories/target.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { effectiveTargets, findCampaign, findOpenCampaign, requiredStarOf } from './campaignLoader';
import type { ServiceContext } from './context';

/** One assessed unit's target stars by status. */
export interface UnitTargets {
  unit: CampaignUnitRow;
  parent: UnitRow | null;
  effective: string[];
  approved: string[];
  declared: string[];
  rejected: string[];
  status: 'none' | 'declared' | 'approved' | 'rejected';
  note: string | null;
}

/** The targets of every assessed unit the actor may see, with the star every unit includes. */
export interface TargetsList {
  requiredStar: string | null;
  units: UnitTargets[];
}

function summarise(
  unit: CampaignUnitRow,
  parent: UnitRow | null,
  rows: TargetRow[],
  requiredStar: string | null,
  starOrder: string[],
): UnitTargets {
  const of = (status: string) =>
    starOrder.filter((s) => rows.some((r) => r.status === status && r.star === s));
  const approved = of('approved');
  const declared = of('declared');
  const rejected = of('rejected');
  const latest = [...rows].sort((a, b) =>
    (a.decided_at ?? a.declared_at) < (b.decided_at ?? b.declared_at) ? 1 : -1,
  )[0];
  const status =
    declared.length > 0 ? 'declared' : latest ? (latest.status as UnitTargets['status']) : 'none';
  return {
    unit,
    parent,
    effective: effectiveTargets(approved, requiredStar, starOrder),
    approved,
    declared,
    rejected,
    status,
    note: declared.length > 0 ? null : (latest?.note ?? null),
  };
}

/** Lists target stars of the assessed units inside the actor's part of the tree. */
export async function listTargets(ctx: ServiceContext, code: string): Promise<TargetsList> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const stars = (await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code);
  const requiredStar = requiredStarOf(campaign.prerequisite, stars);
  const scope = unitScopeOf(ctx.actor);
  const units = (await ctx.repos.campaigns.units(campaign.id)).filter((u) => scopeCovers(scope, u.path));
  const rows = await ctx.repos.targets.list(campaign.id);
  const byUnit = new Map<string, TargetRow[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const parentIds = [...new Set(units.flatMap((u) => (u.parent_id ? [u.parent_id] : [])))];
  const parents = new Map((await ctx.repos.units.findByIds(parentIds)).map((p) => [p.id, p]));
  return {
    requiredStar,
    units: units.map((u) =>
      summarise(
        u,
        (u.parent_id && parents.get(u.parent_id)) || null,
        byUnit.get(u.unit_id) ?? [],
        requiredStar,
        stars,
      ),
    ),
  };
}

async function findAssessedUnit(
  ctx: ServiceContext,
  campaign: CampaignRow,
  unitCode: string,
): Promise<{ unit: UnitRow; assessed: CampaignUnitRow | undefined }> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw notFound('单位不存在');
  return { unit, assessed: await ctx.repos.campaigns.findUnit(campaign.id, unit.id) };
}

async function unitTargets(
  ctx: ServiceContext,
  campaign: CampaignRow,
  assessed: CampaignUnitRow,
): Promise<UnitTargets> {
  const stars = (await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code);
  const parent = assessed.parent_id ? ((await ctx.repos.units.findById(assessed.parent_id)) ?? null) : null;
  return summarise(
    assessed,
    parent,
    await ctx.repos.targets.forUnit(campaign.id, assessed.unit_id),
    requiredStarOf(campaign.prerequisite, stars),
    stars,
  );
}

/** One unit's targets (for the unit's own page). */
export async function getUnitTargets(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
): Promise<UnitTargets> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const { unit, assessed } = await findAssessedUnit(ctx, campaign, unitCode);
  authorize(ctx.actor, { do: 'campaign.unitRead', unit });
  if (!assessed) throw notFound('该单位不在本方案的考评范围内');
  return unitTargets(ctx, campaign, assessed);
}

/**
 * Sets a unit's target stars. A village user declares its own (they wait for its street admin); a district
 * admin sets them directly, approved. The required star (ZB) is always included.
 */
export async function setTargets(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: SetTargetsBody,
): Promise<UnitTargets> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const { unit, assessed } = await findAssessedUnit(ctx, campaign, unitCode);
  const direct = can(ctx.actor, { do: 'campaign.manage' });
  if (!direct) authorize(ctx.actor, { do: 'target.declare', unit });
  if (!assessed) throw notFound('该单位不在本方案的考评范围内');
  const starOrder = (await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code);
  const unknown = body.stars.filter((s) => !starOrder.includes(s));
  if (unknown.length > 0) throw invalid(`星编码 ${unknown.join('、')} 不是本方案的星`, 'stars');
  const stars = effectiveTargets(body.stars, requiredStarOf(campaign.prerequisite, starOrder), starOrder);
  if (direct) await requireReasonWhenLocked(ctx, campaign.id, body.reason ?? null);
  const before = await unitTargets(ctx, campaign, assessed);
  const actor: Actor = ctx.actor;
  await ctx.repos.targets.deleteForUnit(
    campaign.id,
    unit.id,
    direct ? ['declared', 'rejected', 'approved'] : ['declared', 'rejected'],
  );
  await ctx.repos.targets.insertMany(
    stars.map((star) => ({
      id: newId(),
      campaign_id: campaign.id,
      unit_id: unit.id,
      star,
      status: direct ? 'approved' : 'declared',
      declared_by: actor.userId,
      declared_at: ctx.now,
      decided_by: direct ? actor.userId : null,
      decided_at: direct ? ctx.now : null,
      note: null,
    })),
  );
  await recordAudit(ctx, {
    action: direct ? 'target.set' : 'target.declare',
    entity: 'target',
    entityId: `${campaign.code}/${unit.code}`,
    before: { approved: before.approved, declared: before.declared },
    after: direct
      ? { approved: stars, reason: body.reason ?? null }
      : { approved: before.approved, declared: stars },
  });
  return unitTargets(ctx, campaign, assessed);
}

async function decide(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  outcome: 'approved' | 'rejected',
  note: string | null,
): Promise<UnitTargets> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const { unit, assessed } = await findAssessedUnit(ctx, campaign, unitCode);
  authorize(ctx.actor, { do: 'target.decide', unit });
  if (!assessed) throw notFound('该单位不在本方案的考评范围内');
  const before = await unitTargets(ctx, campaign, assessed);
  if (before.declared.length === 0) throw conflict('该单位没有待审核的创建目标', 'stars');
  if (outcome === 'approved') await requireReasonWhenLocked(ctx, campaign.id, note);
  const actor: Actor = ctx.actor;
  if (outcome === 'approved')
    await ctx.repos.targets.deleteForUnit(campaign.id, unit.id, ['approved', 'rejected']);
  else await ctx.repos.targets.deleteForUnit(campaign.id, unit.id, ['rejected']);
  await ctx.repos.targets.decide(campaign.id, unit.id, 'declared', outcome, {
    by: actor.userId,
    at: ctx.now,
    note,
  });
  await recordAudit(ctx, {
    action: outcome === 'approved' ? 'target.approve' : 'target.reject',
    entity: 'target',
    entityId: `${campaign.code}/${unit.code}`,
    before: { approved: before.approved, declared: before.declared },
    after:
      outcome === 'approved'
        ? { approved: before.declared, reason: note }
        : { approved: before.approved, rejected: before.declared, reason: note },
  });
  return unitTargets(ctx, campaign, assessed);
}

/**
 * Approved targets decide which stars a unit's score averages over, for every month of the year. Once a
 * month is locked, changing them changes locked results, so it is a correction: it needs a reason (audited).
 */
async function requireReasonWhenLocked(ctx: ServiceContext, campaignId: string, reason: string | null) {
  if (reason) return;
  if ((await ctx.repos.campaigns.locks(campaignId)).length > 0)
    throw invalid('已有月份锁定：变更创建目标会改变已锁定月份的得分，须作为更正填写原因', 'reason');
}

/** The street admin (or district admin) approves a unit's declared targets; they replace the approved ones. */
export async function approveTargets(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  reason: string | null = null,
): Promise<UnitTargets> {
  return decide(ctx, code, unitCode, 'approved', reason);
}

/** The street admin (or district admin) rejects a unit's declared targets with a reason; approved ones stay. */
export async function rejectTargets(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: RejectTargetsBody,
): Promise<UnitTargets> {
  return decide(ctx, code, unitCode, 'rejected', body.reason);
}
