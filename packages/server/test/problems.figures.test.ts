import { beforeAll, expect, it } from 'vitest';
import { RaiseProblemBody } from '../src/contracts/supervision';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { createCampaign } from '../src/services/campaign.service';
import type { ServiceContext } from '../src/services/context';
import { raiseProblem, rectifyProblem, reviewProblem, startReview } from '../src/services/problem.service';
import { enterScore } from '../src/services/score.service';
import { setTargets } from '../src/services/target.service';
import { createUser } from '../src/services/user.service';
import { type Client, describeEachDialect, type TestEnv } from './harness';

/** Problem deductions in rankings, profiles and problem details; the closure statistics. */

let counter = 0;
const key = (label: string) => `${label}-${String(++counter).padStart(6, '0')}`;

/** The system (district admin) acting at a given instant. */
function at(env: TestEnv, now: string): ServiceContext {
  return { ...env.system(), actor: SYSTEM_ACTOR, now };
}

async function raiseAt(
  env: TestEnv,
  now: string,
  body: {
    campaign: string;
    unitCode: string;
    star: string;
    deadline: string;
    description: string;
    source?: string;
  },
): Promise<{ id: string; number: string }> {
  const r = await raiseProblem(
    at(env, now),
    RaiseProblemBody.parse({ idempotencyKey: key('raise'), source: 'supervision', ...body }),
  );
  return { id: r.detail.item.row.id, number: r.detail.item.row.number };
}

/** Rectifies, looks back and passes a problem, closing it at `now`. */
async function closeAt(env: TestEnv, id: string, now: string): Promise<void> {
  const ctx = at(env, now);
  await rectifyProblem(ctx, id, { idempotencyKey: key('rectify'), note: '已整改到位', photoKeys: [] });
  await startReview(ctx, id, { idempotencyKey: key('start') });
  await reviewProblem(ctx, id, { idempotencyKey: key('review'), passed: true, photoKeys: [] });
}

interface ProfileStar {
  code: string;
  score: number | null;
  modules: Record<string, number>;
  deductions: { problemId: string; title: string; month: string; points: number }[];
}

