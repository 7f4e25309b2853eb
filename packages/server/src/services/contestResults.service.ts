import { judgeConsistency, juryScore, yearOverall } from '@wuxing/core';
import type { ContestStatus } from '../contracts/contest';
import { authorize } from '../policies/policy';
import type { ContestRow } from '../repositories/contest.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import { type ContestState, contestFigures, loadContest, scoresOf } from './contestLoader';
import type { ServiceContext } from './context';

/**
 * Results of 擂台赛 contests: each group's ranking of its closed units (frozen into the contest at announce),
 * judge consistency over the closed units, and the year-end overall (年终总评) across the year's contests.
 */

export interface ResultScore {
  userId: string;
  displayName: string;
  score: number;
  dropped: boolean;
}

export interface ResultRow {
  rank: number;
  tied: boolean;
  unitCode: string;
  unitName: string;
  lotOrder: number | null;
  jury: number;
  honour: number;
  cadre: number;
  total: number;
  judgeCount: number;
  scores: ResultScore[];
}

export interface ResultGroup {
  groupCode: string;
  groupName: string;
  order: number;
  unitCount: number;
  rows: ResultRow[];
}

/** The frozen results stored on an announced contest. */
export interface ResultsSnapshot {
  version: 1;
  groups: ResultGroup[];
}

/** Each group's ranking of its closed units, with the judges' scores and which the trimmed mean dropped. */
export function computeResults(state: ContestState): ResultGroup[] {
  const figures = contestFigures(state);
  const names = new Map(state.jury.map((j) => [j.user_id, j.display_name]));
  return state.groups.map((g) => {
    const rows: ResultRow[] = state.units
      .filter((u) => u.group_id === g.id && u.state === 'closed')
      .map((u) => {
        const f = figures.get(u.unit_id);
        const scores = scoresOf(state, u.unit_id);
        const dropped = new Set(
          juryScore(
            scores.map((s) => s.score),
            state.contest.trim_from,
          )?.dropped ?? [],
        );
        return {
          rank: f?.rank ?? 0,
          tied: f?.tied ?? false,
          unitCode: u.unit_code,
          unitName: u.unit_name,
          lotOrder: u.lot_order,
          jury: u.jury_score ?? 0,
          honour: u.honour_score ?? 0,
          cadre: u.cadre_score ?? 0,
          total: u.total ?? 0,
          judgeCount: scores.length,
          scores: scores.map((s, i) => ({
            userId: s.judge_id,
            displayName: names.get(s.judge_id) ?? '',
            score: s.score,
            dropped: dropped.has(i),
          })),
        };
      })
      .sort((a, b) => a.rank - b.rank || b.jury - a.jury || b.honour - a.honour);
    return { groupCode: g.code, groupName: g.name, order: g.order, unitCount: g.unitCount, rows };
  });
}

/** The contest's results: the frozen snapshot once announced, else computed now. */
export function resultsOf(state: ContestState): { groups: ResultGroup[]; frozen: boolean } {
  if (state.contest.status === 'announced' && state.contest.results_json) {
    const snap = JSON.parse(state.contest.results_json) as ResultsSnapshot;
    return { groups: snap.groups, frozen: true };
  }
  return { groups: computeResults(state), frozen: false };
}

export interface ContestResults {
  state: ContestState;
  groups: ResultGroup[];
  frozen: boolean;
}

/** A contest's per-group results (district admins). */
export async function getContestResults(ctx: ServiceContext, code: string): Promise<ContestResults> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const state = await loadContest(ctx, code);
  return { state, ...resultsOf(state) };
}

export interface ConsistencyRow {
  userId: string;
  displayName: string;
  units: number;
  meanDeviation: number;
  spread: number;
  outlierUnits: number;
  flagged: boolean;
  deviations: { unitCode: string; unitName: string; deviation: number }[];
}

/** Judge consistency over the contest's closed units (core `judgeConsistency`). */
export function consistencyOf(state: ContestState): ConsistencyRow[] {
  const closed = state.units.filter((u) => u.state === 'closed' && u.jury_score !== null);
  const rows = judgeConsistency(
    closed.map((u) => ({
      unitCode: u.unit_code,
      panel: u.jury_score ?? 0,
      scores: scoresOf(state, u.unit_id).map((s) => ({ judge: s.judge_id, score: s.score })),
    })),
  );
  const unitName = new Map(state.units.map((u) => [u.unit_code, u.unit_name]));
  const byId = new Map(rows.map((r) => [r.judge, r]));
  return state.jury.map((j) => {
    const r = byId.get(j.user_id);
    return {
      userId: j.user_id,
      displayName: j.display_name,
      units: r?.units ?? 0,
      meanDeviation: r?.meanDeviation ?? 0,
      spread: r?.spread ?? 0,
      outlierUnits: r?.outlierUnits ?? 0,
      flagged: r?.flagged ?? false,
      deviations: (r?.deviations ?? []).map((d) => ({
        unitCode: d.unitCode,
        unitName: unitName.get(d.unitCode) ?? '',
        deviation: d.deviation,
      })),
    };
  });
}

