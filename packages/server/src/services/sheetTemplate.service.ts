import type { SheetLineInput, SheetTemplateBody } from '../contracts/supervision';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { SheetLineRow, SheetTemplateListRow } from '../repositories/sheetTemplate.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';

/** A template with its lines in sheet order. */
export interface TemplateWithLines {
  template: SheetTemplateListRow;
  lines: SheetLineRow[];
}

/** The default five-star sheet's code and name (督导观摩评分表). */
export const DEFAULT_TEMPLATE_CODE = 'DD-SHEET';
export const DEFAULT_TEMPLATE_NAME = '督导观摩评分表';

/** Four lines of 25 points per star of the five-star model: what inspectors look at on site, and how to score. */
const DEFAULT_LINES: Record<string, [string, string][]> = {
  ZB: [
    ['班子建设', '村“两委”班子团结有力，分工明确；书记履职到位。班子不健全扣10分，分工不清扣5分。'],
    ['组织生活', '“三会一课”、主题党日按时规范开展，记录完整。缺一次扣5分，记录不全扣3分。'],
    ['党员管理', '党员教育管理台账齐全，发展党员程序规范，流动党员管理到位。每发现一处问题扣5分。'],
    ['阵地建设', '党群服务中心功能完善、制度上墙、正常开放。未正常开放扣10分，功能不全酌情扣分。'],
  ],
  CY: [
    ['集体经济', '村集体经济收入稳定增长，收支公开透明。收入未达年度目标扣10分，未公开扣5分。'],
    ['特色产业', '有主导或特色产业，规模和效益逐步提升。无主导产业扣10分，带动作用弱酌情扣分。'],
    ['项目建设', '产业项目按计划推进，资金使用规范。项目滞后扣5分，资金使用不规范扣10分。'],
    ['增收带富', '合作社、龙头企业带动群众就业增收，有具体举措和成效。无举措扣10分，成效不明显扣5分。'],
  ],
  ST: [
    ['人居环境', '垃圾日产日清，无乱堆乱放、乱搭乱建。每发现一处问题扣3分。'],
    ['基础设施', '道路、供水、照明等设施完好，有专人管护。设施损坏未修复每处扣3分。'],
    ['生态保护', '河道沟渠清洁，无违规排污、焚烧秸秆。发现一处扣5分。'],
    ['村容村貌', '房前屋后整洁有序，绿化美化到位，厕所改造达标。酌情扣分。'],
  ],
  PA: [
    ['矛盾化解', '矛盾纠纷排查调处及时，台账完整，无越级上访。发生越级上访扣10分，台账不全扣5分。'],
    ['治安防控', '网格化管理落实，视频监控、巡逻防控到位。未落实扣10分，覆盖不全扣5分。'],
    ['法治宣传', '法治宣传阵地和活动常态开展，群众知晓率高。无阵地扣5分，活动少酌情扣分。'],
    ['安全生产', '消防、交通、燃气等安全隐患排查整改到位。发现隐患未整改每处扣5分。'],
  ],
  WM: [
    ['文明实践', '新时代文明实践站正常运行，活动有计划有记录。未运行扣10分，记录不全扣5分。'],
    ['移风易俗', '红白理事会作用发挥好，村规民约完善，无大操大办。发现一起扣5分。'],
    ['公共服务', '养老、助残、便民服务落实，群众办事方便。服务不到位酌情扣分。'],
    ['志愿服务', '志愿服务队伍健全，活动经常开展，群众参与度高。无队伍扣10分，活动少扣5分。'],
  ],
};
const GENERIC_LINES: [string, string][] = [
  ['工作机制', '工作制度健全，责任落实到人。制度缺失扣10分，责任不明扣5分。'],
  ['任务落实', '年度任务按计划推进，成效明显。滞后一项扣5分。'],
  ['台账资料', '台账资料齐全规范，及时更新。缺失或不规范每处扣3分。'],
  ['群众评价', '随机走访群众，满意度高。群众反映问题较多酌情扣分。'],
];

