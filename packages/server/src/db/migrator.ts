import { type Kysely, sql } from 'kysely';
import type { DialectName } from './dialect';
import { migrations as allMigrations, type Migration } from './migrations';

const MIGRATION_LOCK = 91_001;

/**
 * Applies the migrations that have not run yet, each in its own transaction, and returns their names.
 * Safe when several instances start at once (PostgreSQL advisory lock; SQLite write lock).
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: DialectName,
  migrations: Migration[] = allMigrations,
): Promise<string[]> {
  await db.schema
    .createTable('wuxing_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  for (const migration of migrations) {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      const done = await sql<{
        name: string;
      }>`select name from wuxing_migrations where name = ${migration.name}`.execute(trx);
      if (done.rows.length > 0) return;
      await migration.up(trx, dialect);
      await sql`insert into wuxing_migrations (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(
        trx,
      );
      applied.push(migration.name);
    });
  }
  return applied;
}
