import {
  COURTYARD_LEVEL_LABELS,
  COURTYARD_LEVELS,
  type CourtyardStandingName,
  courtyardRank,
  courtyardYearChange,
  funnelRate,
} from '@wuxing/core';
import type { CourtyardFunnelStage } from '../contracts/courtyard';
import { unitScopeOf } from '../policies/policy';
import type { ApplicationListRow, CourtyardAwardRow } from '../repositories/courtyard.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import type { ServiceContext } from './context';
import { findCampaign, type LoadedCampaign } from './courtyard.service';
import { readerOf } from './household.service';

type LevelCounts = { village: number; street: number; district: number; city: number };

/** One row of the per-street or per-village table. */
export interface StatsRow {
  code: string;
  name: string;
  streetCode: string | null;
  streetName: string | null;
  households: number;
  applications: number;
  villageConfirmed: number;
  streetConfirmed: number;
  rejected: number;
  evaluated: number;
  levels: LevelCounts;
  named: number;
}

export interface CourtyardStats {
  campaign: { code: string; name: string; year: number };
  scope: 'district' | 'street' | 'village';
  streets: StatsRow[];
  villages: StatsRow[];
  total: StatsRow;
  funnel: { stage: CourtyardFunnelStage; count: number; rate: number | null }[];
  change: {
    previous: { code: string; name: string; year: number } | null;
    levels: {
      level: (typeof COURTYARD_LEVELS)[number];
      current: number;
      previous: number | null;
      delta: number | null;
    }[];
    named: number;
    previousNamed: number | null;
    newlyNamed: number;
    dropped: number | null;
    demoted: number;
  };
  quotas: {
    level: (typeof COURTYARD_LEVELS)[number];
    threshold: number;
    quota: number | null;
    used: number;
  }[];
  awards: { plaques: number; materials: number; materialAmount: number };
}

function emptyRow(
  code: string,
  name: string,
  streetCode: string | null,
  streetName: string | null,
): StatsRow {
  return {
    code,
    name,
    streetCode,
    streetName,
    households: 0,
    applications: 0,
    villageConfirmed: 0,
    streetConfirmed: 0,
    rejected: 0,
    evaluated: 0,
    levels: { village: 0, street: 0, district: 0, city: 0 },
    named: 0,
  };
}

function add(row: StatsRow, a: ApplicationListRow): void {
  row.applications++;
  if (a.village_confirmed_at) row.villageConfirmed++;
  if (a.street_confirmed_at) row.streetConfirmed++;
  if (a.status === 'rejected') row.rejected++;
  if (a.score !== null) row.evaluated++;
  if (a.level !== 'none') {
    row.levels[a.level as keyof LevelCounts]++;
    row.named++;
  }
}

/** The viewer's applications of a campaign (optionally one street). */
async function scopedApplications(
  ctx: ServiceContext,
  c: LoadedCampaign,
  streetCode: string | undefined,
): Promise<ApplicationListRow[]> {
  const actor = readerOf(ctx);
  return ctx.repos.courtyards.applicationsInScope(c.row.id, unitScopeOf(actor), { streetCode });
}

/**
 * Statistics of a campaign over the viewer's part of the tree: per street and per village (households, applications,
 * confirmations, evaluated, at each level), the funnel, the change against the previous year's campaign, quota use
 * and awards.
 */
