import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { DialectName } from './dialect';
import type { DB } from './schema';

// PostgreSQL returns int8 and numeric as strings; Wuxing's counts and scores fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** A SQLite driver whose transactions take the write lock up front, so concurrent writers wait instead of failing. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** An open database: the typed query builder, which engine it is, and how to close it. */
export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** Where the SQLite file lives (null on PostgreSQL). */
  sqlitePath: string | null;
  /** The raw SQLite handle, for online backup (null on PostgreSQL). */
  sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite. */
  databaseUrl?: string | null;
  /** Directory for the SQLite file `wuxing.db`. */
  dataDir?: string;
  /** Explicit SQLite file (':memory:' allowed); overrides dataDir. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  pgPoolSize?: number;
}

/** Opens the database Wuxing is configured for: PostgreSQL when a URL is given, else an embedded SQLite file. */
export function createDb(options: CreateDbOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // An idle connection the server closes (a restart, a failover, an administrator) emits an error; the pool
    // drops that client and the next query opens a new one. Unhandled, it would take the whole process down.
    pool.on('error', (error) => {
      console.warn(`[wuxing] PostgreSQL 空闲连接已断开并被丢弃：${error.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', sqlitePath: null, sqlite: null, close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? join(options.dataDir ?? './data', 'wuxing.db');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlitePath: file, sqlite, close: () => db.destroy() };
}
