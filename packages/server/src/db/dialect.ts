import { type Kysely, sql } from 'kysely';

/** The two engines Wuxing runs on. Dialect-specific SQL stays inside `db/`. */
export type DialectName = 'sqlite' | 'postgres';

/** Column type for an auto-incrementing integer key. */
export function autoIncrementType(dialect: DialectName): 'integer' | 'serial' {
  return dialect === 'postgres' ? 'serial' : 'integer';
}

/**
 * Serialises writers of a hash chain inside the current transaction. On PostgreSQL a transaction-scoped
 * advisory lock; on SQLite every write transaction already starts with `BEGIN IMMEDIATE`, which holds the
 * database's single write lock.
 */
export async function lockChain<T>(db: Kysely<T>, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(db);
}

/**
 * A LIKE pattern for "contains", with `%`, `_` and `\` escaped by a backslash; use it with `escape '\'`,
 * which both engines understand. Callers lower-case both sides.
 */
export function likeContains(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