describeEachDialect('problem deductions and closure statistics', (env) => {
  let admin: Client;

  beforeAll(async () => {
    admin = await env().login('admin');
  });

  it('deducts 0.5 per overdue month-end from the unit’s DD points on the star, never below 0, until closed', async () => {
    const code = 'PD2023';
    const sys = at(env(), '2023-01-02T02:00:00.000Z');
    await createCampaign(sys, { code, name: '扣分测试', year: 2023, template: 'five-star' });
    await setTargets(sys, code, 'LX-ZZ', { stars: ['ZB', 'CY'] });
    // DD of ZB: 40 · 60 / 1200 = 2.00 from January; DD of CY: 40 · 30 / 1200 = 1.00.
    await enterScore(sys, code, { unitCode: 'LX-ZZ', itemCode: 'DD-ZB-01', points: 60, na: false });
    await enterScore(sys, code, { unitCode: 'LX-ZZ', itemCode: 'DD-CY-01', points: 30, na: false });

    const score = async (period: string) => {
      const res = await admin.get(`/api/campaigns/${code}/ranking?period=${period}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().rows.find((r: { unitCode: string }) => r.unitCode === 'LX-ZZ').score as number;
    };
    const profile = async (period: string) => {
      const res = await admin.get(`/api/campaigns/${code}/units/LX-ZZ/profile?period=${period}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().stars as ProfileStar[];
    };
    expect(await score('2023-03')).toBeCloseTo(1.5, 9);
    expect(await score('2023-01')).toBeCloseTo(1.5, 9);

    // Both due 20 January and never closed for now.
    const zb = await raiseAt(env(), '2023-01-05T02:00:00.000Z', {
      campaign: code,
      unitCode: 'LX-ZZ',
      star: 'ZB',
      deadline: '2023-01-20',
      description: '三会一课记录不全',
    });
    const cy = await raiseAt(env(), '2023-01-05T03:00:00.000Z', {
      campaign: code,
      unitCode: 'LX-ZZ',
      star: 'CY',
      deadline: '2023-01-20',
      description: '集体经济台账不规范',
    });

    // January: one month-end each → ZB 1.50, CY 0.50 → U = 1.00 (down 0.50).
    expect(await score('2023-01')).toBeCloseTo(1.0, 9);
    // March: ZB 2.00 − 3 × 0.50 = 0.50; CY 1.00 − 2 × 0.50 = 0 (the third line finds nothing) → U = 0.25.
    expect(await score('2023-03')).toBeCloseTo(0.25, 9);
    const march = await profile('2023-03');
    const zbMarch = march.find((s) => s.code === 'ZB');
    const cyMarch = march.find((s) => s.code === 'CY');
    expect(zbMarch?.modules.DD).toBeCloseTo(0.5, 9);
    expect(cyMarch?.modules.DD).toBe(0);
    expect(zbMarch?.deductions).toEqual(
      ['2023-01', '2023-02', '2023-03'].map((month) => ({
        problemId: zb.id,
        title: `${zb.number} 三会一课记录不全`,
        month,
        points: 0.5,
      })),
    );
    expect(cyMarch?.deductions.map((d) => [d.month, d.points])).toEqual([
      ['2023-01', 0.5],
      ['2023-02', 0.5],
    ]);
    expect(cyMarch?.deductions[0]?.title).toBe(`${cy.number} 集体经济台账不规范`);

    // Closed on 10 April: the April month-end and later no longer deduct.
    await closeAt(env(), zb.id, '2023-04-10T02:00:00.000Z');
    const june = (await profile('2023-06')).find((s) => s.code === 'ZB');
    expect(june?.deductions.map((d) => d.month)).toEqual(['2023-01', '2023-02', '2023-03']);
    expect(june?.modules.DD).toBeCloseTo(0.5, 9);

    // The problem's own page lists the lines the ranking counts (through December of the campaign year).
    const detail = (await admin.get(`/api/problems/${zb.id}`)).json();
    expect(detail.problem.closedAt).toBe('2023-04-10T02:00:00.000Z');
    expect(detail.deductions).toEqual([
      { month: '2023-01', points: 0.5 },
      { month: '2023-02', points: 0.5 },
      { month: '2023-03', points: 0.5 },
    ]);
    const open = (await admin.get(`/api/problems/${cy.id}`)).json();
    expect(open.deductions).toEqual([
      { month: '2023-01', points: 0.5 },
      { month: '2023-02', points: 0.5 },
    ]);
    expect(open.problem.overdue).toBe(true);
  });

  it('computes notified, closed, closure rate, overdue and mean days to close per street and village', async () => {
    const code = 'PS2023';
    await createCampaign(at(env(), '2023-01-02T02:00:00.000Z'), {
      code,
      name: '统计测试',
      year: 2023,
      template: 'five-star',
    });
    const p = (unitCode: string, day: string, deadline: string, source = 'supervision') =>
      raiseAt(env(), `${day}T02:00:00.000Z`, {
        campaign: code,
        unitCode,
        star: 'ZB',
        deadline,
        description: '党员活动室制度未上墙',
        source,
      });
    const p1 = await p('LX-LX', '2023-03-01', '2023-03-10');
    await closeAt(env(), p1.id, '2023-03-05T02:00:00.000Z'); // 4 days
    const p2 = await p('LX-LX', '2023-03-01', '2023-03-10');
    await closeAt(env(), p2.id, '2023-03-21T02:00:00.000Z'); // 20 days
    await p('LX-LX', '2023-03-01', '2023-03-31'); // open, overdue
    const p4 = await p('LX-DY', '2023-03-02', '2023-03-20');
    await closeAt(env(), p4.id, '2023-03-12T02:00:00.000Z'); // 10 days
    await p('LX-DY', '2023-03-02', '2099-12-31'); // open, in time
    await p('GZ-SM', '2023-03-03', '2023-03-20'); // open, overdue
    const p7 = await p('GZ-SM', '2023-03-03', '2023-03-20', 'covert');
    await closeAt(env(), p7.id, '2023-03-09T02:00:00.000Z'); // 6 days

    const stats = async (c: Client, level: string) => {
      const res = await c.get(`/api/problems/stats?campaign=${code}&level=${level}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const pick = (rows: { unitCode: string }[], codes: string[]) =>
      Object.fromEntries(codes.map((c) => [c, rows.find((r) => r.unitCode === c)]));
    const fig = (
      notified: number,
      closed: number,
      closureRate: number | null,
      overdue: number,
      avg: number | null,
    ) => ({
      notified,
      closed,
      closureRate,
      overdue,
      avgDaysToClose: avg,
    });

    const streets = await stats(admin, 'street');
    expect(streets.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual(['RML', 'LX', 'GZ', 'LH']);
    const s = pick(streets.rows, ['LX', 'GZ', 'RML']);
    expect(s.LX).toMatchObject({ unitName: '龙兴街道', parentName: '石龙区', ...fig(5, 3, 60, 1, 11.33) });
    expect(s.GZ).toMatchObject(fig(2, 1, 50, 1, 6));
    expect(s.RML).toMatchObject(fig(0, 0, null, 0, null));
    expect(streets.total).toMatchObject({ unitName: '合计', ...fig(7, 4, 57.14, 2, 10) });
    expect(streets.rounds).toBe(0);
    expect(streets.bySource).toEqual([
      { source: 'supervision', notified: 6, closed: 3 },
      { source: 'observation', notified: 0, closed: 0 },
      { source: 'covert', notified: 1, closed: 1 },
      { source: 'special', notified: 0, closed: 0 },
      { source: 'acceptance', notified: 0, closed: 0 },
      { source: 'objection', notified: 0, closed: 0 },
    ]);

    const villages = await stats(admin, 'village');
    const v = pick(villages.rows, ['LX-LX', 'LX-DY', 'GZ-SM', 'RML-HZ']);
    expect(v['LX-LX']).toMatchObject({ parentName: '龙兴街道', ...fig(3, 2, 66.67, 1, 12) });
    expect(v['LX-DY']).toMatchObject(fig(2, 1, 50, 0, 10));
    expect(v['GZ-SM']).toMatchObject(fig(2, 1, 50, 1, 6));
    expect(v['RML-HZ']).toMatchObject(fig(0, 0, null, 0, null));
    expect(villages.rows).toHaveLength(20);

    // A street admin sees their street only, and the total is theirs.
    const street = await env().login('street');
    const own = await stats(street, 'street');
    expect(own.rows.map((r: { unitCode: string }) => r.unitCode)).toEqual(['LX']);
    expect(own.total).toMatchObject(fig(5, 3, 60, 1, 11.33));
    const ownVillages = await stats(street, 'village');
    expect(ownVillages.rows).toHaveLength(7);
    expect(ownVillages.total).toMatchObject(fig(5, 3, 60, 1, 11.33));
    await createUser(
      at(env(), new Date().toISOString()),
      { username: 'ps-judge', displayName: '评委', role: 'judge', password: 'problem-pass-1' },
      { mustChangePassword: false },
    );
    expect(
      (await (await env().login('ps-judge', 'problem-pass-1')).get('/api/problems/stats')).statusCode,
    ).toBe(403);

    const xlsx = await admin.get(`/api/problems/stats/export?campaign=${code}&level=street`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
