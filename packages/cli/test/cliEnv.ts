import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '@wuxing/server/db/dialect';
import pg from 'pg';

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
