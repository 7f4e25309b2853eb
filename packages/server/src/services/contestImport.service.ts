import type { HonourLevel } from '../contracts/contest';
import { type ImportIssue, invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import { dayOf } from '../workbook/cells';
import type { ParsedSheet } from '../workbook/readWorkbook';
import { columnTitle, sheetTitle } from '../workbook/sheets';
import type { ExportTable } from '../workbook/writeWorkbook';
import { recordAudit } from './audit.service';
import {
  appendEvent,
  type ContestDetail,
  type ContestState,
  type ContestWrite,
  detailOf,
  loadContest,
  requireDraft,
} from './contestLoader';
import type { ServiceContext } from './context';

/**
 * Workbooks of a 擂台赛 contest: honours (sheet 荣誉: 单位编码, 荣誉名称, 级别, 授予日期, 授予单位) and the cadre-style
 * survey (sheet 作风评价: 单位编码, 单位名称, 好, 较好, 一般, 差). Imports are all-or-nothing, every error names its
 * sheet, row and column; an import replaces the listed units' honours (or votes). Draft contests only.
 */

export const HONOUR_LEVEL_WORDS: Record<HonourLevel, string> = {
  national: '国家级',
  provincial: '省级',
  city: '市级',
  district: '区级',
};

/** The words a 级别 cell may hold. A Map, so a cell like `constructor` or `__proto__` is simply unknown. */
const LEVEL_OF = new Map<string, HonourLevel>(
  Object.entries({
    国家级: 'national',
    国家: 'national',
    national: 'national',
    省级: 'provincial',
    省: 'provincial',
    provincial: 'provincial',
    市级: 'city',
    市: 'city',
    city: 'city',
    区级: 'district',
    县级: 'district',
    区县级: 'district',
    区: 'district',
    district: 'district',
  } satisfies Record<string, HonourLevel>),
);

const MAX_ISSUES = 200;

export interface ContestImportResult {
  imported: number;
  units: number;
  detail: ContestDetail;
}

function failIfAny(issues: ImportIssue[]): void {
  if (issues.length > 0)
    throw invalid(
      `导入失败：发现 ${issues.length} 处错误，未做任何修改`,
      'file',
      issues.slice(0, MAX_ISSUES),
    );
}

async function loadForImport(ctx: ServiceContext, code: string, what: string): Promise<ContestState> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  requireDraft(state.contest, `比赛已开始，${what}不能再修改`);
  return state;
}

