import { awardCandidates, type CandidateMiss, round2, unitsByStarCount } from '@wuxing/core';
import type { AwardRulesQuery } from '../contracts/results';
import { authorize } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import { findCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { problemStats } from './problemRead.service';
import { computeRanking } from './ranking.service';
import { publishedOrComputed } from './starRating.service';

/**
 * 结果运用: a year's results in the shapes other decisions use. Every figure comes from where it is computed —
 * ranks and scores from the ranking service (core), star counts and vetoes from the star rating (the confirmed
 * version when there is one), problem figures from the ledger's statistics (core's problemFigures); the rules
 * that pick award candidates are core's awardCandidates. District admins only.
 */

export interface CandidateRow {
  rank: number | null;
  unitCode: string;
  unitName: string;
  streetName: string | null;
  score: number | null;
  stars: number;
  label: string;
  starNames: string[];
  vetoes: string[];
  redWarning: boolean;
  eligible: boolean;
  misses: CandidateMiss[];
}

export interface CandidateList {
  campaign: CampaignRow;
  rules: { minStars: number; topK: number | null; excludeVetoed: boolean; excludeRedWarning: boolean };
  ratingVersion: number | null;
  warningsAvailable: boolean;
  rows: CandidateRow[];
}

/** Units with a red warning (预警) in the campaign year, active or lifted since: the history counts. */
async function redWarned(ctx: ServiceContext, campaign: CampaignRow): Promise<Set<string> | null> {
  const red = await ctx.repos.warnings.list(campaign.id, { kind: 'all' }, { level: 'red' });
  return new Set(red.map((w) => w.unit_code));
}

/** Every assessed unit with the year's rank, score, stars and vetoes, and whether the rules make it a candidate. */
export async function candidateList(
  ctx: ServiceContext,
  code: string,
  query: AwardRulesQuery,
): Promise<CandidateList> {
  authorize(ctx.actor, { do: 'results.export' });
  const campaign = await findCampaign(ctx.repos, code);
  const ranking = await computeRanking(
    ctx.repos,
    campaign,
    { period: String(campaign.year), level: 'unit' },
    { kind: 'all' },
  );
  const rated = await publishedOrComputed(ctx, code);
  const red = await redWarned(ctx, campaign);
  const rules = {
    minStars: query.minStars,
    topK: query.topK ?? null,
    excludeVetoed: query.excludeVetoed,
    excludeRedWarning: query.excludeRedWarning && red !== null,
  };
  const rankOf = new Map(ranking.rows.map((r) => [r.code, r]));
  const starName = new Map(rated.stars.map((s) => [s.code, s.name]));
  const facts = rated.rows.map((r) => ({
    unit: r.unitCode,
    rank: rankOf.get(r.unitCode)?.rank ?? null,
    stars: r.count,
    vetoed: r.vetoes.length > 0,
    redWarning: red?.has(r.unitCode) ?? false,
  }));
  const verdicts = new Map(awardCandidates(facts, rules).map((v) => [v.unit, v]));
  const rows: CandidateRow[] = rated.rows.map((r) => {
    const ranked = rankOf.get(r.unitCode);
    const verdict = verdicts.get(r.unitCode);
    return {
      rank: ranked?.rank ?? null,
      unitCode: r.unitCode,
      unitName: r.unitName,
      streetName: r.streetName,
      score: ranked ? round2(ranked.score) : null,
      stars: r.count,
      label: r.label,
      starNames: r.stars.filter((s) => s.earned).map((s) => starName.get(s.star) ?? s.star),
      vetoes: r.vetoes.map((v) => `${starName.get(v.star) ?? v.star}：${v.reason}`),
      redWarning: red?.has(r.unitCode) ?? false,
      eligible: verdict?.eligible ?? false,
      misses: verdict?.misses ?? [],
    };
  });
  rows.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.unitCode.localeCompare(b.unitCode),
  );
  return { campaign, rules, ratingVersion: rated.version, warningsAvailable: red !== null, rows };
}

const MISS_TEXT: Record<CandidateMiss, string> = {
  stars: '星级不足',
  rank: '名次不在前列',
  veto: '有一票否决',
  redWarning: '有红色预警',
};

/** The rules in words, for the title row of the export. */
function rulesText(list: CandidateList): string {
  const r = list.rules;
  return [
    `星级≥${r.minStars}`,
    r.topK === null ? null : `年度排名前${r.topK}名`,
    r.excludeVetoed ? '无一票否决' : null,
    r.excludeRedWarning ? '无红色预警' : null,
  ]
    .filter((x) => x !== null)
    .join('、');
}

