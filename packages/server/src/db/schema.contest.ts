import type { Generated } from 'kysely';

/**
 * One change of a contest, in commit order: the source of every live update (SSE event id = `id`). Appended in
 * the transaction that makes the change; a dropped connection resumes from here (`Last-Event-ID`).
 */
export interface ContestEventsTable {
  id: Generated<number>;
  contest_id: string;
  kind: string;
  /** JSON object: what changed (never a judge's score before its unit is closed). */
  payload: string;
  at: string;
}

/** The 擂台赛 tables (migrations 0010–0011). */
export interface ContestTables {
  contest_events: ContestEventsTable;
}
