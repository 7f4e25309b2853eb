import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { nulCharacterPath } from '../src/http/session';
import {
  changedTables,
  collectRealValues,
  type DbSnapshot,
  describeRequest,
  type FileSamples,
  injectOptions,
  type OpenApiDocument,
  operationOf,
  pathParams,
  type RealValues,
  type RegisteredRoute,
  realParamValues,
  requestArbitrary,
  snapshotDatabase,
  WRITE_METHODS,
} from './fuzzHelpers';
import { type Client, describeEachDialect } from './harness';

/**
 * Property-based fuzzing of EVERY write route the app registers (enumerated from the app, so routes added
 * later are covered): random and malformed JSON bodies, query strings, path segments and multipart uploads
 * (random bytes, truncated and corrupted workbooks), sent by the district admin, who passes authorisation,
 * so input validation is what is exercised. Never a 5xx; after every refused (4xx) request every row of
 * every table is as it was (a full database comparison, see fuzzHelpers.snapshotDatabase).
 */

/** Write routes left out, and why. Everything else the app registers is fuzzed. */
const EXCLUDED: Record<string, string> = {
  // It ends the very session the fuzzing runs in, and it reads no input (no body, no parameters);
  // auth.test.ts proves it ends the session on the server.
  'POST /api/auth/logout': 'ends the fuzzing session',
};

/**
 * Bookkeeping a refused request writes on purpose, by route and status: a failed login is recorded (one row
 * in login_attempts) so throttling can count it. Any other change after a 4xx fails the test.
 */
function expectedRefusalWrites(route: string, status: number): string[] {
  return route === 'POST /api/auth/login' && status === 401 ? ['login_attempts'] : [];
}

/**
 * Generated requests per dialect, shared evenly by the write routes (at least 2 each). Measured on the demo
 * district (load average ~2 on 2 cores): ~12 ms a request on SQLite, ~110 ms on PostgreSQL (its version
 * check and the server round trips), so 800 and 300 keep each dialect inside 60 s.
 * WUXING_FUZZ_REQUESTS=… for a longer run, WUXING_FUZZ_SEED=… to replay a failure, WUXING_FUZZ_REPORT=1 to
 * print the statuses each route answered.
 */
const REQUESTS: Record<string, number> = process.env.WUXING_FUZZ_REQUESTS
  ? { sqlite: Number(process.env.WUXING_FUZZ_REQUESTS), postgres: Number(process.env.WUXING_FUZZ_REQUESTS) }
  : { sqlite: 800, postgres: 300 };
const SEED = process.env.WUXING_FUZZ_SEED ? Number(process.env.WUXING_FUZZ_SEED) : undefined;

const keyOf = (r: RegisteredRoute) => `${r.method} ${r.url}`;

