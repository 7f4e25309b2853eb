import {
  CONTEST_DEFAULT_HONOUR_TABLE,
  type ContestHonourLevel,
  cadreScore,
  contestTotal,
  drawLots,
  honourPoints,
  juryScore,
  seededRandom,
} from '@wuxing/core';
import type { Insertable } from 'kysely';
import type {
  ContestCadreVotesTable,
  ContestHonoursTable,
  ContestScoresTable,
  ContestUnitsTable,
} from '../db/schema.contest';
import { newId, newToken } from '../lib/ids';
import { hashPassword } from '../lib/password';
import { recordAudit } from '../services/audit.service';
import { loadContest } from '../services/contestLoader';
import { computeResults, type ResultsSnapshot } from '../services/contestResults.service';
import type { ServiceContext } from '../services/context';
import { DEMO_PASSWORD } from './district';

/**
 * The demo's 擂台赛 (示例数据): the 2023 first quarter contest LT-2023-Q1 held on 12 April 2023, announced, all 59
 * units of the four groups scored by a jury of nine (the demo `judge` 评委 陈红 and eight more, two of them
 * heads of participating units who recuse themselves from their own); 评委 赵磊 marks many units far below
 * the panel, so the consistency check flags him. The second quarter LT-2023-Q2 is ready to run: goals,
 * honours and cadre-style votes in, the same jury, lots not drawn yet. Deterministic (seeded PRNG); rows go in
 * through the repositories in batches so the seed stays fast.
 */

export const DEMO_CONTEST_Q1 = 'LT-2023-Q1';
export const DEMO_CONTEST_Q2 = 'LT-2023-Q2';

/** The demo jury after the `judge` login: username, name, own unit (回避), leniency, harshness. */
const DEMO_JUDGES: {
  username: string;
  displayName: string;
  ownUnit: string | null;
  bias: number;
  harsh?: true;
}[] = [
  { username: 'judge-wjg', displayName: '评委 王建国', ownUnit: null, bias: 0.5 },
  { username: 'judge-lmh', displayName: '评委 李明华', ownUnit: 'ZF-02', bias: -0.5 },
  { username: 'judge-zw', displayName: '评委 张伟', ownUnit: 'RML', bias: 0.8 },
  { username: 'judge-lf', displayName: '评委 刘芳', ownUnit: null, bias: -0.8 },
  { username: 'judge-zl', displayName: '评委 赵磊', ownUnit: null, bias: -1, harsh: true },
  { username: 'judge-sj', displayName: '评委 孙静', ownUnit: null, bias: 0.2 },
  { username: 'judge-zt', displayName: '评委 周涛', ownUnit: null, bias: 1 },
  { username: 'judge-wm', displayName: '评委 吴敏', ownUnit: null, bias: -0.3 },
];

const HONOURS: Record<ContestHonourLevel, { titles: string[]; issuer: string }> = {
  national: {
    titles: ['全国文明单位', '全国先进基层党组织', '全国民族团结进步示范集体'],
    issuer: '中共中央、国务院',
  },
  provincial: {
    titles: ['省级文明单位', '省先进基层党组织', '省青年文明号', '省三八红旗集体'],
    issuer: '省委、省政府',
  },
  city: { titles: ['市级文明单位', '市先进集体', '市五一劳动奖状', '市巾帼文明岗'], issuer: '市委、市政府' },
  district: {
    titles: ['区级先进集体', '区优秀基层党组织', '区平安建设先进单位', '区营商环境优秀单位'],
    issuer: '石龙区委、区政府',
  },
};

const GOALS = [
  '完成年度重点项目一季度投资计划的25%以上',
  '开展“我为群众办实事”实践活动不少于3次',
  '落实“三会一课”制度，组织主题党日活动3次',
  '推进政务服务“一网通办”，办件按时办结率100%',
  '完成意识形态工作责任制季度分析研判',
  '化解信访积案2件，矛盾纠纷排查全覆盖',
  '开展安全生产隐患排查，整改率100%',
  '推进人居环境整治，完成背街小巷改造1条',
  '组织干部专题培训2期，参训率不低于95%',
  '落实招商引资任务，签约项目1个以上',
  '完善网格化管理，网格事件办结率98%以上',
  '开展新时代文明实践志愿服务活动4次',
];

