import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. Notifications: per-user inbox read marks and stored notices. */
export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
