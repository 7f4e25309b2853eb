import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/**
 * Frozen once landed. Notifications: the inbox is derived on read from the current state (tasks, problems,
 * warnings, objections), so only each user's read marks are stored — one row per (user, item key), where the
 * key names the item and the state it was in (a task returned again, a problem failing its look-back again,
 * is a new key and shows as unread).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('notification_reads')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_reads_pk', ['user_id', 'item_key'])
    .execute();
}