export const CONSISTENCY_RULE =
  '偏差 = 评委打分 − 该单位评委得分（去掉最高最低分后的平均分）；某单位偏差的绝对值大于 max(5, 2×该单位评委打分标准差) 记为明显偏离；明显偏离的单位不少于3个且不少于其所评单位的三分之一时标记为异常。';

/** Judge consistency of a contest (district admins). */
export async function getContestConsistency(
  ctx: ServiceContext,
  code: string,
): Promise<{ code: string; rows: ConsistencyRow[] }> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await loadContest(ctx, code);
  return { code: state.contest.code, rows: consistencyOf(state) };
}

export interface OverallResult {
  year: number;
  contests: { code: string; name: string; period: string; status: ContestStatus }[];
  groups: {
    groupCode: string;
    groupName: string;
    rows: {
      rank: number;
      unitCode: string;
      unitName: string;
      contests: number;
      mean: number;
      totals: Record<string, number | null>;
    }[];
  }[];
}

/**
 * 年终总评 of a year: each unit's mean total over the year's finished and announced contests, ranked per group
 * (core `yearOverall`); groups in the order of the latest contest.
 */
export async function getYearOverall(ctx: ServiceContext, year: number): Promise<OverallResult> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const contests: ContestRow[] = await ctx.repos.contests.listOfYear(year, ['finished', 'announced']);
  const units = await ctx.repos.contests.participants(contests.map((c) => c.id));
  const names = new Map<string, string>();
  const groupNames = new Map<string, { name: string; order: number }>();
  for (const u of units) {
    names.set(u.unit_code, u.unit_name);
    groupNames.set(u.group_code, { name: u.group_name, order: u.group_order });
  }
  const groups = yearOverall(
    contests.map((c) => ({
      code: c.code,
      rows: units
        .filter((u) => u.contest_id === c.id && u.state === 'closed' && u.total !== null)
        .map((u) => ({ unitCode: u.unit_code, groupCode: u.group_code, total: u.total ?? 0 })),
    })),
  );
  return {
    year,
    contests: contests.map((c) => ({
      code: c.code,
      name: c.name,
      period: c.period,
      status: c.status as ContestStatus,
    })),
    groups: Object.entries(groups)
      .map(([groupCode, rows]) => ({
        groupCode,
        groupName: groupNames.get(groupCode)?.name ?? groupCode,
        order: groupNames.get(groupCode)?.order ?? 0,
        rows: rows.map((r) => ({
          rank: r.rank,
          unitCode: r.unitCode,
          unitName: names.get(r.unitCode) ?? r.unitCode,
          contests: r.contests,
          mean: r.mean,
          totals: r.totals,
        })),
      }))
      .sort((a, b) => a.order - b.order)
      .map(({ order: _order, ...g }) => g),
  };
}

/** The results workbook: one sheet per group (rank, unit, the three parts, total, judges). */
export function resultsTables(name: string, groups: ResultGroup[]): ExportTable[] {
  return groups.map((g) => ({
    sheet: g.groupName.replace(/[\\/?*[\]:]/g, '-').slice(0, 31),
    title: `${name} · ${g.groupName}`,
    headers: [
      '名次',
      '单位编码',
      '单位名称',
      '抽签号',
      '综合汇报演说',
      '所获荣誉',
      '干部作风评价',
      '总分',
      '评委人数',
    ],
    rows: g.rows.map((r) => [
      r.rank,
      r.unitCode,
      r.unitName,
      r.lotOrder,
      r.jury,
      r.honour,
      r.cadre,
      r.total,
      r.judgeCount,
    ]),
    decimals: [4, 5, 6, 7],
  }));
}

/** The year-end overall workbook: one sheet per group, a column per contest. */
export function overallTables(o: OverallResult): ExportTable[] {
  return o.groups.map((g) => ({
    sheet: g.groupName.replace(/[\\/?*[\]:]/g, '-').slice(0, 31),
    title: `${o.year}年度擂台赛年终总评 · ${g.groupName}`,
    headers: ['名次', '单位编码', '单位名称', '参赛次数', '平均分', ...o.contests.map((c) => c.name)],
    rows: g.rows.map((r) => [
      r.rank,
      r.unitCode,
      r.unitName,
      r.contests,
      r.mean,
      ...o.contests.map((c) => r.totals[c.code] ?? null),
    ]),
    decimals: [4, ...o.contests.map((_, i) => 5 + i)],
  }));
}
