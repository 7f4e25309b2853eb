/**
 * Live contest (QUALITY.md, Benchmarks): 20 judges submitting while 1,000 big-screen SSE clients are connected —
 * p50 and p99 of the time from a judge's submit (request start) to each client receiving that event.
 *
 * Three processes: this one drives (the clients over node:http, the judges and the host), each server runs in a
 * child process (so the clients and the server under test each get a core of this 2-core machine):
 *   1. baseline: a bare node:http SSE server with no database — a submit writes the event straight to every
 *      open stream, the floor of a 1,000-client fan-out on this machine;
 *   2. the app: Wuxing on PostgreSQL when DATABASE_URL is set (a fresh schema, dropped after), else SQLite in a
 *      temp dir, with the demo district; the Redis bus when REDIS_URL is set. The district admin sets up a
 *      contest of the 政府部门 group through the API with 20 judges (one-time links); the clients open the big
 *      screen's stream. Each round the host calls the next unit and opens its scoring, the judges submit through
 *      `POST /api/contests/:code/units/:unitCode/scores` (each submission commits a score and a
 *      `score.submitted` event, then notifies the bus; the feed reads new events once for all its streams), and
 *      the host closes the unit.
 * Rounds alternate between the two servers (both with their clients open). Each round the 20 judges submit at
 * once; latencies of every (submission's event, client) pair are collected
 * (one warm-up round first, not counted). Every client must receive every event exactly once, in order:
 * otherwise the bench exits non-zero. Timings are printed, never asserted.
 *
 * Then BENCH_SOLO rounds of one judge alone (the fan-out without the burst's queueing; the app's host closes
 * those units with `force`).
 *
 * Environment: BENCH_CLIENTS (1000), BENCH_JUDGES (20), BENCH_ROUNDS (5), BENCH_SOLO (10); the app's contest
 * has 29 units, one a round (ROUNDS + SOLO ≤ 28). The driver needs about 2 × clients + 200 file descriptors;
 * node raises its soft `ulimit -n` to the hard limit by itself, so the bench only checks the hard limit and
 * stops with a message when it is too low (here it is 20,000).
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Figure,
  intEnv,
  machine,
  median,
  nowMs,
  printMachine,
  printTable,
  quantile,
  writeJson,
} from './harness';
import { openSsePool, type SsePool } from './sse';

const CLIENTS = intEnv('BENCH_CLIENTS', 1000);
const JUDGES = intEnv('BENCH_JUDGES', 20);
const ROUNDS = intEnv('BENCH_ROUNDS', 5);
const SOLO = intEnv('BENCH_SOLO', 10);
const SELF = fileURLToPath(import.meta.url);

/** A session of the app: its cookie and CSRF token. */
interface Session {
  cookie: string;
  csrfToken: string;
}

/** What a server child tells the driver once it listens. */
interface Ready {
  /** The SSE stream every client opens. */
  streamUrl: string;
  /** The server's origin. */
  base: string;
  database: string;
  /** The app: the contest, the host (district admin) and the judges' sessions; none for the baseline. */
  contest?: { code: string; host: Session; judges: Session[] };
}

// ——— the baseline server: bare node:http SSE, no database ———

