import { CONTEST_DEFAULT_HONOUR_TABLE } from '@wuxing/core';
import type { InjectOptions } from 'fastify';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import type { Actor } from '../src/policies/actor';
import { addHonour, createContest, drawContestLots } from '../src/services/contest.service';
import {
  callSpeaker,
  closeUnit,
  finishContest,
  openScoring,
  startContest,
} from '../src/services/contestHost.service';
import { addJudge, renewJudgeLink } from '../src/services/contestJury.service';
import { submitScore } from '../src/services/contestScore.service';
import type { ServiceContext } from '../src/services/context';
import { renderTables } from '../src/workbook/writeWorkbook';
import type { Expect, MatrixActor, MatrixFixture, MatrixRow } from './authz.matrix';
import { CONTEST_LIVE_MATRIX } from './contestLive.authz.matrix';
import { multipartFiles } from './harness';

/**
 * The authorisation matrix rows of the 擂台赛 routes (spread into MATRIX). Reads use the demo contests
 * (LT-2023-Q1 announced, LT-2023-Q2 draft with the demo `judge` on its jury); each successful write gets a
 * contest of its own (the 街道 group, lots from seed-1 so RML speaks first, the demo `judge` on the jury) in
 * the state the write needs, made only for the actor expected to succeed.
 */

const all = (n: number): Expect => ({
  anonymous: n,
  village_user: n,
  street_admin: n,
  inspector: n,
  judge: n,
  district_admin: n,
});
const adminOnly = (ok: number): Expect => ({ ...all(403), anonymous: 401, district_admin: ok });
/** Judges on the jury: the demo `judge`; a district admin is no judge. */
const judging: Expect = { ...all(403), anonymous: 401, judge: 200 };

const Q1 = 'LT-2023-Q1';
const Q2 = 'LT-2023-Q2';

const system = (f: MatrixFixture): ServiceContext => ({ ...f.env.system(), actor: SYSTEM_ACTOR });

async function judgeActor(f: MatrixFixture): Promise<Actor> {
  const u = await system(f).repos.users.findByUsername('judge');
  if (!u) throw new Error('no demo judge');
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    role: 'judge',
    scopeUnitId: null,
    scopePath: null,
    assignedPaths: [],
    sessionId: 'matrix',
  };
}

/** A demo judge who sits on no matrix contest but those made with `otherJury`. */
async function otherJudgeActor(f: MatrixFixture): Promise<Actor> {
  const u = await system(f).repos.users.findByUsername('judge-wjg');
  if (!u) throw new Error('no demo judge judge-wjg');
  return { ...(await judgeActor(f)), userId: u.id, username: u.username, displayName: u.display_name };
}

type Stage = 'draft' | 'lots' | 'running' | 'called' | 'scoring' | 'scored' | 'finished';
const STAGES: Stage[] = ['draft', 'lots', 'running', 'called', 'scoring', 'scored', 'finished'];

/**
 * A fresh contest of the 街道 group with the demo judge on its jury (or, `otherJury`, another demo judge
 * instead: a contest the demo judge has nothing to do with), brought to `stage`.
 */
async function contestAt(f: MatrixFixture, stage: Stage, otherJury = false): Promise<string> {
  const code = `MX-${f.next()}`;
  const sys = system(f);
  const judge = otherJury ? await otherJudgeActor(f) : await judgeActor(f);
  const reached = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  await createContest(sys, {
    code,
    name: '矩阵测试擂台赛',
    year: 2030,
    period: code,
    kind: 'custom',
    date: '2030-01-15',
    groupCodes: ['JD'],
    juryPoints: 70,
    honourPoints: 15,
    cadrePoints: 15,
    trimFrom: 5,
    speechSeconds: 300,
    honourTable: CONTEST_DEFAULT_HONOUR_TABLE,
  });
  await addJudge(sys, code, { userId: judge.userId });
  if (reached('lots')) await drawContestLots(sys, code, { seed: 'seed-1' });
  if (reached('running')) await startContest(sys, code);
  if (reached('called')) await callSpeaker(sys, code, {});
  if (reached('scoring')) await openScoring(sys, code, 'RML');
  if (reached('scored'))
    await submitScore({ ...sys, actor: judge }, code, 'RML', {
      score: 60,
      idempotencyKey: `mx-score-${code}`,
    });
  if (stage === 'finished') {
    await closeUnit(sys, code, 'RML', { force: true });
    await finishContest(sys, code);
  }
  return code;
}

/** The contest a write points at: a fresh one at `stage` for the actor expected to succeed, else the demo's. */
async function target(
  f: MatrixFixture,
  actor: MatrixActor,
  stage: Stage,
  who: MatrixActor = 'district_admin',
) {
  return actor === who ? contestAt(f, stage) : Q2;
}

