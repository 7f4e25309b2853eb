import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  ConsoleView,
  ContestDetailView,
  ContestResultsView,
  JudgeAddedView,
  JudgeContestView,
  ScoreResultView,
  ScreenView,
} from '../src/contracts/contest';
import type { Actor } from '../src/policies/actor';
import { getConsole } from '../src/services/contestHost.service';
import { getScreen } from '../src/services/contestRead.service';
import { getJudgeView } from '../src/services/contestScore.service';
import type { ServiceContext } from '../src/services/context';
import { renderTables } from '../src/workbook/writeWorkbook';
import { type Client, describeEachDialect, multipartFiles, type TestEnv } from './harness';

/**
 * 擂台赛 over HTTP: a contest of the 街道 group (4 units) run end to end with five judges logged in by their
 * one-time links, every refusal the issue names, honours and cadre-style imports, the event log, the public
 * screen and the results. Every expected figure is computed by hand in the comments.
 */

const CODE = 'LT-2024-Q1';
const base = `/api/contests/${CODE}`;

function error(res: LightMyRequestResponse): {
  code: string;
  message: string;
  field?: string;
  details?: { row?: number; column?: string; message: string }[];
} {
  return (res.json() as { error: { code: string; message: string; field?: string } }).error;
}

async function xlsx(sheet: string, headers: string[], rows: (string | number | null)[][]) {
  return renderTables([{ sheet, headers, rows }], 'xlsx');
}

async function upload(c: Client, url: string, content: Buffer) {
  const { payload, headers } = multipartFiles([{ name: 'data.xlsx', content }]);
  return c.request({ method: 'POST', url, payload, headers });
}

/** Logs in with a one-time link like the web page /j/:token does. */
async function linkLogin(
  env: TestEnv,
  token: string,
): Promise<{ res: LightMyRequestResponse; client: Client | null }> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/judge-link', payload: { token } });
  if (res.statusCode !== 200) return { res, client: null };
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (opts: Parameters<Client['request']>[0]) =>
    env.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    res,
    client: {
      csrfToken: csrf,
      cookie,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, payload: (body ?? {}) as object }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: (body ?? {}) as object }),
    },
  };
}

/** `ctx` whose state read (the active scores) is followed once by `commit`, as if another request landed then. */
function racing(ctx: ServiceContext, commit: () => Promise<unknown>): ServiceContext {
  const repo = ctx.repos.contests;
  const read = repo.activeScores.bind(repo);
  let done = false;
  repo.activeScores = async (ids) => {
    const rows = await read(ids);
    if (!done) {
      done = true;
      await commit();
    }
    return rows;
  };
  return ctx;
}

let keyN = 0;
const key = () => `contest-test-${++keyN}-${Date.now()}`;

