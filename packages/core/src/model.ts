import { isMonth, type Month, monthKey } from './periods';

export interface StarDef {
  code: string;
  name: string;
}

export interface ModuleDef {
  code: string;
  name: string;
  /** B(m): the points the module is worth on each star's 100-point card. */
  budget: number;
  /** `plan` modules are scored through items; `bonus` modules (夺旗争先) collect awarded points up to the budget. */
  kind: 'plan' | 'bonus';
}

export interface ItemDef {
  code: string;
  name: string;
  star: string;
  /** A plan module's code. */
  module: string;
  /** d(i): the month the item is due. */
  month: Month;
  /** x(i) > 0: the item's own scale. */
  max: number;
}

export interface CampaignModel {
  year: number;
  stars: StarDef[];
  modules: ModuleDef[];
  items: ItemDef[];
  /** The star line (评星线), default 80. */
  starLine: number;
  /** The star every other star requires (前置星), default `ZB`; null for none. */
  prerequisite: string | null;
  /** Default trimming (去极值) for items whose score does not say otherwise. */
  trim: boolean;
  /** Points deducted per overdue problem per month-end, default 0.5. */
  problemDeduction: number;
  /** The module problem deductions come off; default `DD`. */
  deductionModule?: string;
}

export interface UnitInput {
  code: string;
  name: string;
  /** T(u): the stars the unit declared (创建目标). */
  targets: string[];
  /** Weight in the street's mean, default 1. */
  weight: number;
}

export interface ScoreInput {
  unit: string;
  item: string;
  /** One value per scorer; corrections already resolved by the caller. */
  points: number[];
  /** 不适用: the item leaves the unit's plan. */
  na: boolean;
  /** Overrides the model's `trim` for this item. */
  trim?: boolean;
}

export interface BonusInput {
  unit: string;
  star: string;
  module: string;
  month: Month;
  points: number;
}

export interface ProblemInput {
  id: string;
  title: string;
  unit: string;
  star: string;
  /** `YYYY-MM-DD` */
  deadline: string;
  /** `YYYY-MM-DD`, null while open. */
  closedOn: string | null;
}

export interface VetoInput {
  unit: string;
  star: string;
  reason: string;
}

/** The module problem deductions come off when the model does not say (督导观摩). */
export const DEFAULT_DEDUCTION_MODULE = 'DD';

/** The module code problem deductions apply to for a model, defaulting to `DD`. */
export function deductionModuleOf(model: CampaignModel): string {
  return model.deductionModule ?? DEFAULT_DEDUCTION_MODULE;
}

const DEFAULT_STARS: StarDef[] = [
  { code: 'ZB', name: '支部过硬星' },
  { code: 'CY', name: '产业兴旺星' },
  { code: 'ST', name: '生态宜居星' },
  { code: 'PA', name: '平安法治星' },
  { code: 'WM', name: '文明幸福星' },
];

const DEFAULT_MODULES: ModuleDef[] = [
  { code: 'RC', name: '日常任务', budget: 30, kind: 'plan' },
  { code: 'DD', name: '督导观摩', budget: 40, kind: 'plan' },
  { code: 'DQ', name: '夺旗争先', budget: 10, kind: 'bonus' },
  { code: 'ND', name: '年度考核', budget: 20, kind: 'plan' },
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The items of the default card for one star: 12 monthly 日常任务 (max 10), 12 monthly 督导观摩 (max 100)
 * and one December 年度考核 (max 100). Shared by the default model and the worked example.
 */
export function defaultStarItems(year: number, star: string): ItemDef[] {
  const items: ItemDef[] = [];
  for (let month = 1; month <= 12; month++) {
    items.push({
      code: `RC-${star}-${pad2(month)}`,
      name: `${year}年${month}月日常任务`,
      star,
      module: 'RC',
      month: monthKey(year, month),
      max: 10,
    });
  }
  for (let month = 1; month <= 12; month++) {
    items.push({
      code: `DD-${star}-${pad2(month)}`,
      name: `${year}年${month}月督导观摩`,
      star,
      module: 'DD',
      month: monthKey(year, month),
      max: 100,
    });
  }
  items.push({
    code: `ND-${star}-12`,
    name: `${year}年年度考核`,
    star,
    module: 'ND',
    month: monthKey(year, 12),
    max: 100,
  });
  return items;
}

/** The model a new campaign starts from (SCORING.md defaults): five stars, four modules, 125 items. */
export function defaultFiveStarModel(year: number): CampaignModel {
  return {
    year,
    stars: DEFAULT_STARS.map((s) => ({ ...s })),
    modules: DEFAULT_MODULES.map((m) => ({ ...m })),
    items: DEFAULT_STARS.flatMap((s) => defaultStarItems(year, s.code)),
    starLine: 80,
    prerequisite: 'ZB',
    trim: true,
    problemDeduction: 0.5,
    deductionModule: DEFAULT_DEDUCTION_MODULE,
  };
}

function duplicates(codes: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) dup.add(c);
    seen.add(c);
  }
  return [...dup];
}

