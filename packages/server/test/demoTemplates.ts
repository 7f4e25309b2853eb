import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type Database } from '../src/db/createDb';
import type { DialectName } from '../src/db/dialect';
import { migrateToLatest } from '../src/db/migrator';
import { SYSTEM_ACTOR, seedDemoDistrict } from '../src/demo/seedDemo';
import { createRepos } from '../src/repositories';
import type { ServiceSettings } from '../src/services/context';

/**
 * The demo district seeded once per test run and dialect (in Vitest's global setup), then copied for every
 * test file: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Seeding takes seconds; a copy
 * a fraction of one.
 */
export interface DemoTemplates {
  /** A closed, checkpointed SQLite file holding the migrated, seeded demo. */
  sqliteFile: string;
  /** The PostgreSQL database holding the seeded demo, or null when DATABASE_URL is unset. */
  pgDatabase: string | null;
}

/** The connection string of another database on DATABASE_URL's server. */
export function pgUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function seedInto(database: Database, dialect: DialectName, settings: ServiceSettings): Promise<void> {
  await migrateToLatest(database.db as never, dialect);
  await database.db.transaction().execute(async (trx) =>
    seedDemoDistrict({
      actor: SYSTEM_ACTOR,
      repos: createRepos(trx, dialect),
      now: new Date().toISOString(),
      settings,
    }),
  );
}

async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** Seeds the templates; returns them and the cleanup that removes them. */
export async function buildDemoTemplates(
  pgUrl: string,
  settings: ServiceSettings,
): Promise<{ templates: DemoTemplates; remove(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'wuxing-template-'));
  const sqliteFile = join(dir, 'demo.db');
  const sqlite = createDb({ sqliteFile });
  await seedInto(sqlite, 'sqlite', settings);
  sqlite.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  await sqlite.close();
  let pgDatabase: string | null = null;
  if (pgUrl) {
    pgDatabase = `wx_tpl_${randomBytes(5).toString('hex')}`;
    await adminQuery(pgUrl, `create database ${pgDatabase}`);
    const database = createDb({ databaseUrl: pgUrlFor(pgUrl, pgDatabase), pgPoolSize: 2 });
    await seedInto(database, 'postgres', settings);
    await database.close();
  }
  return {
    templates: { sqliteFile, pgDatabase },
    remove: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (pgUrl && pgDatabase) await adminQuery(pgUrl, `drop database if exists ${pgDatabase} with (force)`);
    },
  };
}

/** A private copy of the seeded demo for one test file. */
export async function copyDemoTemplate(
  dialect: DialectName,
  templates: DemoTemplates,
  pgUrl: string,
): Promise<{ database: Database; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'wuxing-test-'));
    const file = join(dir, 'test.db');
    copyFileSync(templates.sqliteFile, file);
    const database = createDb({ sqliteFile: file });
    return {
      database,
      drop: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!templates.pgDatabase)
    throw new Error('no PostgreSQL template: DATABASE_URL was unset in global setup');
  const name = `t_${randomBytes(6).toString('hex')}`;
  // Two copies of one template at the same moment may find it "being accessed by other users": retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(pgUrl, `create database ${name} template ${templates.pgDatabase}`);
      break;
    } catch (error) {
      if (attempt >= 50 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const database = createDb({ databaseUrl: pgUrlFor(pgUrl, name), pgPoolSize: 5 });
  return {
    database,
    drop: async () => {
      await database.close();
      await adminQuery(pgUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
