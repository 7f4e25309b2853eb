import { type CampaignModel, defaultFiveStarModel, validateModel } from '@wuxing/core';
import type {
  CreateCampaignBody,
  CreateItemBody,
  LockMonthBody,
  ReplaceModulesBody,
  ReplaceStarsBody,
  UpdateCampaignBody,
  UpdateItemBody,
} from '../contracts/campaigns';
import { type AppError, conflict, type ImportIssue, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import type {
  CampaignItemRow,
  CampaignListRow,
  CampaignModuleRow,
  CampaignRow,
  CampaignStarRow,
  PeriodLockRow,
} from '../repositories/campaign.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign, loadModel, toModel } from './campaignLoader';
import type { ServiceContext } from './context';

/** Unit types a campaign assesses by default: villages and communities (SCORING.md). */
export const DEFAULT_ASSESSED_TYPES: readonly string[] = ['village', 'community'];

/** A campaign with its whole model and its locked months. */
export interface CampaignDetail {
  campaign: CampaignListRow;
  stars: CampaignStarRow[];
  modules: CampaignModuleRow[];
  items: CampaignItemRow[];
  locks: PeriodLockRow[];
}

/** Lists every campaign; any role that takes part in assessments may see them. */
export async function listCampaigns(ctx: ServiceContext): Promise<CampaignListRow[]> {
  authorize(ctx.actor, { do: 'campaign.read' });
  return ctx.repos.campaigns.list();
}

/** One campaign with its stars, modules, items and locked months. */
export async function getCampaign(ctx: ServiceContext, code: string): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.read' });
  return campaignDetail(ctx, code);
}

async function campaignDetail(ctx: ServiceContext, code: string): Promise<CampaignDetail> {
  const campaign = await ctx.repos.campaigns.findListRowByCode(code);
  if (!campaign) throw notFound('考评方案不存在');
  return {
    campaign,
    stars: await ctx.repos.campaigns.stars(campaign.id),
    modules: await ctx.repos.campaigns.modules(campaign.id),
    items: await ctx.repos.campaigns.items(campaign.id),
    locks: await ctx.repos.campaigns.locks(campaign.id),
  };
}

/** Turns core's validation messages into a 400 naming `field`, with every message as a detail. */
export function modelInvalid(errors: string[], field: string): AppError {
  const details: ImportIssue[] = errors.map((message) => ({ message }));
  return invalid(errors.join('；'), field, details);
}

/** The field a model validation message is about, so the form can point at it. */
function fieldOf(message: string, fallback: string): string {
  if (message.includes('分值')) return 'budget';
  if (message.includes('前置星')) return 'prerequisite';
  if (message.includes('评星线')) return 'starLine';
  if (message.includes('满分')) return 'max';
  if (message.includes('月份')) return 'month';
  return fallback;
}

function checkModel(model: CampaignModel, fallback: string): void {
  const errors = validateModel(model);
  if (errors.length > 0) throw modelInvalid(errors, fieldOf(errors[0] ?? '', fallback));
}

/** Refuses a change to what scores are computed from once a month is locked: it would rewrite locked months. */
async function assertNoLocks(ctx: ServiceContext, campaign: CampaignRow, what: string, field: string) {
  const locks = await ctx.repos.campaigns.locks(campaign.id);
  if (locks.length > 0)
    throw conflict(
      `已有锁定月份（${locks.map((l) => l.month).join('、')}），不能再${what}：这会改变已锁定月份的得分`,
      field,
    );
}

