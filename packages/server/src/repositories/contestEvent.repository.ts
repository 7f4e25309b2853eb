import type { Selectable } from 'kysely';
import { lockChain } from '../db/dialect';
import type { ContestEventsTable } from '../db/schema.contest';
import type { Executor } from './executor';

export type ContestEventRow = Selectable<ContestEventsTable>;

/** Serialises appends so event ids grow in commit order (a reader after id n never misses a later commit < n). */
const CONTEST_EVENTS_LOCK = 91_010;

/** All SQL about the contest event log (the source of live updates). */
export class ContestEventRepository {
  constructor(private readonly x: Executor) {}

  /** Appends one event in the current transaction; returns its id. Takes the append lock first. */
  async append(
    contestId: string,
    kind: string,
    payload: Record<string, unknown>,
    at: string,
  ): Promise<number> {
    await lockChain(this.x.db, this.x.dialect, CONTEST_EVENTS_LOCK);
    const row = await this.x.db
      .insertInto('contest_events')
      .values({ contest_id: contestId, kind, payload: JSON.stringify(payload), at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** The contest's events after `afterId`, oldest first. */
  async listAfter(contestId: string, afterId: number, limit = 500): Promise<ContestEventRow[]> {
    const rows = await this.x.db
      .selectFrom('contest_events')
      .selectAll()
      .where('contest_id', '=', contestId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** The id of the contest's latest event, 0 when it has none. */
  async latestId(contestId: string): Promise<number> {
    const row = await this.x.db
      .selectFrom('contest_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
