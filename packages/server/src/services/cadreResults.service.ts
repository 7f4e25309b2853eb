import { type CadreFigures, cadreFigures, rankRows, round2 } from '@wuxing/core';
import type { CadreResultsQuery } from '../contracts/cadres';
import { authorize, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import { type Cadre, cadreStreets, withUnits } from './cadre.service';
import { findCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { computeRanking, type Ranking } from './ranking.service';
import { publishedOrComputed } from './starRating.service';

/**
 * 干部考核 (结果运用): each active cadre the caller sees with the results, in a period, of the villages the cadre
 * answers for — their scores and district-wide ranks (the ranking service), the stars they earned (the year's
 * confirmed star rating when there is one) and red warnings — and the cadre's figures from them (core's
 * cadreFigures), ranked among cadres of the same kind by the villages' mean score (core's rankRows).
 */

export interface CadreUnitResult {
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  stars: number | null;
  redWarning: boolean;
}

export interface CadreResultRow {
  rank: number | null;
  cadre: Cadre;
  units: CadreUnitResult[];
  figures: CadreFigures;
}

export interface CadreResults {
  campaign: CampaignRow;
  period: Ranking['period'];
  rankedUnits: number;
  rows: CadreResultRow[];
}

/** Street cadres first, then village-stationed cadres. */
const KIND_ORDER = { street: 0, stationed: 1 } as const;
const KIND_LABEL = { street: '街道干部', stationed: '驻村干部' } as const;

export async function cadreResults(
  ctx: ServiceContext,
  code: string,
  query: CadreResultsQuery,
): Promise<CadreResults> {
  authorize(ctx.actor, { do: 'cadre.list' });
  const campaign = await findCampaign(ctx.repos, code);
  const ranking = await computeRanking(
    ctx.repos,
    campaign,
    { period: query.period ?? String(campaign.year), level: 'unit' },
    unitScopeOf(ctx.actor),
  );
  const byUnit = new Map(ranking.rows.map((r) => [r.code, r]));
  const stars =
    ranking.period.kind === 'year'
      ? new Map((await publishedOrComputed(ctx, code)).rows.map((r) => [r.unitCode, r.count]))
      : null;
  const red = new Set(
    (await ctx.repos.warnings.list(campaign.id, { kind: 'all' }, { level: 'red' })).map((w) => w.unit_code),
  );
  const streets = await cadreStreets(ctx);
  const shown = query.street ? streets.filter((s) => s.street.code === query.street) : streets;
  const cadres = await withUnits(
    ctx,
    await ctx.repos.cadres.list(
      shown.map((s) => s.street.id),
      false,
    ),
  );
  const rows = cadres.map((cadre) => {
    const units = cadre.units.map((u): CadreUnitResult => {
      const ranked = byUnit.get(u.code);
      return {
        code: u.code,
        name: u.name,
        score: ranked ? ranked.score : null,
        rank: ranked ? ranked.rank : null,
        stars: stars ? (stars.get(u.code) ?? null) : null,
        redWarning: red.has(u.code),
      };
    });
    return { cadre, units, figures: cadreFigures(units) };
  });
  const ranks = new Map<string, number>();
  for (const kind of ['street', 'stationed'] as const) {
    const ranked = rankRows(
      rows
        .filter((r) => r.cadre.kind === kind && r.figures.meanScore !== null)
        .map((r) => ({ code: r.cadre.row.id, score: r.figures.meanScore ?? 0 })),
    );
    for (const r of ranked) ranks.set(r.code, r.rank);
  }
  return {
    campaign,
    period: ranking.period,
    rankedUnits: ranking.total,
    rows: rows
      .map((r) => ({ ...r, rank: ranks.get(r.cadre.row.id) ?? null }))
      .sort(
        (a, b) =>
          KIND_ORDER[a.cadre.kind] - KIND_ORDER[b.cadre.kind] ||
          (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
          a.cadre.row.name.localeCompare(b.cadre.row.name, 'zh-CN'),
      ),
  };
}

/** Two sheets: one row per cadre, and one row per cadre and village (the figures behind it). */
export function cadreResultTables(results: CadreResults): ExportTable[] {
  const title = `${results.campaign.name} 干部考核（${results.period.key}，按联系村（社区）结果）`;
  return [
    {
      sheet: '干部考核',
      title,
      headers: [
        '同类排名',
        '姓名',
        '类别',
        '职务',
        '所属街道',
        '联系村（社区）',
        '参评村数',
        '村均得分',
        '最好排名',
        '最差排名',
        '获星总数',
        '红色预警村数',
      ],
      decimals: [7],
      rows: results.rows.map((r) => [
        r.rank,
        r.cadre.row.name,
        KIND_LABEL[r.cadre.kind],
        r.cadre.row.position,
        r.cadre.row.street_name,
        r.units.map((u) => u.name).join('、'),
        r.figures.assessed,
        r.figures.meanScore === null ? null : round2(r.figures.meanScore),
        r.figures.bestRank,
        r.figures.worstRank,
        r.figures.starsTotal,
        r.figures.redWarnings,
      ]),
    },
    {
      sheet: '联系村明细',
      title,
      headers: ['姓名', '类别', '村（社区）编码', '村（社区）', '得分', '排名', '获星数', '红色预警'],
      decimals: [4],
      rows: results.rows.flatMap((r) =>
        r.units.map((u) => [
          r.cadre.row.name,
          KIND_LABEL[r.cadre.kind],
          u.code,
          u.name,
          u.score === null ? null : round2(u.score),
          u.rank,
          u.stars,
          u.redWarning ? '是' : '否',
        ]),
      ),
    },
  ];
}
