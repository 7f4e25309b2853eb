import { beforeAll, expect, it } from 'vitest';
import { ScoreEntryBody } from '../src/contracts/campaigns';
import { WarningEvaluateBody } from '../src/contracts/warnings';
import { newId } from '../src/lib/ids';
import { insertCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { enterScore } from '../src/services/score.service';
import { createUnit } from '../src/services/unit.service';
import { createUser } from '../src/services/user.service';
import { commitWarnings, listWarnings } from '../src/services/warning.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';

/**
 * 预警 warnings on a fixture with known figures: a 2025 campaign of one star (ZB) and one plan module RC (budget
 * 100, twelve monthly items of max 100) over seven villages W1…W7 of 龙兴街道. Scoring x in each month of a quarter
 * gives the unit score x/4 and the rate x, so the figures are exact:
 *
 * | unit | x (Q1) | score | rank | rate | overdue at 2025-03-31 | rules say |
 * |---|---|---|---|---|---|---|
 * | W1 | 95 | 23.75 | 1 | 95 | 0 | — |
 * | W2 | 90 | 22.50 | 2 | 90 | 2 | — (2 < 3) |
 * | W3 | 85 | 21.25 | 3 | 85 | 3 | yellow: overdue |
 * | W4 | 70 | 17.50 | 4 | 70 | 0 | yellow: bottom (shares the boundary rank 4) |
 * | W5 | 70 | 17.50 | 4 | 70 | 0 | yellow: bottom (shares the boundary rank 4) |
 * | W6 | 65 | 16.25 | 6 | 65 | 0 | yellow: bottom |
 * | W7 | 50 | 12.50 | 7 | 50 | 0 | red: bottom + rate < 60 |
 */

const CAMPAIGN = 'WN2025';
const base = `/api/campaigns/${CAMPAIGN}`;
const UNITS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7'];
let counter = 0;
const key = (label: string) => `wn-${label}-${String(++counter).padStart(6, '0')}`;

interface Row {
  id: string;
  period: string;
  unitCode: string;
  level: string;
  reasons: string[];
  rank: number;
  total: number;
  score: number;
  rate: number | null;
  overdue: number;
  status: string;
  talkDueOn: string;
  talkStatus: string;
  liftReason: string | null;
  can: { followUp: boolean };
}

describeEachDialect('预警 warnings and 谈话提醒 talks', (env) => {
  let admin: Client;
  let street: Client;
  let village: Client;
  const sys = (): ServiceContext => env().system();

  async function score(unit: string, month: number, x: number) {
    await enterScore(
      sys(),
      CAMPAIGN,
      ScoreEntryBody.parse({
        unitCode: unit,
        itemCode: `ZB-RC-${String(month).padStart(2, '0')}`,
        points: x,
      }),
    );
  }

  async function problem(t: TestEnv, unit: string, deadline: string, closedOn: string | null) {
    const repos = t.system().repos;
    const campaign = await repos.campaigns.findByCode(CAMPAIGN);
    const u = await repos.units.findByCode(unit);
    if (!campaign || !u) throw new Error('fixture');
    const id = newId();
    await t.database.db
      .insertInto('problems')
      .values({
        id,
        number: key('WN'),
        campaign_id: campaign.id,
        unit_id: u.id,
        star: 'ZB',
        line_id: null,
        item_label: null,
        round_id: null,
        inspection_key: null,
        source: 'supervision',
        description: '测试问题',
        severity: 'minor',
        deadline,
        responsible: null,
        status: closedOn ? 'closed' : 'open',
        version: 1,
        raised_by: null,
        raised_by_name: '测试',
        raised_at: '2025-01-10T02:00:00.000Z',
        closed_at: closedOn ? `${closedOn}T02:00:00.000Z` : null,
        closed_on: closedOn,
        idempotency_key: key('problem'),
        fingerprint: 'x',
        demo: 0,
      })
      .execute();
  }

  async function list(client: Client, query = ''): Promise<{ rows: Row[]; body: Record<string, unknown> }> {
    const res = await client.get(`${base}/warnings${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return { rows: res.json().rows as Row[], body: res.json() };
  }

  beforeAll(async () => {
    const ctx = sys();
    const assessed: { unitId: string; weight: number }[] = [];
    for (const code of UNITS) {
      const u = await createUnit(ctx, { code, name: `预警村${code}`, type: 'village', parentCode: 'LX' });
      assessed.push({ unitId: u.id, weight: 1 });
    }
    await insertCampaign(ctx, {
      code: CAMPAIGN,
      name: '预警测试方案',
      assessed,
      model: {
        year: 2025,
        stars: [{ code: 'ZB', name: '支部过硬星' }],
        modules: [{ code: 'RC', name: '日常工作', budget: 100, kind: 'plan' }],
        items: Array.from({ length: 12 }, (_, i) => ({
          code: `ZB-RC-${String(i + 1).padStart(2, '0')}`,
          name: `${i + 1}月日常`,
          star: 'ZB',
          module: 'RC',
          month: `2025-${String(i + 1).padStart(2, '0')}`,
          max: 100,
        })),
        starLine: 80,
        prerequisite: 'ZB',
        trim: false,
        problemDeduction: 0,
        deductionModule: 'RC',
      },
    });
    const q1: Record<string, number> = { W1: 95, W2: 90, W3: 85, W4: 70, W5: 70, W6: 65, W7: 50 };
    for (const [unit, x] of Object.entries(q1)) for (const m of [1, 2, 3]) await score(unit, m, x);
    // W2: 2 overdue at the quarter's end (not enough); W3: 3 (one closed on 2025-04-02, after the quarter's end).
    await problem(env(), 'W2', '2025-03-01', null);
    await problem(env(), 'W2', '2025-03-20', null);
    await problem(env(), 'W2', '2025-03-31', null); // due on the last day: not overdue yet
    await problem(env(), 'W2', '2025-02-01', '2025-03-15'); // closed in time for the quarter's end
    await problem(env(), 'W3', '2025-02-01', null);
    await problem(env(), 'W3', '2025-03-01', null);
    await problem(env(), 'W3', '2025-03-10', '2025-04-02');
    await createUser(
      ctx,
      {
        username: 'wn-w7',
        displayName: 'W7村书记',
        role: 'village_user',
        scopeUnitCode: 'W7',
        password: 'wn-password-1',
      },
      { mustChangePassword: false },
    );
    admin = await env().login('admin');
    street = await env().login('street');
    village = await env().login('wn-w7', 'wn-password-1');
  });

  it('previews exactly the units the rules name (ties at the boundary included), changing nothing', async () => {
    const res = await admin.get(`${base}/warnings/preview?period=2025-Q1`);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.asOf).toBe('2025-03-31');
    expect(preview.ranked).toBe(7);
    expect(preview.rules).toMatchObject({ bottomN: 3, overdueMin: 3, redRateBelow: 60, talkDays: 10 });
    const got = (
      preview.rows as { change: string; unitCode: string; level: string; reasons: string[]; rank: number }[]
    ).map((r) => [r.change, r.unitCode, r.level, r.reasons.join('+'), r.rank]);
    expect(got).toEqual([
      ['raise', 'W3', 'yellow', 'overdue', 3],
      ['raise', 'W4', 'yellow', 'bottom', 4],
      ['raise', 'W5', 'yellow', 'bottom', 4],
      ['raise', 'W6', 'yellow', 'bottom', 6],
      ['raise', 'W7', 'red', 'bottom+rate', 7],
    ]);
    expect((await list(admin)).rows).toEqual([]);
  });

  it('commits the evaluation with the triggering figures; re-evaluating changes nothing; the key replays', async () => {
    const body = { idempotencyKey: key('eval'), period: '2025-Q1' };
    const res = await admin.post(`${base}/warnings/evaluate`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().evaluation).toMatchObject({ period: '2025-Q1', sequence: 1, raised: 5, lifted: 0 });
    const { rows } = await list(admin, '?period=2025-Q1');
    expect(rows.map((r) => r.unitCode).sort()).toEqual(['W3', 'W4', 'W5', 'W6', 'W7']);
    const w7 = rows.find((r) => r.unitCode === 'W7');
    expect(w7).toMatchObject({ level: 'red', rank: 7, total: 7, score: 12.5, rate: 50, overdue: 0 });
    expect(rows.find((r) => r.unitCode === 'W3')).toMatchObject({ overdue: 3, rank: 3, score: 21.25 });
    expect(w7?.talkStatus).toBe('pending');

    const replay = await admin.post(`${base}/warnings/evaluate`, body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ replayed: true, evaluation: { sequence: 1 } });
    const reused = await admin.post(`${base}/warnings/evaluate`, { ...body, period: '2025-Q2' });
    expect(reused.statusCode).toBe(409);

    const again = await admin.post(`${base}/warnings/evaluate`, {
      idempotencyKey: key('eval'),
      period: '2025-Q1',
    });
    expect(again.json().evaluation).toMatchObject({ sequence: 2, raised: 0, kept: 5, updated: 0, lifted: 0 });
    const after = await list(admin, '?period=2025-Q1');
    expect(after.rows.map((r) => [r.id, r.level, r.status])).toEqual(
      rows.map((r) => [r.id, r.level, r.status]),
    );
    expect(after.body.counts).toMatchObject({ yellow: 4, red: 1, active: 5, lifted: 0 });
  });

  it('refuses a quarter that has not ended, a bad period, and everyone but district admins', async () => {
    const future = await admin.get(`/api/campaigns/WX2023/warnings/preview?period=2023-Q5`);
    expect(future.statusCode).toBe(400);
    const ctx = { ...sys(), now: '2025-06-30T10:00:00.000Z' };
    await expect(
      commitWarnings(
        ctx,
        CAMPAIGN,
        WarningEvaluateBody.parse({ idempotencyKey: key('early'), period: '2025-Q2' }),
      ),
    ).rejects.toMatchObject({ status: 409 });
    expect((await street.get(`${base}/warnings/preview?period=2025-Q1`)).statusCode).toBe(403);
    expect(
      (await street.post(`${base}/warnings/evaluate`, { idempotencyKey: key('x'), period: '2025-Q1' }))
        .statusCode,
    ).toBe(403);
  });

  it('a village user sees only its own unit; the street admin sees its street and may follow up', async () => {
    const own = await list(village);
    expect(own.rows.map((r) => r.unitCode)).toEqual(['W7']);
    expect(own.rows[0]?.can.followUp).toBe(false);
    const mine = await list(street, '?period=2025-Q1');
    expect(mine.rows).toHaveLength(5);
    expect(mine.rows.every((r) => r.can.followUp)).toBe(true);
    expect(mine.body.byStreet).toEqual([{ streetCode: 'LX', streetName: '龙兴街道', yellow: 4, red: 1 }]);
    const red = await list(street, '?level=red');
    expect(red.rows.map((r) => r.unitCode)).toEqual(['W7']);
    const other = await env().login('village');
    expect((await list(other)).rows).toEqual([]);
    const w7 = own.rows[0];
    expect((await other.get(`${base}/warnings/${w7?.id}`)).statusCode).toBe(403);
  });

  it('records a talk (street admin) with its checks, idempotently; the village reads it', async () => {
    const w7 = (await list(street, '?unit=W7')).rows[0];
    if (!w7) throw new Error('no W7 warning');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const talk = {
      idempotencyKey: key('talk'),
      talkedOn: today,
      talker: '龙兴街道党工委书记 王明',
      talkee: 'W7村党支部书记',
      agreed: '一个月内补齐三会一课记录，每周报送整改进度',
      followUpOn: '2099-01-01',
    };
    const bad = await street.post(`${base}/warnings/${w7.id}/talks`, { ...talk, talkedOn: '2099-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('talkedOn');
    const early = await street.post(`${base}/warnings/${w7.id}/talks`, { ...talk, followUpOn: '2020-01-01' });
    expect(early.json().error.field).toBe('followUpOn');
    const res = await street.post(`${base}/warnings/${w7.id}/talks`, talk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().detail.warning.talkStatus).toBe('done');
    expect(res.json().detail.talks).toHaveLength(1);
    const replay = await street.post(`${base}/warnings/${w7.id}/talks`, talk);
    expect(replay.json()).toMatchObject({ replayed: true });
    expect(replay.json().detail.talks).toHaveLength(1);
    const reused = await street.post(`${base}/warnings/${w7.id}/talks`, { ...talk, agreed: '另一件事' });
    expect(reused.statusCode).toBe(409);
    const measure = await street.post(`${base}/warnings/${w7.id}/measures`, {
      idempotencyKey: key('measure'),
      text: '街道包村干部每周驻村两天，帮助理顺台账',
    });
    expect(measure.statusCode, measure.body).toBe(200);
    expect(measure.json().detail.measures).toHaveLength(1);
    const seen = await village.get(`${base}/warnings/${w7.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().talks[0]).toMatchObject({ talker: talk.talker, late: false });
    expect(
      (await village.post(`${base}/warnings/${w7.id}/talks`, { ...talk, idempotencyKey: key('t') }))
        .statusCode,
    ).toBe(403);
    expect(seen.json().talks[0].kind).toBe('reminder');

    // The steps that follow are recorded by kind: a 约谈, then a 追责; an unknown kind names the field.
    const wrong = await street.post(`${base}/warnings/${w7.id}/talks`, {
      ...talk,
      idempotencyKey: key('wrong-kind'),
      kind: 'dismissal',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      field: 'kind',
      message: '类型：问责方式只能是提醒谈话、约谈或追责',
    });
    const summons = { ...talk, idempotencyKey: key('summons'), kind: 'summons', agreed: '约谈指出整改迟缓' };
    expect((await street.post(`${base}/warnings/${w7.id}/talks`, summons)).statusCode).toBe(200);
    // The same key with another kind is another step: refused.
    const otherKind = await street.post(`${base}/warnings/${w7.id}/talks`, {
      ...summons,
      kind: 'accountability',
    });
    expect(otherKind.statusCode).toBe(409);
    const blame = {
      ...talk,
      idempotencyKey: key('blame'),
      kind: 'accountability',
      talker: '龙兴街道纪工委',
      agreed: '弄虚作假，给予诫勉谈话处理',
    };
    const blamed = await street.post(`${base}/warnings/${w7.id}/talks`, blame);
    expect(blamed.statusCode, blamed.body).toBe(200);
    const steps = blamed.json().detail.talks as { kind: string; agreed: string }[];
    expect(steps.map((s) => s.kind).sort()).toEqual(['accountability', 'reminder', 'summons']);
    expect(steps.find((s) => s.kind === 'accountability')?.agreed).toBe(blame.agreed);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'warning.talk')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ kind: 'accountability' });
  });

  it('a talk not recorded within 10 days is overdue; recorded later it is late', async () => {
    const repos = sys().repos;
    const campaign = await repos.campaigns.findByCode(CAMPAIGN);
    if (!campaign) throw new Error('fixture');
    const w6 = (await repos.warnings.list(campaign.id, { kind: 'all' }, { unitCode: 'W6' }))[0];
    if (!w6) throw new Error('no W6');
    // As if raised on 2025-04-03: due 2025-04-13.
    await repos.warnings.update(w6.id, { raised_on: '2025-04-03', talk_due_on: '2025-04-13' });
    const at = (now: string) => ({ ...sys(), now });
    const onDue = await listWarnings(at('2025-04-13T15:00:00.000Z'), CAMPAIGN, { unit: 'W6' });
    expect(onDue.items[0]?.talkStatus).toBe('pending');
    expect(onDue.items[0]?.talkDaysLeft).toBe(0);
    const dayAfter = await listWarnings(at('2025-04-13T16:30:00.000Z'), CAMPAIGN, { unit: 'W6' });
    expect(dayAfter.items[0]?.talkStatus).toBe('overdue');
    const { rows, body } = await list(admin, '?unit=W6');
    expect(rows[0]).toMatchObject({ talkStatus: 'overdue', talkDueOn: '2025-04-13' });
    expect(body.counts).toMatchObject({ talkOverdue: 1 });
    const res = await admin.post(`${base}/warnings/${rows[0]?.id}/talks`, {
      idempotencyKey: key('late'),
      talkedOn: '2025-04-20',
      talker: '区委组织部 李华',
      talkee: 'W6村党支部书记',
      agreed: '限期整改',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().detail.warning.talkStatus).toBe('late');
    expect(res.json().detail.talks[0].late).toBe(true);
  });

  it('re-evaluating after a correction lifts what the rules clear, keeping history; a later quarter lifts too', async () => {
    // W6 scored higher in March: 65·3 → 65+65+95 = 225 → score 18.75, rank 4 alone; W4/W5 drop to 5 (tie), W7 7.
    await score('W6', 3, 95);
    const preview = (await admin.get(`${base}/warnings/preview?period=2025-Q1`)).json();
    expect(
      (preview.rows as { change: string; unitCode: string }[]).map((r) => `${r.change}:${r.unitCode}`),
    ).toEqual(['update:W4', 'update:W5', 'keep:W3', 'keep:W7', 'lift:W6']);
    const res = await admin.post(`${base}/warnings/evaluate`, {
      idempotencyKey: key('eval'),
      period: '2025-Q1',
    });
    expect(res.json().evaluation).toMatchObject({ sequence: 3, lifted: 1, updated: 2, kept: 2 });
    const lifted = (await list(admin, '?unit=W6')).rows[0];
    expect(lifted).toMatchObject({ status: 'lifted', liftReason: '2025-Q1 重新评估后不再触发预警' });
    expect((await list(admin, '?status=active')).rows.map((r) => r.unitCode).sort()).toEqual([
      'W3',
      'W4',
      'W5',
      'W7',
    ]);

    // Q2 (scores accumulate from January: Σ of six months / 12; rate = Σ / 6): W3 555, W5 495, W6 495, W7 450,
    // W1 405, W2 405, W4 390 → ranks 1, 2, 2, 4, 5, 5, 7; bottom 3 from rank 5: W1, W2, W4 (W2 also has 3 overdue).
    const q2: Record<string, number> = { W1: 40, W2: 45, W3: 100, W4: 60, W5: 95, W6: 90, W7: 100 };
    for (const [unit, x] of Object.entries(q2)) for (const m of [4, 5, 6]) await score(unit, m, x);
    const q2res = await admin.post(`${base}/warnings/evaluate`, {
      idempotencyKey: key('eval'),
      period: '2025-Q2',
    });
    expect(q2res.statusCode, q2res.body).toBe(200);
    const q2rows = (await list(admin, '?period=2025-Q2')).rows;
    expect(q2rows.map((r) => r.unitCode).sort()).toEqual(['W1', 'W2', 'W4']);
    const q1 = (await list(admin, '?period=2025-Q1')).rows;
    const state = Object.fromEntries(q1.map((r) => [r.unitCode, r.status]));
    // Cleared by Q2: W3, W5, W7 lifted; W4 warned again in Q2 keeps its Q1 warning; W6 lifted earlier.
    expect(state).toEqual({ W3: 'lifted', W4: 'active', W5: 'lifted', W6: 'lifted', W7: 'lifted' });
    expect(q1.find((r) => r.unitCode === 'W7')?.liftReason).toBe('2025-Q2 排名已不再触发预警');
    // W7's lifted warning keeps its steps (history): the reminder talk, the 约谈 and the 追责 recorded above.
    const detail = (await admin.get(`${base}/warnings/${q1.find((r) => r.unitCode === 'W7')?.id}`)).json();
    expect(detail.talks).toHaveLength(3);
    expect(detail.warning.talkStatus).toBe('done');
    const w4 = (await admin.get(`${base}/warnings/${q2rows.find((r) => r.unitCode === 'W4')?.id}`)).json();
    expect(w4.history.map((h: Row) => h.period)).toEqual(['2025-Q1']);
  });

  it('configurable thresholds apply to the next evaluation', async () => {
    const bad = await admin.request({
      method: 'PUT',
      url: `${base}/warning-rules`,
      payload: { bottomN: -1, overdueMin: 3, redRateBelow: 60, talkDays: 10 },
    });
    expect(bad.statusCode).toBe(400);
    const put = await admin.request({
      method: 'PUT',
      url: `${base}/warning-rules`,
      payload: { bottomN: 1, overdueMin: 0, redRateBelow: 66, talkDays: 7 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ bottomN: 1, isDefault: false, talkDays: 7 });
    const preview = (await admin.get(`${base}/warnings/preview?period=2025-Q2`)).json();
    // Bottom 1: W4 (rank 7); red under 66: W4 (rate 65) only, W1 and W2 are at 67.5; overdue off.
    expect(
      (preview.rows as { change: string; unitCode: string; level: string | null }[]).map(
        (r) => `${r.change}:${r.unitCode}:${r.level ?? ''}`,
      ),
    ).toEqual(['update:W4:red', 'lift:W1:', 'lift:W2:']);
    expect((await street.get(`${base}/warning-rules`)).json()).toMatchObject({ bottomN: 1 });
  });
});