/** Writes a new campaign's model and assessed units; shared by the template and the workbook import. */
export async function insertCampaign(
  ctx: ServiceContext,
  props: {
    code: string;
    name: string;
    model: CampaignModel;
    assessed: { unitId: string; weight: number }[];
    demo?: boolean;
    guidance?: Map<string, string>;
  },
): Promise<CampaignRow> {
  const { model } = props;
  const row: CampaignRow = {
    id: newId(),
    code: props.code,
    name: props.name,
    year: model.year,
    star_line: model.starLine,
    prerequisite: model.prerequisite,
    trim: model.trim ? 1 : 0,
    problem_deduction: model.problemDeduction,
    deduction_module: model.deductionModule ?? null,
    status: 'active',
    demo: props.demo ? 1 : 0,
    created_by: ctx.actor?.userId ?? null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await ctx.repos.campaigns.insert(row);
  await ctx.repos.campaigns.replaceStars(
    row.id,
    model.stars.map((s, i) => ({ campaign_id: row.id, code: s.code, name: s.name, sort: i })),
  );
  await ctx.repos.campaigns.replaceModules(
    row.id,
    model.modules.map((m, i) => ({
      campaign_id: row.id,
      code: m.code,
      name: m.name,
      budget: m.budget,
      kind: m.kind,
      sort: i,
    })),
  );
  await ctx.repos.campaigns.insertItems(
    model.items.map((it, i) => ({
      id: newId(),
      campaign_id: row.id,
      code: it.code,
      name: it.name,
      star: it.star,
      module: it.module,
      month: it.month,
      max: it.max,
      guidance: props.guidance?.get(it.code) ?? null,
      sort: i,
    })),
  );
  await ctx.repos.campaigns.insertUnits(
    props.assessed.map((a, i) => ({ campaign_id: row.id, unit_id: a.unitId, weight: a.weight, sort: i })),
  );
  await recordAudit(ctx, {
    action: 'campaign.create',
    entity: 'campaign',
    entityId: row.id,
    before: null,
    after: {
      code: row.code,
      name: row.name,
      year: row.year,
      stars: model.stars.map((s) => s.code),
      modules: model.modules.map((m) => `${m.code}:${m.budget}`),
      items: model.items.length,
      units: props.assessed.length,
    },
  });
  return row;
}

/** Creates a campaign for a year from the default five-star template, assessing every village and community. */
export async function createCampaign(ctx: ServiceContext, body: CreateCampaignBody): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  if (await ctx.repos.campaigns.findByCode(body.code)) throw conflict(`方案编码 ${body.code} 已存在`, 'code');
  const model = defaultFiveStarModel(body.year);
  checkModel(model, 'year');
  const units = (await ctx.repos.units.all()).filter((u) => DEFAULT_ASSESSED_TYPES.includes(u.type));
  await insertCampaign(ctx, {
    code: body.code,
    name: body.name,
    model,
    assessed: units.map((u) => ({ unitId: u.id, weight: Number(u.weight) })),
  });
  return campaignDetail(ctx, body.code);
}

/** Changes a campaign's name, star line, prerequisite star, trimming, problem deduction or status. */
export async function updateCampaign(
  ctx: ServiceContext,
  code: string,
  body: UpdateCampaignBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const patch: Partial<CampaignRow> = {};
  if (body.name !== undefined && body.name !== campaign.name) patch.name = body.name;
  if (body.starLine !== undefined && body.starLine !== Number(campaign.star_line))
    patch.star_line = body.starLine;
  if (body.prerequisite !== undefined && body.prerequisite !== campaign.prerequisite)
    patch.prerequisite = body.prerequisite;
  if (body.trim !== undefined && (body.trim ? 1 : 0) !== Number(campaign.trim))
    patch.trim = body.trim ? 1 : 0;
  if (body.problemDeduction !== undefined && body.problemDeduction !== Number(campaign.problem_deduction))
    patch.problem_deduction = body.problemDeduction;
  if (body.status !== undefined && body.status !== campaign.status) patch.status = body.status;
  if (Object.keys(patch).length === 0) return campaignDetail(ctx, code);
  if (patch.trim !== undefined) await assertNoLocks(ctx, campaign, '修改去极值设置', 'trim');
  if (patch.problem_deduction !== undefined)
    await assertNoLocks(ctx, campaign, '修改问题扣分', 'problemDeduction');
  if (patch.prerequisite !== undefined)
    await assertNoLocks(ctx, campaign, '修改前置星（它总是计入创建目标）', 'prerequisite');
  const loaded = await loadModel(ctx.repos, campaign);
  checkModel(toModel({ ...campaign, ...patch }, loaded.stars, loaded.modules, loaded.items), 'name');
  await ctx.repos.campaigns.update(campaign.id, { ...patch, updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.update',
    entity: 'campaign',
    entityId: campaign.id,
    before: Object.fromEntries(Object.keys(patch).map((k) => [k, campaign[k as keyof CampaignRow]])),
    after: patch,
  });
  return campaignDetail(ctx, code);
}