function runBaselineServer(): void {
  const streams = new Set<http.ServerResponse>();
  let lastId = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/events') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 2000\nid: ${lastId}\n\n`);
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    if (req.method === 'POST' && req.url === '/submit') {
      req.resume();
      req.on('end', () => {
        const id = ++lastId;
        const chunk = `id: ${id}\nevent: score.submitted\ndata: {"unitCode":"B-1","scoredCount":${id},"juryCount":${JUDGES}}\n\n`;
        for (const s of streams) s.write(chunk);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    const ready: Ready = {
      streamUrl: `http://127.0.0.1:${port}/events`,
      base: `http://127.0.0.1:${port}`,
      database: 'none',
    };
    process.send?.({ ready });
  });
  process.on('message', (m: { stop?: boolean }) => {
    if (m.stop) process.exit(0);
  });
}

// ——— the app server: Wuxing with its database and bus ———

async function runAppServer(): Promise<void> {
  const { buildApp } = await import('@wuxing/server/app');
  const { createDb } = await import('@wuxing/server/db/createDb');
  const { migrateToLatest } = await import('@wuxing/server/db/migrator');
  const { seedDemoIfEmpty } = await import('@wuxing/server/server');
  const { sql } = await import('kysely');

  const databaseUrl = process.env.DATABASE_URL ?? '';
  const redisUrl = process.env.REDIS_URL ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'wuxing-bench-contest-'));
  const pgSchema = `bench_${randomBytes(5).toString('hex')}`;
  if (databaseUrl) {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`create schema ${pgSchema}`);
    await admin.end();
  }
  const database = databaseUrl
    ? createDb({ databaseUrl, pgSchema })
    : createDb({ sqliteFile: join(dir, 'bench.db') });
  await migrateToLatest(database.db as never, database.dialect);
  const settings = {
    scryptLogN: 12,
    sessionSecret: 'bench',
    sessionIdleSeconds: 3600,
    sessionAbsoluteSeconds: 3600,
  };
  await seedDemoIfEmpty(database, settings);
  const app = await buildApp({
    database,
    settings,
    dataDir: dir,
    logger: false,
    redisUrl: redisUrl || null,
  });
  const contest = await setUpContest(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const ready: Ready = {
    streamUrl: `${base}/api/screens/${contest.token}/events`,
    base,
    database: `${database.dialect}${redisUrl ? ' + Redis bus' : ', in-process bus'}`,
    contest: { code: contest.code, host: contest.host, judges: contest.judges },
  };
  process.send?.({ ready });
  process.on('message', async (m: { stop?: boolean }) => {
    if (!m.stop) return;
    await app.close();
    if (databaseUrl) await sql.raw(`drop schema ${pgSchema} cascade`).execute(database.db);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

type App = Awaited<ReturnType<typeof import('@wuxing/server/app').buildApp>>;

/**
 * Through the API, as the host would: the district admin creates a contest of the 政府部门 group (29 units),
 * adds the judges (each logs in with the one-time link), draws lots and starts it.
 */
async function setUpContest(
  app: App,
): Promise<{ code: string; token: string; host: Session; judges: Session[] }> {
  const call = async (session: Session | null, url: string, payload: unknown) => {
    const res = await app.inject({
      method: 'POST',
      url,
      payload: payload as Record<string, unknown>,
      headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
    });
    if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res;
  };
  const sessionOf = (res: Awaited<ReturnType<typeof call>>): Session => {
    const setCookie = res.headers['set-cookie'];
    const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return { cookie: raw?.split(';')[0] ?? '', csrfToken: (res.json() as { csrfToken: string }).csrfToken };
  };
  const host = sessionOf(await call(null, '/api/auth/login', { username: 'admin', password: 'wuxing2023' }));
  const created = (
    await call(host, '/api/contests', {
      name: '基准擂台赛',
      year: 2026,
      period: 'BENCH',
      kind: 'custom',
      date: '2026-11-27',
      groupCodes: ['ZF'],
    })
  ).json() as { contest: { code: string }; screenPath: string };
  const code = created.contest.code;
  const links: string[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const added = (
      await call(host, `/api/contests/${code}/judges`, { displayName: `基准评委${j + 1}` })
    ).json();
    links.push((added as { link: { token: string } }).link.token);
  }
  await call(host, `/api/contests/${code}/lots`, {});
  await call(host, `/api/contests/${code}/start`, {});
  const judges: Session[] = [];
  for (const token of links) judges.push(sessionOf(await call(null, '/api/auth/judge-link', { token })));
  return { code, token: created.screenPath.split('/').pop() ?? '', host, judges };
}

// ——— the driver ———

/** The soft and hard `ulimit -n` of a shell started from here (node has raised its soft limit to the hard one). */
function fdLimits(): { soft: number; hard: number } {
  const out = spawnSync('sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const parse = (s: string | undefined) => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
  return { soft: parse(out[0]), hard: parse(out[1]) };
}

/**
 * Node raises its own soft open-file limit to the hard limit when it starts, so only the hard limit can stop
 * the bench: it says so and exits when it is too low for the clients.
 */
function ensureFileDescriptors(): void {
  const needed = 2 * CLIENTS + 200;
  const { soft, hard } = fdLimits();
  if (soft >= needed) return;
  console.error(
    `open-file limit ${soft} (hard ${hard}) is below the ${needed} needed for ${CLIENTS} clients: ` +
      `raise it (ulimit -Hn ${needed} as root) or set BENCH_CLIENTS lower`,
  );
  process.exit(2);
}

function startServer(role: 'baseline' | 'app'): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(SELF, [role], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${role} server exited with ${code}`)));
    child.on('message', (m: { ready?: Ready }) => {
      if (m.ready) resolve({ child, ready: m.ready });
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send({ stop: true });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One POST with a JSON body (and a session's cookie and CSRF token); resolves with the JSON answer. */
function post<T>(url: string, body: unknown, session?: Session): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode} ${text}`));
          resolve(JSON.parse(text) as T);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The 20 judges at once, or one judge alone (the fan-out without the burst's queueing). */
type Phase = 'burst' | 'solo';

interface Measured {
  /** Burst rounds: every (submission's event, client) latency. */
  latencies: number[];
  /** Solo rounds: the same with one judge submitting alone. */
  solo: number[];
  submitMs: number[];
  errors: string[];
  events: number;
  database: string;
}

/** A judge's submit, timed from the request's start; resolves with the id of the event it made. */
type Submit = (judge: number, round: number) => Promise<number>;

/**
 * One round on the app, as the host and the judges run it: call the next speaker and open scoring (not
 * measured; every client has those events before the judges start), the judges submit at once (measured: the
 * score route answers the judge's view, whose lastEventId is the submission's own event), close the unit.
 */
async function appRound(
  ready: Ready,
  pool: SsePool,
  round: number,
  judges: number,
  timedSubmits: (submit: Submit) => Promise<void>,
): Promise<void> {
  const contest = ready.contest;
  if (!contest) throw new Error('no contest');
  const api = `${ready.base}/api/contests/${contest.code}`;
  type Console = { current: { unitCode: string } | null; lastEventId: number };
  const called = await post<Console>(`${api}/call`, {}, contest.host);
  const unit = called.current?.unitCode;
  if (!unit) throw new Error('no unit to call');
  const opened = await post<Console>(`${api}/units/${unit}/open`, {}, contest.host);
  await pool.waitAll(opened.lastEventId, 30_000);
  await timedSubmits(async (judge) => {
    const session = contest.judges[judge];
    const answer = await post<{ view: { lastEventId: number } }>(
      `${api}/units/${unit}/scores`,
      {
        score: 50 + ((judge * 7 + round) % 20),
        idempotencyKey: `bench-${round}-${judge}-${randomBytes(4).toString('hex')}`,
      },
      session,
    );
    return answer.view.lastEventId;
  });
  const closed = await post<Console>(
    `${api}/units/${unit}/close`,
    { force: judges < contest.judges.length },
    contest.host,
  );
  await pool.waitAll(closed.lastEventId, 30_000);
}

/** One server under test (the baseline or the app) with its clients: rounds run on it, arrivals timed. */
class Side {
  private readonly startedAt = { burst: new Map<number, number>(), solo: new Map<number, number>() };
  private readonly submitMs: Record<Phase, number[]> = { burst: [], solo: [] };

  private constructor(
    private readonly role: 'baseline' | 'app',
    private readonly child: ChildProcess,
    readonly ready: Ready,
    private readonly pool: SsePool,
  ) {}

  /** Starts the server and opens every client on its stream. */
  static async open(role: 'baseline' | 'app'): Promise<Side> {
    const { child, ready } = await startServer(role);
    return new Side(role, child, ready, await openSsePool(ready.streamUrl, CLIENTS));
  }

  /** `judges` submit at once; each submission's start is kept by the id of the event it made. */
  private async timedSubmits(submit: Submit, round: number, judges: number, phase: Phase): Promise<void> {
    const ids = await Promise.all(
      Array.from({ length: judges }, async (_, j) => {
        const start = nowMs();
        const id = await submit(j, round);
        this.submitMs[phase].push(nowMs() - start);
        this.startedAt[phase].set(id, start);
        return id;
      }),
    );
    await this.pool.waitAll(Math.max(...ids), 30_000);
  }

  /** One round: every judge at once (burst) or one alone (solo); round -1 is the warm-up, forgotten. */
  async round(round: number, phase: Phase): Promise<void> {
    const judges = phase === 'burst' ? JUDGES : 1;
    const timed = (submit: Submit) => this.timedSubmits(submit, round, judges, phase);
    if (this.role === 'baseline') {
      const base = this.ready.base;
      await timed((judge) => post<{ id: number }>(`${base}/submit`, { judge, round }).then((a) => a.id));
    } else await appRound(this.ready, this.pool, round, judges, timed);
    if (round < 0) {
      this.startedAt[phase].clear();
      this.submitMs[phase].length = 0;
    }
  }

  /** Closes the clients and the server; every (event, client) latency per phase and what went wrong. */
  async finish(): Promise<Measured> {
    this.pool.close();
    await stopServer(this.child);
    const errors: string[] = [];
    const latencies = (phase: Phase): number[] => {
      const out: number[] = [];
      for (const [id, start] of this.startedAt[phase]) {
        const times = this.pool.arrivals.get(id) ?? [];
        if (times.length !== CLIENTS) errors.push(`event ${id}: ${times.length} of ${CLIENTS} clients`);
        for (const t of times) out.push(t - start);
      }
      return out;
    };
    const burst = latencies('burst');
    const solo = latencies('solo');
    errors.push(...this.pool.errors.slice(0, 20));
    return {
      latencies: burst,
      solo,
      submitMs: this.submitMs.burst,
      errors,
      events: this.startedAt.burst.size,
      database: this.ready.database,
    };
  }
}

/**
 * Both servers with their clients open at once, rounds alternating between them (baseline, app, baseline, …)
 * so a busy moment of the machine falls on both alike.
 */
async function measureBoth(): Promise<{ baseline: Measured; app: Measured }> {
  const baseline = await Side.open('baseline');
  const app = await Side.open('app');
  try {
    const rounds: [number, Phase][] = [];
    for (let round = -1; round < ROUNDS; round++) rounds.push([round, 'burst']);
    for (let round = 0; round < SOLO; round++) rounds.push([ROUNDS + round, 'solo']);
    for (const [round, phase] of rounds) {
      await baseline.round(round, phase);
      await new Promise((r) => setTimeout(r, 200));
      await app.round(round, phase);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await Promise.allSettled([baseline.finish(), app.finish()]);
    throw err;
  }
  return { baseline: await baseline.finish(), app: await app.finish() };
}

async function drive(): Promise<void> {
  ensureFileDescriptors();
  const m = machine();
  printMachine(m);
  console.log(
    `${CLIENTS} SSE clients, ${JUDGES} judges submitting at once × ${ROUNDS} rounds, then one judge alone × ${SOLO} (fd limit ${fdLimits().soft})`,
  );
  const { baseline, app } = await measureBoth();
  console.log(
    `app: ${app.database}; ${app.events} events × ${CLIENTS} clients = ${app.latencies.length} arrivals`,
  );
  const figures: Figure[] = [
    {
      measure: 'submit → client event, p50',
      valueMs: median(app.latencies),
      baselineMs: median(baseline.latencies),
      baseline: 'bare node:http SSE fan-out, no database',
    },
    {
      measure: 'submit → client event, p99',
      valueMs: quantile(app.latencies, 0.99),
      baselineMs: quantile(baseline.latencies, 0.99),
      baseline: 'bare node:http SSE fan-out, no database',
    },
    {
      measure: 'submit → client event, max',
      valueMs: Math.max(...app.latencies),
      baselineMs: Math.max(...baseline.latencies),
    },
    {
      measure: 'one judge alone → client event, p50',
      valueMs: median(app.solo),
      baselineMs: median(baseline.solo),
    },
    {
      measure: 'one judge alone → client event, p99',
      valueMs: quantile(app.solo, 0.99),
      baselineMs: quantile(baseline.solo, 0.99),
    },
    {
      measure: 'submit request (20 at once), p50',
      valueMs: median(app.submitMs),
      baselineMs: median(baseline.submitMs),
    },
  ];
  printTable(figures);
  console.log('ratio = baseline ÷ value (below 1×: slower than the bare fan-out)');
  const path = writeJson('contest', {
    machine: m,
    clients: CLIENTS,
    judges: JUDGES,
    rounds: ROUNDS,
    app: app.database,
    figures,
    errors: [...baseline.errors, ...app.errors],
  });
  console.log(`figures: ${path}`);
  const errors = [...baseline.errors.map((e) => `baseline: ${e}`), ...app.errors.map((e) => `app: ${e}`)];
  if (errors.length > 0) {
    console.error(`delivery errors:\n${errors.join('\n')}`);
    process.exit(1);
  }
}

const role = process.argv[2];
if (role === 'baseline') runBaselineServer();
else if (role === 'app') await runAppServer();
else await drive();
