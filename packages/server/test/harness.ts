import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../src/app';
import { createDb, type Database } from '../src/db/createDb';
import type { DialectName } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrator';
import { SYSTEM_ACTOR } from '../src/demo/seedDemo';
import { createRepos } from '../src/repositories';
import type { ServiceContext } from '../src/services/context';
import { copyDemoTemplate } from './demoTemplates';
import { TEST_SETTINGS } from './settings';

export { TEST_SETTINGS } from './settings';

const PG_URL = process.env.DATABASE_URL ?? '';

/** The dialects this run covers: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
if (!PG_URL && !(globalThis as { __wxWarned?: boolean }).__wxWarned) {
  (globalThis as { __wxWarned?: boolean }).__wxWarned = true;
  console.warn('[wuxing] DATABASE_URL 未设置：PostgreSQL 集成测试已跳过，仅在 SQLite 上运行。');
}

/** A fresh, migrated database of one dialect, private to the calling test file. */
export async function freshDatabase(
  dialect: DialectName,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'wuxing-test-'));
    const database = createDb({ sqliteFile: join(dir, 'test.db') });
    await migrateToLatest(database.db as never, 'sqlite');
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = createDb({ databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 5 });
  await migrateToLatest(database.db as never, 'postgres');
  return {
    database,
    drop: async () => {
      await sql.raw(`drop schema ${schema} cascade`).execute(database.db);
      await database.close();
    },
  };
}

/** A test's view of one dialect: its database, its app, and helpers. Valid inside tests (after beforeAll). */
export interface TestEnv {
  /** Every route the app registered, for the authorisation matrix. */
  routes: { method: string; url: string }[];
  dialect: DialectName;
  database: Database;
  app: FastifyInstance;
  /** The app's DATA_DIR (photos), a temp directory of this suite. */
  dataDir: string;
  /** A service context acting as the system (district admin), inside no transaction. */
  system(): ServiceContext;
  /** Logs in through the API and returns a client carrying the cookie and CSRF token. */
  login(username: string, password?: string, ip?: string): Promise<Client>;
  anonymous(): Client;
}

/** An HTTP client bound to a session (or none), sending the CSRF header on writes. */
export interface Client {
  csrfToken: string | null;
  cookie: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

function makeClient(
  app: FastifyInstance,
  cookie: string | null,
  csrfToken: string | null,
  ip?: string,
): Client {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      ...(ip ? { remoteAddress: ip } : {}),
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(opts.headers ?? {}),
      },
    });
  return {
    csrfToken,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, payload: (body ?? {}) as InjectOptions['payload'] }),
    patch: (url, body) =>
      request({ method: 'PATCH', url, payload: (body ?? {}) as InjectOptions['payload'] }),
  };
}

/** The demo password every demo login has. */
export const DEMO_PASSWORD = 'wuxing2023';

/**
 * Declares a suite once per dialect. Each gets its own fresh database with the demo district seeded,
 * and an app built on it.
 */
export function describeEachDialect(
  name: string,
  body: (env: () => TestEnv) => void,
  options: { seed?: boolean } = {},
) {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let env: TestEnv | null = null;
      let drop: (() => Promise<void>) | null = null;
      beforeAll(async () => {
        // The seeded demo is a copy of the run's template (globalSetup.ts); an unseeded suite starts empty.
        const fresh =
          options.seed === false
            ? await freshDatabase(dialect)
            : await copyDemoTemplate(dialect, inject('demoTemplates'), PG_URL);
        drop = fresh.drop;
        const database = fresh.database;
        const routes: { method: string; url: string }[] = [];
        const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-data-'));
        const app = await buildApp({
          database,
          settings: TEST_SETTINGS,
          dataDir,
          logger: false,
          onRoute: (r) => routes.push(r),
        });
        await app.ready();
        env = {
          routes,
          dialect,
          database,
          app,
          dataDir,
          system: () => ({
            actor: SYSTEM_ACTOR,
            repos: createRepos(database.db, dialect),
            now: new Date().toISOString(),
            settings: TEST_SETTINGS,
          }),
          anonymous: () => makeClient(app, null, null),
          login: async (username, password = DEMO_PASSWORD, ip) => {
            const res = await app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username, password },
              ...(ip ? { remoteAddress: ip } : {}),
            });
            if (res.statusCode !== 200)
              throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
            const setCookie = res.headers['set-cookie'];
            const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
            const cookie = raw?.split(';')[0] ?? null;
            return makeClient(app, cookie, (res.json() as { csrfToken: string }).csrfToken, ip);
          },
        };
      });
      afterAll(async () => {
        await env?.app.close();
        if (env) rmSync(env.dataDir, { recursive: true, force: true });
        await drop?.();
      });
      body(() => {
        if (!env) throw new Error('test env not ready');
        return env;
      });
    });
  }
}

/** Counts rows of a table, to prove a refused request wrote nothing. */
export async function countRows(
  database: Database,
  table: 'units' | 'users' | 'audit_log' | 'unit_history' | 'activities',
): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A multipart/form-data body with files in the field `file`, for upload routes. */
export function multipartFiles(files: { name: string; content: Buffer | string }[]): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----wuxing${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
