import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '@wuxing/server';
import SqliteDatabase from 'better-sqlite3';

/** libpq environment for a connection URL, so the password never appears on a command line (`ps`). */
export function pgEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(url.hostname) || 'localhost',
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')),
  };
}

/** The file stores of DATA_DIR a backup carries, each to a directory next to the database file. */
const FILE_STORES = ['photos', 'documents'] as const;

/** Where a backup keeps one file store of DATA_DIR: `FILE.photos/`, `FILE.documents/`. */
function storeOf(file: string, store: (typeof FILE_STORES)[number]): string {
  return `${resolve(file)}.${store}`;
}

/**
 * Copies DATA_DIR's photos and documents next to a database backup. Their files are written (and renamed into
 * place) before their rows commit and never change after, so copying them after the database gives every file
 * the backup refers to. Temporary files of uploads in flight stay behind.
 */
function backupFiles(config: Config, file: string): void {
  for (const store of FILE_STORES) {
    const from = join(config.dataDir, store);
    const to = storeOf(file, store);
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from))
      cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${join(store, 'tmp')}`) });
  }
}

/** Puts a backup's photos and documents back into DATA_DIR (those the backup has). */
function restoreFiles(config: Config, file: string): void {
  for (const store of FILE_STORES) {
    const from = storeOf(file, store);
    if (!existsSync(from)) continue;
    const to = join(config.dataDir, store);
    mkdirSync(to, { recursive: true });
    cpSync(from, to, { recursive: true });
  }
}

/**
 * Writes a consistent copy of the database to `file` (SQLite online backup, or pg_dump for PostgreSQL), the
 * photos to `FILE.photos/` and the documents to `FILE.documents/`.
 */
export async function backup(config: Config, file: string): Promise<string> {
  const target = await backupDatabase(config, file);
  backupFiles(config, target);
  return target;
}

async function backupDatabase(config: Config, file: string): Promise<string> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  if (config.databaseUrl) {
    const schema = config.pgSchema ? ['--schema', config.pgSchema] : [];
    const r = spawnSync(
      'pg_dump',
      ['--no-owner', '--no-privileges', '--clean', '--if-exists', ...schema, '-f', target],
      {
        encoding: 'utf8',
        env: pgEnv(config.databaseUrl),
      },
    );
    if (r.status !== 0) throw new Error(`pg_dump 失败：${r.stderr || r.error?.message}`);
    return target;
  }
  const source = join(config.dataDir, 'wuxing.db');
  if (!existsSync(source)) throw new Error(`数据库文件不存在：${source}`);
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return target;
}

/**
 * Replaces the database with a backup, and puts its photos and documents back. SQLite: the server must be stopped; the file
 * is checked, then copied into the data directory. PostgreSQL: the dump is replayed with psql.
 */
export async function restore(config: Config, file: string): Promise<void> {
  await restoreDatabase(config, file);
  restoreFiles(config, file);
}

async function restoreDatabase(config: Config, file: string): Promise<void> {
  const source = resolve(file);
  if (!existsSync(source)) throw new Error(`备份文件不存在：${source}`);
  if (config.databaseUrl) {
    const r = spawnSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-f', source], {
      encoding: 'utf8',
      env: pgEnv(config.databaseUrl),
    });
    if (r.status !== 0) throw new Error(`psql 恢复失败：${r.stderr || r.error?.message}`);
    return;
  }
  const check = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`备份文件已损坏：${String(result)}`);
  } finally {
    check.close();
  }
  mkdirSync(config.dataDir, { recursive: true });
  const target = join(config.dataDir, 'wuxing.db');
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  copyFileSync(source, target);
}
