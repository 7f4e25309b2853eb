import type { Kysely } from 'kysely';
import { autoIncrementType, type DialectName } from '../dialect';

/**
 * Frozen once landed. The contest event log: every change of a 擂台赛 contest appends one row in the transaction
 * that makes it, so live updates (SSE) are read from the database and a dropped connection resumes from its
 * `Last-Event-ID`. Appends are serialised (see ContestEventRepository) so ids grow in commit order.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('contest_events')
    .addColumn('id', autoIncrementType(dialect), (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contest_events_contest_idx')
    .on('contest_events')
    .columns(['contest_id', 'id'])
    .execute();
}