interface DemoUnit {
  id: string;
  code: string;
  groupId: string;
  groupOrder: number;
  groupCode: string;
}

interface DemoJudge {
  id: string;
  username: string;
  ownUnitId: string | null;
  bias: number;
  harsh: boolean;
}

const at = (day: string, minutes: number) =>
  new Date(Date.parse(`${day}T01:00:00Z`) + minutes * 60_000).toISOString();

/** The demo's judge accounts: the `judge` login and eight more with the demo password (one hash for all). */
async function demoJudges(sys: ServiceContext, units: Map<string, DemoUnit>): Promise<DemoJudge[]> {
  const chen = await sys.repos.users.findByUsername('judge');
  const out: DemoJudge[] = [];
  if (chen) out.push({ id: chen.id, username: chen.username, ownUnitId: null, bias: 0, harsh: false });
  const hash = await hashPassword(DEMO_PASSWORD, sys.settings.scryptLogN);
  for (const j of DEMO_JUDGES) {
    const id = newId();
    await sys.repos.users.insert({
      id,
      username: j.username,
      display_name: j.displayName,
      role: 'judge',
      scope_unit_id: null,
      password_hash: hash,
      must_change_password: 0,
      disabled: 0,
      demo: 1,
      created_at: sys.now,
      updated_at: sys.now,
      last_login_at: null,
      password_changed_at: sys.now,
    });
    await recordAudit(sys, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      before: null,
      after: { username: j.username, displayName: j.displayName, role: 'judge' },
    });
    out.push({
      id,
      username: j.username,
      ownUnitId: j.ownUnit ? (units.get(j.ownUnit)?.id ?? null) : null,
      bias: j.bias,
      harsh: j.harsh ?? false,
    });
  }
  return out;
}

interface Prepared {
  honours: Omit<Insertable<ContestHonoursTable>, 'contest_id'>[];
  cadre: Omit<Insertable<ContestCadreVotesTable>, 'contest_id'>[];
  goals: Map<string, string>;
}

/** Goals, honours (0–4 a unit, levels mixed) and cadre votes of a quarter. */
function prepare(units: DemoUnit[], year: number, quarter: number, seed: number, now: string): Prepared {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const honours: Prepared['honours'] = [];
  const cadre: Prepared['cadre'] = [];
  const goals = new Map<string, string>();
  const levels: ContestHonourLevel[] = [
    'national',
    'provincial',
    'provincial',
    'city',
    'city',
    'city',
    'district',
  ];
  for (const u of units) {
    const lines = new Set<string>();
    while (lines.size < 3) lines.add(pick(GOALS));
    goals.set(u.id, [...lines].map((l, i) => `${i + 1}. ${l}`).join('\n'));
    const n = Math.floor(random() * 5);
    for (let i = 0; i < n; i++) {
      const level = pick(levels);
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      honours.push({
        id: newId(),
        unit_id: u.id,
        title: pick(HONOURS[level].titles),
        level,
        awarded_on: `${year - 1}-${month}-15`,
        issuer: HONOURS[level].issuer,
        created_by_name: '系统（示例数据）',
        created_at: now,
      });
    }
    const voters = 40 + Math.floor(random() * 21);
    const good = Math.round(voters * (0.45 + random() * 0.4));
    const fairlyGood = Math.round((voters - good) * (0.5 + random() * 0.4));
    const average = Math.round((voters - good - fairlyGood) * random());
    cadre.push({
      unit_id: u.id,
      good,
      fairly_good: fairlyGood,
      average,
      poor: Math.max(0, voters - good - fairlyGood - average),
      imported_at: `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-05T02:00:00.000Z`,
    });
  }
  return { honours, cadre, goals };
}