export const CANDIDATE_HEADERS = [
  '序号',
  '年度排名',
  '单位编码',
  '单位名称',
  '所属街道',
  '年度得分',
  '星级',
  '所获星',
  '否决情况',
  '红色预警',
  '是否入选',
  '未入选原因',
];

/** Two sheets: the candidates, and every unit with why it is not one. */
export function candidateTables(list: CandidateList): ExportTable[] {
  const version = list.ratingVersion === null ? '评星未确认' : `评星第${list.ratingVersion}版`;
  const title = (what: string) =>
    `${list.campaign.name} ${list.campaign.year}年度两优一先${what}（规则：${rulesText(list)}；${version}）`;
  const row = (r: CandidateRow, i: number) => [
    i + 1,
    r.rank,
    r.unitCode,
    r.unitName,
    r.streetName,
    r.score,
    r.label,
    r.starNames.join('、') || null,
    r.vetoes.join('；') || null,
    r.redWarning ? '是' : '否',
    r.eligible ? '是' : '否',
    r.misses.map((m) => MISS_TEXT[m]).join('、') || null,
  ];
  return [
    {
      sheet: '候选名单',
      title: title('候选名单'),
      headers: CANDIDATE_HEADERS,
      decimals: [5],
      rows: list.rows.filter((r) => r.eligible).map(row),
    },
    {
      sheet: '全部单位',
      title: title('全部单位'),
      headers: CANDIDATE_HEADERS,
      decimals: [5],
      rows: list.rows.map(row),
    },
  ];
}

export interface StreetSummaryRow {
  rank: number;
  streetCode: string;
  streetName: string;
  score: number;
  units: number;
  byStars: number[];
  notified: number;
  closed: number;
  closureRate: number | null;
  overdue: number;
}

export interface StreetSummary {
  campaign: CampaignRow;
  ratingVersion: number | null;
  maxStars: number;
  rows: StreetSummaryRow[];
}

/**
 * Per street for cadre assessment: the street's year score and rank (ranking service), its units by star count
 * (the star rating), and its problems notified, closed, closure rate and overdue (the ledger's statistics).
 */
export async function streetSummary(ctx: ServiceContext, code: string): Promise<StreetSummary> {
  authorize(ctx.actor, { do: 'results.export' });
  const campaign = await findCampaign(ctx.repos, code);
  const ranking = await computeRanking(
    ctx.repos,
    campaign,
    { period: String(campaign.year), level: 'street' },
    { kind: 'all' },
  );
  const rated = await publishedOrComputed(ctx, code);
  const stats = await problemStats(ctx, { campaign: code, level: 'street' });
  const figures = new Map(stats.rows.map((r) => [r.code, r.figures]));
  const maxStars = rated.stars.length;
  return {
    campaign,
    ratingVersion: rated.version,
    maxStars,
    rows: ranking.rows.map((s) => {
      const counts = rated.rows.filter((r) => r.streetCode === s.code).map((r) => r.count);
      const f = figures.get(s.code);
      return {
        rank: s.rank,
        streetCode: s.code,
        streetName: s.name,
        score: round2(s.score),
        units: counts.length,
        byStars: unitsByStarCount(counts, maxStars),
        notified: f?.notified ?? 0,
        closed: f?.closed ?? 0,
        closureRate: f?.closureRate === null || f?.closureRate === undefined ? null : round2(f.closureRate),
        overdue: f?.overdue ?? 0,
      };
    }),
  };
}

/** 排名 街道 得分 单位数, 未评星 and 一星…n星 单位数, 通报问题 已销号 销号率(%) 逾期未整改. */
export function streetSummaryHeaders(maxStars: number): string[] {
  const digits = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  return [
    '年度排名',
    '街道编码',
    '街道名称',
    '年度得分',
    '参评单位数',
    '未评星单位数',
    ...Array.from({ length: maxStars }, (_, i) => `${digits[i] ?? i + 1}星单位数`),
    '通报问题数',
    '已销号数',
    '销号率(%)',
    '逾期未整改数',
  ];
}

export function streetSummaryTable(summary: StreetSummary): ExportTable {
  const version = summary.ratingVersion === null ? '评星未确认' : `评星第${summary.ratingVersion}版`;
  return {
    sheet: '街道汇总',
    title: `${summary.campaign.name} ${summary.campaign.year}年度街道汇总（干部考核用；${version}）`,
    headers: streetSummaryHeaders(summary.maxStars),
    decimals: [3, 8 + summary.maxStars],
    rows: summary.rows.map((r) => [
      r.rank,
      r.streetCode,
      r.streetName,
      r.score,
      r.units,
      ...r.byStars,
      r.notified,
      r.closed,
      r.closureRate,
      r.overdue,
    ]),
  };
}
