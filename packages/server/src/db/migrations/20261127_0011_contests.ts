import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';

/** Frozen once landed. The 擂台赛 contests: contests, participants, jury, judge links, scores, honours, cadre votes. */
export async function up(_db: Kysely<unknown>, _dialect: DialectName): Promise<void> {}
