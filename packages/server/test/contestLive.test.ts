import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { ContestFeeds } from '../src/lib/contestFeed';
import { createInProcessBus, createRedisBus, type LiveBus } from '../src/lib/liveBus';
import { createRepos } from '../src/repositories';
import { readContestFeed } from '../src/services/contestLive.service';
import { createUser } from '../src/services/user.service';
import { insertLiveContest } from './contestLiveHelpers';
import { DEMO_PASSWORD, describeEachDialect, TEST_SETTINGS, type TestEnv } from './harness';
import { openStream, type SseStream, until } from './sseClient';

/**
 * The live contest transport: SSE streams fed from `contest_events`, woken by the bus (in-process or Redis),
 * with the safety poll; resuming from the database with Last-Event-ID; who may open which stream.
 */

const REDIS_URL = process.env.REDIS_URL ?? '';
if (!REDIS_URL)
  console.warn('[wuxing] REDIS_URL 未设置：跨实例 Redis 实时总线测试已跳过（其余实时测试照常运行）。');

/** A port nothing listens on: a Redis that is down. */
const DEAD_REDIS = 'redis://127.0.0.1:1';

describeEachDialect('live contest updates (SSE)', (env) => {
  const apps: FastifyInstance[] = [];
  const dirs: string[] = [];
  const streams: SseStream[] = [];
  let adminCookie = '';
  let judgeCookie = '';
  let outsiderCookie = '';

  const makeContest = insertLiveContest;

  /** Commits one event of the contest (as a contest route does) and returns its id. */
  async function append(e: TestEnv, contestId: string, n: number): Promise<number> {
    return e.database.db
      .transaction()
      .execute((trx) =>
        createRepos(trx, e.dialect).contestEvents.append(
          contestId,
          'score.submitted',
          { unitCode: 'DQ-01', scoredCount: n, juryCount: 5 },
          new Date().toISOString(),
        ),
      );
  }

  /** Another app instance over the same database, listening on a port; closed after the suite. */
  async function instance(options: {
    bus?: LiveBus;
    redisUrl?: string;
    pollMs?: number;
    heartbeatMs?: number;
  }): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-live-'));
    dirs.push(dataDir);
    const app = await buildApp({
      database: env().database,
      settings: TEST_SETTINGS,
      dataDir,
      logger: false,
      ...(options.bus ? { liveBus: options.bus } : {}),
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      liveFeed: { pollMs: options.pollMs ?? 60_000, heartbeatMs: options.heartbeatMs ?? 60_000 },
    });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  async function stream(base: string, path: string, headers: Record<string, string> = {}) {
    const s = await openStream(base, path, headers);
    streams.push(s);
    return s;
  }

  beforeAll(async () => {
    await createUser(
      env().system(),
      {
        username: 'live-outsider',
        displayName: '别场评委',
        role: 'judge',
        password: DEMO_PASSWORD,
      },
      { mustChangePassword: false },
    );
    adminCookie = (await env().login('admin')).cookie ?? '';
    judgeCookie = (await env().login('judge')).cookie ?? '';
    outsiderCookie = (await env().login('live-outsider')).cookie ?? '';
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all(apps.map((a) => a.close()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('streams each committed event to an open client at once, in order, with ids, kinds and payloads', async () => {
    const bus = createInProcessBus();
    const base = await instance({ bus }); // poll every 60 s: only the wake-up can deliver within the test
    const contest = await makeContest(env(), ['judge']);
    const before = await append(env(), contest.id, 0);
    const s = await stream(base, `/api/contests/${contest.code}/events`, { cookie: adminCookie });
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.headers['cache-control']).toBe('no-store');
    expect(s.headers['x-accel-buffering']).toBe('no');
    // No Last-Event-ID: the stream starts after the newest event and says where it stands.
    await s.waitForText(`retry: 2000\nid: ${before}\n\n`);

    const ids = [await append(env(), contest.id, 1), await append(env(), contest.id, 2)];
    bus.notify(contest.id);
    ids.push(await append(env(), contest.id, 3));
    bus.notify(contest.id);
    const events = await s.waitForEvents(3);
    expect(events).toEqual(
      [1, 2, 3].map((n, i) => ({
        id: ids[i],
        event: 'score.submitted',
        data: { unitCode: 'DQ-01', scoredCount: n, juryCount: 5 },
      })),
    );
    expect(ids[0]).toBeGreaterThan(before);
    expect(s.raw).toContain(`id: ${ids[0]}\nevent: score.submitted\ndata: {"unitCode":"DQ-01"`);

    // A judge on the jury and the big screen's token see the same stream.
    const judge = await stream(base, `/api/contests/${contest.code}/events?lastEventId=${before}`, {
      cookie: judgeCookie,
    });
    const screen = await stream(base, `/api/screens/${contest.token}/events?lastEventId=${before}`);
    expect((await judge.waitForEvents(3)).map((e) => e.id)).toEqual(ids);
    expect((await screen.waitForEvents(3)).map((e) => e.id)).toEqual(ids);
  });

  it('resumes a dropped stream from the database after Last-Event-ID: every missed event once, none twice', async () => {
    const bus = createInProcessBus();
    const base = await instance({ bus, heartbeatMs: 100 });
    const contest = await makeContest(env(), []);
    const first = await stream(base, `/api/screens/${contest.token}/events`);
    const seen = [await append(env(), contest.id, 1), await append(env(), contest.id, 2)];
    bus.notify(contest.id);
    await first.waitForEvents(2);
    await first.waitForText(': ping\n\n'); // heartbeat comment
    first.close();

    // Missed while disconnected (one of them notified to nobody, one never notified at all).
    const missed = [await append(env(), contest.id, 3)];
    bus.notify(contest.id);
    missed.push(await append(env(), contest.id, 4));

    // The browser resends the last id it saw in the header; the header wins over a stale ?lastEventId=.
    const again = await stream(base, `/api/screens/${contest.token}/events?lastEventId=0`, {
      'last-event-id': String(seen[1]),
    });
    const backlog = await again.waitForEvents(2);
    expect(backlog.map((e) => e.id)).toEqual(missed);
    expect(backlog.map((e) => (e.data as { scoredCount: number }).scoredCount)).toEqual([3, 4]);
    const live = await append(env(), contest.id, 5);
    bus.notify(contest.id);
    await again.waitForEvents(3);
    await new Promise((r) => setTimeout(r, 150));
    expect(again.events.map((e) => e.id)).toEqual([...missed, live]);

    // ?lastEventId= (a first connection cannot send the header) replays from there too.
    const fromQuery = await stream(base, `/api/screens/${contest.token}/events?lastEventId=${seen[0]}`);
    expect((await fromQuery.waitForEvents(4)).map((e) => e.id)).toEqual([seen[1], ...missed, live]);
    // A position beyond the end (a restored database) resumes from the end instead of waiting for ever.
    const beyond = await stream(base, `/api/screens/${contest.token}/events`, {
      'last-event-id': String(live + 1000),
    });
    await beyond.waitForText(`id: ${live}\n\n`);
    const next = await append(env(), contest.id, 6);
    bus.notify(contest.id);
    expect((await beyond.waitForEvents(1)).map((e) => e.id)).toEqual([next]);
  });

  it.runIf(REDIS_URL !== '')(
    'with Redis, a change notified on instance A reaches a client connected to instance B',
    async () => {
      const busA = createRedisBus(REDIS_URL);
      const busB = createRedisBus(REDIS_URL);
      await instance({ bus: busA });
      const baseB = await instance({ bus: busB }); // B polls every 60 s: only Redis can wake it
      // B's subscription is live once a probe published through A arrives (feeds ignore unknown contests).
      let probed = false;
      const stop = busB.subscribe((id) => {
        if (id === 'probe') probed = true;
      });
      await until(
        () => {
          if (!probed) busA.notify('probe');
          return probed;
        },
        5000,
        () => 'the Redis subscription of instance B',
      );
      stop();
      const contest = await makeContest(env(), []);
      const onB = await stream(baseB, `/api/screens/${contest.token}/events`);
      await onB.waitForText('retry: 2000');
      const id = await append(env(), contest.id, 1);
      busA.notify(contest.id);
      expect((await onB.waitForEvents(1, 3000)).map((e) => e.id)).toEqual([id]);
    },
  );

  it.runIf(REDIS_URL !== '')(
    'after a Redis outage the subscriber reconnects by itself and its instance catches up at once',
    async () => {
      // Instance B reaches Redis through a proxy this test can cut and restore.
      const target = new URL(REDIS_URL);
      const sockets = new Set<net.Socket>();
      const proxy = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const port = (proxy.address() as AddressInfo).port;
      const warnings: string[] = [];
      const busA = createRedisBus(REDIS_URL);
      const busB = createRedisBus(`redis://127.0.0.1:${port}`, {
        info: (_o, msg) => warnings.push(msg),
        warn: (_o, msg) => warnings.push(msg),
      });
      await instance({ bus: busA });
      const baseB = await instance({ bus: busB }); // B polls every 60 s
      const contest = await makeContest(env(), []);
      const onB = await stream(baseB, `/api/screens/${contest.token}/events`);
      await onB.waitForText('retry: 2000');

      proxy.close();
      for (const s of sockets) s.destroy();
      await until(
        () => warnings.includes('Redis 实时总线不可用'),
        5000,
        () => 'the outage to be noticed',
      );
      const id = await append(env(), contest.id, 1);
      busA.notify(contest.id); // published while B is cut off: B never gets this message
      expect(() => busB.notify('another-contest')).not.toThrow(); // a write on B during the outage
      await new Promise((r) => setTimeout(r, 300));
      expect(onB.events).toEqual([]);
      await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
      // No message will come for it: the reconnected subscriber wakes every feed of B once.
      expect((await onB.waitForEvents(1, 5000)).map((e) => e.id)).toEqual([id]);
      expect(warnings).toContain('Redis 实时总线已恢复');
      proxy.close();
      for (const s of sockets) s.destroy();
    },
  );

  it('without a shared bus, the safety poll of the other instance still delivers', async () => {
    const busA = createInProcessBus();
    await instance({ bus: busA });
    const baseB = await instance({ bus: createInProcessBus(), pollMs: 200 });
    const contest = await makeContest(env(), []);
    const onB = await stream(baseB, `/api/screens/${contest.token}/events`);
    await onB.waitForText('retry: 2000');
    const id = await append(env(), contest.id, 1);
    busA.notify(contest.id); // B never hears of it
    expect((await onB.waitForEvents(1, 3000)).map((e) => e.id)).toEqual([id]);
  });

  it('with Redis down, notifying never throws and the feeds still deliver (local wake-up, other instances by poll)', async () => {
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (_o: object, msg: string) => warnings.push(msg) };
    const deadBus = createRedisBus(DEAD_REDIS, log);
    const baseA = await instance({ bus: deadBus });
    const baseB = await instance({ redisUrl: DEAD_REDIS, pollMs: 200 });
    const contest = await makeContest(env(), []);
    const onA = await stream(baseA, `/api/screens/${contest.token}/events`);
    const onB = await stream(baseB, `/api/screens/${contest.token}/events`);
    await onA.waitForText('retry: 2000');
    await onB.waitForText('retry: 2000');
    const id = await append(env(), contest.id, 1);
    expect(() => deadBus.notify(contest.id)).not.toThrow();
    expect((await onA.waitForEvents(1, 1000)).map((e) => e.id)).toEqual([id]); // before B's first poll
    expect((await onB.waitForEvents(1, 3000)).map((e) => e.id)).toEqual([id]);
    expect(warnings).toContain('Redis 实时总线不可用');
  });

  it('drops a client that stops reading once its unsent output passes the limit; the others are not held up', async () => {
    // The feeds of one instance on a server of this test, reading the real tables, with a 64 KiB limit.
    const contest = await makeContest(env(), []);
    const bus = createInProcessBus();
    const warnings: string[] = [];
    const feeds = new ContestFeeds(
      (id, after, limit) => readContestFeed(env().system(), id, after, limit),
      bus,
      { info: () => {}, warn: (_o, msg) => warnings.push(msg) },
      { maxBufferedBytes: 64 * 1024, pollMs: 60_000, heartbeatMs: 60_000 },
    );
    const server = http.createServer((_req, res) => {
      void feeds.open(contest.id, res, { lastId: null, latestId: 0 });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const slowRequest = http.get(base, (res) => res.pause()); // connected, never reads
    slowRequest.on('error', () => {});
    const fast = await stream(base, '/');
    await until(
      () => feeds.connectionCount === 2,
      5000,
      () => 'both clients',
    );
    // 64 KiB events, ten at a time, until the kernel's buffers towards the slow client are full and the
    // feed's own buffer for it passes the limit (about 4 MiB on Linux loopback; at most 40 MiB here).
    const filler = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (feeds.connectionCount === 2 && sent < 640) {
      await env()
        .database.db.transaction()
        .execute(async (trx) => {
          const repos = createRepos(trx, env().dialect);
          for (let i = 0; i < 10; i++)
            await repos.contestEvents.append(
              contest.id,
              'timer',
              { n: ++sent, filler },
              new Date().toISOString(),
            );
        });
      bus.notify(contest.id);
      await fast.waitForEvents(sent, 10_000); // the reading client gets every event meanwhile
    }
    expect(feeds.connectionCount).toBe(1);
    expect(warnings).toContain('客户端读取过慢，断开连接');
    expect(fast.events.map((e) => (e.data as { n: number }).n)).toEqual(
      Array.from({ length: sent }, (_, i) => i + 1),
    );
    slowRequest.destroy();
    feeds.close();
    await new Promise((r) => server.close(r));
  });

  it('refuses the public (401), judges not on the jury (403), unknown contests and screen tokens (404)', async () => {
    const contest = await makeContest(env(), ['judge']);
    const app = env().app;
    const get = (url: string, cookie?: string) =>
      app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    expect((await get(`/api/contests/${contest.code}/events`)).statusCode).toBe(401);
    const outsider = await get(`/api/contests/${contest.code}/events`, outsiderCookie);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().error.message).toBe('您不是本场比赛的评委');
    expect((await get('/api/contests/LT-NONE/events', adminCookie)).statusCode).toBe(404);
    expect((await get('/api/contests/LT-NONE/events', judgeCookie)).statusCode).toBe(404);
    const unknown = await get(`/api/screens/${randomBytes(24).toString('base64url')}/events`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('大屏链接无效');
    const village = await env().login('village');
    expect((await get(`/api/contests/${contest.code}/events`, village.cookie ?? '')).statusCode).toBe(403);
  });

  it('never writes a screen or link token to the request log', async () => {
    const contest = await makeContest(env(), []);
    const lines: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-log-'));
    dirs.push(dataDir);
    const app = await buildApp({
      database: env().database,
      settings: TEST_SETTINGS,
      dataDir,
      logLevel: 'info',
      logStream: { write: (line) => lines.push(line) },
      liveFeed: { pollMs: 60_000, heartbeatMs: 60_000 },
    });
    apps.push(app);
    const link = randomBytes(24).toString('base64url');
    const unknown = randomBytes(24).toString('base64url');
    const urls = [
      `/api/screens/${contest.token}`,
      `/api/screens/${unknown}/events?lastEventId=3`,
      `/screen/${contest.token}`,
      `/j/${link}`,
    ];
    for (const url of urls) await app.inject({ method: 'GET', url });
    expect((await app.inject({ method: 'GET', url: `/api/screens/${contest.token}` })).statusCode).toBe(200);
    const logged = lines.join('\n');
    for (const secret of [contest.token, unknown, link]) expect(logged).not.toContain(secret);
    // the requests are still logged, with the token masked
    for (const url of ['/api/screens/***', '/api/screens/***/events?lastEventId=3', '/screen/***', '/j/***'])
      expect(logged).toContain(`"url":"${url}"`);
  });
});