describeEachDialect('fuzzing every write route with random and malformed input', (env) => {
  let admin: Client;
  let session: { cookie: string; csrfToken: string };
  let doc: OpenApiDocument;
  let real: RealValues;
  let samples: FileSamples;
  let current: DbSnapshot;
  const statuses = new Map<string, number[]>();

  beforeAll(async () => {
    admin = await env().login('admin');
    if (!admin.cookie || !admin.csrfToken) throw new Error('admin login gave no session');
    session = { cookie: admin.cookie, csrfToken: admin.csrfToken };
    doc = (await admin.get('/api/docs/json')).json() as OpenApiDocument;
    real = await collectRealValues(env().database);
    // Real workbooks to cut short and corrupt: the templates and exports the app itself produces.
    const contest = real.params.get('contests/:code')?.[0] ?? '';
    const workbooks: Buffer[] = [];
    for (const url of [
      '/api/households/template',
      `/api/contests/${contest}/honours/template`,
      `/api/contests/${contest}/cadre/template`,
      '/api/units/export?format=xlsx',
      '/api/campaigns/WX2023/export?format=xlsx',
    ]) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
      workbooks.push(res.rawPayload);
    }
    const image = await sharp({
      create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    samples = { workbooks, image };
    current = await snapshotDatabase(env().database);
  });

  function writeRoutes(method: string): RegisteredRoute[] {
    return env()
      .routes.filter((r) => r.method === method && !(keyOf(r) in EXCLUDED))
      .sort((a, b) => a.url.localeCompare(b.url));
  }

  it('enumerates the write routes from the app, leaving out only those named in EXCLUDED', () => {
    const writes = env()
      .routes.filter((r) => WRITE_METHODS.has(r.method))
      .map(keyOf);
    for (const excluded of Object.keys(EXCLUDED)) expect(writes).toContain(excluded);
    expect(writes.length).toBeGreaterThan(80);
    // Every write route has a documented operation, so its body is generated from its own schema.
    const undocumented = env()
      .routes.filter((r) => WRITE_METHODS.has(r.method) && operationOf(doc, r) === null)
      .map(keyOf);
    expect(undocumented).toEqual([]);
  });

  it("sees one changed cell in any table, and ignores only the sessions' last-seen bookkeeping", async () => {
    const db = env().database.db;
    const start = await snapshotDatabase(env().database);
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .orderBy('code')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('units')
      .set({ name: `${unit.name}!` })
      .where('id', '=', unit.id)
      .execute();
    expect(changedTables(start, await snapshotDatabase(env().database))).toEqual([
      { table: 'units', rowsBefore: 1080, rowsAfter: 1080 },
    ]);
    await db.updateTable('units').set({ name: unit.name }).where('id', '=', unit.id).execute();
    expect(changedTables(start, await snapshotDatabase(env().database))).toEqual([]);
    const later = new Date(Date.now() + 120_000).toISOString();
    await db.updateTable('sessions').set({ last_seen_at: later }).execute();
    expect(changedTables(start, await snapshotDatabase(env().database))).toEqual([]);
    const agents = await db.selectFrom('sessions').select(['id', 'user_agent']).execute();
    await db.updateTable('sessions').set({ user_agent: 'changed' }).execute();
    expect(changedTables(start, await snapshotDatabase(env().database)).map((c) => c.table)).toEqual([
      'sessions',
    ]);
    for (const a of agents)
      await db.updateTable('sessions').set({ user_agent: a.user_agent }).where('id', '=', a.id).execute();
    const end = await snapshotDatabase(env().database);
    expect(changedTables(start, end)).toEqual([]);
    expect(changedTables(end, await snapshotDatabase(env().database, undefined, { fresh: true }))).toEqual(
      [],
    );
    current = end;
  });

  // Found by this fuzzing: PostgreSQL cannot store a NUL character, so such text answered 500 there (and was
  // stored on SQLite). The session hook now refuses it on both, naming the field.
  it('refuses a NUL character anywhere in a body, a query or a path with a 400 naming the field, writing nothing', async () => {
    const start = await snapshotDatabase(env().database);
    const cases: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; field: string }[] = [
      {
        method: 'POST',
        url: '/api/units',
        payload: { code: 'NUL-1', name: '何\u0000庄', type: 'village', parentCode: 'LX' },
        field: 'name',
      },
      { method: 'PATCH', url: '/api/campaigns/WX2023', payload: { name: 'x\u0000' }, field: 'name' },
      {
        method: 'POST',
        url: '/api/inspections',
        payload: { idempotencyKey: 'nul-probe-0001', lines: [{ lineId: 'x', points: 1, note: 'a\u0000' }] },
        field: 'lines',
      },
      { method: 'GET', url: '/api/units?q=%00', field: 'q' },
      { method: 'GET', url: '/api/units/%00', field: 'id' },
    ];
    for (const c of cases) {
      const res = await admin.request({
        method: c.method,
        url: c.url,
        ...(c.payload ? { payload: c.payload } : {}),
      });
      expect(res.statusCode, `${c.method} ${c.url} ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION', field: c.field });
      expect(res.json().error.message).toContain('不能包含空字符');
    }
    const login = await env()
      .anonymous()
      .post('/api/auth/login', { username: 'admin\u0000', password: 'wuxing2023' });
    expect(login.statusCode).toBe(400);
    expect(changedTables(start, await snapshotDatabase(env().database))).toEqual([]);
    // However deep the nesting, the check walks it without recursion.
    const deep = JSON.parse(`${'['.repeat(50_000)}"\\u0000"${']'.repeat(50_000)}`);
    expect(nulCharacterPath(deep)?.split('.').length).toBe(50_000);
    expect(nulCharacterPath({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('a.1.c');
    expect(nulCharacterPath({ a: ['ok'] })).toBeNull();
  });

  /** Fuzzes the routes of one method; returns one message per route whose property failed. */
  async function fuzz(routes: RegisteredRoute[]): Promise<string[]> {
    const failures: string[] = [];
    for (const route of routes) {
      const key = keyOf(route);
      const paramValues: Record<string, string[]> = {};
      for (const p of pathParams(route.url))
        paramValues[p] = await realParamValues(env().database, real, route.url, p);
      const arbitrary = requestArbitrary(route, operationOf(doc, route), paramValues, real, samples);
      const seen = statuses.get(key) ?? [];
      statuses.set(key, seen);
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async (req) => {
          const res = await env().app.inject(injectOptions(req, session));
          const before = current;
          current = await snapshotDatabase(env().database);
          seen.push(res.statusCode);
          const answer = `${res.statusCode} ${res.body.slice(0, 300)}`;
          if (res.statusCode >= 500) throw new Error(`server error: ${answer}`);
          if (res.statusCode === 401 && !route.url.startsWith('/api/auth/'))
            throw new Error(`the fuzzing session was lost: ${answer}`);
          if (res.statusCode < 400) return;
          const allowed = expectedRefusalWrites(key, res.statusCode);
          const unexpected = changedTables(before, current).filter(
            (c) => !allowed.includes(c.table) || c.rowsAfter !== c.rowsBefore + 1,
          );
          if (unexpected.length > 0)
            throw new Error(
              `refused (${answer}) yet changed ${unexpected
                .map((c) => `${c.table} (${c.rowsBefore} → ${c.rowsAfter} rows)`)
                .join(', ')}`,
            );
        }),
        { numRuns: runsPerRoute(), endOnFailure: true, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      if (details.failed) {
        const example = details.counterexample?.[0];
        failures.push(
          `${key}: ${example ? describeRequest(example) : '?'}\n  → ${String(details.errorInstance)}\n  (seed ${details.seed}, path ${details.counterexamplePath})`,
        );
      }
    }
    return failures;
  }

  /** Runs per route: the request budget shared by every fuzzed write route. */
  function runsPerRoute(): number {
    const routes = env().routes.filter((r) => WRITE_METHODS.has(r.method) && !(keyOf(r) in EXCLUDED));
    return Math.max(2, Math.ceil((REQUESTS[env().dialect] ?? 300) / routes.length));
  }

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    it(`never answers a ${method} with a 5xx, and a refused one leaves every row of every table as it was`, async () => {
      const routes = writeRoutes(method);
      expect(routes.length).toBeGreaterThan(0);
      expect(await fuzz(routes)).toEqual([]);
      // The snapshots above re-read only tables the engine shows as written; a full read agrees with them.
      expect(
        changedTables(current, await snapshotDatabase(env().database, undefined, { fresh: true })),
      ).toEqual([]);
      // Still the same session: the refusals above were input validation, not a lost login.
      expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
      if (process.env.WUXING_FUZZ_REPORT) {
        const lines = routes.map((r) => {
          const s = statuses.get(keyOf(r)) ?? [];
          const counts = new Map<number, number>();
          for (const code of s) counts.set(code, (counts.get(code) ?? 0) + 1);
          return `${keyOf(r)}: ${[...counts].map(([c, n]) => `${c}×${n}`).join(' ')}`;
        });
        console.info(`[fuzz ${env().dialect}]\n${lines.join('\n')}`);
      }
    }, 300_000);
  }
});
