import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialect';
import type { DB } from '../db/schema';

/** What every repository is built on: a query builder (usually a transaction) and the engine it talks to. */
export interface Executor {
  db: Kysely<DB>;
  dialect: DialectName;
}