describeEachDialect('预警 in the demo year', (env) => {
  it('warns the weak villages each quarter (and 龙兴村 for its overdue problems in Q4), with talks', async () => {
    const admin = await env().login('admin');
    const res = await admin.get('/api/campaigns/WX2023/warnings');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const rows = body.rows as Row[];
    expect(body.periods).toEqual(['2023-Q4', '2023-Q3', '2023-Q2', '2023-Q1']);
    const byPeriod = (p: string) =>
      rows
        .filter((r) => r.period === p)
        .map((r) => `${r.unitCode}:${r.level}`)
        .sort();
    expect(byPeriod('2023-Q1')).toEqual(['GZ-SM:red', 'LH-LS:red', 'LX-DY:red']);
    expect(byPeriod('2023-Q2')).toEqual(['GZ-SM:red', 'LH-LS:red', 'LX-DY:yellow']);
    expect(byPeriod('2023-Q4')).toEqual(['GZ-SM:red', 'LH-LS:red', 'LX-DY:yellow', 'LX-LX:yellow']);
    expect(rows.find((r) => r.period === '2023-Q4' && r.unitCode === 'LX-LX')).toMatchObject({
      reasons: ['overdue'],
      overdue: 3,
    });
    const statuses = rows.map((r) => r.talkStatus);
    expect(statuses.filter((s) => s === 'overdue')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'late')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(rows.length - 2);
    const street = await env().login('street');
    const mine = (await street.get('/api/campaigns/WX2023/warnings?period=2023-Q4')).json().rows as Row[];
    expect(mine.map((r) => r.unitCode).sort()).toEqual(['LX-DY', 'LX-LX']);
  });
});
