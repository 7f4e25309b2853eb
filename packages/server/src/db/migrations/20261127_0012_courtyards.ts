import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. 五美庭院: household profiles, campaigns, applications, evaluations, levels, awards. */
export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
