/**
 * Live contest (QUALITY.md, Benchmarks): 20 judges submitting while 1,000 big-screen SSE clients are connected —
 * p50 and p99 of the time from a judge's submit (request start) to each client receiving that event.
 *
 * Three processes: this one drives (the 1,000 clients over node:http and the 20 judges), the server runs in a
 * child process (so the clients and the server each get a core of this 2-core machine):
 *   1. baseline: a bare node:http SSE server with no database — a submit writes the event straight to every
 *      open stream, the floor of a 1,000-client fan-out on this machine;
 *   2. the app: Wuxing on PostgreSQL when DATABASE_URL is set (a fresh schema, dropped after), else SQLite in a
 *      temp dir; the Redis bus when REDIS_URL is set. A submit commits a `contest_events` row and notifies the
 *      bus; the contest's feed reads it once and writes it to every stream (the screen route, by token).
 * Each round the 20 judges submit at once; latencies of every (event, client) pair are collected. Every client
 * must receive every event exactly once, in order: otherwise the bench exits non-zero. Timings are printed,
 * never asserted.
 *
 * Environment: BENCH_CLIENTS (1000), BENCH_JUDGES (20), BENCH_ROUNDS (5). Needs about 2 × clients + 200 file
 * descriptors per process: when the soft `ulimit -n` is lower, the bench re-runs itself with the soft limit
 * raised to the hard limit (`sh -c 'ulimit -n <hard>; exec node …'`), and stops with a message if even that
 * is too low.
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
import { openSsePool } from './sse';

const CLIENTS = intEnv('BENCH_CLIENTS', 1000);
const JUDGES = intEnv('BENCH_JUDGES', 20);
const ROUNDS = intEnv('BENCH_ROUNDS', 5);
const SELF = fileURLToPath(import.meta.url);

/** What a server child tells the driver once it listens. */
interface Ready {
  /** The SSE stream every client opens. */
  streamUrl: string;
  /** Where a judge submits: one request per submission; the answer is `{ id }`, the event's id. */
  submitUrl: string;
  database: string;
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
      submitUrl: `http://127.0.0.1:${port}/submit`,
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
  const { createLiveBus } = await import('@wuxing/server/lib/liveBus');
  const { createRepos } = await import('@wuxing/server/repositories/index');
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
  const bus = createLiveBus(redisUrl || null);
  const app = await buildApp({ database, settings, dataDir: dir, logger: false, liveBus: bus });
  const contest = await insertBenchContest(database);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;