/** Inserts a contest row with its settings (the default 70/15/15, trim from 5, 300 s). */
async function insertContest(
  sys: ServiceContext,
  c: { code: string; name: string; period: string; date: string; status: string; createdAt: string },
): Promise<string> {
  const id = newId();
  await sys.repos.contests.insert({
    id,
    code: c.code,
    name: c.name,
    year: 2023,
    period: c.period,
    kind: 'quarter',
    date: c.date,
    status: c.status,
    jury_points: 70,
    honour_points: 15,
    cadre_points: 15,
    trim_from: 5,
    speech_seconds: 300,
    honour_table: JSON.stringify(CONTEST_DEFAULT_HONOUR_TABLE),
    screen_token: newToken(24),
    lot_seed: null,
    lots_drawn_at: null,
    lots_drawn_by_name: null,
    current_unit_id: null,
    timer_status: 'idle',
    timer_started_at: null,
    timer_remaining_ms: 300_000,
    started_at: null,
    finished_at: null,
    announced_at: null,
    results_json: null,
    created_by: null,
    created_by_name: '区委组织部 王敏',
    created_at: c.createdAt,
    updated_at: c.createdAt,
    demo: 1,
  });
  await recordAudit(sys, {
    action: 'contest.create',
    entity: 'contest',
    entityId: id,
    before: null,
    after: { code: c.code, name: c.name, period: c.period, date: c.date, demo: true },
  });
  return id;
}

async function insertSetup(
  sys: ServiceContext,
  contestId: string,
  units: DemoUnit[],
  judges: DemoJudge[],
  prepared: Prepared,
  addedAt: string,
  figures?: Map<string, Partial<Insertable<ContestUnitsTable>>>,
): Promise<void> {
  await sys.repos.contests.insertUnits(
    units.map((u) => ({
      contest_id: contestId,
      unit_id: u.id,
      group_id: u.groupId,
      group_order: u.groupOrder,
      lot_order: null,
      state: 'waiting',
      goals: prepared.goals.get(u.id) ?? '',
      jury_score: null,
      honour_score: null,
      cadre_score: null,
      total: null,
      called_at: null,
      closed_at: null,
      ...(figures?.get(u.id) ?? {}),
    })),
  );
  await sys.repos.contests.insertJudges(
    judges.map((j, i) => ({
      contest_id: contestId,
      user_id: j.id,
      own_unit_id: j.ownUnitId,
      // a second apart, so the jury lists in the order of DEMO_JUDGES after 评委 陈红
      added_at: new Date(Date.parse(addedAt) + i * 1000).toISOString(),
    })),
  );
  await sys.repos.contests.insertHonours(prepared.honours.map((h) => ({ ...h, contest_id: contestId })));
  await sys.repos.contests.replaceCadreVotes(
    contestId,
    prepared.cadre.map((c) => ({ ...c, contest_id: contestId })),
  );
}

