import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. 公示 publications: frozen numbered snapshots with versions, and objections (异议) against their rows. */
export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
