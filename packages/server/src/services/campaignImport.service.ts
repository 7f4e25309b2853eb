import {
  type CampaignModel,
  defaultFiveStarModel,
  defaultStarItems,
  type ItemDef,
  type ModuleDef,
  type StarDef,
  validateModel,
} from '@wuxing/core';
import { AppError, type ImportIssue, invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import { own } from '../lib/own';
import { authorize } from '../policies/policy';
import type { BonusRow } from '../repositories/bonus.repository';
import type { CampaignListRow } from '../repositories/campaign.repository';
import type { ScoreEntryRow } from '../repositories/score.repository';
import type { UnitRow } from '../repositories/unit.repository';
import type { ParsedSheet, ParsedWorkbook } from '../workbook/readWorkbook';
import { type ColumnKey, columnTitle, type SheetKey, sheetTitle, UNIT_TYPE_WORDS } from '../workbook/sheets';
import { recordAudit } from './audit.service';
import { DEFAULT_ASSESSED_TYPES, insertCampaign } from './campaign.service';
import { effectiveTargets, requiredStarOf } from './campaignLoader';
import type { ServiceContext } from './context';
import { importUnits, type UnitImportResult, validateUnitRows } from './unitImport.service';

const CODE_RE = /^[A-Za-z0-9_.-]+$/;
/** Stop collecting after this many problems: the user fixes the first ones and tries again. */
const MAX_ISSUES = 200;
/** Rows of the 得分 sheet written between two progress reports. */
const PROGRESS_ROWS = 10000;
/** The scorer recorded for a 得分 row that names none. */
export const DEFAULT_IMPORT_SCORER = '导入';

/** A phase of a long import, reported as it goes (the CLI prints it to stderr). */
export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

/** How an import reports its progress. */
export interface CampaignImportOptions {
  onProgress?: (p: ImportProgress) => void;
}

/** What a campaign workbook import did. */
export interface CampaignImportResult {
  campaign: CampaignListRow;
  units: UnitImportResult;
  assessed: number;
  items: number;
  targets: number;
  scores: number;
  bonuses: number;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Accepts 2023-01, 2023-1, 2023/01, 2023.1 and 2023年1月; returns `YYYY-MM` or null. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

const KIND_WORDS: Record<string, 'plan' | 'bonus'> = {
  计划: 'plan',
  plan: 'plan',
  加分: 'bonus',
  bonus: 'bonus',
};

/** Collects located problems, capped, and names each sheet's columns as the file wrote them. */
class Issues {
  readonly list: ImportIssue[] = [];
  get count(): number {
    return this.list.length;
  }
  add(issue: ImportIssue): void {
    if (this.list.length < MAX_ISSUES) this.list.push(issue);
  }
  at<S extends SheetKey>(sheet: ParsedSheet<S>, row: number, column: ColumnKey<S>, message: string): void {
    this.add({
      sheet: sheet.title,
      row,
      column: sheet.headers[column] ?? columnTitle(sheet.key, column),
      message,
    });
  }
  missingColumns<S extends SheetKey>(sheet: ParsedSheet<S>, columns: ColumnKey<S>[]): boolean {
    let missing = false;
    for (const c of columns) {
      if (!sheet.headers[c]) {
        const title = columnTitle(sheet.key, c);
        this.add({ sheet: sheet.title, row: 1, column: title, message: `缺少“${title}”列` });
        missing = true;
      }
    }
    return missing;
  }
}

interface CampaignHead {
  code: string;
  name: string;
  year: number;
  starLine: number;
  /** undefined: the default (ZB when the campaign has it). */
  prerequisite: string | null | undefined;
  row: number;
  trim: boolean;
}

function readHead(sheet: ParsedSheet<'campaign'>, issues: Issues): CampaignHead | null {
  if (issues.missingColumns(sheet, ['code', 'name', 'year'])) return null;
  const [row, ...extra] = sheet.rows;
  if (!row) {
    issues.add({ sheet: sheet.title, row: 2, message: '“方案”工作表需要一行方案信息' });
    return null;
  }
  for (const r of extra)
    issues.add({ sheet: sheet.title, row: r.row, message: '“方案”工作表只能有一行，一个工作簿描述一个方案' });
  const c = row.cells;
  const before = issues.count;
  const code = c.code ?? '';
  if (!code) issues.at(sheet, row.row, 'code', '编码不能为空');
  else if (code.length > 64 || !CODE_RE.test(code))
    issues.at(sheet, row.row, 'code', '编码只能包含字母、数字、下划线、点和连字符，且不超过64个字符');
  const name = c.name ?? '';
  if (!name) issues.at(sheet, row.row, 'name', '名称不能为空');
  else if (name.length > 100) issues.at(sheet, row.row, 'name', '名称不能超过100个字符');
  const year = parseNumber(c.year ?? '');
  if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100)
    issues.at(
      sheet,
      row.row,
      'year',
      `年度“${(c.year ?? '').slice(0, 20)}”无效，应为四位数年份（2000–2100）`,
    );
  const line = parseNumber(c.starLine ?? '');
  if (line !== null && !(line > 0 && line <= 100))
    issues.at(
      sheet,
      row.row,
      'starLine',
      `评星线“${(c.starLine ?? '').slice(0, 20)}”无效，应大于0且不超过100`,
    );
  const trim = parseYesNo(c.trim ?? '');
  if (trim === null)
    issues.at(sheet, row.row, 'trim', `去极值“${(c.trim ?? '').slice(0, 20)}”无效，应为 是 或 否`);
  const pre = (c.prerequisite ?? '').trim();
  if (issues.count > before) return null;
  return {
    code,
    name,
    year: year ?? 0,
    starLine: line ?? 80,
    prerequisite: pre === '' ? undefined : ['无', 'none', '-'].includes(pre.toLowerCase()) ? null : pre,
    row: row.row,
    trim: (c.trim ?? '') === '' ? true : (trim ?? true),
  };
}

function readStars(sheet: ParsedSheet<'stars'> | undefined, issues: Issues): StarDef[] | null {
  if (!sheet) return defaultFiveStarModel(2000).stars;
  if (issues.missingColumns(sheet, ['code', 'name'])) return null;
  const stars: StarDef[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const code = r.cells.code ?? '';
    const name = r.cells.name ?? '';
    if (!code) issues.at(sheet, r.row, 'code', '星编码不能为空');
    else if (code.length > 64 || !CODE_RE.test(code))
      issues.at(sheet, r.row, 'code', '星编码只能包含字母、数字、下划线、点和连字符');
    else if (seen.has(code)) issues.at(sheet, r.row, 'code', `星编码 ${code} 与第 ${seen.get(code)} 行重复`);
    else seen.set(code, r.row);
    if (!name) issues.at(sheet, r.row, 'name', '名称不能为空');
    if (code && name) stars.push({ code, name });
  }
  if (sheet.rows.length === 0) issues.add({ sheet: sheet.title, row: 2, message: '至少需要一颗星' });
  return stars;
}

function readModules(sheet: ParsedSheet<'modules'> | undefined, issues: Issues): ModuleDef[] | null {
  if (!sheet) return defaultFiveStarModel(2000).modules;
  if (issues.missingColumns(sheet, ['code', 'name', 'budget'])) return null;
  const modules: ModuleDef[] = [];
  const seen = new Map<string, number>();
  let total = 0;
  let ok = true;
  for (const r of sheet.rows) {
    const code = r.cells.code ?? '';
    const name = r.cells.name ?? '';
    if (!code) issues.at(sheet, r.row, 'code', '板块编码不能为空');
    else if (code.length > 64 || !CODE_RE.test(code))
      issues.at(sheet, r.row, 'code', '板块编码只能包含字母、数字、下划线、点和连字符');
    else if (seen.has(code))
      issues.at(sheet, r.row, 'code', `板块编码 ${code} 与第 ${seen.get(code)} 行重复`);
    else seen.set(code, r.row);
    if (!name) issues.at(sheet, r.row, 'name', '名称不能为空');
    const budget = parseNumber(r.cells.budget ?? '');
    if (budget === null || Number.isNaN(budget) || budget < 0 || budget > 100) {
      issues.at(
        sheet,
        r.row,
        'budget',
        `分值“${(r.cells.budget ?? '').slice(0, 20)}”无效，应为0到100之间的数`,
      );
      ok = false;
    } else total += budget;
    const kindWord = (r.cells.kind ?? '').trim().toLowerCase();
    const kind = kindWord === '' ? 'plan' : own(KIND_WORDS, kindWord);
    if (!kind) issues.at(sheet, r.row, 'kind', `类型“${kindWord.slice(0, 20)}”无效，应为 计划 或 加分`);
    if (code && name && budget !== null && !Number.isNaN(budget) && kind)
      modules.push({ code, name, budget, kind });
  }
  const last = sheet.rows[sheet.rows.length - 1];
  if (!last) issues.add({ sheet: sheet.title, row: 2, message: '至少需要一个板块' });
  else if (ok && Math.abs(total - 100) > 1e-9)
    issues.at(sheet, last.row, 'budget', `各板块分值之和应为 100，当前为 ${Math.round(total * 1e6) / 1e6}`);
  return modules;
}

function readItems(
  sheet: ParsedSheet<'items'> | undefined,
  issues: Issues,
  year: number,
  stars: StarDef[],
  modules: ModuleDef[],
): ItemDef[] | null {
  if (!sheet) return stars.flatMap((s) => defaultStarItems(year, s.code));
  if (issues.missingColumns(sheet, ['code', 'star', 'module', 'period', 'max'])) return null;
  const starCodes = new Set(stars.map((s) => s.code));
  const moduleOf = new Map(modules.map((m) => [m.code, m]));
  const items: ItemDef[] = [];
  const seen = new Map<string, number>();
  for (const r of sheet.rows) {
    const c = r.cells;
    const before = issues.count;
    const code = c.code ?? '';
    if (!code) issues.at(sheet, r.row, 'code', '指标编码不能为空');
    else if (code.length > 64 || !CODE_RE.test(code))
      issues.at(sheet, r.row, 'code', '指标编码只能包含字母、数字、下划线、点和连字符');
    else if (seen.has(code))
      issues.at(sheet, r.row, 'code', `指标编码 ${code} 与第 ${seen.get(code)} 行重复`);
    else seen.set(code, r.row);
    const star = c.star ?? '';
    if (!starCodes.has(star))
      issues.at(sheet, r.row, 'star', star ? `星编码 ${star} 不存在（见“星”工作表）` : '星编码不能为空');
    const moduleCode = c.module ?? '';
    const mod = moduleOf.get(moduleCode);
    if (!mod)
      issues.at(
        sheet,
        r.row,
        'module',
        moduleCode ? `板块编码 ${moduleCode} 不存在（见“板块”工作表）` : '板块编码不能为空',
      );
    else if (mod.kind !== 'plan')
      issues.at(sheet, r.row, 'module', `板块 ${moduleCode} 是加分板块，指标只能属于计划板块`);
    const month = parseMonth(c.period ?? '');
    if (!month) issues.at(sheet, r.row, 'period', `月份“${(c.period ?? '').slice(0, 20)}”无效，应为 YYYY-MM`);
    else if (Number(month.slice(0, 4)) !== year)
      issues.at(sheet, r.row, 'period', `月份 ${month} 不在考评年度 ${year} 内`);
    const max = parseNumber(c.max ?? '');
    if (max === null || Number.isNaN(max) || max <= 0 || max > 10000)
      issues.at(sheet, r.row, 'max', `满分“${(c.max ?? '').slice(0, 20)}”无效，应为大于0的数`);
    if (issues.count === before && month && max !== null)
      items.push({ code, name: c.name || code, star, module: moduleCode, month, max });
  }
  return items;
}

/** Reads the 单位 sheet's assessed rows (not district, street or household) as unit codes in file order. */
function assessedCodesOf(sheet: ParsedSheet<'units'> | undefined): string[] {
  if (!sheet) return [];
  const out: string[] = [];
  for (const r of sheet.rows) {
    const type = own(UNIT_TYPE_WORDS, r.cells.type ?? '');
    if (type && !['district', 'street', 'household'].includes(type) && r.cells.code) out.push(r.cells.code);
  }
  return out;
}

interface ScoreRowIn {
  row: number;
  unit: string;
  item: string;
  points: number | null;
  na: boolean;
  scorer: string;
}

interface BonusRowIn {
  row: number;
  unit: string;
  star: string;
  module: string;
  month: string;
  points: number;
  reason: string;
}

/**
 * Imports a whole campaign workbook (方案 单位 星 板块 创建目标 指标 得分 加分) all-or-nothing: every sheet is
 * checked first and every problem is reported with its sheet, row and column; then units (through the
 * 单位 import), the campaign's model, assessed units, approved targets, the 得分 rows into the ledger
 * (source `import`, in batches) and the bonuses are written in the caller's transaction.
 * Missing 星/板块/指标 sheets take the default five-star template.
 */
export async function importCampaignWorkbook(
  ctx: ServiceContext,
  workbook: ParsedWorkbook,
  options: CampaignImportOptions = {},
): Promise<CampaignImportResult> {
  authorize(ctx.actor, { do: 'campaign.manage' });
  const progress = options.onProgress ?? (() => {});
  const issues = new Issues();
  const head = workbook.campaign ? readHead(workbook.campaign, issues) : null;
  if (!workbook.campaign)
    throw invalid('工作簿中没有“方案”工作表', 'file', [
      { sheet: sheetTitle('campaign'), message: '缺少“方案”工作表' },
    ]);
  if (head && (await ctx.repos.campaigns.findByCode(head.code)))
    issues.at(workbook.campaign, head.row, 'code', `方案编码 ${head.code} 已存在，导入只能创建新方案`);
  const year = head?.year ?? 0;
  const stars = readStars(workbook.stars, issues);
  const modules = readModules(workbook.modules, issues);
  const items = stars && modules && head ? readItems(workbook.items, issues, year, stars, modules) : null;

  let model: CampaignModel | null = null;
  if (head && stars && modules && items) {
    const starCodes = stars.map((s) => s.code);
    let prerequisite: string | null = null;
    if (head.prerequisite === undefined) prerequisite = starCodes.includes('ZB') ? 'ZB' : null;
    else if (head.prerequisite !== null) {
      prerequisite = head.prerequisite;
      if (!starCodes.includes(prerequisite))
        issues.at(workbook.campaign, head.row, 'prerequisite', `前置星 ${prerequisite} 不是本方案的星`);
    }
    model = {
      ...defaultFiveStarModel(year),
      year,
      stars,
      modules,
      items,
      starLine: head.starLine,
      prerequisite,
      trim: head.trim,
    };
    if (!modules.some((m) => m.code === model?.deductionModule)) delete model.deductionModule;
    // Core has the last word on the model; anything row checks missed is reported against its sheet.
    if (issues.count === 0)
      for (const message of validateModel(model))
        issues.add({ sheet: workbook.items?.title ?? workbook.campaign.title, message });
  }

  // 单位: rows checked here; parents and types against the database by the 单位 import below.
  const unitSheet = workbook.units;
  if (unitSheet) for (const i of validateUnitRows(unitSheet).issues) issues.add(i);
  const fileUnits = new Set((unitSheet?.rows ?? []).map((r) => r.cells.code ?? '').filter(Boolean));
  const targetSheet = workbook.targets;
  const scoreSheet = workbook.scores;
  const bonusSheet = workbook.bonuses;
  const referenced = new Set<string>();
  for (const r of targetSheet?.rows ?? []) if (r.cells.unit) referenced.add(r.cells.unit);
  for (const r of scoreSheet?.rows ?? []) if (r.cells.unit) referenced.add(r.cells.unit);
  for (const r of bonusSheet?.rows ?? []) if (r.cells.unit) referenced.add(r.cells.unit);
  const inDb = new Map<string, UnitRow>();
  for (const u of await ctx.repos.units.findByCodes([...referenced].filter((c) => !fileUnits.has(c))))
    inDb.set(u.code, u);
  const known = (code: string) => fileUnits.has(code) || inDb.has(code);

  // Which units the campaign assesses: the 单位 sheet's villages/communities/departments and the units with targets.
  const assessedCodes: string[] = [];
  const assessedSet = new Set<string>();
  const assess = (code: string) => {
    if (!assessedSet.has(code)) {
      assessedSet.add(code);
      assessedCodes.push(code);
    }
  };
  for (const code of assessedCodesOf(unitSheet)) assess(code);

  // 创建目标
  const starCodes = new Set((stars ?? []).map((s) => s.code));
  const targetPairs = new Map<string, Set<string>>();
  if (targetSheet && !issues.missingColumns(targetSheet, ['unit', 'star'])) {
    for (const r of targetSheet.rows) {
      const unit = r.cells.unit ?? '';
      const star = r.cells.star ?? '';
      if (!unit) issues.at(targetSheet, r.row, 'unit', '单位编码不能为空');
      else if (!known(unit))
        issues.at(targetSheet, r.row, 'unit', `单位 ${unit} 不存在（既不在“单位”工作表中，也不在系统中）`);
      if (!starCodes.has(star))
        issues.at(
          targetSheet,
          r.row,
          'star',
          star ? `星编码 ${star} 不存在（见“星”工作表）` : '星编码不能为空',
        );
      if (unit && known(unit) && starCodes.has(star)) {
        assess(unit);
        const set = targetPairs.get(unit) ?? new Set<string>();
        set.add(star);
        targetPairs.set(unit, set);
      }
    }
  }
  const assessedFromFile = assessedCodes.length > 0;
  const isAssessed = (code: string) => !assessedFromFile || assessedSet.has(code);

  // 得分
  const itemOf = new Map((items ?? []).map((i) => [i.code, i]));
  const scores: ScoreRowIn[] = [];
  if (scoreSheet && !issues.missingColumns(scoreSheet, ['unit', 'item'])) {
    const seen = new Map<string, number>();
    const total = scoreSheet.rows.length;
    let checked = 0;
    for (const r of scoreSheet.rows) {
      const c = r.cells;
      const before = issues.count;
      const unit = c.unit ?? '';
      if (!unit) issues.at(scoreSheet, r.row, 'unit', '单位编码不能为空');
      else if (!known(unit))
        issues.at(scoreSheet, r.row, 'unit', `单位 ${unit} 不存在（既不在“单位”工作表中，也不在系统中）`);
      else if (!isAssessed(unit))
        issues.at(
          scoreSheet,
          r.row,
          'unit',
          `单位 ${unit} 不是本方案的考评单位（见“单位”和“创建目标”工作表）`,
        );
      const itemCode = c.item ?? '';
      const item = itemOf.get(itemCode);
      if (!item)
        issues.at(
          scoreSheet,
          r.row,
          'item',
          itemCode ? `指标编码 ${itemCode} 不存在（见“指标”工作表）` : '指标编码不能为空',
        );
      const na = parseYesNo(c.na ?? '');
      if (na === null)
        issues.at(scoreSheet, r.row, 'na', `不适用“${(c.na ?? '').slice(0, 20)}”无效，应为 是 或 否`);
      const points = parseNumber(c.points ?? '');
      if (!na) {
        if (points === null)
          issues.at(scoreSheet, r.row, 'points', '得分不能为空（不适用的指标请在“不适用”列填“是”）');
        else if (Number.isNaN(points))
          issues.at(scoreSheet, r.row, 'points', `得分“${(c.points ?? '').slice(0, 20)}”不是数字`);
        else if (item && (points < 0 || points > item.max))
          issues.at(scoreSheet, r.row, 'points', `得分 ${points} 超出范围，应在 0 到满分 ${item.max} 之间`);
      }
      const scorer = (c.scorer ?? '').trim() || DEFAULT_IMPORT_SCORER;
      if (scorer.length > 64) issues.at(scoreSheet, r.row, 'scorer', '评分人不能超过64个字符');
      const key = `${unit}\u0000${itemCode}\u0000${scorer}`;
      const first = seen.get(key);
      if (first !== undefined)
        issues.at(scoreSheet, r.row, 'item', `与第 ${first} 行重复（同一单位、指标和评分人只能有一个得分）`);
      else seen.set(key, r.row);
      if (issues.count === before)
        scores.push({
          row: r.row,
          unit,
          item: itemCode,
          points: na ? null : points,
          na: na ?? false,
          scorer,
        });
      if (++checked % 20000 === 0) progress({ phase: '校验得分', done: checked, total });
      if (issues.count >= MAX_ISSUES) break;
    }
  }

  // 加分
  const bonuses: BonusRowIn[] = [];
  const moduleOf = new Map((modules ?? []).map((m) => [m.code, m]));
  const bonusModules = (modules ?? []).filter((m) => m.kind === 'bonus');
  if (bonusSheet && !issues.missingColumns(bonusSheet, ['unit', 'star', 'period', 'points'])) {
    for (const r of bonusSheet.rows) {
      const c = r.cells;
      const before = issues.count;
      const unit = c.unit ?? '';
      if (!unit) issues.at(bonusSheet, r.row, 'unit', '单位编码不能为空');
      else if (!known(unit))
        issues.at(bonusSheet, r.row, 'unit', `单位 ${unit} 不存在（既不在“单位”工作表中，也不在系统中）`);
      else if (!isAssessed(unit)) issues.at(bonusSheet, r.row, 'unit', `单位 ${unit} 不是本方案的考评单位`);
      const star = c.star ?? '';
      if (!starCodes.has(star))
        issues.at(
          bonusSheet,
          r.row,
          'star',
          star ? `星编码 ${star} 不存在（见“星”工作表）` : '星编码不能为空',
        );
      const moduleCode = c.module || (bonusModules.length === 1 ? (bonusModules[0]?.code ?? '') : '');
      const mod = moduleOf.get(moduleCode);
      if (!mod)
        issues.at(
          bonusSheet,
          r.row,
          'module',
          moduleCode ? `板块编码 ${moduleCode} 不存在` : '板块编码不能为空',
        );
      else if (mod.kind !== 'bonus')
        issues.at(bonusSheet, r.row, 'module', `板块 ${moduleCode} 不是加分板块`);
      const month = parseMonth(c.period ?? '');
      if (!month)
        issues.at(bonusSheet, r.row, 'period', `月份“${(c.period ?? '').slice(0, 20)}”无效，应为 YYYY-MM`);
      else if (head && Number(month.slice(0, 4)) !== year)
        issues.at(bonusSheet, r.row, 'period', `月份 ${month} 不在考评年度 ${year} 内`);
      const points = parseNumber(c.points ?? '');
      if (points === null || Number.isNaN(points) || points === 0)
        issues.at(bonusSheet, r.row, 'points', `分值“${(c.points ?? '').slice(0, 20)}”无效，应为非零的数`);
      else if (mod && Math.abs(points) > mod.budget)
        issues.at(bonusSheet, r.row, 'points', `分值 ${points} 超过板块 ${mod.code} 的分值 ${mod.budget}`);
      const reason = (c.reason ?? '').trim();
      if (!reason) issues.at(bonusSheet, r.row, 'reason', '事由不能为空');
      else if (reason.length > 500) issues.at(bonusSheet, r.row, 'reason', '事由不能超过500个字符');
      if (issues.count === before && month && points !== null)
        bonuses.push({ row: r.row, unit, star, module: moduleCode, month, points, reason });
    }
  }

  // The 单位 sheet goes through the same import as on its own; its parent/type problems join the others.
  let unitResult: UnitImportResult = { created: 0, updated: 0, unchanged: 0 };
  if (unitSheet && issues.count === 0) {
    progress({ phase: '导入单位', done: 0, total: unitSheet.rows.length });
    try {
      unitResult = await importUnits(ctx, unitSheet);
    } catch (err) {
      if (!(err instanceof AppError) || !err.details) throw err;
      for (const d of err.details) issues.add(d);
    }
  }
  if (issues.count > 0 || !head || !model) {
    const n = issues.count;
    throw invalid(
      `导入失败：发现 ${n}${n >= MAX_ISSUES ? ' 处以上' : ' 处'}错误，未做任何修改`,
      'file',
      issues.list,
    );
  }

  // Everything checked: write.
  const wanted = assessedFromFile
    ? assessedCodes
    : (await ctx.repos.units.all()).filter((u) => DEFAULT_ASSESSED_TYPES.includes(u.type)).map((u) => u.code);
  const unitRows = new Map(
    (await ctx.repos.units.findByCodes([...new Set([...wanted, ...referenced])])).map((u) => [u.code, u]),
  );
  const idOf = (code: string): string => {
    const u = unitRows.get(code);
    if (!u) throw new Error(`unit ${code} vanished during import`);
    return u.id;
  };
  progress({ phase: '写入方案', done: 0, total: 1 });
  const campaign = await insertCampaign(ctx, {
    code: head.code,
    name: head.name,
    model,
    assessed: wanted.map((code) => ({ unitId: idOf(code), weight: Number(unitRows.get(code)?.weight ?? 1) })),
  });
  const itemIds = new Map((await ctx.repos.campaigns.items(campaign.id)).map((i) => [i.code, i.id]));
  const starOrder = model.stars.map((s) => s.code);
  const requiredStar = requiredStarOf(model.prerequisite, starOrder);
  const actor = ctx.actor;
  const targetRows = [...targetPairs].flatMap(([unit, set]) =>
    effectiveTargets(set, requiredStar, starOrder).map((star) => ({
      id: newId(),
      campaign_id: campaign.id,
      unit_id: idOf(unit),
      star,
      status: 'approved',
      declared_by: actor.userId,
      declared_at: ctx.now,
      decided_by: actor.userId,
      decided_at: ctx.now,
      note: '工作簿导入',
    })),
  );
  await ctx.repos.targets.insertMany(targetRows);

  const batch = newId();
  for (let i = 0; i < scores.length; i += PROGRESS_ROWS) {
    const rows: ScoreEntryRow[] = scores.slice(i, i + PROGRESS_ROWS).map((s) => ({
      id: newId(),
      campaign_id: campaign.id,
      unit_id: idOf(s.unit),
      item_id: itemIds.get(s.item) ?? '',
      scorer: s.scorer,
      points: s.points,
      na: s.na ? 1 : 0,
      source: 'import',
      reason: null,
      supersedes_id: null,
      idempotency_key: `import:${batch}:${s.row}`,
      entered_by: actor.userId,
      entered_by_name: actor.displayName,
      entered_at: ctx.now,
    }));
    await ctx.repos.scores.insertMany(rows);
    progress({ phase: '写入得分', done: Math.min(i + PROGRESS_ROWS, scores.length), total: scores.length });
  }
  const bonusRows: BonusRow[] = bonuses.map((b) => ({
    id: newId(),
    campaign_id: campaign.id,
    unit_id: idOf(b.unit),
    star: b.star,
    module: b.module,
    month: b.month,
    points: b.points,
    reason: b.reason,
    source: 'import',
    idempotency_key: `import:${batch}:bonus:${b.row}`,
    entered_by: actor.userId,
    entered_by_name: actor.displayName,
    entered_at: ctx.now,
  }));
  await ctx.repos.bonuses.insertMany(bonusRows);
  const result = {
    units: unitResult,
    assessed: wanted.length,
    items: model.items.length,
    targets: targetRows.length,
    scores: scores.length,
    bonuses: bonusRows.length,
  };
  await recordAudit(ctx, {
    action: 'campaign.import',
    entity: 'campaign',
    entityId: campaign.id,
    before: null,
    after: { code: campaign.code, ...result },
  });
  const listed = await ctx.repos.campaigns.findListRowByCode(campaign.code);
  if (!listed) throw new Error('imported campaign not found');
  return { campaign: listed, ...result };
}