/** Imports the 荣誉 sheet: replaces the honours of every unit listed in it. */
export async function importHonours(
  ctx: ServiceContext,
  code: string,
  sheet: ParsedSheet<'contestHonours'> | undefined,
): Promise<ContestWrite<ContestImportResult>> {
  const state = await loadForImport(ctx, code, '荣誉');
  const name = sheetTitle('contestHonours');
  if (!sheet)
    throw invalid(`工作簿中没有“${name}”工作表`, 'file', [{ sheet: name, message: `缺少“${name}”工作表` }]);
  const col = (k: keyof typeof sheet.headers) => sheet.headers[k] ?? columnTitle('contestHonours', k);
  const byCode = new Map(state.units.map((u) => [u.unit_code, u]));
  const issues: ImportIssue[] = [];
  const rows: {
    unitId: string;
    unitCode: string;
    title: string;
    level: HonourLevel;
    day: string;
    issuer: string;
  }[] = [];
  for (const r of sheet.rows) {
    const issue = (k: keyof typeof sheet.headers, message: string) =>
      issues.push({ sheet: sheet.title, row: r.row, column: col(k), message });
    const before = issues.length;
    const unitCode = r.cells.unit ?? '';
    const unit = byCode.get(unitCode);
    if (!unitCode) issue('unit', '单位编码不能为空');
    else if (!unit) issue('unit', `单位编码 ${unitCode} 不是本场比赛的参赛单位`);
    const title = r.cells.title ?? '';
    if (!title) issue('title', '荣誉名称不能为空');
    else if (title.length > 200) issue('title', '荣誉名称不能超过200个字符');
    const level =
      LEVEL_OF.get((r.cells.level ?? '').trim().toLowerCase()) ?? LEVEL_OF.get((r.cells.level ?? '').trim());
    if (!level) issue('level', `级别“${r.cells.level ?? ''}”无效，应为 国家级、省级、市级 或 区级`);
    const day = dayOf(r.cells.awardedOn ?? '');
    if (!day) issue('awardedOn', `授予日期“${r.cells.awardedOn ?? ''}”无效，应为 YYYY-MM-DD`);
    const issuer = r.cells.issuer ?? '';
    if (!issuer) issue('issuer', '授予单位不能为空');
    else if (issuer.length > 100) issue('issuer', '授予单位不能超过100个字符');
    if (issues.length === before && unit && level && day)
      rows.push({ unitId: unit.unit_id, unitCode, title, level, day, issuer });
  }
  if (sheet.rows.length === 0) issues.push({ sheet: sheet.title, message: '工作表中没有数据行' });
  failIfAny(issues);
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  await ctx.repos.contests.deleteHonoursOfUnits(state.contest.id, unitIds);
  await ctx.repos.contests.insertHonours(
    rows.map((r) => ({
      id: newId(),
      contest_id: state.contest.id,
      unit_id: r.unitId,
      title: r.title,
      level: r.level,
      awarded_on: r.day,
      issuer: r.issuer,
      created_by_name: ctx.actor?.displayName ?? '系统',
      created_at: ctx.now,
    })),
  );
  await recordAudit(ctx, {
    action: 'contest.honour.import',
    entity: 'contest',
    entityId: state.contest.id,
    before: { honours: state.honours.filter((h) => unitIds.includes(h.unit_id)).length },
    after: {
      imported: rows.length,
      units: rows.map((r) => r.unitCode).filter((c, i, a) => a.indexOf(c) === i),
    },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'honours' });
  return {
    contestId: state.contest.id,
    result: {
      imported: rows.length,
      units: unitIds.length,
      detail: detailOf(await loadContest(ctx, state.contest.code)),
    },
  };
}

function count(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  if (t === '') return 0;
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n <= 1_000_000 ? n : null;
}

/** Imports the 作风评价 sheet: replaces the vote counts of every unit listed in it. */
export async function importCadreVotes(
  ctx: ServiceContext,
  code: string,
  sheet: ParsedSheet<'contestCadre'> | undefined,
): Promise<ContestWrite<ContestImportResult>> {
  const state = await loadForImport(ctx, code, '作风评价');
  const name = sheetTitle('contestCadre');
  if (!sheet)
    throw invalid(`工作簿中没有“${name}”工作表`, 'file', [{ sheet: name, message: `缺少“${name}”工作表` }]);
  const col = (k: keyof typeof sheet.headers) => sheet.headers[k] ?? columnTitle('contestCadre', k);
  const byCode = new Map(state.units.map((u) => [u.unit_code, u]));
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  const rows: {
    unitId: string;
    unitCode: string;
    good: number;
    fairlyGood: number;
    average: number;
    poor: number;
  }[] = [];
  for (const r of sheet.rows) {
    const issue = (k: keyof typeof sheet.headers, message: string) =>
      issues.push({ sheet: sheet.title, row: r.row, column: col(k), message });
    const unitCode = r.cells.unit ?? '';
    const unit = byCode.get(unitCode);
    // A template row left blank is skipped: the unit's votes are not in this survey. Not a row naming a unit
    // that does not take part: that is a mistake to show.
    const blank = (['good', 'fairlyGood', 'average', 'poor'] as const).every(
      (k) => !(r.cells[k] ?? '').trim(),
    );
    if (blank && (!unitCode || unit)) continue;
    const before = issues.length;
    if (!unitCode) issue('unit', '单位编码不能为空');
    else if (!unit) issue('unit', `单位编码 ${unitCode} 不是本场比赛的参赛单位`);
    else if (seen.has(unitCode)) issue('unit', `单位编码 ${unitCode} 与第${seen.get(unitCode)}行重复`);
    else seen.set(unitCode, r.row);
    if (blank) continue;
    const votes = {
      good: count(r.cells.good),
      fairlyGood: count(r.cells.fairlyGood),
      average: count(r.cells.average),
      poor: count(r.cells.poor),
    };
    for (const k of ['good', 'fairlyGood', 'average', 'poor'] as const)
      if (votes[k] === null) issue(k, `票数“${r.cells[k] ?? ''}”无效，应为不小于0的整数`);
    const { good, fairlyGood, average, poor } = votes;
    if (good !== null && fairlyGood !== null && average !== null && poor !== null) {
      if (good + fairlyGood + average + poor === 0) issue('good', '票数合计为0');
      else if (issues.length === before && unit)
        rows.push({ unitId: unit.unit_id, unitCode, good, fairlyGood, average, poor });
    }
  }
  if (rows.length === 0 && issues.length === 0)
    issues.push({ sheet: sheet.title, message: '工作表中没有填写票数的数据行' });
  failIfAny(issues);
  await ctx.repos.contests.replaceCadreVotes(
    state.contest.id,
    rows.map((r) => ({
      contest_id: state.contest.id,
      unit_id: r.unitId,
      good: r.good,
      fairly_good: r.fairlyGood,
      average: r.average,
      poor: r.poor,
      imported_at: ctx.now,
    })),
  );
  await recordAudit(ctx, {
    action: 'contest.cadre.import',
    entity: 'contest',
    entityId: state.contest.id,
    before: { units: rows.filter((r) => state.cadre.has(r.unitId)).length },
    after: { rows: rows.map((r) => [r.unitCode, r.good, r.fairlyGood, r.average, r.poor]) },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'cadre' });
  return {
    contestId: state.contest.id,
    result: {
      imported: rows.length,
      units: rows.length,
      detail: detailOf(await loadContest(ctx, state.contest.code)),
    },
  };
}

