import type { SheetLineInput, SheetTemplateBody } from '../contracts/supervision';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import { own } from '../lib/own';
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

/** The default annual acceptance sheet's code and name (年度验收评分表), on the ND 年度考核 module. */
export const ACCEPTANCE_TEMPLATE_CODE = 'ND-SHEET';
export const ACCEPTANCE_TEMPLATE_NAME = '年度验收评分表';
/** The module an annual acceptance round fills (年度考核). */
export const ACCEPTANCE_MODULE = 'ND';

/**
 * Four lines of 25 points per star for the year-end acceptance (年度验收): the acceptance team checks each
 * village's declared star tasks against its creation file (创建档案: targets, measures, evidence), then on
 * site and in talks with members and villagers (查阅资料、座谈走访、实地查看) what the year actually achieved.
 */
const ACCEPTANCE_LINES: Record<string, [string, string][]> = {
  ZB: [
    [
      '创建目标完成',
      '查阅创建档案，对照年初申报的“支部过硬星”创建目标、创建措施和责任清单逐项核验。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。',
    ],
    [
      '班子队伍',
      '村“两委”班子全年团结有力、无违纪违法，书记抓党建述职评议为“好”等次，后备力量有培养。班子成员受处分扣10分，评议“一般”扣5分。',
    ],
    [
      '组织生活与党员管理',
      '查阅全年“三会一课”、主题党日、组织生活会和民主评议党员记录，发展党员程序规范，流动党员管理到位。缺一次扣2分，程序不规范扣5分。',
    ],
    [
      '党员群众认可',
      '座谈走访党员群众不少于10人，了解支部战斗堡垒作用发挥和“三务”公开情况。满意率低于90%扣5分，低于80%扣15分。',
    ],
  ],
  CY: [
    [
      '创建目标完成',
      '查阅创建档案，对照“产业兴旺星”年度目标核验集体经济、产业项目和增收任务。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。',
    ],
    [
      '集体经济收入',
      '查阅村集体账目：年收入达到创建目标，收支按季公开。未达目标按差额比例扣分，最多扣15分；收支未公开扣5分。',
    ],
    [
      '产业项目成效',
      '实地查看主导或特色产业项目：按计划建成、运营正常、见到效益。项目未建成扣10分，建成未见效扣5分。',
    ],
    [
      '带动群众增收',
      '合作社、龙头企业带动群众就业增收，有利益联结机制；座谈走访群众核实。无带动举措扣10分，成效不明显扣5分。',
    ],
  ],
  ST: [
    [
      '创建目标完成',
      '查阅创建档案，对照“生态宜居星”年度目标核验人居环境整治、基础设施和绿化任务。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。',
    ],
    [
      '人居环境整治',
      '实地查看主次干道、坑塘沟渠、房前屋后：垃圾日产日清，无乱堆乱放、乱搭乱建、违规焚烧。每发现一处问题扣2分。',
    ],
    [
      '设施与长效管护',
      '道路、路灯、供排水、公厕完好，保洁队伍和管护制度落实、经费有保障。设施损坏未修复每处扣3分，无长效管护机制扣10分。',
    ],
    [
      '庭院与村庄绿化',
      '“五美庭院”创建户占比达到年度目标，村庄绿化美化到位、无裸露土地。未达目标扣5分，绿化缺失酌情扣分。',
    ],
  ],
  PA: [
    [
      '创建目标完成',
      '查阅创建档案，对照“平安法治星”年度目标核验平安建设和法治建设任务。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。',
    ],
    [
      '矛盾纠纷化解',
      '查阅全年矛盾纠纷排查调处台账，调处成功率不低于95%，无越级访、重复访。发生越级访每起扣5分，台账不全扣5分。',
    ],
    [
      '治安防控与安全',
      '网格化管理、视频监控和群防群治落实，全年无重大刑事案件和较大安全生产、消防事故。发生一起扣10分，防控不落实扣5分。',
    ],
    [
      '法治建设',
      '“法律明白人”和村法律顾问作用发挥，村务依法决策、公开，法治宣传常态开展。每有一项未落实扣5分。',
    ],
  ],
  WM: [
    [
      '创建目标完成',
      '查阅创建档案，对照“文明幸福星”年度目标核验文明实践、移风易俗和公共服务任务。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。',
    ],
    [
      '文明实践与志愿服务',
      '新时代文明实践站全年活动不少于12次，志愿服务队伍常态开展活动，记录完整。少一次扣1分，无志愿服务队伍扣10分。',
    ],
    ['移风易俗', '村规民约修订完善并落实，红白理事会发挥作用，全年无大操大办、封建迷信活动。发现一起扣5分。'],
    [
      '群众幸福感',
      '养老、助残、文体、便民服务落实；座谈走访群众了解获得感、幸福感。满意率低于90%扣5分，低于80%扣15分。',
    ],
  ],
};
const GENERIC_ACCEPTANCE_LINES: [string, string][] = [
  ['创建目标完成', '查阅创建档案，对照年度目标逐项核验。每有一项目标未完成扣5分，佐证材料缺失每项扣2分。'],
  ['重点任务成效', '实地查看年度重点任务的完成质量和成效。未完成每项扣5分，成效不明显酌情扣分。'],
  ['工作机制', '责任落实到人，制度健全并执行。责任不明扣5分，制度缺失扣10分。'],
  ['群众评价', '座谈走访群众不少于10人。满意率低于90%扣5分，低于80%扣15分。'],
];

