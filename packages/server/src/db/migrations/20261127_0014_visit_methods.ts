import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. How each supervision visit was done (查阅资料、座谈走访、实地查看): the methods of a submitted
 * sheet, as their codes joined by commas in a fixed order; '' for the sheets submitted before it was asked.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('inspections')
    .addColumn('methods', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