export async function courtyardStats(
  ctx: ServiceContext,
  code: string,
  streetCode?: string,
): Promise<CourtyardStats> {
  const actor = readerOf(ctx);
  const c = await findCampaign(ctx, code);
  const scope = unitScopeOf(actor);
  const apps = await scopedApplications(ctx, c, streetCode);
  // Villages and communities in scope, with their streets.
  const villageUnits = [
    ...(await ctx.repos.units.list(scope, { type: 'village' })),
    ...(await ctx.repos.units.list(scope, { type: 'community' })),
  ];
  const streetCodes = [
    ...new Set(villageUnits.map((v) => v.parent_code).filter((x): x is string => x !== null)),
  ];
  const streetUnits = await ctx.repos.units.findByCodes(streetCodes);
  const streetByCode = new Map(streetUnits.map((s) => [s.code, s]));
  const householdCounts = await ctx.repos.courtyards.householdCountsByVillage();
  const villages = new Map<string, StatsRow>();
  const streets = new Map<string, StatsRow>();
  const total = emptyRow('total', '合计', null, null);
  const ordered = [...villageUnits].sort(
    (a, b) =>
      (streetByCode.get(a.parent_code ?? '')?.sort ?? 0) -
        (streetByCode.get(b.parent_code ?? '')?.sort ?? 0) ||
      a.sort - b.sort ||
      a.code.localeCompare(b.code),
  );
  for (const v of ordered) {
    const s = streetByCode.get(v.parent_code ?? '');
    if (!s || (streetCode && s.code !== streetCode)) continue;
    if (!streets.has(s.code)) streets.set(s.code, emptyRow(s.code, s.name, null, null));
    const row = emptyRow(v.code, v.name, s.code, s.name);
    row.households = householdCounts.get(v.id) ?? 0;
    villages.set(v.code, row);
    const sr = streets.get(s.code);
    if (sr) sr.households += row.households;
    total.households += row.households;
  }
  for (const a of apps) {
    const v = villages.get(a.village_code);
    if (v) add(v, a);
    const s = streets.get(a.street_code);
    if (s) add(s, a);
    add(total, a);
  }
  const reached = (min: number) =>
    apps.filter((a) => courtyardRank(a.level as CourtyardStandingName) >= min).length;
  const funnel: CourtyardStats['funnel'] = (
    [
      ['applied', total.applications],
      ['villageConfirmed', total.villageConfirmed],
      ['streetConfirmed', total.streetConfirmed],
      ['evaluated', total.evaluated],
      ['named', reached(1)],
      ['street', reached(2)],
      ['district', reached(3)],
      ['city', reached(4)],
    ] as const
  ).map(([stage, count]) => ({ stage, count, rate: funnelRate(count, total.applications) }));

  const prevRow = await ctx.repos.courtyards.previousCampaign(c.row.year);
  const prevApps = prevRow
    ? await ctx.repos.courtyards.applicationsInScope(prevRow.id, scope, { streetCode })
    : null;
  const standing = (a: ApplicationListRow) => ({
    householdId: a.household_id,
    level: a.level as CourtyardStandingName,
  });
  const change = courtyardYearChange(apps.map(standing), prevApps ? prevApps.map(standing) : null);
  const inScope = new Set(apps.map((a) => a.household_id));
  const events = await ctx.repos.courtyards.levelEventsOfCampaign(c.row.id);
  const awards = (await ctx.repos.courtyards.awardsOfCampaign(c.row.id)).filter((w) =>
    inScope.has(w.household_id),
  );
  const counts = await ctx.repos.courtyards.campaignCounts();
  const used = (level: string) => counts.find((x) => x.campaign_id === c.row.id && x.level === level)?.n ?? 0;
  const scopeKind: CourtyardStats['scope'] =
    scope.kind === 'all' ? 'district' : actor.role === 'village_user' ? 'village' : 'street';
  return {
    campaign: { code: c.row.code, name: c.row.name, year: c.row.year },
    scope: scopeKind,
    streets: [...streets.values()],
    villages: [...villages.values()],
    total,
    funnel,
    change: {
      previous: prevRow ? { code: prevRow.code, name: prevRow.name, year: prevRow.year } : null,
      ...change,
      demoted: events.filter((e) => e.kind === 'demote' && inScope.has(e.household_id)).length,
    },
    quotas: COURTYARD_LEVELS.map((level) => ({
      level,
      threshold: c.levels[level].threshold,
      quota: c.levels[level].quota,
      used: used(level),
    })),
    awards: {
      plaques: awards.filter((w) => w.kind === 'plaque').length,
      materials: awards.filter((w) => w.kind === 'material').length,
      materialAmount: awards.reduce((s, w) => s + (w.kind === 'material' ? Number(w.amount ?? 0) : 0), 0),
    },
  };
}

export interface CeremonyRow {
  application: ApplicationListRow;
  level: 'district' | 'city';
  namedAt: string | null;
  approvedBy: string | null;
  plaque: CourtyardAwardRow | null;
  materials: CourtyardAwardRow[];
}

/** The award-ceremony list: district- and city-level households in the viewer's part, city first. */
export async function courtyardCeremony(
  ctx: ServiceContext,
  code: string,
  streetCode?: string,
): Promise<{ campaign: LoadedCampaign; rows: CeremonyRow[] }> {
  readerOf(ctx);
  const c = await findCampaign(ctx, code);
  const apps = (await scopedApplications(ctx, c, streetCode)).filter(
    (a) => a.level === 'district' || a.level === 'city',
  );
  const events = await ctx.repos.courtyards.levelEventsOfCampaign(c.row.id);
  const awards = await ctx.repos.courtyards.awardsOfCampaign(c.row.id);
  const lastNomination = new Map<string, (typeof events)[number]>();
  for (const e of events) if (e.kind === 'nominate') lastNomination.set(`${e.household_id}|${e.to_level}`, e);
  const rows = apps.map((a) => {
    const e = lastNomination.get(`${a.household_id}|${a.level}`);
    const mine = awards.filter((w) => w.household_id === a.household_id);
    return {
      application: a,
      level: a.level as 'district' | 'city',
      namedAt: e?.at ?? null,
      approvedBy: e?.approved_by ?? null,
      plaque: mine.find((w) => w.kind === 'plaque' && w.level === a.level) ?? null,
      materials: mine.filter((w) => w.kind === 'material' && w.level === a.level),
    };
  });
  rows.sort(
    (x, y) =>
      courtyardRank(y.level) - courtyardRank(x.level) ||
      x.application.street_code.localeCompare(y.application.street_code) ||
      x.application.household_code.localeCompare(y.application.household_code),
  );
  return { campaign: c, rows };
}