async function judgeId(f: MatrixFixture): Promise<string> {
  return (await judgeActor(f)).userId;
}

async function workbookUpload(
  url: string,
  sheet: string,
  headers: string[],
  rows: (string | number)[][],
): Promise<InjectOptions> {
  const content = await renderTables([{ sheet, headers, rows }], 'xlsx');
  const { payload, headers: h } = multipartFiles([{ name: 'data.xlsx', content }]);
  return { method: 'POST', url, payload, headers: h };
}

const post = (url: string, payload: object = {}): InjectOptions => ({ method: 'POST', url, payload });

/** One row per contest route; spread into MATRIX. */
export const CONTEST_MATRIX: MatrixRow[] = [
  {
    method: 'GET',
    url: '/api/contests',
    request: () => ({ method: 'GET', url: '/api/contests' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests',
    request: (f) =>
      post('/api/contests', {
        code: `MX-NEW-${f.next()}`,
        name: '矩阵新建',
        year: 2031,
        period: '2031Q1',
        date: '2031-04-01',
        groupCodes: ['JD'],
      }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code',
    request: () => ({ method: 'GET', url: `/api/contests/${Q1}` }),
    expect: adminOnly(200),
  },
  {
    method: 'PATCH',
    url: '/api/contests/:code',
    request: async (f, actor) => ({
      method: 'PATCH',
      url: `/api/contests/${await target(f, actor, 'draft')}`,
      payload: { name: '矩阵改名' },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    url: '/api/contests/:code/units/:unitCode/goals',
    request: async (f, actor) => ({
      method: 'PUT',
      url: `/api/contests/${await target(f, actor, 'draft')}/units/LX/goals`,
      payload: { goals: '矩阵目标' },
    }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/lots',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'draft')}/lots`, { seed: 'mx' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/screen-token',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'draft')}/screen-token`),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contest-judges',
    request: () => ({ method: 'GET', url: '/api/contest-judges' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/judges',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'draft')}/judges`, { displayName: '矩阵评委' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/judges/:userId/link',
    request: async (f) => post(`/api/contests/${Q2}/judges/${await judgeId(f)}/link`),
    expect: adminOnly(200),
  },
  {
    method: 'DELETE',
    url: '/api/contests/:code/judges/:userId',
    request: async (f, actor) => ({
      method: 'DELETE',
      url: `/api/contests/${await target(f, actor, 'draft')}/judges/${await judgeId(f)}`,
    }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/auth/judge-link',
    request: async (f) => {
      const { result } = await renewJudgeLink(system(f), Q2, await judgeId(f));
      return post('/api/auth/judge-link', { token: result.link.token });
    },
    expect: all(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/honours',
    request: () => ({ method: 'GET', url: `/api/contests/${Q2}/honours` }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/honours',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'draft')}/honours`, {
        unitCode: 'LX',
        title: '矩阵荣誉',
        level: 'city',
        awardedOn: '2029-05-01',
        issuer: '矩阵市',
      }),
    expect: adminOnly(200),
  },
  {
    method: 'DELETE',
    url: '/api/contests/:code/honours/:id',
    request: async (f, actor) => {
      const code = await target(f, actor, 'draft');
      let id = 'none';
      if (code !== Q2) {
        const { result } = await addHonour(system(f), code, {
          unitCode: 'LX',
          title: '矩阵荣誉',
          level: 'city',
          awardedOn: '2029-05-01',
          issuer: '矩阵市',
        });
        id = result.state.honours[0]?.id ?? 'none';
      }
      return { method: 'DELETE', url: `/api/contests/${code}/honours/${id}` };
    },
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/honours/import',
    request: async (f, actor) =>
      workbookUpload(
        `/api/contests/${await target(f, actor, 'draft')}/honours/import`,
        '荣誉',
        ['单位编码', '荣誉名称', '级别', '授予日期', '授予单位'],
        [['LX', '矩阵荣誉', '省级', '2029-05-01', '矩阵省']],
      ),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/cadre/import',
    request: async (f, actor) =>
      workbookUpload(
        `/api/contests/${await target(f, actor, 'draft')}/cadre/import`,
        '作风评价',
        ['单位编码', '单位名称', '好', '较好', '一般', '差'],
        [['LX', '龙兴街道', 20, 10, 5, 1]],
      ),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/honours/template',
    request: () => ({ method: 'GET', url: `/api/contests/${Q2}/honours/template` }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/cadre/template',
    request: () => ({ method: 'GET', url: `/api/contests/${Q2}/cadre/template` }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/console',
    request: () => ({ method: 'GET', url: `/api/contests/${Q1}/console` }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/start',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'lots')}/start`),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/call',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'running')}/call`),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/timer',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'called')}/timer`, { action: 'start' }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/units/:unitCode/open',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'called')}/units/RML/open`),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/units/:unitCode/close',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'scored')}/units/RML/close`, { force: true }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/units/:unitCode/scores/:judgeId/unlock',
    request: async (f, actor) =>
      post(`/api/contests/${await target(f, actor, 'scored')}/units/RML/scores/${await judgeId(f)}/unlock`, {
        reason: '矩阵解锁',
      }),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/finish',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'running')}/finish`),
    expect: adminOnly(200),
  },
  {
    method: 'POST',
    url: '/api/contests/:code/announce',
    request: async (f, actor) => post(`/api/contests/${await target(f, actor, 'finished')}/announce`),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/results',
    request: () => ({ method: 'GET', url: `/api/contests/${Q1}/results` }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contests/:code/consistency',
    request: () => ({ method: 'GET', url: `/api/contests/${Q1}/consistency` }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/contest-years/:year/overall',
    request: () => ({ method: 'GET', url: '/api/contest-years/2023/overall' }),
    expect: adminOnly(200),
  },
  {
    method: 'GET',
    url: '/api/judge/contests',
    request: () => ({ method: 'GET', url: '/api/judge/contests' }),
    expect: { ...judging, district_admin: 200 },
  },
  {
    // Object level: out is a contest whose jury the demo judge is not on.
    method: 'GET',
    url: '/api/contests/:code/judge',
    request: async (f, actor, scope) => ({
      method: 'GET',
      url: `/api/contests/${actor === 'judge' && scope === 'out' ? await contestAt(f, 'scoring', true) : Q2}/judge`,
    }),
    expect: { ...judging, judge: { in: 200, out: 403 } },
  },
  {
    // Object level: out is a unit being scored in a contest of another jury.
    method: 'POST',
    url: '/api/contests/:code/units/:unitCode/scores',
    request: async (f, actor, scope) => {
      const code = actor === 'judge' ? await contestAt(f, 'scoring', scope === 'out') : Q1;
      return post(`/api/contests/${code}/units/RML/scores`, {
        score: 61.5,
        idempotencyKey: `mx-score-${f.next()}`,
      });
    },
    expect: { ...judging, judge: { in: 200, out: 403 } },
  },
  {
    // Another judge's score: in a contest where 评委 王建国 (judge-wjg) has scored RML, anyone but the host
    // trying to unlock that score is refused (403); the host naming the demo judge — who scored RML in another
    // contest, not this one — finds no such score (404).
    method: 'POST',
    url: '/api/contests/:code/units/:unitCode/scores/:judgeId/unlock',
    request: async (f, actor) => {
      if (actor === 'district_admin') await contestAt(f, 'scored');
      const code = await contestAt(f, 'scored', true);
      const whose = actor === 'district_admin' ? await judgeId(f) : (await otherJudgeActor(f)).userId;
      return post(`/api/contests/${code}/units/RML/scores/${whose}/unlock`, { reason: '矩阵解锁他人评分' });
    },
    expect: adminOnly(404),
  },
  {
    // A judge who is not on this contest's jury: no link, no removal (404 for the host).
    method: 'POST',
    url: '/api/contests/:code/judges/:userId/link',
    request: async (f, actor) =>
      post(
        `/api/contests/${actor === 'district_admin' ? await contestAt(f, 'draft', true) : Q2}/judges/${await judgeId(f)}/link`,
      ),
    expect: adminOnly(404),
  },
  {
    method: 'DELETE',
    url: '/api/contests/:code/judges/:userId',
    request: async (f, actor) => ({
      method: 'DELETE',
      url: `/api/contests/${actor === 'district_admin' ? await contestAt(f, 'draft', true) : Q2}/judges/${await judgeId(f)}`,
    }),
    expect: adminOnly(404),
  },
  {
    // An honour of another contest, deleted through this one's URL: 404.
    method: 'DELETE',
    url: '/api/contests/:code/honours/:id',
    request: async (f, actor) => {
      const other = await contestAt(f, 'draft');
      const { result } = await addHonour(system(f), other, {
        unitCode: 'LX',
        title: '矩阵他场荣誉',
        level: 'city',
        awardedOn: '2029-05-01',
        issuer: '矩阵市',
      });
      const id = result.state.honours[0]?.id ?? 'none';
      const code = actor === 'district_admin' ? await contestAt(f, 'draft') : Q2;
      return { method: 'DELETE', url: `/api/contests/${code}/honours/${id}` };
    },
    expect: adminOnly(404),
  },
  {
    method: 'GET',
    url: '/api/screens/:token',
    request: async (f) => {
      const c = await system(f).repos.contests.findByCode(Q1);
      return { method: 'GET', url: `/api/screens/${c?.screen_token ?? 'none'}` };
    },
    expect: all(200),
  },
  // The live event streams (SSE): contestLive.authz.matrix.ts.
  ...CONTEST_LIVE_MATRIX,
];