/**
 * Checks a campaign model before it is saved or scored; returns Chinese messages (empty when valid) so an
 * administrator sees every problem at once instead of a wrong ranking later.
 */
export function validateModel(m: CampaignModel): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(m.year) || m.year < 1000 || m.year > 9999) {
    errors.push(`年度“${m.year}”无效，应为四位数年份`);
  }
  if (m.stars.length === 0) errors.push('至少需要一颗星');
  if (m.modules.length === 0) errors.push('至少需要一个板块');

  for (const code of duplicates(m.stars.map((s) => s.code))) errors.push(`星编码“${code}”重复`);
  for (const code of duplicates(m.modules.map((x) => x.code))) errors.push(`板块编码“${code}”重复`);
  for (const code of duplicates(m.items.map((i) => i.code))) errors.push(`指标编码“${code}”重复`);

  for (const s of m.stars) {
    if (s.code.trim() === '') errors.push('星编码不能为空');
  }

  let total = 0;
  for (const mod of m.modules) {
    if (mod.code.trim() === '') errors.push('板块编码不能为空');
    if (!Number.isFinite(mod.budget) || mod.budget < 0) {
      errors.push(`板块“${mod.code}”的分值 ${mod.budget} 无效，应为不小于 0 的数`);
    } else {
      total += mod.budget;
    }
    if (mod.kind !== 'plan' && mod.kind !== 'bonus') {
      errors.push(`板块“${mod.code}”的类型“${String(mod.kind)}”无效，应为计划或加分`);
    }
  }
  if (Math.abs(total - 100) > 1e-9) errors.push(`各板块分值之和应为 100，当前为 ${total}`);

  const stars = new Set(m.stars.map((s) => s.code));
  const modules = new Map(m.modules.map((x) => [x.code, x]));
  for (const item of m.items) {
    const where = `指标“${item.code}”`;
    if (item.code.trim() === '') errors.push('指标编码不能为空');
    if (!stars.has(item.star)) errors.push(`${where}的星编码“${item.star}”不存在`);
    const mod = modules.get(item.module);
    if (!mod) errors.push(`${where}的板块编码“${item.module}”不存在`);
    else if (mod.kind !== 'plan') errors.push(`${where}属于加分板块“${item.module}”，指标只能属于计划板块`);
    if (!(Number.isFinite(item.max) && item.max > 0))
      errors.push(`${where}的满分 ${item.max} 无效，应大于 0`);
    if (!isMonth(item.month)) errors.push(`${where}的月份“${item.month}”无效，应为 YYYY-MM`);
    else if (Number(item.month.slice(0, 4)) !== m.year) {
      errors.push(`${where}的月份“${item.month}”不在考评年度 ${m.year} 内`);
    }
  }

  if (m.prerequisite !== null && !stars.has(m.prerequisite)) {
    errors.push(`前置星“${m.prerequisite}”不是本方案的星`);
  }
  if (!(Number.isFinite(m.starLine) && m.starLine > 0 && m.starLine <= 100)) {
    errors.push(`评星线 ${m.starLine} 无效，应大于 0 且不超过 100`);
  }
  if (!(Number.isFinite(m.problemDeduction) && m.problemDeduction >= 0)) {
    errors.push(`问题扣分 ${m.problemDeduction} 无效，应为不小于 0 的数`);
  }
  if (m.deductionModule !== undefined && !modules.has(m.deductionModule)) {
    errors.push(`扣分板块“${m.deductionModule}”不存在`);
  }
  return errors;
}
