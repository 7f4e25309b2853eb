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

/** A 擂台赛 contest: settings, lots, the host's live state (current speaker, timer) and the frozen results. */
export interface ContestsTable {
  id: string;
  code: string;
  name: string;
  year: number;
  period: string;
  kind: string;
  date: string;
  /** draft | running | finished | announced */
  status: string;
  jury_points: number;
  honour_points: number;
  cadre_points: number;
  trim_from: number;
  speech_seconds: number;
  /** JSON: points per honour level. */
  honour_table: string;
  screen_token: string;
  lot_seed: string | null;
  lots_drawn_at: string | null;
  lots_drawn_by_name: string | null;
  current_unit_id: string | null;
  /** idle | running | paused | ended */
  timer_status: string;
  timer_started_at: string | null;
  timer_remaining_ms: number;
  started_at: string | null;
  finished_at: string | null;
  announced_at: string | null;
  /** JSON snapshot of the results frozen at announce. */
  results_json: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
  demo: number;
}

/** A participating unit: group, lot, state (waiting | speaking | scoring | closed), goals and figures. */
export interface ContestUnitsTable {
  contest_id: string;
  unit_id: string;
  group_id: string;
  /** The group's place in the contest's running order (1-based). */
  group_order: number;
  lot_order: number | null;
  state: string;
  goals: string;
  jury_score: number | null;
  honour_score: number | null;
  cadre_score: number | null;
  total: number | null;
  called_at: string | null;
  closed_at: string | null;
}

/** A judge on a contest's jury; `own_unit_id` is never scored by them (回避). */
export interface ContestJudgesTable {
  contest_id: string;
  user_id: string;
  own_unit_id: string | null;
  added_at: string;
}

/** A one-time login link (sha256 of the token stored), 24 h, single use. */
export interface JudgeLinksTable {
  id: string;
  token_hash: string;
  user_id: string;
  contest_id: string;
  expires_at: string;
  used_at: string | null;
  created_by_name: string;
  created_at: string;
}

/** A judge's score of a unit; `status` active | unlocked (an unlocked one stays with its reason). */
export interface ContestScoresTable {
  id: string;
  contest_id: string;
  unit_id: string;
  judge_id: string;
  score: number;
  submitted_at: string;
  status: string;
  unlocked_at: string | null;
  unlocked_by_name: string | null;
  unlock_reason: string | null;
  idempotency_key: string;
  fingerprint: string;
}

export interface ContestHonoursTable {
  id: string;
  contest_id: string;
  unit_id: string;
  title: string;
  /** national | provincial | city | district */
  level: string;
  awarded_on: string;
  issuer: string;
  created_by_name: string;
  created_at: string;
}

/** 干部作风评价 vote counts of a unit. */
export interface ContestCadreVotesTable {
  contest_id: string;
  unit_id: string;
  good: number;
  fairly_good: number;
  average: number;
  poor: number;
  imported_at: string;
}

/** The 擂台赛 tables (migrations 0010–0011). */
export interface ContestTables {
  contest_events: ContestEventsTable;
  contests: ContestsTable;
  contest_units: ContestUnitsTable;
  contest_judges: ContestJudgesTable;
  judge_links: JudgeLinksTable;
  contest_scores: ContestScoresTable;
  contest_honours: ContestHonoursTable;
  contest_cadre_votes: ContestCadreVotesTable;
}
