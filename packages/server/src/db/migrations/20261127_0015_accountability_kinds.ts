import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. The kind of each accountability step recorded on a warning: 提醒谈话 (reminder), 约谈
 * (summons) or 追责 (accountability). The steps recorded before were all reminder talks.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('warning_talks')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('reminder'))
    .execute();
}
