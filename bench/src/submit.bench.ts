/**
 * Score submission under load (QUALITY.md, Benchmarks; issue 10): throughput and p50/p99 latency of
 * `POST /api/campaigns/:code/scores` at 100 concurrent clients (autocannon), against a real `wuxing serve`
 * process — on SQLite, then on PostgreSQL when DATABASE_URL is set (it says so plainly and skips it otherwise).
 *
 * Each server is a child process started with the `wuxing` command on a new, empty database (a temp
 * DATA_DIR; a fresh schema on PostgreSQL, dropped after), which seeds the demo district on its first start.
 * The driver (this process) logs in as the district admin (session cookie + CSRF token, as the browser does)
 * and then, at the same concurrency and for the same time:
 *   1. baseline: `GET /api/auth/me`, the cheapest authenticated request (session lookup, no write);
 *   2. the submissions: every request a real score entry of the demo campaign (a December 督导 or 年度考核 item
 *      of one of its 20 villages, rotating) with its own idempotency key.
 * After the run the server is stopped and the ledger read back from the database: every acknowledged (2xx)
 * submission must be there under its key with the entry id it answered and its audit record; a refused one
 * (non-2xx) must have written nothing; a row without an answer may only come from a request autocannon cut off
 * at the end. Any mismatch exits non-zero. Timings are printed, never asserted.
 *
 * Environment: BENCH_CONNECTIONS (100), BENCH_SECONDS (10 per measurement). The servers hash passwords with
 * N = 2^12 (WUXING_SCRYPT_LOG_N) so the demo seeds quickly; no measured request hashes a password.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '@wuxing/server/db/createDb';
import autocannon from 'autocannon';
import pg from 'pg';
import { intEnv, machine, printMachine, writeJson } from './harness';

const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 100);
const SECONDS = intEnv('BENCH_SECONDS', 10);
const WUXING = fileURLToPath(new URL('../../packages/cli/bin/wuxing.js', import.meta.url));
const CAMPAIGN = 'WX2023';
/** Open (December) items a district admin may score by hand: 督导 (DD) and 年度考核 (ND) of 支部过硬星. */
const ITEMS = ['DD-ZB-12', 'ND-ZB-12', 'DD-CY-12', 'DD-ST-12', 'DD-PA-12', 'DD-WM-12'];

/** A `wuxing serve` child on a new database, with what the cross-check needs to read it back. */
interface Server {
  base: string;
  dialect: 'sqlite' | 'postgres';
  child: ChildProcess;
  dataDir: string;
  pgSchema: string | null;
}