/** Replaces the campaign's stars; refused when an item would lose its star or a month is locked. */
export async function replaceStars(
  ctx: ServiceContext,
  code: string,
  body: ReplaceStarsBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const loaded = await loadModel(ctx.repos, campaign);
  const before = loaded.stars.map((s) => ({ code: s.code, name: s.name }));
  const structural =
    before.map((s) => s.code).join(',') !== body.stars.map((s) => s.code).join(',') ||
    before.length !== body.stars.length;
  if (structural) await assertNoLocks(ctx, campaign, '增删星', 'stars');
  checkModel(toModel(campaign, body.stars, loaded.modules, loaded.items), 'stars');
  await ctx.repos.campaigns.replaceStars(
    campaign.id,
    body.stars.map((s, i) => ({ campaign_id: campaign.id, code: s.code, name: s.name, sort: i })),
  );
  await ctx.repos.campaigns.update(campaign.id, { updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.stars',
    entity: 'campaign',
    entityId: campaign.id,
    before,
    after: body.stars,
  });
  return campaignDetail(ctx, code);
}

/** Replaces the campaign's modules and budgets; budgets must add up to 100 (core's validateModel). */
export async function replaceModules(
  ctx: ServiceContext,
  code: string,
  body: ReplaceModulesBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const loaded = await loadModel(ctx.repos, campaign);
  const before = loaded.modules.map((m) => ({
    code: m.code,
    name: m.name,
    budget: Number(m.budget),
    kind: m.kind,
  }));
  const shape = (ms: { code: string; budget: number; kind: string }[]) =>
    ms.map((m) => `${m.code}:${m.budget}:${m.kind}`).join(',');
  if (shape(before) !== shape(body.modules)) await assertNoLocks(ctx, campaign, '修改板块或分值', 'budget');
  checkModel(toModel(campaign, loaded.stars, body.modules, loaded.items), 'modules');
  await ctx.repos.campaigns.replaceModules(
    campaign.id,
    body.modules.map((m, i) => ({ campaign_id: campaign.id, ...m, sort: i })),
  );
  await ctx.repos.campaigns.update(campaign.id, { updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.modules',
    entity: 'campaign',
    entityId: campaign.id,
    before,
    after: body.modules,
  });
  return campaignDetail(ctx, code);
}

/** Adds an item (指标) to a plan module of a star. */
export async function createItem(
  ctx: ServiceContext,
  code: string,
  body: CreateItemBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const loaded = await loadModel(ctx.repos, campaign);
  if (loaded.itemByCode.has(body.code)) throw conflict(`指标编码 ${body.code} 已存在`, 'code');
  await assertNoLocks(ctx, campaign, '增加指标', 'code');
  const item = { ...body, guidance: body.guidance ?? null };
  const errors = validateModel(toModel(campaign, loaded.stars, loaded.modules, [...loaded.items, item]));
  if (errors.length > 0) throw modelInvalid(errors, itemField(errors[0] ?? ''));
  await ctx.repos.campaigns.insertItems([
    { id: newId(), campaign_id: campaign.id, ...item, sort: loaded.items.length },
  ]);
  await ctx.repos.campaigns.update(campaign.id, { updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.item.create',
    entity: 'campaign',
    entityId: campaign.id,
    before: null,
    after: item,
  });
  return campaignDetail(ctx, code);
}

function itemField(message: string): string {
  if (message.includes('星编码')) return 'star';
  if (message.includes('板块')) return 'module';
  return fieldOf(message, 'code');
}

