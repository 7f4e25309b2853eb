import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. 预警 warnings raised at quarterly rankings, and the reminder talks (谈话提醒) they open. */
export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