/** A port the system says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function pgQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Starts `wuxing serve` on a new database and waits until it answers (the demo seeds on the first start). */
async function startServer(dialect: 'sqlite' | 'postgres'): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-bench-submit-'));
  const pgSchema = dialect === 'postgres' ? `bench_${randomBytes(5).toString('hex')}` : null;
  if (pgSchema) await pgQuery(`create schema ${pgSchema}`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: dialect === 'postgres' ? (process.env.DATABASE_URL ?? '') : '',
    WUXING_PG_SCHEMA: pgSchema ?? '',
    WUXING_DEMO: '1',
    WUXING_SCRYPT_LOG_N: '12',
    SESSION_SECRET: 'bench-submit',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
  };
  const child = spawn(process.execPath, [WUXING, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wuxing serve exited: ${output}`);
    try {
      if ((await fetch(`${base}/api/meta`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wuxing serve did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, dialect, child, dataDir, pgSchema };
}

/**
 * CPU milliseconds (user + system) the server process has used so far, from /proc (Linux; NaN elsewhere).
 * Per request it is a figure a busy shared machine does not inflate the way it inflates wall-clock latency.
 */
function serverCpuMs(server: Server): number {
  const file = `/proc/${server.child.pid}/stat`;
  if (!existsSync(file)) return Number.NaN;
  // Fields after the command name (which may hold spaces) — utime and stime are the 12th and 13th of them.
  const fields = readFileSync(file, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Stops the server with SIGTERM (it finishes the requests in flight) and waits for it to exit. */
async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => server.child.once('exit', () => r()));
  server.child.kill('SIGTERM');
  await exited;
}

/** Removes the server's data directory and schema. */
async function dropServer(server: Server): Promise<void> {
  if (server.pgSchema) await pgQuery(`drop schema if exists ${server.pgSchema} cascade`);
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** Logs in as the district admin: the headers every measured request carries. */
async function login(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'wuxing2023' }),
  });
  if (!r.ok) throw new Error(`login: HTTP ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** The campaign's assessed units (its December ranking's rows). */
async function campaignUnits(base: string, headers: Record<string, string>): Promise<string[]> {
  const r = await fetch(`${base}/api/campaigns/${CAMPAIGN}/ranking?period=2023-12`, { headers });
  if (!r.ok) throw new Error(`ranking: HTTP ${r.status}`);
  const units = ((await r.json()) as { rows: { unitCode: string }[] }).rows.map((row) => row.unitCode);
  if (units.length === 0) throw new Error('the demo campaign has no units');
  return units;
}

/** Latency and throughput of one autocannon run. */
interface Measured {
  requestsPerSecond: number;
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** Server process CPU (user + system) per answered request, ms; the database server's own CPU not included. */
  serverCpuMsPerRequest: number;
}

function measured(r: autocannon.Result, cpuMs: number): Measured {
  return {
    serverCpuMsPerRequest: cpuMs / Math.max(1, r['2xx'] + r.non2xx),
    requestsPerSecond: r.requests.average,
    okPerSecond: r['2xx'] / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    sent: r.requests.sent,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds: r.duration,
  };
}

/** The baseline: an authenticated cheap GET at the same concurrency. */
async function measureGet(server: Server, headers: Record<string, string>, seconds: number) {
  const cpu = serverCpuMs(server);
  const result = await autocannon({
    url: `${server.base}/api/auth/me`,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
  });
  return measured(result, serverCpuMs(server) - cpu);
}

/** What the submissions run saw: per key, the answer (status, entry id of a 2xx) or none. */
interface SubmitLog {
  prefix: string;
  /** Every key a request was built with (a few are built and never sent). */
  built: Set<string>;
  /** Key → entry id, for every 2xx answer (replayed must be false: every key is new). */
  acknowledged: Map<string, string>;
  /** Keys answered with a non-2xx status. */
  refused: Map<string, number>;
  /** 2xx answers that said replayed (must be none). */
  replayed: string[];
}

/** The submissions: each request a new score entry with its own idempotency key. */
async function measureSubmit(server: Server, headers: Record<string, string>, units: string[]) {
  const log: SubmitLog = {
    prefix: `bench-${randomBytes(4).toString('hex')}-`,
    built: new Set(),
    acknowledged: new Map(),
    refused: new Map(),
    replayed: [],
  };
  /** The key of the request in flight on a connection (pipelining 1: one at a time). */
  const keyOf = new WeakMap<object, string>();
  let n = 0;
  const cpu = serverCpuMs(server);
  const result = await autocannon({
    url: server.base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: `/api/campaigns/${CAMPAIGN}/scores`,
        headers: { ...headers, 'content-type': 'application/json' },
        setupRequest: (request, context) => {
          const i = n++;
          const key = `${log.prefix}${i}`;
          log.built.add(key);
          keyOf.set(context, key);
          const body = {
            unitCode: units[i % units.length],
            itemCode: ITEMS[Math.floor(i / units.length) % ITEMS.length],
            points: 50 + (i % 50),
            idempotencyKey: key,
          };
          return { ...request, body: JSON.stringify(body) };
        },
        onResponse: (status, body, context) => {
          const key = keyOf.get(context) ?? '?';
          if (status >= 200 && status < 300) {
            const answer = JSON.parse(body) as { entry: { id: string }; replayed: boolean };
            log.acknowledged.set(key, answer.entry.id);
            if (answer.replayed) log.replayed.push(key);
          } else log.refused.set(key, status);
        },
      },
    ],
  });
  return { result: measured(result, serverCpuMs(server) - cpu), log };
}

/** Reads the ledger back and checks it against the answers; returns the problems found (none: all good). */
async function crossCheck(server: Server, log: SubmitLog): Promise<{ problems: string[]; rows: number }> {
  const database = createDb({
    databaseUrl: server.dialect === 'postgres' ? (process.env.DATABASE_URL ?? null) : null,
    dataDir: server.dataDir,
    ...(server.pgSchema ? { pgSchema: server.pgSchema } : {}),
  });
  try {
    const rows = await database.db
      .selectFrom('score_entries')
      .select(['id', 'idempotency_key'])
      .where('idempotency_key', 'like', `${log.prefix}%`)
      .execute();
    const audited = new Set<string | null>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id);
      const found = await database.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity', '=', 'score')
        .where('entity_id', 'in', ids)
        .execute();
      for (const r of found) audited.add(r.entity_id);
    }
    const problems: string[] = [];
    const inLedger = new Map(rows.map((r) => [r.idempotency_key, r.id]));
    if (inLedger.size !== rows.length) problems.push(`${rows.length - inLedger.size} keys recorded twice`);
    for (const [key, id] of log.acknowledged) {
      const found = inLedger.get(key);
      if (found === undefined) problems.push(`acknowledged ${key} (entry ${id}) is not in the ledger`);
      else if (found !== id) problems.push(`${key}: answered entry ${id}, ledger has ${found}`);
    }
    for (const [key, status] of log.refused)
      if (inLedger.has(key)) problems.push(`${key} was refused (HTTP ${status}) but is in the ledger`);
    for (const key of log.replayed) problems.push(`${key} answered replayed although it was new`);
    for (const r of rows) {
      if (!log.built.has(r.idempotency_key)) problems.push(`ledger has ${r.idempotency_key}, never sent`);
      if (!audited.has(r.id)) problems.push(`entry ${r.id} (${r.idempotency_key}) has no audit record`);
    }
    return { problems: problems.slice(0, 20), rows: rows.length };
  } finally {
    await database.close();
  }
}