  // The judges' submit until the contest's score route is used: commit a score.submitted event, then notify,
  // exactly as a contest route does after its transaction.
  let scored = 0;
  const submitter = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      const n = ++scored;
      const id = await database.db
        .transaction()
        .execute((trx) =>
          createRepos(trx, database.dialect).contestEvents.append(
            contest.id,
            'score.submitted',
            { unitCode: 'DQ-01', scoredCount: n, juryCount: JUDGES },
            new Date().toISOString(),
          ),
        );
      bus.notify(contest.id);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => submitter.listen(0, '127.0.0.1', resolve));
  const submitPort = (submitter.address() as AddressInfo).port;
  const ready: Ready = {
    streamUrl: `http://127.0.0.1:${port}/api/screens/${contest.token}/events`,
    submitUrl: `http://127.0.0.1:${submitPort}/submit`,
    database: `${database.dialect}${redisUrl ? ' + Redis bus' : ', in-process bus'}`,
  };
  process.send?.({ ready });
  process.on('message', async (m: { stop?: boolean }) => {
    if (!m.stop) return;
    submitter.close();
    await app.close();
    if (databaseUrl) await sql.raw(`drop schema ${pgSchema} cascade`).execute(database.db);
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** A running contest with a screen token, written straight into the tables (the screen stream needs no more). */
async function insertBenchContest(
  database: import('@wuxing/server/db/createDb').Database,
): Promise<{ id: string; token: string }> {
  const id = `bench-${randomBytes(6).toString('hex')}`;
  const token = randomBytes(24).toString('base64url');
  const now = new Date().toISOString();
  await database.db
    .insertInto('contests')
    .values({
      id,
      code: 'LT-BENCH',
      name: '基准擂台赛',
      year: 2026,
      period: '2026Q4',
      kind: 'custom',
      date: '2026-11-27',
      status: 'running',
      jury_points: 70,
      honour_points: 15,
      cadre_points: 15,
      trim_from: 5,
      speech_seconds: 300,
      honour_table: '{}',
      screen_token: token,
      lot_seed: null,
      lots_drawn_at: null,
      lots_drawn_by_name: null,
      current_unit_id: null,
      timer_status: 'idle',
      timer_started_at: null,
      timer_remaining_ms: 300_000,
      started_at: now,
      finished_at: null,
      announced_at: null,
      results_json: null,
      created_by: null,
      created_by_name: '基准',
      created_at: now,
      updated_at: now,
      demo: 0,
    })
    .execute();
  return { id, token };
}

// ——— the driver ———

/** The soft and hard `ulimit -n` of a shell started from here. */
function fdLimits(): { soft: number; hard: number } {
  const out = spawnSync('sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const parse = (s: string | undefined) => (s === 'unlimited' ? Number.POSITIVE_INFINITY : Number(s));
  return { soft: parse(out[0]), hard: parse(out[1]) };
}

function ensureFileDescriptors(): void {
  const needed = 2 * CLIENTS + 200;
  const { soft, hard } = fdLimits();
  if (soft >= needed) return;
  if (process.env.WUXING_BENCH_ULIMIT === '1' || hard < needed) {
    console.error(`ulimit -n is ${soft} (hard ${hard}); ${needed} needed for ${CLIENTS} clients`);
    process.exit(2);
  }
  console.log(`raising ulimit -n from ${soft} to ${hard} for ${CLIENTS} clients`);
  const args = [...process.execArgv, SELF, ...process.argv.slice(2)].map((a) => `'${a}'`).join(' ');
  const result = spawnSync('sh', ['-c', `ulimit -n ${hard} && exec '${process.execPath}' ${args}`], {
    stdio: 'inherit',
    env: { ...process.env, WUXING_BENCH_ULIMIT: '1' },
  });
  process.exit(result.status ?? 1);
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

const submitAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One judge's submit: POST, answer `{ id }`. */
function submit(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: submitAgent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`submit: HTTP ${res.statusCode} ${text}`));
          resolve((JSON.parse(text) as { id: number }).id);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Measured {
  latencies: number[];
  submitMs: number[];
  errors: string[];
  events: number;
  database: string;
}

/** Opens the clients on a server, runs the rounds of judges, and returns every (event, client) latency. */
async function measure(role: 'baseline' | 'app'): Promise<Measured> {
  const { child, ready } = await startServer(role);
  const pool = await openSsePool(ready.streamUrl, CLIENTS);
  const startedAt = new Map<number, number>();
  const submitMs: number[] = [];
  const errors: string[] = [];
  try {
    // Warm-up: one event to every client, not counted.
    const warm = await submit(ready.submitUrl, '{}');
    await pool.waitAll(warm, 30_000);
    pool.arrivals.delete(warm);
    for (let round = 0; round < ROUNDS; round++) {
      const ids = await Promise.all(
        Array.from({ length: JUDGES }, async (_, j) => {
          const start = nowMs();
          const id = await submit(ready.submitUrl, JSON.stringify({ judge: j, score: 60 + j / 10 }));
          submitMs.push(nowMs() - start);
          startedAt.set(id, start);
          return id;
        }),
      );
      await pool.waitAll(Math.max(...ids), 30_000);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    pool.close();
    await stopServer(child);
  }
  const latencies: number[] = [];
  for (const [id, start] of startedAt) {
    const times = pool.arrivals.get(id) ?? [];
    if (times.length !== CLIENTS) errors.push(`event ${id}: ${times.length} of ${CLIENTS} clients`);
    for (const t of times) latencies.push(t - start);
  }
  errors.push(...pool.errors.slice(0, 20));
  return { latencies, submitMs, errors, events: startedAt.size, database: ready.database };
}

async function drive(): Promise<void> {
  ensureFileDescriptors();
  const m = machine();
  printMachine(m);
  console.log(
    `${CLIENTS} SSE clients, ${JUDGES} judges submitting at once, ${ROUNDS} rounds (fd limit ${fdLimits().soft})`,
  );
  const baseline = await measure('baseline');
  const app = await measure('app');
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
      measure: 'submit request, p50',
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
