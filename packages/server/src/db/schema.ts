import type { Generated } from 'kysely';

/** Booleans are stored as 0/1 integers on both dialects; presenters turn them back into booleans. */
export type Flag = number;

export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  /** Materialised path of ids, `/root/street/village/`, for subtree scope checks. */
  path: string;
  depth: number;
  weight: number;
  contest_group_id: string | null;
  sort: number;
  demo: Flag;
  created_at: string;
  updated_at: string;
}

export interface UnitHistoryTable {
  id: string;
  unit_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  change: string;
  from_value: string | null;
  to_value: string | null;
  /** For moves: the previous parent id, so a period can be resolved to the street a unit then belonged to. */
  from_parent_id: string | null;
  to_parent_id: string | null;
}

export interface ContestGroupsTable {
  id: string;
  code: string;
  name: string;
  sort: number;
  demo: Flag;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  scope_unit_id: string | null;
  password_hash: string;
  must_change_password: Flag;
  disabled: Flag;
  demo: Flag;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  password_changed_at: string;
}

export interface UserAssignmentsTable {
  user_id: string;
  unit_id: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
  success: Flag;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CampaignsTable {
  id: string;
  code: string;
  name: string;
  year: number;
  /** 评星线: the star score a unit must reach in December to earn a star. */
  star_line: number;
  /** 前置星: the star every other star requires; null for none. */
  prerequisite: string | null;
  /** 去极值: drop the highest and lowest of 5 or more scorers. */
  trim: Flag;
  problem_deduction: number;
  deduction_module: string | null;
  /** `active` or `archived`. */
  status: string;
  demo: Flag;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignStarsTable {
  campaign_id: string;
  code: string;
  name: string;
  sort: number;
}

export interface CampaignModulesTable {
  campaign_id: string;
  code: string;
  name: string;
  budget: number;
  /** `plan` or `bonus`. */
  kind: string;
  sort: number;
}

export interface CampaignItemsTable {
  id: string;
  campaign_id: string;
  code: string;
  name: string;
  star: string;
  module: string;
  /** Due month `YYYY-MM`. */
  month: string;
  max: number;
  guidance: string | null;
  sort: number;
}

/** Which units a campaign assesses, with the weight each has in its street's mean. */
export interface CampaignUnitsTable {
  campaign_id: string;
  unit_id: string;
  weight: number;
  sort: number;
}

/** 创建目标: one row per (unit, star, status); only `approved` rows count in scores. */
export interface TargetsTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  /** `declared`, `approved` or `rejected`. */
  status: string;
  declared_by: string | null;
  declared_at: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
}

/**
 * The append-only score ledger. A correction is a new row naming the row it supersedes; the current score
 * of (unit, item, scorer) is its latest row that nothing supersedes. Rows are never updated.
 */
export interface ScoreEntriesTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  item_id: string;
  /** A user id (entered in the app) or a name (from a workbook). */
  scorer: string;
  /** Null when the item is marked N/A. */
  points: number | null;
  na: Flag;
  /** `manual`, `import` or `correction`. */
  source: string;
  reason: string | null;
  supersedes_id: string | null;
  idempotency_key: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: string;
}

/** 夺旗争先 and other bonus-module points; append-only like the score ledger. */
export interface BonusesTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  module: string;
  month: string;
  points: number;
  reason: string;
  source: string;
  idempotency_key: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: string;
}

/** A locked month: its scores change only through corrections with a reason. */
export interface PeriodLocksTable {
  campaign_id: string;
  month: string;
  locked_by: string | null;
  locked_by_name: string | null;
  locked_at: string;
}

/** The whole schema, one interface for both SQLite and PostgreSQL. */
export interface DB {
  units: UnitsTable;
  unit_history: UnitHistoryTable;
  contest_groups: ContestGroupsTable;
  users: UsersTable;
  user_assignments: UserAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  campaigns: CampaignsTable;
  campaign_stars: CampaignStarsTable;
  campaign_modules: CampaignModulesTable;
  campaign_items: CampaignItemsTable;
  campaign_units: CampaignUnitsTable;
  targets: TargetsTable;
  score_entries: ScoreEntriesTable;
  bonuses: BonusesTable;
  period_locks: PeriodLocksTable;
}
