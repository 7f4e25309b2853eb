import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '@wuxing/server/db/dialect';
import pg from 'pg';
import { inject } from 'vitest';
import { pgUrlFor } from '../../server/test/demoTemplates';

/** Environment for one CLI or server process: its own data directory, and its own schema on PostgreSQL. */
export interface CliTarget {
  dialect: DialectName;
  env: Record<string, string>;
  dataDir: string;
  schema: string | null;
}

/** A new empty target of one dialect (the PostgreSQL schema is created empty). */
export async function newTarget(dialect: DialectName, schema?: string): Promise<CliTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-cli-'));
  const base = {
    DATA_DIR: dataDir,
    WUXING_SCRYPT_LOG_N: '12',
    SESSION_SECRET: 'cli-test-secret',
    LOG_LEVEL: 'warn',
  };
  if (dialect === 'sqlite') return { dialect, env: { ...base, DATABASE_URL: '' }, dataDir, schema: null };
  const name = schema ?? `c_${randomBytes(6).toString('hex')}`;
  if (!schema) await pgQuery(`create schema ${name}`);
  return {
    dialect,
    env: { ...base, DATABASE_URL: process.env.DATABASE_URL ?? '', WUXING_PG_SCHEMA: name },
    dataDir,
    schema: name,
  };
}

/**
 * A target holding a copy of the demo district seeded once per test run (Vitest's global setup): the SQLite
 * file copied into its data directory, or a PostgreSQL database made from the template. Seconds faster than
 * `seed-demo`. `drop()` removes the PostgreSQL database (the data directory is a temp dir).
 */
export async function demoTarget(dialect: DialectName): Promise<CliTarget & { drop(): Promise<void> }> {
  const templates = inject('demoTemplates');
  const dataDir = mkdtempSync(join(tmpdir(), 'wuxing-cli-'));
  const base = {
    DATA_DIR: dataDir,
    WUXING_SCRYPT_LOG_N: '12',
    SESSION_SECRET: 'cli-test-secret',
    LOG_LEVEL: 'warn',
  };
  if (dialect === 'sqlite') {
    copyFileSync(templates.sqliteFile, join(dataDir, 'wuxing.db'));
    return { dialect, env: { ...base, DATABASE_URL: '' }, dataDir, schema: null, drop: async () => {} };
  }
  const baseUrl = process.env.DATABASE_URL ?? '';
  if (!templates.pgDatabase) throw new Error('no PostgreSQL demo template: DATABASE_URL was unset');
  const name = `c_${randomBytes(6).toString('hex')}`;
  // Two copies of one template at the same moment may find it "being accessed by other users": retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await pgQuery(`create database ${name} template ${templates.pgDatabase}`);
      break;
    } catch (error) {
      if (attempt >= 50 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  return {
    dialect,
    env: { ...base, DATABASE_URL: pgUrlFor(baseUrl, name), WUXING_PG_SCHEMA: '' },
    dataDir,
    schema: null,
    drop: () => pgQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Runs one statement on the test PostgreSQL server. */
export async function pgQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Runs `fn` with process.env set to the target's variables, restoring them after. */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === '') delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