function toLines(rows: SheetLineRow[], templateId: string): SheetLineRow[] {
  return rows.filter((l) => l.template_id === templateId).sort((a, b) => a.sort - b.sort);
}

/** The stars that have items of a module in a month: a scored round's template must have lines for each. */
export async function starsNeeded(
  ctx: ServiceContext,
  campaignId: string,
  module: string,
  months: string[],
): Promise<string[]> {
  const items = await ctx.repos.campaigns.items(campaignId);
  const stars = new Set(
    items.filter((i) => i.module === module && months.includes(i.month)).map((i) => i.star),
  );
  return [...stars];
}

/** Names the stars a template has no lines for, of those `needed`. */
export function uncovered(lines: { star: string }[], needed: string[]): string[] {
  const have = new Set(lines.map((l) => l.star));
  return needed.filter((s) => !have.has(s));
}

async function checkBody(ctx: ServiceContext, campaign: CampaignRow, body: SheetTemplateBody): Promise<void> {
  const modules = await ctx.repos.campaigns.modules(campaign.id);
  if (!modules.some((m) => m.code === body.module && m.kind !== 'bonus'))
    throw invalid(`板块 ${body.module} 不是本方案的计划板块`, 'module');
  const stars = new Set((await ctx.repos.campaigns.stars(campaign.id)).map((s) => s.code));
  const codes = new Set<string>();
  body.lines.forEach((l: SheetLineInput, i) => {
    if (!stars.has(l.star)) throw invalid(`第${i + 1}项的星编码 ${l.star} 不是本方案的星`, `lines.${i}.star`);
    if (codes.has(l.code)) throw invalid(`第${i + 1}项的编码 ${l.code} 重复`, `lines.${i}.code`);
    codes.add(l.code);
  });
}

function lineRows(templateId: string, lines: SheetLineInput[], keep: SheetLineRow[] = []): SheetLineRow[] {
  const idByCode = new Map(keep.map((l) => [l.code, l.id]));
  return lines.map((l, i) => ({
    id: idByCode.get(l.code) ?? newId(),
    template_id: templateId,
    star: l.star,
    code: l.code,
    name: l.name,
    max: l.max,
    guidance: l.guidance ?? null,
    sort: i,
  }));
}

async function loadTemplate(ctx: ServiceContext, template: SheetTemplateListRow): Promise<TemplateWithLines> {
  return { template, lines: toLines(await ctx.repos.sheetTemplates.lines([template.id]), template.id) };
}

async function findTemplate(
  ctx: ServiceContext,
  campaign: CampaignRow,
  templateCode: string,
): Promise<SheetTemplateListRow> {
  const template = await ctx.repos.sheetTemplates.findByCode(campaign.id, templateCode);
  if (!template) throw notFound('评分表不存在');
  return template;
}

/** The templates of a campaign (participants read them). */
export async function listTemplates(ctx: ServiceContext, code: string): Promise<TemplateWithLines[]> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const templates = await ctx.repos.sheetTemplates.list(campaign.id);
  const lines = await ctx.repos.sheetTemplates.lines(templates.map((t) => t.id));
  return templates.map((template) => ({ template, lines: toLines(lines, template.id) }));
}

/** One template with its lines. */
export async function getTemplate(
  ctx: ServiceContext,
  code: string,
  templateCode: string,
): Promise<TemplateWithLines> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  return loadTemplate(ctx, await findTemplate(ctx, campaign, templateCode));
}