describeEachDialect('擂台赛: a contest end to end', (env) => {
  let admin: Client;
  let outsider: Client;
  let village: Client;
  /** Judges A–E by the order they were added; E's own unit is GZ (回避). */
  const judges: { id: string; name: string; client: Client }[] = [];
  let screenToken = '';
  /** The idempotency key of 评委甲's first score of GZ (unlocked later). */
  const gzKeyOfA = key();

  const consoleOf = async () => (await admin.get(`${base}/console`)).json() as ConsoleView;
  const score = (j: number, unit: string, value: number, k = key()) =>
    judges[j]?.client.post(`${base}/units/${unit}/scores`, {
      score: value,
      idempotencyKey: k,
    }) as Promise<LightMyRequestResponse>;
  const host = (path: string, body: object = {}) => admin.post(`${base}/${path}`, body);

  beforeAll(async () => {
    admin = await env().login('admin');
    outsider = await env().login('judge');
    village = await env().login('village');
  });

  describe('setup', () => {
    it('refuses a point split that does not sum to 100, naming juryPoints', async () => {
      const res = await admin.post('/api/contests', {
        name: '错误分值',
        year: 2024,
        period: '2024Q1',
        date: '2024-04-10',
        groupCodes: ['JD'],
        juryPoints: 70,
        honourPoints: 20,
        cadrePoints: 15,
      });
      expect(res.statusCode).toBe(400);
      expect(error(res).field).toBe('juryPoints');
    });

    it('creates the contest with the 街道 group’s four units in draft', async () => {
      const res = await admin.post('/api/contests', {
        name: '2024年第一季度擂台赛（测试）',
        year: 2024,
        period: '2024Q1',
        date: '2024-04-10',
        groupCodes: ['JD'],
      });
      expect(res.statusCode).toBe(200);
      const d = res.json() as ContestDetailView;
      expect(d.contest.code).toBe(CODE);
      expect(d.contest.status).toBe('draft');
      expect(d.contest.settings).toMatchObject({
        juryPoints: 70,
        honourPoints: 15,
        cadrePoints: 15,
        trimFrom: 5,
      });
      expect(d.participants.map((p) => p.unitCode).sort()).toEqual(['GZ', 'LH', 'LX', 'RML']);
      expect(d.participants.every((p) => p.state === 'waiting' && p.lotOrder === null)).toBe(true);
      expect(d.checks.ready).toBe(false);
      screenToken = d.screenPath.replace('/screen/', '');
      const again = await admin.post('/api/contests', {
        name: '重复',
        year: 2024,
        period: '2024Q1',
        date: '2024-04-10',
        groupCodes: ['JD'],
      });
      expect(again.statusCode).toBe(409);
      expect(error(again).field).toBe('code');
    });

    it('stores goals', async () => {
      const res = await admin.request({
        method: 'PUT',
        url: `${base}/units/RML/goals`,
        payload: { goals: '一季度完成人文路背街小巷改造' },
      });
      expect(res.statusCode).toBe(200);
      const d = res.json() as ContestDetailView;
      expect(d.participants.find((p) => p.unitCode === 'RML')?.goals).toBe('一季度完成人文路背街小巷改造');
      expect(d.checks.missingGoals).toEqual(expect.arrayContaining(['GZ', 'LH', 'LX']));
      expect(d.checks.missingGoals).not.toContain('RML');
    });

    it('creates five judges with one-time links; a link logs in once', async () => {
      const names = ['评委甲', '评委乙', '评委丙', '评委丁', '评委戊'];
      for (const [i, displayName] of names.entries()) {
        const res = await admin.post(`${base}/judges`, { displayName, ownUnitCode: i === 4 ? 'GZ' : null });
        expect(res.statusCode).toBe(200);
        const added = res.json() as JudgeAddedView;
        expect(added.judge.displayName).toBe(displayName);
        expect(added.password).toMatch(/^\S{8,}$/);
        expect(added.link.path).toBe(`/j/${added.link.token}`);
        expect(Date.parse(added.link.expiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
        const { res: login, client } = await linkLogin(env(), added.link.token);
        expect(login.statusCode).toBe(200);
        expect(login.json().user).toMatchObject({ role: 'judge', displayName });
        if (!client) throw new Error('no client');
        judges.push({ id: added.judge.userId, name: displayName, client });
        if (i === 0) {
          const second = await linkLogin(env(), added.link.token);
          expect(second.res.statusCode).toBe(410);
          expect(error(second.res).message).toContain('链接已使用');
          const bogus = await linkLogin(env(), 'x'.repeat(32));
          expect(bogus.res.statusCode).toBe(400);
          expect(error(bogus.res).field).toBe('token');
          // the password shown once works too
          const pw = await env().login(added.judge.username, added.password ?? '');
          expect(pw.cookie).toBeTruthy();
        }
      }
      const d = (await admin.get(base)).json() as ContestDetailView;
      expect(d.jury.map((j) => j.displayName)).toEqual(names);
      expect(d.jury.find((j) => j.displayName === '评委戊')?.ownUnitCode).toBe('GZ');
      expect(d.jury.every((j) => j.linkUsedAt !== null && !j.linkActive)).toBe(true);
      // a stored token is only its sha256
      const stored = await env().database.db.selectFrom('judge_links').select('token_hash').execute();
      expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    });

    it('two uses of one link at once open exactly one session', async () => {
      const link = (await admin.post(`${base}/judges/${judges[1]?.id}/link`)).json() as JudgeAddedView;
      const sessions = () =>
        env()
          .database.db.selectFrom('sessions')
          .select('id')
          .where('user_id', '=', judges[1]?.id ?? '')
          .execute();
      const before = (await sessions()).length;
      const both = await Promise.all([linkLogin(env(), link.link.token), linkLogin(env(), link.link.token)]);
      expect(both.map((b) => b.res.statusCode).sort()).toEqual([200, 410]);
      expect((await sessions()).length).toBe(before + 1);
    });

    it('a new link ends the judge’s unused one; an expired link is refused', async () => {
      const first = (await admin.post(`${base}/judges/${judges[0]?.id}/link`)).json() as JudgeAddedView;
      expect(first.password).toBeNull();
      expect(first.judge.linkActive).toBe(true);
      const second = (await admin.post(`${base}/judges/${judges[0]?.id}/link`)).json() as JudgeAddedView;
      const replaced = await linkLogin(env(), first.link.token);
      expect(replaced.res.statusCode).toBe(410);
      expect(error(replaced.res).message).toContain('链接已过期');
      await env()
        .database.db.updateTable('judge_links')
        .set({ expires_at: '2020-01-01T00:00:00.000Z' })
        .where('used_at', 'is', null)
        .execute();
      const expired = await linkLogin(env(), second.link.token);
      expect(expired.res.statusCode).toBe(410);
      expect(error(expired.res).message).toContain('链接已过期');
    });

    it('enters honours one by one and by workbook; a bad workbook names its rows and changes nothing', async () => {
      for (const level of ['national', 'provincial'])
        expect(
          (
            await admin.post(`${base}/honours`, {
              unitCode: 'RML',
              title: `荣誉${level}`,
              level,
              awardedOn: '2023-12-01',
              issuer: '某授予单位',
            })
          ).statusCode,
        ).toBe(200);
      const headers = ['单位编码', '荣誉名称', '级别', '授予日期', '授予单位'];
      const bad = await upload(
        admin,
        `${base}/honours/import`,
        await xlsx('荣誉', headers, [
          ['NOPE', '全国文明单位', '国家级', '2023-05-01', '中央文明委'],
          ['LX', '某荣誉', '乡级', '2023-05-01', '某单位'],
          ['LX', '某荣誉', '市级', '2023-05-01', '某单位'],
        ]),
      );
      expect(bad.statusCode).toBe(400);
      const details = error(bad).details ?? [];
      expect(details.map((d) => [d.row, d.column])).toEqual([
        [2, '单位编码'],
        [3, '级别'],
      ]);
      // words an object inherits are no level either: each named by its row, not a 500
      const inherited = await upload(
        admin,
        `${base}/honours/import`,
        await xlsx(
          '荣誉',
          headers,
          ['constructor', '__proto__', 'toString'].map((level) => [
            'LX',
            '某荣誉',
            level,
            '2023-05-01',
            '某单位',
          ]),
        ),
      );
      expect(inherited.statusCode).toBe(400);
      expect((error(inherited).details ?? []).map((d) => [d.row, d.column])).toEqual([
        [2, '级别'],
        [3, '级别'],
        [4, '级别'],
      ]);
      const good = await upload(
        admin,
        `${base}/honours/import`,
        await xlsx('荣誉', headers, [
          ['LX', '全国文明单位', '国家级', '2023-05-01', '中央文明委'],
          ['LX', '全国先进基层党组织', '国家级', '2023-06-30', '中共中央'],
          ['LX', '全国民族团结进步示范单位', '国家级', '2023/9/1', '国家民委'],
          ['LX', '区级先进', '区级', '2023-10-01', '石龙区委'],
        ]),
      );
      expect(good.statusCode).toBe(200);
      expect(good.json()).toMatchObject({ imported: 4, units: 1 });
      const list = (await admin.get(`${base}/honours`)).json() as {
        rows: { unitCode: string }[];
        units: { unitCode: string; count: number; points: number }[];
      };
      expect(list.rows).toHaveLength(6);
      // RML: 5 + 3 = 8; LX: 5 + 5 + 5 + 1 = 16 capped at 15
      expect(list.units.find((u) => u.unitCode === 'RML')).toMatchObject({ count: 2, points: 8 });
      expect(list.units.find((u) => u.unitCode === 'LX')).toMatchObject({ count: 4, points: 15 });
    });

    it('imports cadre-style votes; unknown unit codes are listed by row and nothing is imported', async () => {
      const headers = ['单位编码', '单位名称', '好', '较好', '一般', '差'];
      const bad = await upload(
        admin,
        `${base}/cadre/import`,
        await xlsx('作风评价', headers, [
          ['RML', '人民路街道', 30, 10, 2, 0],
          ['ZZZ', '不存在', 1, 1, 1, 1],
          ['GZ', '高庄街道', 10, 5, 'x', 2],
          // no votes, but a unit that does not take part: shown, not skipped like a blank template row
          ['QQQ', '不存在', null, null, null, null],
          [null, null, null, null, null, null],
        ]),
      );
      expect(bad.statusCode).toBe(400);
      expect((error(bad).details ?? []).map((d) => d.row)).toEqual([3, 4, 5]);
      expect(error(bad).details?.[2]).toMatchObject({ column: '单位编码' });
      expect(error(bad).details?.[2]?.message).toContain('QQQ');
      expect((await admin.get(base)).json().checks.missingCadre).toHaveLength(4);
      const good = await upload(
        admin,
        `${base}/cadre/import`,
        await xlsx('作风评价', headers, [
          ['RML', '人民路街道', 30, 10, 2, 0],
          ['GZ', '高庄街道', 10, 5, 3, 2],
        ]),
      );
      expect(good.statusCode).toBe(200);
      const d = good.json().detail as ContestDetailView;
      // 15 × (30 + 8 + 1.2) / 42 = 14; 15 × (10 + 4 + 1.8) / 20 = 11.85
      expect(d.participants.find((p) => p.unitCode === 'RML')?.cadreScore).toBe(14);
      expect(d.participants.find((p) => p.unitCode === 'GZ')?.cadreScore).toBe(11.85);
      expect(d.checks.missingCadre.sort()).toEqual(['LH', 'LX']);
      const template = await admin.get(`${base}/cadre/template`);
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-type']).toContain('spreadsheetml');
    });

    it('draws lots from a seed into a known order, redraws while a draft, and refuses to start without them', async () => {
      const early = await host('start');
      expect(early.statusCode).toBe(409);
      expect(error(early).field).toBe('lots');
      const other = (await admin.post(`${base}/lots`, { seed: 'other' })).json() as ContestDetailView;
      expect(other.lots.seed).toBe('other');
      const d = (await admin.post(`${base}/lots`, { seed: 'seed-1' })).json() as ContestDetailView;
      // core drawLots('seed-1', { JD: [GZ, LH, LX, RML] }) → RML, GZ, LH, LX
      const order = [...d.participants].sort((a, b) => (a.lotOrder ?? 0) - (b.lotOrder ?? 0));
      expect(order.map((p) => p.unitCode)).toEqual(['RML', 'GZ', 'LH', 'LX']);
      expect(d.lots).toMatchObject({
        drawn: true,
        seed: 'seed-1',
        unitCodesPerGroup: { JD: expect.any(Array) },
      });
      expect(d.checks.ready).toBe(true);
    });
  });

  describe('running', () => {
    it('starts; a redraw after the start is 409', async () => {
      const started = await host('start');
      expect(started.statusCode).toBe(200);
      expect((started.json() as ConsoleView).contest.status).toBe('running');
      const redraw = await admin.post(`${base}/lots`, { seed: 'late' });
      expect(redraw.statusCode).toBe(409);
      expect(error(redraw).message).toBe('比赛已开始，不能重新抽签');
    });

    it('calls the first speaker by lot and runs the countdown', async () => {
      const called = (await host('call')).json() as ConsoleView;
      expect(called.current).toMatchObject({ unitCode: 'RML', lotOrder: 1, state: 'speaking' });
      expect(called.timer).toMatchObject({ status: 'idle', remainingMs: 300_000, speechSeconds: 300 });
      expect((await host('timer', { action: 'pause' })).statusCode).toBe(409);
      const running = (await host('timer', { action: 'start' })).json() as ConsoleView;
      expect(running.timer.status).toBe('running');
      expect(running.timer.startedAt).not.toBeNull();
      const paused = (await host('timer', { action: 'pause' })).json() as ConsoleView;
      expect(paused.timer.status).toBe('paused');
      expect(paused.timer.remainingMs).toBeLessThanOrEqual(300_000);
      expect(paused.timer.remainingMs).toBeGreaterThan(290_000);
      expect(((await host('timer', { action: 'resume' })).json() as ConsoleView).timer.status).toBe(
        'running',
      );
      // scoring a unit that is not open yet
      const early = await score(0, 'RML', 60);
      expect(early.statusCode).toBe(409);
      expect(error(early).message).toBe('该单位未开始评分/已结束评分');
    });

    it('a view’s lastEventId is read before its state: a change committed in between is sent again, never lost', async () => {
      const contestId = (await consoleOf()).contest.id;
      const latest = () => env().system().repos.contestEvents.latestId(contestId);
      const judge = judges[0];
      if (!judge) throw new Error('no judge');
      const judgeActor: Actor = {
        userId: judge.id,
        username: judge.name,
        displayName: judge.name,
        role: 'judge',
        scopeUnitId: null,
        scopePath: '/',
        assignedPaths: [],
        sessionId: 'test',
      };
      const views: [string, (ctx: ServiceContext) => Promise<{ lastEventId: number }>][] = [
        ['screen', (ctx) => getScreen(ctx, screenToken)],
        ['console', (ctx) => getConsole(ctx, CODE)],
        ['judge', (ctx) => getJudgeView({ ...ctx, actor: judgeActor }, CODE)],
      ];
      for (const [i, [what, read]] of views.entries()) {
        const before = await latest();
        // the timer is running: pause, resume, pause — each commits a `timer` event while the state is read
        const action = i % 2 === 0 ? 'pause' : 'resume';
        const view = await read(racing(env().system(), () => host('timer', { action })));
        const after = await latest();
        expect(after).toBeGreaterThan(before);
        // the stream opened from the view's id replays the event the view may not show
        expect([what, view.lastEventId]).toEqual([what, before]);
      }
      expect(((await host('timer', { action: 'resume' })).json() as ConsoleView).timer.status).toBe(
        'running',
      );
    });

    it('opens scoring (ending the countdown); five judges score, with every refusal', async () => {
      const opened = (await host('units/RML/open')).json() as ConsoleView;
      expect(opened.current?.state).toBe('scoring');
      expect(opened.timer.status).toBe('ended');
      expect(opened.juryCount).toBe(5);
      // a judge not on the jury
      const stranger = await outsider.post(`${base}/units/RML/scores`, { score: 60, idempotencyKey: key() });
      expect(stranger.statusCode).toBe(403);
      // …who learns nothing about which units take part: an unknown unit is 403 too, not 404
      const probe = await outsider.post(`${base}/units/NOPE/scores`, { score: 60, idempotencyKey: key() });
      expect(probe.statusCode).toBe(403);
      expect(error(probe).message).toContain('不是本场比赛的评委');
      // a district admin is not a judge either
      expect(
        (await admin.post(`${base}/units/RML/scores`, { score: 60, idempotencyKey: key() })).statusCode,
      ).toBe(403);
      expect(
        (await village.post(`${base}/units/RML/scores`, { score: 60, idempotencyKey: key() })).statusCode,
      ).toBe(403);
      // out of bounds and more than one decimal
      for (const bad of [70.5, -1, 64.55]) {
        const res = await score(0, 'RML', bad);
        expect(res.statusCode).toBe(400);
        expect(error(res).field).toBe('score');
      }
      const k = key();
      const first = await score(0, 'RML', 60, k);
      expect(first.statusCode).toBe(200);
      expect((first.json() as ScoreResultView).replayed).toBe(false);
      const replay = await score(0, 'RML', 60, k);
      expect(replay.statusCode).toBe(200);
      expect((replay.json() as ScoreResultView).replayed).toBe(true);
      const reused = await score(0, 'RML', 61, k);
      expect(reused.statusCode).toBe(409);
      expect(error(reused).field).toBe('idempotencyKey');
      const second = await score(0, 'RML', 61);
      expect(second.statusCode).toBe(409);
      expect(error(second).message).toBe('已提交，分数已锁定');
      for (const [j, value] of [62, 65, 66].entries())
        expect((await score(j + 1, 'RML', value)).statusCode).toBe(200);
      // while scoring: the judge's page holds only the judge's own score; console and screen only counts
      const view = (await judges[1]?.client.get(`${base}/judge`))?.json() as JudgeContestView;
      expect(view.currentUnit).toMatchObject({ myScore: 62, canScore: false, recused: false });
      expect(view.myScores.map((s) => s.score)).toEqual([62]);
      expect(JSON.stringify(view)).not.toMatch(/\b(60|65|66)\b/);
      expect(view.scoredCount).toBe(1);
      expect(view.scorableCount).toBe(4);
      const fifth = (await judges[4]?.client.get(`${base}/judge`))?.json() as JudgeContestView;
      expect(fifth.currentUnit).toMatchObject({ myScore: null, canScore: true });
      expect(fifth.scorableCount).toBe(3);
      const list = (await judges[4]?.client.get('/api/judge/contests'))?.json() as {
        rows: { code: string }[];
      };
      expect(list.rows.map((r) => r.code)).toEqual([CODE]);
      for (const url of [base, `${base}/console`, `${base}/results`, `${base}/consistency`, '/api/contests'])
        expect((await judges[4]?.client.get(url))?.statusCode).toBe(403);
      const hostView = await consoleOf();
      expect(hostView.scoredCount).toBe(4);
      expect(hostView.judges.filter((j) => j.scored).map((j) => j.displayName)).toEqual([
        '评委甲',
        '评委乙',
        '评委丙',
        '评委丁',
      ]);
      expect(JSON.stringify(hostView.judges)).not.toContain('"score"');
      const screen = (await env().anonymous().get(`/api/screens/${screenToken}`)).json() as ScreenView;
      expect(screen.scoring).toEqual({ unitCode: 'RML', scoredCount: 4, juryCount: 5 });
      expect(screen.current).toMatchObject({ unitCode: 'RML', groupCode: 'JD', lotOrder: 1 });
      expect(JSON.stringify(screen)).not.toContain('评委甲');
      expect((await score(4, 'RML', 70)).statusCode).toBe(200);
    });

    it('closes the unit: trimmed mean, honours, cadre, total, rank', async () => {
      const closed = (await host('units/RML/close')).json() as ConsoleView;
      const rml = closed.participants.find((p) => p.unitCode === 'RML');
      // (62 + 65 + 66) / 3 = 64.33; + 8 honours + 14 cadre = 86.33
      expect(rml).toMatchObject({
        state: 'closed',
        jury: 64.33,
        honourPoints: 8,
        cadreScore: 14,
        total: 86.33,
        rank: 1,
      });
      expect(closed.ranking.find((g) => g.groupCode === 'JD')?.rows).toEqual([
        expect.objectContaining({
          unitCode: 'RML',
          rank: 1,
          jury: 64.33,
          honour: 8,
          cadre: 14,
          total: 86.33,
        }),
      ]);
      const late = await score(0, 'RML', 60);
      expect(late.statusCode).toBe(409);
      expect(error(late).message).toBe('该单位未开始评分/已结束评分');
    });

    it('a judge never scores their own unit (回避); the close needs no force when the rest have scored', async () => {
      const called = (await host('call')).json() as ConsoleView;
      expect(called.current?.unitCode).toBe('GZ');
      await host('units/GZ/open');
      const own = await score(4, 'GZ', 60);
      expect(own.statusCode).toBe(403);
      expect(error(own).message).toContain('回避');
      const judgeView = (await judges[4]?.client.get(`${base}/judge`))?.json() as JudgeContestView;
      expect(judgeView.currentUnit).toMatchObject({ recused: true, canScore: false });
      for (const [j, value] of [50, 55, 60].entries())
        expect((await score(j, 'GZ', value, j === 0 ? gzKeyOfA : key())).statusCode).toBe(200);
      // 评委丁 sends ten at once, each with its own key: one counts, nine are refused, one row is stored
      const burst = await Promise.all(Array.from({ length: 10 }, () => score(3, 'GZ', 65)));
      expect(burst.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
      const stored = await env()
        .database.db.selectFrom('contest_scores')
        .innerJoin('units', 'units.id', 'contest_scores.unit_id')
        .select(['contest_scores.contest_id', 'contest_scores.unit_id', 'contest_scores.status'])
        .where('units.code', '=', 'GZ')
        .where('contest_scores.judge_id', '=', judges[3]?.id ?? '')
        .execute();
      expect(stored.map((r) => r.status)).toEqual(['active']);
      // the database itself refuses a second active score of a judge for a unit; an unlocked one may stay
      const row = (status: string) => ({
        id: `dup-${status}-${keyN}`,
        contest_id: stored[0]?.contest_id ?? '',
        unit_id: stored[0]?.unit_id ?? '',
        judge_id: judges[3]?.id ?? '',
        score: 1,
        submitted_at: new Date().toISOString(),
        status,
        unlocked_at: null,
        unlocked_by_name: null,
        unlock_reason: null,
        idempotency_key: key(),
        fingerprint: 'test',
      });
      await expect(
        env()
          .system()
          .repos.contests.insertScores([row('active')]),
      ).rejects.toThrow();
      await env()
        .system()
        .repos.contests.insertScores([row('unlocked')]);
      await env().database.db.deleteFrom('contest_scores').where('status', '=', 'unlocked').execute();
      const c = await consoleOf();
      expect(c.juryCount).toBe(4);
      expect(c.judges.find((j) => j.displayName === '评委戊')?.recused).toBe(true);
      const closed = (await host('units/GZ/close')).json() as ConsoleView;
      // 4 scores < trimFrom 5: (50 + 55 + 60 + 65) / 4 = 57.5; + 0 + 11.85 = 69.35
      expect(closed.participants.find((p) => p.unitCode === 'GZ')).toMatchObject({
        jury: 57.5,
        total: 69.35,
        rank: 2,
      });
    });

    it('unlocks one judge’s score with a reason after the close: the unit reopens and re-closes recomputed', async () => {
      const noReason = await host(`units/GZ/scores/${judges[0]?.id}/unlock`, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      const reopened = (
        await host(`units/GZ/scores/${judges[0]?.id}/unlock`, { reason: '评委甲误输，申请更正' })
      ).json() as ConsoleView;
      const gz = reopened.participants.find((p) => p.unitCode === 'GZ');
      expect(gz).toMatchObject({ state: 'scoring', jury: null, total: null, scoredCount: 3 });
      expect(reopened.current?.unitCode).toBe('GZ');
      // a retry of the unlocked score with its old key is no replay of a score that no longer counts
      const retry = await score(0, 'GZ', 50, gzKeyOfA);
      expect(retry.statusCode).toBe(409);
      expect(error(retry).field).toBe('idempotencyKey');
      expect(error(retry).message).toContain('已被主持人解锁');
      expect((await consoleOf()).scoredCount).toBe(3);
      expect((await score(0, 'GZ', 45)).statusCode).toBe(200);
      const closed = (await host('units/GZ/close')).json() as ConsoleView;
      // (45 + 55 + 60 + 65) / 4 = 56.25; + 11.85 = 68.10
      expect(closed.participants.find((p) => p.unitCode === 'GZ')).toMatchObject({
        jury: 56.25,
        total: 68.1,
      });
      const audit = await env()
        .database.db.selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('action', '=', 'contest.unlock')
        .execute();
      expect(audit.map((a) => JSON.parse(a.after_json ?? '{}').reason)).toEqual(['评委甲误输，申请更正']);
    });

    it('closing with judges missing needs force; the mean is plain below five scores', async () => {
      await host('call');
      await host('units/LH/open');
      for (const [j, value] of [40, 50, 60].entries()) await score(j, 'LH', value);
      const refused = await host('units/LH/close');
      expect(refused.statusCode).toBe(409);
      expect(error(refused).field).toBe('force');
      expect(error(refused).message).toContain('评委丁');
      expect(error(refused).message).toContain('评委戊');
      const closed = (await host('units/LH/close', { force: true })).json() as ConsoleView;
      expect(closed.participants.find((p) => p.unitCode === 'LH')).toMatchObject({
        jury: 50,
        total: 50,
        rank: 3,
      });
    });

    it('the last unit; finish and announce freeze the ranking', async () => {
      await host('call');
      const early = await host('finish');
      expect(early.statusCode).toBe(409);
      await host('units/LX/open');
      for (const [j, value] of [70, 70, 70, 70, 69.5].entries())
        expect((await score(j, 'LX', value)).statusCode).toBe(200);
      const closed = (await host('units/LX/close')).json() as ConsoleView;
      // trimmed: without one 70 and 69.5 → 70; + 15 honours (16 capped) + 0 cadre (no votes) = 85
      expect(closed.participants.find((p) => p.unitCode === 'LX')).toMatchObject({
        jury: 70,
        honourPoints: 15,
        total: 85,
      });
      expect(closed.ranking[0]?.rows.map((r) => [r.unitCode, r.rank, r.total])).toEqual([
        ['RML', 1, 86.33],
        ['LX', 2, 85],
        ['GZ', 3, 68.1],
        ['LH', 4, 50],
      ]);
      expect((await host('announce')).statusCode).toBe(409);
      expect(((await host('finish')).json() as ConsoleView).contest.status).toBe('finished');
      const announced = (await host('announce')).json() as ConsoleView;
      expect(announced.contest.status).toBe('announced');
      expect(announced.contest.announcedAt).not.toBeNull();
    });

    it('announce locks everything: later writes are 409', async () => {
      const attempts: [string, Promise<LightMyRequestResponse>][] = [
        ['score', score(0, 'LX', 60)],
        ['goals', admin.request({ method: 'PUT', url: `${base}/units/LX/goals`, payload: { goals: '改' } })],
        ['lots', admin.post(`${base}/lots`, { seed: 'x' })],
        ['call', host('call')],
        ['unlock', host(`units/LX/scores/${judges[0]?.id}/unlock`, { reason: '公布后更正' })],
        [
          'honour',
          admin.post(`${base}/honours`, {
            unitCode: 'LX',
            title: 't',
            level: 'city',
            awardedOn: '2023-01-01',
            issuer: 'i',
          }),
        ],
        ['judge', admin.post(`${base}/judges`, { displayName: '迟到评委' })],
        ['settings', admin.patch(base, { name: '改名' })],
        ['announce', host('announce')],
        ['finish', host('finish')],
      ];
      for (const [what, pending] of attempts) {
        const res = await pending;
        expect([what, res.statusCode]).toEqual([what, 409]);
      }
    });

    it('serves the frozen results, their workbook and the consistency check', async () => {
      const results = (await admin.get(`${base}/results`)).json() as ContestResultsView;
      expect(results.frozen).toBe(true);
      const rows = results.groups[0]?.rows ?? [];
      expect(rows.map((r) => [r.unitCode, r.rank, r.jury, r.honour, r.cadre, r.total])).toEqual([
        ['RML', 1, 64.33, 8, 14, 86.33],
        ['LX', 2, 70, 15, 0, 85],
        ['GZ', 3, 56.25, 0, 11.85, 68.1],
        ['LH', 4, 50, 0, 0, 50],
      ]);
      // RML's 60 and 70 were dropped by the trimmed mean
      expect(
        rows[0]?.scores
          .filter((s) => s.dropped)
          .map((s) => s.score)
          .sort(),
      ).toEqual([60, 70]);
      expect(rows[2]?.scores.map((s) => s.score).sort()).toEqual([45, 55, 60, 65]);
      const file = await admin.get(`${base}/results?format=xlsx`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const consistency = (await admin.get(`${base}/consistency`)).json() as {
        rows: { displayName: string; units: number; meanDeviation: number }[];
      };
      // 评委甲: 60 − 64.33, 45 − 56.25, 40 − 50, 70 − 70 → (−4.33 − 11.25 − 10 + 0) / 4 = −6.395 → −6.4
      expect(consistency.rows.find((r) => r.displayName === '评委甲')).toMatchObject({
        units: 4,
        meanDeviation: -6.4,
      });
      expect(consistency.rows.find((r) => r.displayName === '评委戊')?.units).toBe(2);
    });

    it('a new screen link (any time, audited, announced or not): the old one is 404, the new one works', async () => {
      const before = (await admin.get(base)).json() as ContestDetailView;
      const old = before.screenPath.replace('/screen/', '');
      expect((await env().anonymous().get(`/api/screens/${old}`)).statusCode).toBe(200);
      // only district admins
      expect((await judges[0]?.client.post(`${base}/screen-token`))?.statusCode).toBe(403);
      const res = await admin.post(`${base}/screen-token`);
      expect(res.statusCode).toBe(200);
      const fresh = (res.json() as ContestDetailView).screenPath.replace('/screen/', '');
      expect(fresh).toMatch(/^[\w-]{32}$/);
      expect(fresh).not.toBe(old);
      expect((await env().anonymous().get(`/api/screens/${old}`)).statusCode).toBe(404);
      const screen = await env().anonymous().get(`/api/screens/${fresh}`);
      expect(screen.statusCode).toBe(200);
      expect((screen.json() as ScreenView).contest.code).toBe(CODE);
      const audit = await env()
        .database.db.selectFrom('audit_log')
        .select(['after_json'])
        .where('action', '=', 'contest.screenToken')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(fresh);
      expect(JSON.stringify(audit)).not.toContain(old);
      screenToken = fresh;
    });

    it('shows the final ranking on the public screen; an unknown token is 404', async () => {
      const res = await env().anonymous().get(`/api/screens/${screenToken}`);
      expect(res.statusCode).toBe(200);
      const screen = res.json() as ScreenView;
      expect(screen.final).toBe(true);
      expect(screen.contest).toMatchObject({ code: CODE, status: 'announced' });
      expect(screen.ranking[0]?.rows.map((r) => r.unitCode)).toEqual(['RML', 'LX', 'GZ', 'LH']);
      expect(screen.lastEventId).toBeGreaterThan(0);
      expect(
        (
          await env()
            .anonymous()
            .get(`/api/screens/${'n'.repeat(32)}`)
        ).statusCode,
      ).toBe(404);
    });

    it('appended an event for every change, and score events never carry a score', async () => {
      const contest = await env()
        .database.db.selectFrom('contests')
        .select('id')
        .where('code', '=', CODE)
        .executeTakeFirstOrThrow();
      const events = await env().system().repos.contestEvents.listAfter(contest.id, 0, 1000);
      const kinds = new Set(events.map((e) => e.kind));
      for (const kind of [
        'contest.status',
        'contest.updated',
        'lots.drawn',
        'speaker.called',
        'timer',
        'unit.scoring',
        'score.submitted',
        'score.unlocked',
        'unit.closed',
        'results.announced',
      ])
        expect([kind, kinds.has(kind)]).toEqual([kind, true]);
      const submitted = events.filter((e) => e.kind === 'score.submitted');
      // RML 5, GZ 4 + 1 after the unlock, LH 3, LX 5
      expect(submitted).toHaveLength(18);
      for (const e of submitted)
        expect(Object.keys(JSON.parse(e.payload)).sort()).toEqual(['juryCount', 'scoredCount', 'unitCode']);
      const closed = events.filter((e) => e.kind === 'unit.closed').map((e) => JSON.parse(e.payload));
      expect(closed[0]).toEqual({
        unitCode: 'RML',
        groupCode: 'JD',
        jury: 64.33,
        honour: 8,
        cadre: 14,
        total: 86.33,
      });
      expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
      // the public screen's stream sends these very events: none names a user (judge, host) by id
      const users = await env().database.db.selectFrom('users').select('id').execute();
      expect(users.length).toBeGreaterThan(5);
      const leaks = events.filter((e) => users.some((u) => e.payload.includes(u.id)));
      expect(leaks.map((e) => [e.kind, e.payload])).toEqual([]);
      const unlocked = events.filter((e) => e.kind === 'score.unlocked').map((e) => JSON.parse(e.payload));
      // GZ reopened by the unlock of 评委甲's score: 4 − 1 = 3 of 4
      expect(unlocked).toEqual([{ unitCode: 'GZ', scoredCount: 3, juryCount: 4 }]);
    });
  });

  describe('the demo', () => {
    it('has LT-2023-Q1 announced: 59 units ranked in 4 groups by a jury of nine', async () => {
      const results = (await admin.get('/api/contests/LT-2023-Q1/results')).json() as ContestResultsView;
      expect(results.contest).toMatchObject({
        status: 'announced',
        participantCount: 59,
        closedCount: 59,
        judgeCount: 9,
      });
      expect(results.frozen).toBe(true);
      expect(results.groups.map((g) => [g.groupCode, g.rows.length])).toEqual([
        ['DQ', 16],
        ['ZF', 29],
        ['JD', 4],
        ['CZ', 10],
      ]);
      for (const g of results.groups) {
        expect(g.rows[0]?.rank).toBe(1);
        for (const r of g.rows) {
          // the parts add up and lie within their points
          expect(r.total).toBeCloseTo(r.jury + r.honour + r.cadre, 6);
          expect(r.jury).toBeGreaterThanOrEqual(40);
          expect(r.jury).toBeLessThanOrEqual(70);
          expect(r.honour).toBeLessThanOrEqual(15);
          expect(r.cadre).toBeLessThanOrEqual(15);
        }
        const totals = g.rows.map((r) => r.total);
        expect(totals).toEqual([...totals].sort((a, b) => b - a));
      }
      const rows = results.groups.flatMap((g) => g.rows);
      // 评委 张伟 heads 人民路街道 and 评委 李明华 区发改委: eight judges each; every other unit nine
      expect(rows.find((r) => r.unitCode === 'RML')?.judgeCount).toBe(8);
      expect(rows.find((r) => r.unitCode === 'ZF-02')?.judgeCount).toBe(8);
      expect(rows.filter((r) => r.judgeCount === 9)).toHaveLength(57);
      const rml = rows.find((r) => r.unitCode === 'RML');
      expect(rml?.scores.map((s) => s.displayName)).not.toContain('评委 张伟');
      const consistency = (await admin.get('/api/contests/LT-2023-Q1/consistency')).json() as {
        rows: { displayName: string; flagged: boolean; meanDeviation: number }[];
      };
      expect(consistency.rows.filter((r) => r.flagged).map((r) => r.displayName)).toEqual(['评委 赵磊']);
      expect(consistency.rows.find((r) => r.displayName === '评委 赵磊')?.meanDeviation).toBeLessThan(-2);
    });

    it('has LT-2023-Q2 ready to run: goals, honours, cadre votes and the jury with 评委 陈红; lots not drawn', async () => {
      const d = (await admin.get('/api/contests/LT-2023-Q2')).json() as ContestDetailView;
      expect(d.contest).toMatchObject({
        status: 'draft',
        participantCount: 59,
        judgeCount: 9,
        lotsDrawn: false,
      });
      expect(d.lots.drawn).toBe(false);
      expect(d.checks).toMatchObject({ missingGoals: [], missingCadre: [], lotsDrawn: false, juryCount: 9 });
      expect(d.jury.map((j) => j.displayName)).toContain('评委 陈红');
      expect(d.participants.filter((p) => p.honourCount > 0).length).toBeGreaterThan(30);
      const mine = (await outsider.get('/api/judge/contests')).json() as {
        rows: { code: string; status: string }[];
      };
      expect(mine.rows.map((r) => [r.code, r.status])).toEqual([
        ['LT-2023-Q2', 'draft'],
        ['LT-2023-Q1', 'announced'],
      ]);
      const view = (await outsider.get('/api/contests/LT-2023-Q2/judge')).json() as JudgeContestView;
      expect(view).toMatchObject({ current: null, scoredCount: 0, scorableCount: 59 });
      // a demo judge logs in with the demo password
      expect((await env().login('judge-wjg')).cookie).toBeTruthy();
    });

    it('ranks the year-end overall of 2023 from the announced quarter', async () => {
      const res = await admin.get('/api/contest-years/2023/overall');
      const overall = res.json() as {
        contests: { code: string }[];
        groups: {
          groupCode: string;
          rows: { unitCode: string; contests: number; mean: number; totals: Record<string, number | null> }[];
        }[];
      };
      expect(overall.contests.map((c) => c.code)).toEqual(['LT-2023-Q1']);
      expect(overall.groups.map((g) => [g.groupCode, g.rows.length])).toEqual([
        ['DQ', 16],
        ['ZF', 29],
        ['JD', 4],
        ['CZ', 10],
      ]);
      const row = overall.groups[0]?.rows[0];
      expect(row?.contests).toBe(1);
      expect(row?.mean).toBe(row?.totals['LT-2023-Q1']);
      const file = await admin.get('/api/contest-years/2023/overall?format=xlsx');
      expect(file.headers['content-type']).toContain('spreadsheetml');
    });
  });
});