/** A unit list sheet for the templates: codes and names of the participants in running order. */
function unitList(state: ContestState): ExportTable {
  return {
    sheet: '参赛单位',
    headers: ['单位编码', '单位名称', '赛组'],
    rows: state.units.map((u) => [u.unit_code, u.unit_name, u.group_name]),
  };
}

/** The honours template: the contest's honours so far (or none), the level words, and the unit list. */
export async function honourTemplate(
  ctx: ServiceContext,
  code: string,
): Promise<{ state: ContestState; tables: ExportTable[] }> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const state = await loadContest(ctx, code);
  const headers = (['unit', 'title', 'level', 'awardedOn', 'issuer'] as const).map((k) =>
    columnTitle('contestHonours', k),
  );
  return {
    state,
    tables: [
      {
        sheet: sheetTitle('contestHonours'),
        headers,
        rows: state.honours.map((h) => [
          h.unit_code,
          h.title,
          HONOUR_LEVEL_WORDS[h.level as HonourLevel] ?? h.level,
          h.awarded_on,
          h.issuer,
        ]),
      },
      {
        sheet: '级别说明',
        headers: ['级别', '每项分值'],
        rows: (Object.keys(HONOUR_LEVEL_WORDS) as HonourLevel[]).map((l) => [
          HONOUR_LEVEL_WORDS[l],
          state.honourTable[l],
        ]),
      },
      unitList(state),
    ],
  };
}

/** The cadre-style template: one row per participant with its votes so far (blank when none). */
export async function cadreTemplate(
  ctx: ServiceContext,
  code: string,
): Promise<{ state: ContestState; tables: ExportTable[] }> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const state = await loadContest(ctx, code);
  const headers = (['unit', 'name', 'good', 'fairlyGood', 'average', 'poor'] as const).map((k) =>
    columnTitle('contestCadre', k),
  );
  return {
    state,
    tables: [
      {
        sheet: sheetTitle('contestCadre'),
        headers,
        rows: state.units.map((u) => {
          const v = state.cadre.get(u.unit_id);
          return [
            u.unit_code,
            u.unit_name,
            v?.good ?? null,
            v?.fairly_good ?? null,
            v?.average ?? null,
            v?.poor ?? null,
          ];
        }),
      },
    ],
  };
}