/** The default templates, by module: what the one-click button creates. */
const DEFAULTS: Record<
  string,
  { code: string; name: string; lines: Record<string, [string, string][]>; generic: [string, string][] }
> = {
  DD: {
    code: DEFAULT_TEMPLATE_CODE,
    name: DEFAULT_TEMPLATE_NAME,
    lines: DEFAULT_LINES,
    generic: GENERIC_LINES,
  },
  [ACCEPTANCE_MODULE]: {
    code: ACCEPTANCE_TEMPLATE_CODE,
    name: ACCEPTANCE_TEMPLATE_NAME,
    lines: ACCEPTANCE_LINES,
    generic: GENERIC_ACCEPTANCE_LINES,
  },
};

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
 * Creates a default five-star sheet of a campaign (district admin): four lines of 25 points per star, rule
 * trimmed. For `DD` (the default) DD-SHEET 督导观摩评分表, on module DD (else the first plan module); for `ND`
 * ND-SHEET 年度验收评分表 for annual acceptance rounds, on the campaign's ND module (400 `module` without one).
 */
export async function createDefaultTemplate(
  ctx: ServiceContext,
  code: string,
  which = 'DD',
): Promise<TemplateWithLines> {
  authorize(ctx.actor, { do: 'supervision.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const defaults = own(DEFAULTS, which);
  if (!defaults) throw invalid(`没有 ${which} 板块的默认评分表（可选 DD 督导观摩、ND 年度验收）`, 'module');
  const stars = await ctx.repos.campaigns.stars(campaign.id);
  const plan = (await ctx.repos.campaigns.modules(campaign.id)).filter((m) => m.kind !== 'bonus');
  const module =
    which === ACCEPTANCE_MODULE
      ? plan.find((m) => m.code === ACCEPTANCE_MODULE)
      : (plan.find((m) => m.code === which) ?? plan[0]);
  if (!module)
    throw invalid(
      which === ACCEPTANCE_MODULE
        ? '本方案没有年度考核（ND）板块，无法生成年度验收评分表'
        : '本方案没有计划板块，无法生成默认评分表',
      'module',
    );
  if (stars.length === 0) throw invalid('本方案还没有星，无法生成默认评分表', 'lines');
  const lines: SheetLineInput[] = stars.flatMap((s) =>
    (own(defaults.lines, s.code) ?? defaults.generic).map(([name, guidance], i) => ({
      star: s.code,
      code: `${s.code}-${String(i + 1).padStart(2, '0')}`,
      name: own(defaults.lines, s.code) ? name : `${s.name}·${name}`,
      max: 25,
      guidance,
    })),
  );
  return createTemplate(ctx, code, {
    code: defaults.code,
    name: defaults.name,
    module: module.code,
    rule: 'trimmed',
    lines,
  });
}
