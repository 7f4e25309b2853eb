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
}