/** The first quarter: lots, every unit called and scored by the jury, closed, finished and announced. */
async function seedQ1(sys: ServiceContext, units: DemoUnit[], judges: DemoJudge[]): Promise<void> {
  const day = '2023-04-12';
  const id = await insertContest(sys, {
    code: DEMO_CONTEST_Q1,
    name: '2023年第一季度“比贡献、亮成绩”擂台赛',
    period: '2023Q1',
    date: day,
    status: 'announced',
    createdAt: '2023-04-03T02:00:00.000Z',
  });
  const prepared = prepare(units, 2023, 1, 20230412, '2023-04-05T02:00:00.000Z');
  const seed = '5a1f0c3e9b2d4768';
  const perGroup: Record<string, string[]> = {};
  for (const u of units) perGroup[u.groupCode] = [...(perGroup[u.groupCode] ?? []), u.code];
  const drawn = drawLots(seed, perGroup);
  const lotOf = new Map<string, number>();
  for (const codes of Object.values(drawn)) for (const [i, code] of codes.entries()) lotOf.set(code, i + 1);
  const ordered = [...units].sort(
    (a, b) => a.groupOrder - b.groupOrder || (lotOf.get(a.code) ?? 0) - (lotOf.get(b.code) ?? 0),
  );
  const random = seededRandom(4122023);
  const scores: Insertable<ContestScoresTable>[] = [];
  const figures = new Map<string, Partial<Insertable<ContestUnitsTable>>>();
  ordered.forEach((u, i) => {
    const start = i * 6;
    const quality = 55 + random() * 12;
    const values: number[] = [];
    for (const j of judges) {
      if (j.ownUnitId === u.id) continue;
      let value = quality + j.bias + (random() - 0.5) * 5;
      if (j.harsh && random() < 0.45) value -= 8 + random() * 5;
      value = Math.min(70, Math.max(40, Math.round(value * 2) / 2));
      values.push(value);
      scores.push({
        id: newId(),
        contest_id: id,
        unit_id: u.id,
        judge_id: j.id,
        score: value,
        submitted_at: at(day, start + 5 + random()),
        status: 'active',
        unlocked_at: null,
        unlocked_by_name: null,
        unlock_reason: null,
        idempotency_key: `demo-${DEMO_CONTEST_Q1}-${u.code}-${j.username}`,
        fingerprint: JSON.stringify([id, u.id, j.id, value]),
      });
    }
    const jury = juryScore(values, 5)?.score ?? 0;
    const levels = prepared.honours
      .filter((h) => h.unit_id === u.id)
      .map((h) => h.level as ContestHonourLevel);
    const honour = honourPoints(levels, CONTEST_DEFAULT_HONOUR_TABLE, 15);
    const v = prepared.cadre.find((c) => c.unit_id === u.id);
    const cadre = v
      ? cadreScore({ good: v.good, fairlyGood: v.fairly_good, average: v.average, poor: v.poor }, 15)
      : 0;
    figures.set(u.id, {
      lot_order: lotOf.get(u.code) ?? null,
      state: 'closed',
      jury_score: jury,
      honour_score: honour,
      cadre_score: cadre,
      total: contestTotal(jury, honour, cadre),
      called_at: at(day, start),
      closed_at: at(day, start + 6),
    });
  });
  await insertSetup(sys, id, units, judges, prepared, '2023-04-06T02:00:00.000Z', figures);
  await sys.repos.contests.insertScores(scores);
  const end = at(day, ordered.length * 6 + 5);
  await sys.repos.contests.update(id, {
    lot_seed: seed,
    lots_drawn_at: '2023-04-10T02:00:00.000Z',
    lots_drawn_by_name: '区委组织部 王敏',
    started_at: at(day, 0),
    finished_at: end,
  });
  const snapshot: ResultsSnapshot = {
    version: 1,
    groups: computeResults(await loadContest(sys, DEMO_CONTEST_Q1)),
  };
  const announcedAt = at(day, ordered.length * 6 + 20);
  await sys.repos.contests.update(id, {
    announced_at: announcedAt,
    results_json: JSON.stringify(snapshot),
    updated_at: announcedAt,
  });
  await sys.repos.contestEvents.append(id, 'contest.status', { status: 'announced' }, announcedAt);
  await sys.repos.contestEvents.append(id, 'results.announced', { at: announcedAt }, announcedAt);
  await recordAudit(sys, {
    action: 'contest.announce',
    entity: 'contest',
    entityId: id,
    before: { status: 'finished' },
    after: {
      status: 'announced',
      results: snapshot.groups.map((g) => ({
        group: g.groupCode,
        rows: g.rows.map((r) => [r.unitCode, r.rank, r.total]),
      })),
    },
  });
}

/** The second quarter, ready to run: goals, honours, cadre votes and the jury in; lots not drawn. */
async function seedQ2(sys: ServiceContext, units: DemoUnit[], judges: DemoJudge[]): Promise<void> {
  const id = await insertContest(sys, {
    code: DEMO_CONTEST_Q2,
    name: '2023年第二季度“比贡献、亮成绩”擂台赛',
    period: '2023Q2',
    date: '2023-07-12',
    status: 'draft',
    createdAt: '2023-07-03T02:00:00.000Z',
  });
  const prepared = prepare(units, 2023, 2, 20230712, '2023-07-05T02:00:00.000Z');
  await insertSetup(sys, id, units, judges, prepared, '2023-07-06T02:00:00.000Z');
  await sys.repos.contestEvents.append(id, 'contest.status', { status: 'draft' }, '2023-07-03T02:00:00.000Z');
}

export async function seedDemoContests(sys: ServiceContext): Promise<void> {
  if (await sys.repos.contests.findByCode(DEMO_CONTEST_Q1)) return;
  const groups = await sys.repos.contestGroups.listWithCounts();
  const order = new Map(groups.map((g, i) => [g.id, { order: i + 1, code: g.code }]));
  const units: DemoUnit[] = (await sys.repos.contests.groupUnits(groups.map((g) => g.id))).map((u) => ({
    id: u.id,
    code: u.code,
    groupId: u.contest_group_id,
    groupOrder: order.get(u.contest_group_id)?.order ?? 0,
    groupCode: order.get(u.contest_group_id)?.code ?? '',
  }));
  if (units.length === 0) return;
  const judges = await demoJudges(sys, new Map(units.map((u) => [u.code, u])));
  await seedQ1(sys, units, judges);
  await seedQ2(sys, units, judges);
}