/** Creates a template of a campaign (district admin). Its stars and module must be the campaign's. */
export async function createTemplate(
  ctx: ServiceContext,
  code: string,
  body: SheetTemplateBody,
): Promise<TemplateWithLines> {
  authorize(ctx.actor, { do: 'supervision.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  await checkBody(ctx, campaign, body);
  if (await ctx.repos.sheetTemplates.findByCode(campaign.id, body.code))
    throw conflict(`评分表编码 ${body.code} 已存在`, 'code');
  const id = newId();
  await ctx.repos.sheetTemplates.insert({
    id,
    campaign_id: campaign.id,
    code: body.code,
    name: body.name,
    module: body.module,
    rule: body.rule,
    demo: 0,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.repos.sheetTemplates.insertLines(lineRows(id, body.lines));
  await recordAudit(ctx, {
    action: 'sheetTemplate.create',
    entity: 'sheetTemplate',
    entityId: id,
    before: null,
    after: { campaign: campaign.code, ...body },
  });
  const created = await ctx.repos.sheetTemplates.findById(id);
  if (!created) throw notFound('评分表不存在');
  return loadTemplate(ctx, created);
}

/**
 * Replaces a template's name, rule and lines (district admin) while no sheet has been submitted on it (409
 * after). Lines keep their ids by code. A template scored rounds use must keep lines for their stars.
 */
export async function updateTemplate(
  ctx: ServiceContext,
  code: string,
  templateCode: string,
  body: SheetTemplateBody,
): Promise<TemplateWithLines> {
  authorize(ctx.actor, { do: 'supervision.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const template = await findTemplate(ctx, campaign, templateCode);
  if (body.code !== template.code) throw invalid('评分表编码不能修改', 'code');
  if (template.frozen) throw conflict('该评分表已有提交的评分，不能再修改；请新建评分表', 'lines');
  await checkBody(ctx, campaign, body);
  const months = await ctx.repos.sheetTemplates.scoredMonths(template.id);
  if (months.length > 0) {
    if (body.module !== template.module) throw conflict('该评分表已用于计分轮次，不能修改板块', 'module');
    const missing = uncovered(body.lines, await starsNeeded(ctx, campaign.id, body.module, months));
    if (missing.length > 0)
      throw invalid(`该评分表已用于计分轮次，须保留这些星的评分项：${missing.join('、')}`, 'lines');
  }
  const before = await loadTemplate(ctx, template);
  await ctx.repos.sheetTemplates.update(template.id, {
    name: body.name,
    module: body.module,
    rule: body.rule,
    updated_at: ctx.now,
  });
  await ctx.repos.sheetTemplates.replaceLines(template.id, lineRows(template.id, body.lines, before.lines));
  await recordAudit(ctx, {
    action: 'sheetTemplate.update',
    entity: 'sheetTemplate',
    entityId: template.id,
    before: {
      name: template.name,
      module: template.module,
      rule: template.rule,
      lines: before.lines.map((l) => ({ star: l.star, code: l.code, name: l.name, max: Number(l.max) })),
    },
    after: { campaign: campaign.code, ...body },
  });
  const updated = await ctx.repos.sheetTemplates.findById(template.id);
  if (!updated) throw notFound('评分表不存在');
  return loadTemplate(ctx, updated);
}

/**
 * Creates the default five-star sheet DD-SHEET 督导观摩评分表 of a campaign (district admin): four lines of 25
 * points per star, module DD (else the first plan module), rule trimmed.
 */
export async function createDefaultTemplate(ctx: ServiceContext, code: string): Promise<TemplateWithLines> {
  authorize(ctx.actor, { do: 'supervision.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const stars = await ctx.repos.campaigns.stars(campaign.id);
  const plan = (await ctx.repos.campaigns.modules(campaign.id)).filter((m) => m.kind !== 'bonus');
  const module = plan.find((m) => m.code === 'DD') ?? plan[0];
  if (!module) throw invalid('本方案没有计划板块，无法生成默认评分表', 'module');
  if (stars.length === 0) throw invalid('本方案还没有星，无法生成默认评分表', 'lines');
  const lines: SheetLineInput[] = stars.flatMap((s) =>
    (DEFAULT_LINES[s.code] ?? GENERIC_LINES).map(([name, guidance], i) => ({
      star: s.code,
      code: `${s.code}-${String(i + 1).padStart(2, '0')}`,
      name: DEFAULT_LINES[s.code] ? name : `${s.name}·${name}`,
      max: 25,
      guidance,
    })),
  );
  return createTemplate(ctx, code, {
    code: DEFAULT_TEMPLATE_CODE,
    name: DEFAULT_TEMPLATE_NAME,
    module: module.code,
    rule: 'trimmed',
    lines,
  });
}