/** Renames an item, edits its guidance, or (before any month is locked) moves or rescales it. */
export async function updateItem(
  ctx: ServiceContext,
  code: string,
  itemCode: string,
  body: UpdateItemBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const item = await ctx.repos.campaigns.findItem(campaign.id, itemCode);
  if (!item) throw notFound('指标不存在');
  const patch: Partial<CampaignItemRow> = {};
  if (body.name !== undefined && body.name !== item.name) patch.name = body.name;
  if (body.guidance !== undefined && body.guidance !== item.guidance) patch.guidance = body.guidance;
  if (body.month !== undefined && body.month !== item.month) patch.month = body.month;
  if (body.max !== undefined && body.max !== Number(item.max)) patch.max = body.max;
  if (Object.keys(patch).length === 0) return campaignDetail(ctx, code);
  if (patch.month !== undefined) await assertNoLocks(ctx, campaign, '修改指标月份', 'month');
  if (patch.max !== undefined) {
    await assertNoLocks(ctx, campaign, '修改指标满分', 'max');
    const highest = await ctx.repos.scores.maxPoints(item.id);
    if (highest !== null && highest > patch.max)
      throw invalid(`已有得分 ${highest} 超过新的满分 ${patch.max}`, 'max');
  }
  const loaded = await loadModel(ctx.repos, campaign);
  const items = loaded.items.map((i) => (i.id === item.id ? { ...i, ...patch } : i));
  const errors = validateModel(toModel(campaign, loaded.stars, loaded.modules, items));
  if (errors.length > 0) throw modelInvalid(errors, itemField(errors[0] ?? ''));
  await ctx.repos.campaigns.updateItem(item.id, patch);
  await ctx.repos.campaigns.update(campaign.id, { updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.item.update',
    entity: 'campaign',
    entityId: campaign.id,
    before: {
      code: item.code,
      ...Object.fromEntries(Object.keys(patch).map((k) => [k, item[k as keyof CampaignItemRow]])),
    },
    after: { code: item.code, ...patch },
  });
  return campaignDetail(ctx, code);
}

/** Removes an item nobody has scored, before any month is locked. */
export async function deleteItem(
  ctx: ServiceContext,
  code: string,
  itemCode: string,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findCampaign(ctx.repos, code);
  const item = await ctx.repos.campaigns.findItem(campaign.id, itemCode);
  if (!item) throw notFound('指标不存在');
  await assertNoLocks(ctx, campaign, '删除指标', 'code');
  if (await ctx.repos.scores.itemHasEntries(item.id)) throw conflict('该指标已有得分记录，不能删除', 'code');
  await ctx.repos.campaigns.deleteItem(item.id);
  await ctx.repos.campaigns.update(campaign.id, { updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'campaign.item.delete',
    entity: 'campaign',
    entityId: campaign.id,
    before: {
      code: item.code,
      name: item.name,
      star: item.star,
      module: item.module,
      month: item.month,
      max: item.max,
    },
    after: null,
  });
  return campaignDetail(ctx, code);
}

/**
 * Locks a month of the campaign: from then on a score of that month changes only through a correction
 * with a reason. Locking an already locked month changes nothing.
 */
export async function lockMonth(
  ctx: ServiceContext,
  code: string,
  body: LockMonthBody,
): Promise<CampaignDetail> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  if (Number(body.month.slice(0, 4)) !== Number(campaign.year))
    throw invalid(`月份 ${body.month} 不在考评年度 ${campaign.year} 内`, 'month');
  const locks = await ctx.repos.campaigns.locks(campaign.id);
  if (!locks.some((l) => l.month === body.month)) {
    await ctx.repos.campaigns.insertLock({
      campaign_id: campaign.id,
      month: body.month,
      locked_by: ctx.actor.userId,
      locked_by_name: ctx.actor.displayName,
      locked_at: ctx.now,
    });
    await recordAudit(ctx, {
      action: 'campaign.lock',
      entity: 'campaign',
      entityId: campaign.id,
      before: null,
      after: { month: body.month },
    });
  }
  return campaignDetail(ctx, code);
}
