import type { Kysely } from 'kysely';

/** Frozen. Lets old login attempts be pruned without a full scan. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('login_attempts_at_idx').on('login_attempts').column('at').execute();
}