/** One dialect: server up, warm-up, baseline, submissions, stop, cross-check. */
async function runDialect(dialect: 'sqlite' | 'postgres') {
  console.log(`\n— ${dialect}: starting wuxing serve on a new database (seeds the demo) …`);
  const server = await startServer(dialect);
  try {
    const headers = await login(server.base);
    const units = await campaignUnits(server.base, headers);
    await measureGet(server, headers, 2); // warm-up (JIT, connection pools), not counted
    const get = await measureGet(server, headers, SECONDS);
    const submit = await measureSubmit(server, headers, units);
    await stopServer(server);
    const check = await crossCheck(server, submit.log);
    const unanswered = check.rows - submit.log.acknowledged.size;
    console.log(
      `${dialect}: ${submit.log.acknowledged.size} submissions acknowledged, ${submit.log.refused.size} refused, ` +
        `ledger holds ${check.rows} (${unanswered} committed as autocannon cut the last requests off, unanswered)`,
    );
    return { dialect, get, submit: submit.result, ledgerRows: check.rows, problems: check.problems };
  } finally {
    await stopServer(server);
    await dropServer(server);
  }
}

function fmt(x: number, digits = 0): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

async function main(): Promise<void> {
  const m = machine();
  printMachine(m);
  const load = loadavg().map((x) => x.toFixed(1));
  console.log(`load average at the start: ${load.join(' / ')} (1 / 5 / 15 min) on ${m.cpus} cores`);
  console.log(
    `${CONNECTIONS} concurrent clients, ${SECONDS} s per measurement; submissions POST /api/campaigns/${CAMPAIGN}/scores, baseline GET /api/auth/me`,
  );
  const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (process.env.DATABASE_URL) dialects.push('postgres');
  else console.log('DATABASE_URL is not set: PostgreSQL skipped, SQLite only.');
  const runs: Awaited<ReturnType<typeof runDialect>>[] = [];
  for (const d of dialects) runs.push(await runDialect(d));
  console.log('');
  console.log('database    measure                     submissions   GET /api/auth/me (baseline)');
  for (const r of runs) {
    const rows: [string, string, string][] = [
      ['2xx per second', fmt(r.submit.okPerSecond), fmt(r.get.okPerSecond)],
      ['latency p50', `${fmt(r.submit.p50Ms, 1)} ms`, `${fmt(r.get.p50Ms, 1)} ms`],
      ['latency p99', `${fmt(r.submit.p99Ms, 1)} ms`, `${fmt(r.get.p99Ms, 1)} ms`],
      ['latency max', `${fmt(r.submit.maxMs, 1)} ms`, `${fmt(r.get.maxMs, 1)} ms`],
      [
        'app CPU per request',
        `${fmt(r.submit.serverCpuMsPerRequest, 2)} ms`,
        `${fmt(r.get.serverCpuMsPerRequest, 2)} ms`,
      ],
      [
        'non-2xx / errors / timeouts',
        `${r.submit.non2xx} / ${r.submit.errors} / ${r.submit.timeouts}`,
        `${r.get.non2xx} / ${r.get.errors} / ${r.get.timeouts}`,
      ],
    ];
    for (const [measure, s, g] of rows)
      console.log(`${r.dialect.padEnd(10)}  ${measure.padEnd(28)}${s.padStart(11)}   ${g.padStart(11)}`);
  }
  console.log(
    'app CPU per request: user + system time of the wuxing process ÷ answered requests (PostgreSQL’s own CPU not included)',
  );
  const path = writeJson('submit', {
    machine: m,
    loadAverage: loadavg(),
    connections: CONNECTIONS,
    seconds: SECONDS,
    runs,
  });
  console.log(`figures: ${path}`);
  const problems = runs.flatMap((r) => r.problems.map((p) => `${r.dialect}: ${p}`));
  if (problems.length > 0) {
    console.error(`\n✗ the ledger does not match the acknowledged submissions:\n${problems.join('\n')}`);
    process.exit(1);
  }
  const failedRuns = runs.filter((r) => r.submit.ok === 0 || r.get.ok === 0);
  if (failedRuns.length > 0) {
    console.error(`\n✗ no successful requests on ${failedRuns.map((r) => r.dialect).join(', ')}`);
    process.exit(1);
  }
  console.log('ledger cross-check: every acknowledged submission is there once, with its audit record');
}

await main();
