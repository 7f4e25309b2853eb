import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createRedisBus, type LiveBus } from '../src/lib/liveBus';
import { type Client, describeEachDialect, TEST_SETTINGS } from './harness';
import { openStream, type SseStream, until } from './sseClient';

/**
 * Redis killed during a contest (issue 10): the test runs its OWN redis-server on a spare port (never the shared
 * one), two app instances on the same database use it as their live bus — the host and the judges on A, the big
 * screen's stream on B — and the redis-server is killed with SIGKILL in the middle of the contest. The screen
 * must still receive every event the contest committed, exactly once and in order: from the database by B's
 * safety poll while Redis is gone, and by the reconnected subscriber once a new redis-server is up on the port.
 */

/** A redis-server child process of this test. */
interface RedisProcess {
  url: string;
  kill9(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` on `port` (no persistence) and waits until it answers PING. */
async function startRedis(port: number): Promise<RedisProcess> {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
    const pong = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
    if (pong) break;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The ids of the events a screen's stream delivered, in arrival order. */
const idsOf = (screen: SseStream) => screen.events.map((e) => e.id);

describeEachDialect('big screen when Redis is killed mid-contest', (env) => {
  const CONTEST = 'LT-2023-Q2'; // the demo contest ready to run: lots not drawn, jury set
  const JUDGES = ['judge', 'judge-wjg', 'judge-lf'];
  const apps: FastifyInstance[] = [];
  const dirs: string[] = [];
  const screens: SseStream[] = [];
  let redisPort = 0;
  let redis: RedisProcess | null = null;
  let contestId = '';
  let token = '';
  let host: Client;
  const judges: Client[] = [];
  let round = 0;

  /** An app instance over the test's database with its own Redis bus; returns its origin. */
  async function instance(bus: LiveBus, pollMs: number): Promise<{ app: FastifyInstance; base: string }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-redis-kill-'));
    dirs.push(dataDir);
    const app = await buildApp({
      database: env().database,
      settings: TEST_SETTINGS,
      dataDir,
      logger: false,
      liveBus: bus,
      liveFeed: { pollMs, heartbeatMs: 60_000 },
    });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
  }

  /** Waits until a message published through `from` reaches `to` (both subscribed, Redis up). */
  async function busLive(from: LiveBus, to: LiveBus): Promise<void> {
    const probe = `probe-${randomBytes(3).toString('hex')}`;
    let heard = false;
    const stop = to.subscribe((id) => {
      if (id === probe) heard = true;
    });
    await until(
      () => {
        if (!heard) from.notify(probe);
        return heard;
      },
      10_000,
      () => 'the Redis bus between the instances',
    );
    stop();
  }

  /** A POST on instance A as a logged-in user (sessions live in the database); must answer 200. */
  async function postOn(app: FastifyInstance, who: Client, url: string, body: unknown = {}) {
    const res = await app.inject({
      method: 'POST',
      url,
      payload: body as Record<string, unknown>,
      headers: { cookie: who.cookie ?? '', 'x-csrf-token': who.csrfToken ?? '' },
    });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as { current?: { unitCode: string } | null };
  }

  /** One speaker as the host and jury run it on A: call, open scoring, every judge scores, close. */
  async function speaker(app: FastifyInstance): Promise<void> {
    const api = `/api/contests/${CONTEST}`;
    const called = await postOn(app, host, `${api}/call`);
    const unit = called.current?.unitCode;
    if (!unit) throw new Error('no unit to call');
    await postOn(app, host, `${api}/units/${unit}/open`);
    round++;
    for (const [j, judge] of judges.entries())
      await postOn(app, judge, `${api}/units/${unit}/scores`, {
        score: 50 + j,
        idempotencyKey: `redis-kill-${round}-${j}-${randomBytes(3).toString('hex')}`,
      });
    await postOn(app, host, `${api}/units/${unit}/close`, { force: true });
  }

  /** The contest's events after `after`, from the database: what the screen must show. */
  async function committedAfter(after: number): Promise<number[]> {
    const rows = await env()
      .database.db.selectFrom('contest_events')
      .select('id')
      .where('contest_id', '=', contestId)
      .where('id', '>', after)
      .orderBy('id')
      .execute();
    return rows.map((r) => Number(r.id));
  }

  async function lastEventId(): Promise<number> {
    const row = await env()
      .database.db.selectFrom('contest_events')
      .select((eb) => eb.fn.max('id').as('last'))
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    return Number(row?.last ?? 0);
  }

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    const contest = await env()
      .database.db.selectFrom('contests')
      .select(['id', 'screen_token'])
      .where('code', '=', CONTEST)
      .executeTakeFirstOrThrow();
    contestId = contest.id;
    token = contest.screen_token;
    host = await env().login('admin');
    for (const j of JUDGES) judges.push(await env().login(j));
    expect((await host.post(`/api/contests/${CONTEST}/lots`)).statusCode).toBe(200);
    expect((await host.post(`/api/contests/${CONTEST}/start`)).statusCode).toBe(200);
  });

  afterAll(async () => {
    for (const s of screens) s.close();
    await Promise.all(apps.map((a) => a.close()));
    await redis?.kill9();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('while Redis is dead the screen on the other instance gets every event from the database (safety poll)', async () => {
    if (!redis) throw new Error('no redis');
    const busA = createRedisBus(redis.url);
    const busB = createRedisBus(redis.url);
    const a = await instance(busA, 60_000);
    const b = await instance(busB, 300); // B also reads the database every 300 ms
    await busLive(busA, busB);
    const from = await lastEventId();
    const screen = await openStream(b.base, `/api/screens/${token}/events`);
    screens.push(screen);
    await until(
      () => screen.raw.includes(`id: ${from}\n\n`),
      5000,
      () => 'the screen to open',
    );
    await speaker(a.app); // Redis up
    await redis.kill9(); // mid-contest
    await speaker(a.app);
    await speaker(a.app);
    const expected = await committedAfter(from);
    expect(expected.length).toBeGreaterThanOrEqual(3 * (3 + JUDGES.length));
    await until(
      () => idsOf(screen).length >= expected.length,
      10_000,
      () => `${expected.length} events on the screen (got ${idsOf(screen).length})`,
    );
    expect(idsOf(screen)).toEqual(expected); // every event once, in order
    redis = await startRedis(redisPort); // back for the next test
  });

  it('after Redis is killed and started again the subscriber catches the screen up by itself (no poll)', async () => {
    if (!redis) throw new Error('no redis');
    const busA = createRedisBus(redis.url);
    const busB = createRedisBus(redis.url);
    const a = await instance(busA, 60_000);
    const b = await instance(busB, 60_000); // no poll within the test: only Redis can wake B
    await busLive(busA, busB);
    const from = await lastEventId();
    const screen = await openStream(b.base, `/api/screens/${token}/events`);
    screens.push(screen);
    await until(
      () => screen.raw.includes(`id: ${from}\n\n`),
      5000,
      () => 'the screen to open',
    );
    await speaker(a.app);
    const beforeKill = await committedAfter(from);
    await until(
      () => idsOf(screen).length >= beforeKill.length,
      5000,
      () => 'the events before the kill, through Redis',
    );
    await redis.kill9(); // mid-contest
    await speaker(a.app); // committed and published to nobody: Redis is gone
    redis = await startRedis(redisPort);
    const expected = await committedAfter(from);
    // The reconnected subscriber wakes every feed of B once, which reads what it missed from the database.
    await until(
      () => idsOf(screen).length >= expected.length,
      15_000,
      () => `${expected.length} events on the screen after the restart (got ${idsOf(screen).length})`,
    );
    // And Redis carries the contest on from there.
    await busLive(busA, busB);
    await speaker(a.app);
    const all = await committedAfter(from);
    await until(
      () => idsOf(screen).length >= all.length,
      5000,
      () => `${all.length} events through the restarted Redis (got ${idsOf(screen).length})`,
    );
    expect(idsOf(screen)).toEqual(all);
  });
});
