import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { DEMO_CONTEST_Q1 } from '../src/demo/demoContests';
import { createInProcessBus } from '../src/lib/liveBus';
import { createUser } from '../src/services/user.service';
import { insertLiveContest } from './contestLiveHelpers';
import { type Client, DEMO_PASSWORD, describeEachDialect, TEST_SETTINGS } from './harness';
import { openStream, type SseStream } from './sseClient';

/**
 * An open event stream is authorised once when it opens and then stays open for hours; its access is checked
 * again every round while it is open (`streamRecheckMs`, 20 s in production, 100 ms here). Logging out,
 * disabling the user and replacing a screen link end the streams that relied on them; a stream still allowed
 * stays open, and the checks do not keep its session alive.
 */

const RECHECK_MS = 100;
/** Far more than a few rounds: a stream that should end and does not fails here. */
const ENDS_WITHIN_MS = 5000;

describeEachDialect('open event streams lose access when it is taken away', (env) => {
  let base = '';
  let app: FastifyInstance;
  let dataDir = '';
  const streams: SseStream[] = [];

  /** Opens a stream and checks that it started (200, SSE). */
  async function open(path: string, cookie?: string): Promise<SseStream> {
    const s = await openStream(base, path, cookie ? { cookie } : {});
    streams.push(s);
    expect(s.status, path).toBe(200);
    await s.waitForText('retry: ');
    return s;
  }

  /** Resolves true when the server ends the stream within `ms`, false when it is still open then. */
  async function endsWithin(s: SseStream, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const open = new Promise<boolean>((res) => {
      timer = setTimeout(() => res(false), ms);
    });
    const result = await Promise.race([s.ended.then(() => true), open]);
    clearTimeout(timer);
    return result;
  }

  /** A fresh judge of its own (so logging out or disabling it touches no other test), logged in. */
  async function freshJudge(name: string): Promise<{ id: string; client: Client }> {
    const made = await createUser(
      env().system(),
      { username: name, displayName: name, role: 'judge', password: DEMO_PASSWORD },
      { mustChangePassword: false },
    );
    return { id: made.user.id, client: await env().login(name) };
  }

  /** A cookie header for the same session, usable by node:http against the listening app. */
  const cookieOf = (client: Client) => client.cookie ?? '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wuxing-access-'));
    app = await buildApp({
      database: env().database,
      settings: TEST_SETTINGS,
      dataDir,
      logger: false,
      liveBus: createInProcessBus(),
      liveFeed: { pollMs: 60_000, heartbeatMs: 60_000 },
      streamRecheckMs: RECHECK_MS,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logging out ends the contest stream of that session, and only that one', async () => {
    const { client } = await freshJudge('acc-judge-out');
    const other = await env().login('acc-judge-out');
    const contest = await insertLiveContest(env(), ['acc-judge-out']);
    const path = `/api/contests/${contest.code}/events`;
    const leaving = await open(path, cookieOf(client));
    const staying = await open(path, cookieOf(other));

    const out = await client.post('/api/auth/logout');
    expect(out.statusCode, out.body).toBeLessThan(300);
    expect(await endsWithin(leaving, ENDS_WITHIN_MS)).toBe(true);
    // The same user's other session was not logged out: its stream stays.
    expect(await endsWithin(staying, RECHECK_MS * 10)).toBe(false);
    // Reconnecting with the ended session is refused before any stream starts.
    const again = await openStream(base, path, { cookie: cookieOf(client) });
    streams.push(again);
    expect(again.status).toBe(401);
  });

  it('disabling the user ends all its streams', async () => {
    const { id, client } = await freshJudge('acc-judge-off');
    const contest = await insertLiveContest(env(), ['acc-judge-off']);
    const s = await open(`/api/contests/${contest.code}/events`, cookieOf(client));
    const admin = await env().login('admin');
    const off = await admin.patch(`/api/users/${id}`, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect(await endsWithin(s, ENDS_WITHIN_MS)).toBe(true);
  });

  it('a new contest screen link ends the screens on the old one; the new one streams', async () => {
    const tokenOf = async () =>
      (
        await env()
          .database.db.selectFrom('contests')
          .select('screen_token')
          .where('code', '=', DEMO_CONTEST_Q1)
          .executeTakeFirstOrThrow()
      ).screen_token;
    const old = await open(`/api/screens/${await tokenOf()}/events`);
    const admin = await env().login('admin');
    const rotated = await admin.post(`/api/contests/${DEMO_CONTEST_Q1}/screen-token`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(await endsWithin(old, ENDS_WITHIN_MS)).toBe(true);
    const fresh = await open(`/api/screens/${await tokenOf()}/events`);
    expect(await endsWithin(fresh, RECHECK_MS * 10)).toBe(false);
  });

  it('a new big-screen link ends the district screens on the old one; the new one streams', async () => {
    const admin = await env().login('admin');
    const first = (await admin.post('/api/dashboard/screen-link')).json() as { token: string };
    const old = await open(`/api/bigscreen/${first.token}/events`);
    const oldToo = await open(`/api/bigscreen/${first.token}/events`);
    const second = (await admin.post('/api/dashboard/screen-link')).json() as { token: string };
    expect(await endsWithin(old, ENDS_WITHIN_MS)).toBe(true);
    expect(await endsWithin(oldToo, ENDS_WITHIN_MS)).toBe(true);
    const fresh = await open(`/api/bigscreen/${second.token}/events`);
    expect(await endsWithin(fresh, RECHECK_MS * 10)).toBe(false);
  });

  it('a stream still allowed stays open, and its checks do not move the session’s idle deadline', async () => {
    const { id, client } = await freshJudge('acc-judge-idle');
    const contest = await insertLiveContest(env(), ['acc-judge-idle']);
    const s = await open(`/api/contests/${contest.code}/events`, cookieOf(client));
    // The last request ten minutes back: a request now would move it (after a minute); the checks must not.
    const earlier = new Date(Date.now() - 10 * 60_000).toISOString();
    const sessions = () =>
      env().database.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', id);
    await env()
      .database.db.updateTable('sessions')
      .set({ last_seen_at: earlier })
      .where('user_id', '=', id)
      .execute();
    expect(await endsWithin(s, RECHECK_MS * 10)).toBe(false);
    expect(await sessions().execute()).toEqual([{ last_seen_at: earlier }]);
  });
});