const LEVEL_HEADERS = COURTYARD_LEVELS.map((l) => COURTYARD_LEVEL_LABELS[l]);

function statsLine(r: StatsRow): (string | number | null)[] {
  return [
    r.households,
    r.applications,
    r.villageConfirmed,
    r.streetConfirmed,
    r.rejected,
    r.evaluated,
    ...COURTYARD_LEVELS.map((l) => r.levels[l]),
    r.named,
  ];
}

const STATS_HEADERS = [
  '住户数',
  '申报',
  '村确认',
  '街道确认',
  '退回',
  '已评分',
  ...LEVEL_HEADERS,
  '命名合计',
];

const FUNNEL_LABEL: Record<CourtyardFunnelStage, string> = {
  applied: '申报',
  villageConfirmed: '村确认',
  streetConfirmed: '街道确认',
  evaluated: '已评分',
  named: '命名(村级及以上)',
  street: '街道级及以上',
  district: '区级及以上',
  city: '市级',
};

/** The statistics as workbook sheets: streets, villages, funnel, change vs the previous year. */
export function courtyardStatsTables(s: CourtyardStats): ExportTable[] {
  const title = `${s.campaign.name}（${s.campaign.code}）`;
  return [
    {
      sheet: '街道统计',
      title,
      headers: ['街道编码', '街道', ...STATS_HEADERS],
      rows: [...s.streets.map((r) => [r.code, r.name, ...statsLine(r)]), ['', '合计', ...statsLine(s.total)]],
    },
    {
      sheet: '村(社区)统计',
      title,
      headers: ['街道', '村(社区)编码', '村(社区)', ...STATS_HEADERS],
      rows: s.villages.map((r) => [r.streetName, r.code, r.name, ...statsLine(r)]),
    },
    {
      sheet: '漏斗',
      title,
      headers: ['环节', '户数'],
      rows: s.funnel.map((f) => [FUNNEL_LABEL[f.stage], f.count]),
    },
    {
      sheet: '同比',
      title: s.change.previous ? `${title} 与 ${s.change.previous.name} 比较` : `${title}（无上年数据）`,
      headers: ['级别', '本年', '上年', '增减'],
      rows: [
        ...s.change.levels.map((l) => [COURTYARD_LEVEL_LABELS[l.level], l.current, l.previous, l.delta]),
        [
          '命名合计',
          s.change.named,
          s.change.previousNamed,
          s.change.previousNamed === null ? null : s.change.named - s.change.previousNamed,
        ],
        ['新命名', s.change.newlyNamed, null, null],
        ['上年命名本年未命名', s.change.dropped, null, null],
        ['本年降级', s.change.demoted, null, null],
      ],
    },
  ];
}

/** The ceremony list as one sheet. */
export function courtyardCeremonyTable(campaign: LoadedCampaign, rows: CeremonyRow[]): ExportTable {
  return {
    sheet: '表彰名单',
    title: `${campaign.row.name} 表彰名单（区级、市级）`,
    headers: [
      '级别',
      '街道',
      '村(社区)',
      '户编码',
      '户主',
      '地址',
      '得分',
      '命名时间',
      '审批单位',
      '挂牌',
      '挂牌日期',
      '物质奖励',
    ],
    decimals: [6],
    rows: rows.map((r) => [
      COURTYARD_LEVEL_LABELS[r.level],
      r.application.street_name,
      r.application.village_name,
      r.application.household_code,
      r.application.head_name,
      r.application.address,
      r.application.score === null ? null : Number(r.application.score),
      r.namedAt ? r.namedAt.slice(0, 10) : null,
      r.approvedBy,
      r.plaque ? '已挂牌' : '未挂牌',
      r.plaque?.given_on ?? null,
      r.materials
        .map((m) => (m.amount === null ? m.description : `${m.description}（${m.amount}元）`))
        .join('；') || null,
    ]),
  };
}
