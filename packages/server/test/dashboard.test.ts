import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round1, round2 } from '@wuxing/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { ScoreEntryBody } from '../src/contracts/campaigns';
import type { DashboardView, VillageDashboardView } from '../src/contracts/dashboard';
import { redactUrl } from '../src/lib/redactUrl';
import { insertCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { makeBigScreenLink } from '../src/services/dashboard.service';
import { raiseProblem } from '../src/services/problem.service';
import { enterScore } from '../src/services/score.service';
import { setTargets } from '../src/services/target.service';
import { createUnit } from '../src/services/unit.service';
import { createUser } from '../src/services/user.service';
import { commitWarnings } from '../src/services/warning.service';
import { type Client, DEMO_PASSWORD, describeEachDialect, TEST_SETTINGS } from './harness';
import { openStream, type SseStream, until } from './sseClient';

/**
 * 数据看板: every figure of the district and street dashboards and of a village's view equals the same figure
 * computed independently from the ledger through the other APIs (ranking, profile, problem statistics and
 * list, warnings, rounds, contest results, courtyard statistics) — on the demo and on a small fixture built
 * through the services. Then who may see what, the big-screen link, its public view, its live version stream
 * and the token kept out of the log.
 */

// ——— Independent figures from the other APIs ———

interface RankingRow {
  rank: number;
  unitCode: string;
  unitName: string;
  score: number;
  display: string;
  stars: Record<string, number | null>;
  change: number | null;
  rating: { count: number; earned: string[] } | null;
}

async function json<T>(client: Client, url: string): Promise<T> {
  const res = await client.get(url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

async function ranking(
  client: Client,
  campaign: string,
  period: string,
  level: 'unit' | 'street' = 'unit',
  street?: string,
): Promise<RankingRow[]> {
  const q = `period=${period}&level=${level}${street ? `&street=${street}` : ''}`;
  return (await json<{ rows: RankingRow[] }>(client, `/api/campaigns/${campaign}/ranking?${q}`)).rows;
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const r2 = (x: number | null) => (x === null ? null : round2(x));
const monthsTo = (month: string) =>
  Array.from(
    { length: Number(month.slice(5)) },
    (_, i) => `${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`,
  );
const rankRow = (r: RankingRow) => ({
  rank: r.rank,
  code: r.unitCode,
  score: round2(r.score),
  change: r.change,
});

/** The star rating the ledger implies when no veto is recorded: ZB ≥ 80, any other star ≥ 80 with ZB earned. */
function earnedByRule(stars: Record<string, number | null>): string[] {
  const zb = (stars.ZB ?? -1) >= 80;
  return Object.entries(stars)
    .filter(([code, s]) => s !== null && s >= 80 && (code === 'ZB' || zb))
    .map(([code]) => code);
}

/**
 * Checks every figure of a dashboard against the ledger as the other APIs show it. `ratingsBy`: the year
 * ranking's ratings (December) or the plain rule (no vetoes) for another month.
 */
async function expectDashboardFromLedger(
  client: Client,
  d: DashboardView,
  opts: { campaign: string; month: string; street: string | null; ratingsBy: 'year' | 'rule' },
): Promise<void> {
  const { campaign, month, street } = opts;
  expect(d.head.month).toBe(month);
  expect(d.head.level).toBe(street ? 'street' : 'district');
  expect(d.head.quarter).toBe(`${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`);
  const rows = await ranking(client, campaign, month, 'unit', street ?? undefined);

  // Ranking: ranks are the campaign's; top 10 and the rest of the bottom 10.
  const shown = (r: DashboardView['top'][number]) => ({
    rank: r.rank,
    code: r.code,
    score: r.score,
    change: r.change,
  });
  expect(d.top.map(shown)).toEqual(rows.slice(0, 10).map(rankRow));
  expect(d.top.map((r) => r.name)).toEqual(rows.slice(0, 10).map((r) => r.unitName));
  expect(d.bottom.map(shown)).toEqual(rows.slice(Math.max(10, rows.length - 10)).map(rankRow));
  expect(d.kpis.units).toBe(rows.length);
  expect(d.kpis.avgScore).toBe(r2(mean(rows.map((r) => r.score))));

  // Distribution: ten-point bands of the displayed score.
  for (const bucket of d.distribution) {
    const inBand = rows.filter((r) => {
      const shown = Number(r.display);
      return shown >= bucket.from && (shown < bucket.to || (bucket.to === 100 && shown === 100));
    });
    expect(bucket.count, bucket.label).toBe(inBand.length);
    expect([...bucket.units].sort()).toEqual(inBand.map((r) => r.unitCode).sort());
  }
  expect(d.distribution.reduce((n, b) => n + b.count, 0)).toBe(rows.length);

  // Stars and ratings.
  const earned = new Map<string, string[]>();
  if (opts.ratingsBy === 'year') {
    const year = await ranking(client, campaign, month.slice(0, 4), 'unit', street ?? undefined);
    for (const r of year) earned.set(r.unitCode, r.rating?.earned ?? []);
  } else for (const r of rows) earned.set(r.unitCode, earnedByRule(r.stars));
  for (const s of d.stars) {
    const scores = rows.flatMap((r) =>
      r.stars[s.code] === null || r.stars[s.code] === undefined ? [] : [r.stars[s.code] as number],
    );
    expect(s.targeted, s.code).toBe(scores.length);
    const avg = mean(scores);
    if (avg === null) expect(s.avgScore).toBeNull();
    else expect(Math.abs((s.avgScore ?? Number.NaN) - avg), s.code).toBeLessThanOrEqual(0.0051);
    expect(s.reached, s.code).toBe(rows.filter((r) => earned.get(r.unitCode)?.includes(s.code)).length);
  }
  for (const rating of d.ratings) {
    const units = rows
      .filter((r) => (earned.get(r.unitCode) ?? []).length === rating.stars)
      .map((r) => r.unitCode);
    expect(rating.units, `${rating.stars} stars`).toEqual(units.sort());
    expect(rating.count).toBe(units.length);
  }

  // Streets (district level): the street ranking.
  if (!street) {
    const streets = await ranking(client, campaign, month, 'street');
    expect(d.streets.map(shown)).toEqual(streets.map(rankRow));
  } else expect(d.streets).toEqual([]);

  // Trend: each month's ranking.
  const months = monthsTo(month);
  expect(d.trend.months).toEqual(months);
  for (const [i, t] of months.entries()) {
    const unitRows = await ranking(client, campaign, t, 'unit', street ?? undefined);
    expect(d.trend.overall.scores[i], t).toBe(r2(mean(unitRows.map((r) => r.score))));
    const lines = street ? unitRows : await ranking(client, campaign, t, 'street');
    for (const line of d.trend.series) {
      const row = lines.find((r) => r.unitCode === line.code);
      expect(line.scores[i], `${line.code} ${t}`).toBe(row ? round2(row.score) : null);
    }
  }
  expect(d.trend.series.map((s) => s.code)).toEqual(
    street
      ? rows.map((r) => r.unitCode)
      : (await ranking(client, campaign, month, 'street')).map((r) => r.unitCode),
  );

  // Problem funnel: the statistics page's figures and the ledger's raw status counts.
  const stats = await json<{ total: StatsRow; rows: StatsRow[] }>(
    client,
    `/api/problems/stats?campaign=${campaign}&level=street`,
  );
  const figures = street ? stats.rows.find((r) => r.unitCode === street) : stats.total;
  if (!figures) throw new Error('no statistics row');
  const list = await json<{ counts: Record<string, number> }>(
    client,
    `/api/problems?campaign=${campaign}${street ? `&street=${street}` : ''}&pageSize=1`,
  );
  const c = list.counts as {
    open: number;
    submitted: number;
    reviewing: number;
    closed: number;
    overdue: number;
  };
  expect(d.funnel).toEqual({
    notified: figures.notified,
    submitted: c.submitted + c.reviewing + c.closed,
    reviewed: c.reviewing + c.closed,
    closed: figures.closed,
    overdue: figures.overdue,
    closureRate: figures.notified === 0 ? null : round1((100 * figures.closed) / figures.notified),
  });
  expect(c.open + c.submitted + c.reviewing + c.closed).toBe(figures.notified);
  expect(c.overdue).toBe(figures.overdue);
  expect(d.kpis.problemsOpen).toBe(figures.notified - figures.closed);
  expect(d.kpis.problemsOverdue).toBe(figures.overdue);

  // Warnings: the warnings page's active ones.
  const warnings = await json<{ rows: { id: string; level: string }[] }>(
    client,
    `/api/campaigns/${campaign}/warnings?status=active${street ? `&street=${street}` : ''}`,
  );
  expect(d.warnings.active).toBe(warnings.rows.length);
  expect(d.warnings.red).toBe(warnings.rows.filter((w) => w.level === 'red').length);
  expect(d.warnings.yellow).toBe(warnings.rows.filter((w) => w.level === 'yellow').length);
  expect(d.kpis.warningsActive).toBe(warnings.rows.length);
  expect(d.warnings.rows.map((w) => w.id).sort()).toEqual(
    warnings.rows
      .slice(0, 20)
      .map((w) => w.id)
      .sort(),
  );
  const firstYellow = d.warnings.rows.findIndex((w) => w.level === 'yellow');
  if (firstYellow >= 0)
    expect(d.warnings.rows.slice(firstYellow).every((w) => w.level === 'yellow')).toBe(true);

  // Rounds: the rounds list's start days (the district's rounds and the street's own).
  const rounds = (
    await json<{ rounds: { startsOn: string; streetCode: string | null }[] }>(
      client,
      `/api/rounds?campaign=${campaign}`,
    )
  ).rounds.filter((r) => r.streetCode === null || !street || r.streetCode === street);
  expect(d.kpis.roundsInMonth).toBe(rounds.filter((r) => r.startsOn.startsWith(month)).length);
  expect(d.kpis.roundsToDate).toBe(rounds.filter((r) => r.startsOn.slice(0, 7) <= month).length);

  // Heat map (street level): the ranking's per-star columns.
  if (street) {
    expect(d.heatmap?.rows).toEqual(
      rows.map((r) => ({
        code: r.unitCode,
        name: r.unitName,
        scores: (d.heatmap?.stars ?? []).map((s) => r.stars[s.code] ?? null),
      })),
    );
  } else expect(d.heatmap).toBeNull();
}

interface StatsRow {
  unitCode: string;
  notified: number;
  closed: number;
  overdue: number;
}

interface ProfileView {
  score: number;
  rank: number;
  total: number;
  targets: string[];
  stars: {
    code: string;
    targeted: boolean;
    score: number | null;
    deductions: { problemId: string; points: number }[];
  }[];
  months: { month: string; score: number; rank: number; change: number | null }[];
  items: {
    code: string;
    star: string;
    module: string;
    month: string;
    max: number;
    score: number | null;
    na: boolean;
  }[];
}

/** Checks a village's view against its profile, the campaign's modules, the problems and warnings APIs. */
async function expectVillageFromLedger(
  client: Client,
  v: VillageDashboardView,
  opts: { campaign: string; month: string; unit: string },
): Promise<void> {
  const { campaign, month, unit } = opts;
  const profile = await json<ProfileView>(
    client,
    `/api/campaigns/${campaign}/units/${unit}/profile?period=${month}`,
  );
  const atMonth = profile.months.find((m) => m.month === month);
  expect(v.unit.code).toBe(unit);
  expect(v.score).toBe(round2(profile.score));
  expect(v.rank).toBe(profile.rank);
  expect(v.total).toBe(profile.total);
  expect(v.change).toBe(atMonth?.change ?? null);
  expect(v.stars.map((s) => ({ code: s.code, targeted: s.targeted, score: s.score }))).toEqual(
    profile.stars.map((s) => ({
      code: s.code,
      targeted: s.targeted,
      score: s.score === null ? null : round2(s.score),
    })),
  );
  expect(v.rankTrend).toEqual(
    profile.months
      .filter((m) => m.month <= month)
      .map((m) => ({ month: m.month, rank: m.rank, score: round2(m.score) })),
  );

  // Losses: per item due so far, B(m)·x/X minus B(m)·e/X over the profile's items (SCORING.md).
  const detail = await json<{ modules: { code: string; budget: number; kind: string }[] }>(
    client,
    `/api/campaigns/${campaign}`,
  );
  const budget = new Map(detail.modules.filter((m) => m.kind === 'plan').map((m) => [m.code, m.budget]));
  const planned = profile.items.filter((i) => budget.has(i.module) && !i.na);
  const plan = new Map<string, number>();
  for (const i of planned)
    plan.set(`${i.star}/${i.module}`, (plan.get(`${i.star}/${i.module}`) ?? 0) + i.max);
  const expected = planned
    .filter((i) => i.month <= month)
    .map((i) => {
      const b = budget.get(i.module) ?? 0;
      const x = plan.get(`${i.star}/${i.module}`) ?? 1;
      const max = (b * i.max) / x;
      const got = (b * (i.score ?? 0)) / x;
      return { item: i.code, star: i.star, max, got, lost: max - got };
    })
    .filter((l) => l.lost > 1e-9)
    .sort((a, b) => b.lost - a.lost || (a.item < b.item ? -1 : 1))
    .slice(0, 10);
  expect(v.losses.map((l) => ({ item: l.item, star: l.star, max: l.max, got: l.got, lost: l.lost }))).toEqual(
    expected.map((l) => ({
      item: l.item,
      star: l.star,
      max: round2(l.max),
      got: round2(l.got),
      lost: round2(l.lost),
    })),
  );

  // Problems: deductions are the profile's deduction lines; open ones and those that cost points are listed.
  const deduction = new Map<string, number>();
  for (const s of profile.stars)
    for (const d of s.deductions) deduction.set(d.problemId, (deduction.get(d.problemId) ?? 0) + d.points);
  const problems = (
    await json<{ rows: { id: string; status: string; deadline: string; overdue: boolean }[] }>(
      client,
      `/api/problems?campaign=${campaign}&unit=${unit}&pageSize=500`,
    )
  ).rows;
  const listed = problems.filter((p) => p.status !== 'closed' || (deduction.get(p.id) ?? 0) > 0);
  expect(v.problems.map((p) => p.id).sort()).toEqual(
    listed
      .slice(0, 20)
      .map((p) => p.id)
      .sort(),
  );
  for (const p of v.problems) {
    expect(p.deduction, p.number).toBe(round2(deduction.get(p.id) ?? 0));
    expect(p.overdue).toBe(problems.find((x) => x.id === p.id)?.overdue);
  }
  for (let i = 1; i < v.problems.length; i++)
    expect((v.problems[i - 1]?.deduction ?? 0) >= (v.problems[i]?.deduction ?? 0)).toBe(true);

  // Due: open problems' deadlines, pending talks, tasks not yet done; soonest first.
  const open = problems.filter((p) => p.status === 'open');
  expect(
    v.due
      .filter((x) => x.kind === 'problem')
      .map((x) => x.link)
      .sort(),
  ).toEqual(open.map((p) => `/problems/${p.id}`).sort());
  const warnings = (
    await json<{ rows: { id: string; talkStatus: string; talkDueOn: string }[] }>(
      client,
      `/api/campaigns/${campaign}/warnings?status=active&unit=${unit}`,
    )
  ).rows.filter((w) => w.talkStatus === 'pending' || w.talkStatus === 'overdue');
  expect(
    v.due
      .filter((x) => x.kind === 'warning')
      .map((x) => x.due)
      .sort(),
  ).toEqual(warnings.map((w) => w.talkDueOn).sort());
  const tasks = await json<{ counts: { pending: number; overdue: number; returned: number } }>(
    client,
    `/api/campaigns/${campaign}/units/${unit}/tasks`,
  );
  expect(v.due.filter((x) => x.kind === 'task')).toHaveLength(
    tasks.counts.pending + tasks.counts.overdue + tasks.counts.returned,
  );
  for (let i = 1; i < v.due.length; i++)
    expect((v.due[i - 1]?.due ?? '') <= (v.due[i]?.due ?? '')).toBe(true);
}

/** Contest and courtyard summaries: the newest announced contest's results, the newest courtyard campaign's statistics. */
async function expectSummariesFromLedger(
  client: Client,
  d: DashboardView,
  street: string | null,
): Promise<void> {
  const contests = (
    await json<{ rows: { code: string; status: string; date: string }[] }>(client, '/api/contests')
  ).rows;
  const chosen = contests.find((c) => c.status === 'announced') ?? contests[0];
  if (!chosen) expect(d.contest).toBeNull();
  else {
    expect(d.contest?.code).toBe(chosen.code);
    const results = await json<{
      groups: { groupName: string; rows: { rank: number; unitName: string; total: number }[] }[];
    }>(client, `/api/contests/${chosen.code}/results`);
    expect(d.contest?.groups).toEqual(
      results.groups.map((g) => ({
        name: g.groupName,
        top: g.rows.slice(0, 3).map((r) => ({ rank: r.rank, unitName: r.unitName, total: round2(r.total) })),
      })),
    );
  }
  const courtyards = (
    await json<{ rows: { code: string; year: number }[] }>(client, '/api/courtyard-campaigns')
  ).rows;
  if (courtyards.length === 0) {
    expect(d.courtyard).toBeNull();
    return;
  }
  const newest = Math.max(...courtyards.map((c) => c.year));
  const code = d.courtyard?.code ?? '';
  expect(courtyards.find((c) => c.code === code)?.year).toBe(newest);
  const stats = await json<{ total: CourtyardRow; streets: CourtyardRow[] }>(
    client,
    `/api/courtyard-campaigns/${code}/stats${street ? `?streetCode=${street}` : ''}`,
  );
  const row = street ? stats.streets.find((s) => s.code === street) : stats.total;
  expect(d.courtyard).toMatchObject({
    households: row?.households,
    applications: row?.applications,
    village: row?.levels.village,
    street: row?.levels.street,
    district: row?.levels.district,
    city: row?.levels.city,
  });
}

interface CourtyardRow {
  code: string;
  households: number;
  applications: number;
  levels: { village: number; street: number; district: number; city: number };
}

/** The data versions a big screen's stream was sent, in order. */
const versionsOf = (s: SseStream) =>
  s.events.filter((e) => e.event === 'version').map((e) => (e.data as { version: string }).version);

// ——— The demo ———

describeEachDialect('数据看板 dashboards on the demo', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;

  beforeAll(async () => {
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('village');
  });

  it('the district dashboard defaults to the newest campaign at its latest scored month, every figure from the ledger', async () => {
    const d = await json<DashboardView>(admin, '/api/dashboard');
    expect(d.head.campaign.code).toBe('WX2023');
    expect(d.head.months).toEqual(monthsTo('2023-12'));
    expect(d.head.scope).toEqual({ code: 'SL', name: '石龙区' });
    await expectDashboardFromLedger(admin, d, {
      campaign: 'WX2023',
      month: '2023-12',
      street: null,
      ratingsBy: 'year',
    });
    await expectSummariesFromLedger(admin, d, null);
    expect(d.contest).not.toBeNull();
    expect(d.courtyard).not.toBeNull();
  });

  it('a mid-year month: the figures stand at that month', async () => {
    const d = await json<DashboardView>(admin, '/api/dashboard?campaign=WX2023&month=2023-06');
    await expectDashboardFromLedger(admin, d, {
      campaign: 'WX2023',
      month: '2023-06',
      street: null,
      ratingsBy: 'rule',
    });
  });

  it('the street admin sees its own street (龙兴街道); the district admin gets the same with ?street=', async () => {
    const d = await json<DashboardView>(street, '/api/dashboard?campaign=WX2023');
    expect(d.head.scope).toEqual({ code: 'LX', name: '龙兴街道' });
    await expectDashboardFromLedger(street, d, {
      campaign: 'WX2023',
      month: '2023-12',
      street: 'LX',
      ratingsBy: 'year',
    });
    // The contest's results are the district's to read; the summary is the same one the district sees.
    await expectSummariesFromLedger(admin, d, 'LX');
    expect(d.heatmap?.rows).toHaveLength(7);
    const same = await json<DashboardView>(admin, '/api/dashboard?campaign=WX2023&street=LX');
    expect({ ...same, head: { ...same.head, computedAt: '' } }).toEqual({
      ...d,
      head: { ...d.head, computedAt: '' },
    });
    expect((await street.get('/api/dashboard?street=LX')).statusCode).toBe(200);
  });

  it('the village view of the village user (何庄村) and of a street admin for one of its villages', async () => {
    const v = await json<VillageDashboardView>(village, '/api/dashboard/village');
    expect(v.unit).toEqual({ code: 'RML-HZ', name: '何庄村', streetName: '人民路街道' });
    await expectVillageFromLedger(village, v, { campaign: 'WX2023', month: '2023-12', unit: 'RML-HZ' });
    expect(v.losses.length).toBeGreaterThan(0);
    const mid = await json<VillageDashboardView>(village, '/api/dashboard/village?month=2023-06');
    await expectVillageFromLedger(village, mid, { campaign: 'WX2023', month: '2023-06', unit: 'RML-HZ' });
    const lx = await json<VillageDashboardView>(street, '/api/dashboard/village?unit=LX-LX');
    await expectVillageFromLedger(street, lx, { campaign: 'WX2023', month: '2023-12', unit: 'LX-LX' });
  });

  it('who may see which dashboard: street admins their street, villages their own view, no one else', async () => {
    const inspector = await env().login('inspector');
    const judge = await env().login('judge');
    const anonymous = env().anonymous();
    expect((await street.get('/api/dashboard?street=RML')).statusCode).toBe(403);
    expect((await village.get('/api/dashboard')).statusCode).toBe(403);
    expect((await inspector.get('/api/dashboard')).statusCode).toBe(403);
    expect((await judge.get('/api/dashboard')).statusCode).toBe(403);
    expect((await anonymous.get('/api/dashboard')).statusCode).toBe(401);
    expect((await village.get('/api/dashboard/village?unit=LX-LX')).statusCode).toBe(403);
    expect((await street.get('/api/dashboard/village?unit=RML-HZ')).statusCode).toBe(403);
    expect((await inspector.get('/api/dashboard/village?unit=LX-LX')).statusCode).toBe(403);
    expect((await judge.get('/api/dashboard/village?unit=LX-LX')).statusCode).toBe(403);
    expect((await anonymous.get('/api/dashboard/village')).statusCode).toBe(401);
    expect((await admin.get('/api/dashboard/village?unit=RML-HZ')).statusCode).toBe(200);
  });

  it('bad input is a 4xx naming the field', async () => {
    const month = await admin.get('/api/dashboard?campaign=WX2023&month=2022-05');
    expect(month.statusCode).toBe(400);
    expect(month.json().error.field).toBe('month');
    expect((await admin.get('/api/dashboard?month=2023-13')).statusCode).toBe(400);
    expect((await admin.get('/api/dashboard?campaign=NOPE')).statusCode).toBe(404);
    const notStreet = await admin.get('/api/dashboard?street=LX-LX');
    expect(notStreet.statusCode).toBe(400);
    expect(notStreet.json().error.field).toBe('street');
    const noUnit = await admin.get('/api/dashboard/village');
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.field).toBe('unit');
    expect((await admin.get('/api/dashboard/village?unit=LX')).statusCode).toBe(404);
  });
});

// ——— A small fixture built through the services ———

const FX = 'FX2025';
const FX_MONTH = '2025-03';
let fxCounter = 0;
const fxKey = (label: string) => `fx-${label}-${String(++fxCounter).padStart(6, '0')}`;

/**
 * FX2025 (one plan module RC worth 100 on each star, twelve monthly items of max 100 per star, 0.5 points off RC
 * per overdue problem and month-end): villages F1, F2, F3 in street FS1 and F4, F5 in FS2; F1 and F4 also target
 * CY. Scores January–March; problems open (one overdue since February), submitted, under review, closed, and
 * one that failed its review; the Q1 warnings committed.
 */
describeEachDialect('数据看板 dashboards on a fixture', (env) => {
  let admin: Client;
  let fsAdmin: Client;
  let f1: Client;
  const sys = (): ServiceContext => env().system();

  async function problem(unit: string, star: string, deadline: string): Promise<string> {
    // Raised in January 2025 (a deadline may not lie before the day a problem is raised).
    const r = await raiseProblem(
      { ...sys(), now: '2025-01-15T02:00:00.000Z' },
      {
        idempotencyKey: fxKey('problem'),
        campaign: FX,
        unitCode: unit,
        star,
        source: 'supervision',
        description: `${unit} 测试问题`,
        severity: 'minor',
        deadline,
        photoKeys: [],
      },
    );
    return r.detail.item.row.id;
  }

  async function post(url: string, body: unknown) {
    const res = await admin.post(url, body);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  }

  beforeAll(async () => {
    const ctx = sys();
    await createUnit(ctx, { code: 'FS1', name: '看板一街道', type: 'street', parentCode: 'SL' });
    await createUnit(ctx, { code: 'FS2', name: '看板二街道', type: 'street', parentCode: 'SL' });
    const villages: Record<string, string> = { F1: 'FS1', F2: 'FS1', F3: 'FS1', F4: 'FS2', F5: 'FS2' };
    const assessed: { unitId: string; weight: number }[] = [];
    for (const [code, parentCode] of Object.entries(villages)) {
      const u = await createUnit(ctx, { code, name: `看板村${code}`, type: 'village', parentCode });
      assessed.push({ unitId: u.id, weight: 1 });
    }
    const items = ['ZB', 'CY'].flatMap((star) =>
      Array.from({ length: 12 }, (_, i) => ({
        code: `${star}-RC-${String(i + 1).padStart(2, '0')}`,
        name: `${i + 1}月日常`,
        star,
        module: 'RC',
        month: `2025-${String(i + 1).padStart(2, '0')}`,
        max: 100,
      })),
    );
    await insertCampaign(ctx, {
      code: FX,
      name: '看板测试方案',
      assessed,
      model: {
        year: 2025,
        stars: [
          { code: 'ZB', name: '支部过硬星' },
          { code: 'CY', name: '产业兴旺星' },
        ],
        modules: [{ code: 'RC', name: '日常工作', budget: 100, kind: 'plan' }],
        items,
        starLine: 80,
        prerequisite: 'ZB',
        trim: false,
        problemDeduction: 0.5,
        deductionModule: 'RC',
      },
    });
    for (const unit of ['F1', 'F4']) await setTargets(ctx, FX, unit, { stars: ['ZB', 'CY'] });
    const zb: Record<string, number[]> = {
      F1: [90, 95, 100],
      F2: [80, 80, 80],
      F3: [70, 65, 60],
      F4: [60, 70, 80],
      F5: [50, 40, 30],
    };
    const cy: Record<string, number[]> = { F1: [40, 50, 60], F4: [100, 100, 90] };
    for (const [star, table] of [['ZB', zb] as const, ['CY', cy] as const])
      for (const [unit, xs] of Object.entries(table))
        for (const [i, points] of xs.entries())
          await enterScore(
            ctx,
            FX,
            ScoreEntryBody.parse({ unitCode: unit, itemCode: `${star}-RC-0${i + 1}`, points }),
          );

    admin = await env().login('admin');
    await problem('F1', 'ZB', '2025-02-10'); // open, overdue since February: 0.5 at February's and March's ends
    await problem('F5', 'ZB', '2030-06-30'); // open, in time
    const submitted = await problem('F2', 'ZB', '2030-06-30');
    const reviewing = await problem('F3', 'ZB', '2030-06-30');
    const closed = await problem('F4', 'CY', '2030-06-30');
    const failed = await problem('F2', 'ZB', '2030-06-30');
    const rectify = (id: string) =>
      post(`/api/problems/${id}/rectify`, {
        idempotencyKey: fxKey('rectify'),
        note: '已整改',
        photoKeys: [],
      });
    const startReview = (id: string) =>
      post(`/api/problems/${id}/start-review`, { idempotencyKey: fxKey('start') });
    const review = (id: string, passed: boolean) =>
      post(`/api/problems/${id}/review`, {
        idempotencyKey: fxKey('review'),
        passed,
        note: passed ? '通过' : '仍未整改',
        photoKeys: [],
      });
    for (const id of [submitted, reviewing, closed, failed]) await rectify(id);
    for (const id of [reviewing, closed, failed]) await startReview(id);
    await review(closed, true);
    await review(failed, false);
    await commitWarnings(ctx, FX, { idempotencyKey: fxKey('eval'), period: '2025-Q1' });

    await createUser(
      ctx,
      {
        username: 'fx-street',
        displayName: '看板一街道管理员',
        role: 'street_admin',
        scopeUnitCode: 'FS1',
        password: 'fx-password-1',
      },
      { mustChangePassword: false },
    );
    await createUser(
      ctx,
      {
        username: 'fx-f1',
        displayName: '看板村F1书记',
        role: 'village_user',
        scopeUnitCode: 'F1',
        password: 'fx-password-1',
      },
      { mustChangePassword: false },
    );
    fsAdmin = await env().login('fx-street', 'fx-password-1');
    f1 = await env().login('fx-f1', 'fx-password-1');
  });

  it('the fixture is what it says: problems in every state, warnings raised', async () => {
    const list = await json<{ counts: Record<string, number> }>(
      admin,
      `/api/problems?campaign=${FX}&pageSize=1`,
    );
    expect(list.counts).toEqual({ open: 3, submitted: 1, reviewing: 1, closed: 1, overdue: 1 });
    const warnings = await json<{ rows: unknown[] }>(admin, `/api/campaigns/${FX}/warnings?status=active`);
    expect(warnings.rows.length).toBeGreaterThan(0);
  });

  it('the district dashboard of the fixture: every figure from the ledger, and the hand-made figures', async () => {
    const d = await json<DashboardView>(admin, `/api/dashboard?campaign=${FX}`);
    expect(d.head.month).toBe(FX_MONTH);
    expect(d.head.months).toEqual(monthsTo(FX_MONTH));
    await expectDashboardFromLedger(admin, d, {
      campaign: FX,
      month: FX_MONTH,
      street: null,
      ratingsBy: 'rule',
    });
    // By hand: F2 scored 80 three times → ZB 100·240/1200 = 20; F5 → 100·120/1200 = 10.
    expect(d.top.find((r) => r.code === 'F2')?.score).toBe(20);
    expect(d.top.at(-1)).toMatchObject({ code: 'F5', score: 10, rank: 5 });
    // Five units: all in the top ten, none left for the bottom ten (the two lists never repeat a unit).
    expect(d.bottom).toEqual([]);
    // F1: ZB 100·285/1200 − 1.0 (overdue at February's and March's ends) = 22.75, CY 12.5 → 17.63.
    expect(d.top.find((r) => r.code === 'F1')?.score).toBe(17.63);
    expect(d.streets.map((s) => s.code).sort()).toEqual(['FS1', 'FS2']);
    expect(d.funnel).toEqual({
      notified: 6,
      submitted: 3,
      reviewed: 2,
      closed: 1,
      overdue: 1,
      closureRate: 16.7,
    });
    expect(d.stars.map((s) => [s.code, s.targeted])).toEqual([
      ['ZB', 5],
      ['CY', 2],
    ]);
    expect(d.kpis).toMatchObject({
      units: 5,
      roundsInMonth: 0,
      roundsToDate: 0,
      problemsOpen: 5,
      problemsOverdue: 1,
    });
  });

  it('the street dashboard of FS1 for its street admin and, with ?street=, for the district', async () => {
    const d = await json<DashboardView>(fsAdmin, `/api/dashboard?campaign=${FX}`);
    expect(d.head.scope).toEqual({ code: 'FS1', name: '看板一街道' });
    await expectDashboardFromLedger(fsAdmin, d, {
      campaign: FX,
      month: FX_MONTH,
      street: 'FS1',
      ratingsBy: 'rule',
    });
    expect(d.heatmap?.rows.map((r) => r.code).sort()).toEqual(['F1', 'F2', 'F3']);
    const fs2 = await json<DashboardView>(admin, `/api/dashboard?campaign=${FX}&street=FS2`);
    await expectDashboardFromLedger(admin, fs2, {
      campaign: FX,
      month: FX_MONTH,
      street: 'FS2',
      ratingsBy: 'rule',
    });
    expect((await fsAdmin.get(`/api/dashboard?campaign=${FX}&street=FS2`)).statusCode).toBe(403);
    const jan = await json<DashboardView>(admin, `/api/dashboard?campaign=${FX}&month=2025-01&street=FS2`);
    await expectDashboardFromLedger(admin, jan, {
      campaign: FX,
      month: '2025-01',
      street: 'FS2',
      ratingsBy: 'rule',
    });
    expect(jan.top.every((r) => r.change === null)).toBe(true);
  });

  it("the village view of F1: losses, the overdue problem's deduction, what is due", async () => {
    const v = await json<VillageDashboardView>(f1, `/api/dashboard/village?campaign=${FX}`);
    await expectVillageFromLedger(f1, v, { campaign: FX, month: FX_MONTH, unit: 'F1' });
    // CY January: worth 100·100/1200 = 8.33, got 100·40/1200 = 3.33: the largest loss.
    expect(v.losses[0]).toMatchObject({ star: 'CY', item: 'CY-RC-01', max: 8.33, got: 3.33, lost: 5 });
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatchObject({ status: 'open', overdue: true, deduction: 1 });
    expect(v.due.find((x) => x.kind === 'problem')).toMatchObject({ due: '2025-02-10', overdue: true });
    expect((await f1.get(`/api/dashboard/village?campaign=${FX}&unit=F2`)).statusCode).toBe(403);
    expect((await fsAdmin.get(`/api/dashboard/village?campaign=${FX}&unit=F4`)).statusCode).toBe(403);
    const f4 = await json<VillageDashboardView>(
      admin,
      `/api/dashboard/village?campaign=${FX}&unit=F4&month=2025-02`,
    );
    await expectVillageFromLedger(admin, f4, { campaign: FX, month: '2025-02', unit: 'F4' });
  });
});

// ——— The big screen ———

describeEachDialect('the district big screen (大屏)', (env) => {
  let admin: Client;
  const apps: FastifyInstance[] = [];
  const dirs: string[] = [];
  const streams: SseStream[] = [];

  beforeAll(async () => {
    admin = await env().login('admin');
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all(apps.map((a) => a.close()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Another app over the same database, listening, with the given poll and log stream. */
  async function instance(options: {
    pollMs: number;
    log?: string[];
  }): Promise<{ base: string; app: FastifyInstance }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-dash-'));
    dirs.push(dataDir);
    const log = options.log;
    const app = await buildApp({
      database: env().database,
      settings: TEST_SETTINGS,
      dataDir,
      ...(log ? { logStream: { write: (line: string) => log.push(line) } } : { logger: false }),
      liveFeed: { pollMs: options.pollMs, heartbeatMs: 60_000 },
    });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, app };
  }

  async function stream(url: string): Promise<SseStream> {
    const s = await openStream(url, '');
    streams.push(s);
    return s;
  }

  it('the link: none at first; made once with its token; then shown without it; a new one ends the old', async () => {
    expect(await json(admin, '/api/dashboard/screen-link')).toEqual({
      exists: false,
      token: null,
      createdAt: null,
      createdByName: null,
    });
    const made = await admin.post('/api/dashboard/screen-link');
    expect(made.statusCode, made.body).toBe(200);
    const first = made.json() as { token: string; createdByName: string; createdAt: string };
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const me = await env()
      .database.db.selectFrom('users')
      .select('display_name')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(first.createdByName).toBe(me.display_name);
    const shown = await json<Record<string, unknown>>(admin, '/api/dashboard/screen-link');
    expect(shown).toEqual({
      exists: true,
      token: null,
      createdAt: first.createdAt,
      createdByName: first.createdByName,
    });
    const anonymous = env().anonymous();
    expect((await anonymous.get(`/api/bigscreen/${first.token}`)).statusCode).toBe(200);

    const second = (await admin.post('/api/dashboard/screen-link')).json() as { token: string };
    expect(second.token).not.toBe(first.token);
    expect((await anonymous.get(`/api/bigscreen/${first.token}`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/bigscreen/${first.token}/events`)).statusCode).toBe(404);
    expect((await anonymous.get(`/api/bigscreen/${second.token}`)).statusCode).toBe(200);
    // Only the hash is kept; the audit says a link was made, never which.
    const stored = await env().system().repos.settings.get('bigscreen.tokenHash');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'dashboard.screenLink')
      .execute();
    expect(audit).toHaveLength(2);
    for (const row of audit) expect(JSON.stringify(row)).not.toContain(second.token);
    expect((await anonymous.get(`/api/bigscreen/${'x'.repeat(32)}`)).statusCode).toBe(404);
  });

  it("the public view carries the district dashboard, with no one's name and no problem text", async () => {
    const { token } = await makeBigScreenLink(env().system());
    const res = await env().anonymous().get(`/api/bigscreen/${token}?campaign=WX2023`);
    expect(res.statusCode, res.body).toBe(200);
    const screen = res.json() as {
      districtName: string;
      demo: boolean;
      version: string;
      dashboard: DashboardView;
    };
    expect(screen.districtName).toBe('石龙区');
    expect(screen.demo).toBe(true);
    expect(screen.version).toMatch(/^\d+$/);
    const district = await json<DashboardView>(admin, '/api/dashboard?campaign=WX2023');
    expect({ ...screen.dashboard, head: { ...screen.dashboard.head, computedAt: '' } }).toEqual({
      ...district,
      head: { ...district.head, computedAt: '' },
    });
    const users = await env().database.db.selectFrom('users').select(['display_name', 'username']).execute();
    for (const u of users) expect(res.body, u.display_name).not.toContain(u.display_name);
    const problems = await env().database.db.selectFrom('problems').select('description').execute();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(res.body).not.toContain(p.description);
  });

  it('the live stream sends the version at once and a new one after a write, woken by the write itself', async () => {
    const { base, app } = await instance({ pollMs: 600_000 }); // no safety poll within the test: only the wake-up
    const { token } = await makeBigScreenLink(env().system());
    const s = await stream(`${base}/api/bigscreen/${token}/events`);
    expect(s.status).toBe(200);
    await until(
      () => versionsOf(s).length >= 1,
      10_000,
      () => 'the first version',
    );
    const first = versionsOf(s)[0] ?? '';
    expect(first).toBe(await env().system().repos.dashboard.dataVersion());
    // A write through this instance's API (a district admin adds a unit): the hook wakes the feed.
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: DEMO_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const write = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken },
      payload: { code: 'SSE-V1', name: '看板推送村', type: 'village', parentCode: 'LX' },
    });
    expect(write.statusCode, write.body).toBe(200);
    await until(
      () => versionsOf(s).length >= 2,
      10_000,
      () => 'a second version',
    );
    expect(Number(versionsOf(s)[1])).toBeGreaterThan(Number(first));
    expect(s.raw.startsWith('retry: 2000')).toBe(true);
  });

  it('a change made elsewhere reaches the stream through the safety poll', async () => {
    const { base } = await instance({ pollMs: 50 });
    const { token } = await makeBigScreenLink(env().system());
    const s = await stream(`${base}/api/bigscreen/${token}/events`);
    await until(
      () => versionsOf(s).length >= 1,
      10_000,
      () => 'the first version',
    );
    // Written straight through a service (no request, no wake-up).
    await createUnit(env().system(), {
      code: 'SSE-V2',
      name: '看板轮询村',
      type: 'village',
      parentCode: 'LX',
    });
    await until(
      () => versionsOf(s).length >= 2,
      10_000,
      () => 'the polled version',
    );
    expect(Number(versionsOf(s)[1])).toBeGreaterThan(Number(versionsOf(s)[0]));
  });

  it('the token never reaches the request log', async () => {
    const log: string[] = [];
    const { app } = await instance({ pollMs: 600_000, log });
    const { token } = await makeBigScreenLink(env().system());
    expect(
      (await app.inject({ method: 'GET', url: `/api/bigscreen/${token}?campaign=WX2023` })).statusCode,
    ).toBe(200);
    await app.inject({ method: 'GET', url: `/bigscreen/${token}` });
    const text = log.join('');
    expect(text).toContain('/api/bigscreen/***?campaign=WX2023');
    expect(text).toContain('"/bigscreen/***"');
    expect(text).not.toContain(token);
  });
});

describe('redactUrl', () => {
  it("masks the big screen's token in its page and API paths, and leaves other paths alone", () => {
    expect(redactUrl('/bigscreen/abcDEF123_-xyz')).toBe('/bigscreen/***');
    expect(redactUrl('/api/bigscreen/abcDEF123_-xyz?month=2023-06')).toBe('/api/bigscreen/***?month=2023-06');
    expect(redactUrl('/api/bigscreen/abcDEF123_-xyz/events')).toBe('/api/bigscreen/***/events');
    expect(redactUrl('/api/screens/tok/events')).toBe('/api/screens/***/events');
    expect(redactUrl('/api/dashboard?month=2023-06')).toBe('/api/dashboard?month=2023-06');
    expect(redactUrl('/api/dashboard/screen-link')).toBe('/api/dashboard/screen-link');
  });
});
