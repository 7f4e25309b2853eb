import type { Generated } from 'kysely';
import type { BulletinTables } from './schema.bulletin';
import type { ContestTables } from './schema.contest';
import type { CourtyardTables } from './schema.courtyard';

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

/** 评分表: a scoring-sheet template of a campaign module, its lines grouped by star. */
export interface SheetTemplatesTable {
  id: string;
  campaign_id: string;
  code: string;
  name: string;
  /** The plan module whose items a scored round fills (default `DD`). */
  module: string;
  /** Several scorers on one item: `mean`, or `trimmed` (drop one highest and one lowest with 5 or more). */
  rule: string;
  demo: Flag;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One line (评分项) of a sheet: a star, a maximum and its guidance (评分细则). */
export interface SheetTemplateLinesTable {
  id: string;
  template_id: string;
  star: string;
  code: string;
  name: string;
  max: number;
  guidance: string | null;
  sort: number;
}

/** A round of supervision (督导), observation (观摩评比) or street special supervision (专项督查). */
export interface InspectionRoundsTable {
  id: string;
  campaign_id: string;
  /** Human number, e.g. `DD-2023-03`. */
  number: string;
  name: string;
  /** `supervision`, `observation` or `special`. */
  kind: string;
  /** `regular`, `covert` (明察暗访) or `surprise` (突击检查). */
  mode: string;
  /** The month whose items of the template's module a scored round fills. */
  month: string;
  template_id: string;
  /** Whether submitted sheets flow into the score ledger. At most one scored round per (campaign, module, month). */
  scored: Flag;
  /** The street a special round belongs to; null for district rounds. */
  scope_unit_id: string | null;
  /** `open` or `closed`. */
  status: string;
  starts_on: string;
  ends_on: string;
  demo: Flag;
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  closed_at: string | null;
}

/** Who scores which unit in a round. */
export interface RoundAssignmentsTable {
  round_id: string;
  unit_id: string;
  user_id: string;
}

/**
 * One inspector's sheet for one unit in a round, as submitted (version 1) or corrected (version n+1, with a
 * reason, superseding version n). Append-only; the unique (round, unit, inspector, version) refuses a second
 * writer on the same base.
 */
export interface InspectionsTable {
  id: string;
  round_id: string;
  unit_id: string;
  inspector_id: string;
  inspector_name: string;
  version: number;
  supersedes_id: string | null;
  reason: string | null;
  note: string | null;
  /** When the inspector scored on site (the client's clock, checked to be plausible). */
  visited_at: string;
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  /** How the visit was done: VISIT_METHODS codes joined by commas in their order ('' before it was asked). */
  methods: string;
  idempotency_key: string;
  /** The content an idempotency key pins. */
  fingerprint: string;
  submitted_at: string;
}

export interface InspectionLinesTable {
  inspection_id: string;
  line_id: string;
  points: number;
  note: string | null;
}

/** A photo kept on disk under DATA_DIR, with its thumbnail. */
export interface PhotosTable {
  id: string;
  idempotency_key: string;
  unit_id: string;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  /** Path relative to DATA_DIR. */
  file: string;
  thumb_file: string;
  taken_at: string | null;
  latitude: number | null;
  longitude: number | null;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
}

/** 问题台账: a problem found at a unit, followed until it is closed (销号). */
export interface ProblemsTable {
  id: string;
  /** Human number, e.g. `WT2023-0001`. */
  number: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  line_id: string | null;
  /** The sheet line or item it was raised from, as text. */
  item_label: string | null;
  round_id: string | null;
  inspection_key: string | null;
  /** `supervision` 督导, `observation` 观摩, `covert` 明察暗访, `special` 专项督查, `acceptance` 年度验收, `objection` 公示异议. */
  source: string;
  description: string;
  /** `minor` 一般, `major` 较重, `severe` 严重. */
  severity: string;
  /** `YYYY-MM-DD` */
  deadline: string;
  responsible: string | null;
  /** `open` 待整改, `submitted` 已提交整改, `reviewing` 回头看, `closed` 已销号. */
  status: string;
  version: number;
  raised_by: string | null;
  raised_by_name: string;
  raised_at: string;
  closed_at: string | null;
  /** `YYYY-MM-DD` (China time) the problem was closed, for deductions. */
  closed_on: string | null;
  idempotency_key: string;
  fingerprint: string;
  demo: Flag;
}

/** Every step of a problem: raised, rectification submitted, look-back started, passed, failed. */
export interface ProblemEventsTable {
  id: string;
  problem_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
  idempotency_key: string;
}

export interface ProblemPhotosTable {
  problem_id: string;
  event_id: string | null;
  photo_id: string;
  sort: number;
}

export interface InspectionPhotosTable {
  inspection_id: string;
  line_id: string | null;
  photo_id: string;
  sort: number;
}

/** 夺旗争先: an award proposed to a unit's star with points, counted (as a bonus row) once approved. */
export interface FlagAwardsTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  /** The bonus module (default `DQ`). */
  module: string;
  month: string;
  points: number;
  /** e.g. 流动红旗, 竞赛获胜. */
  title: string;
  reason: string;
  /** `pending`, `approved` or `rejected`. */
  status: string;
  proposed_by: string | null;
  proposed_by_name: string;
  proposed_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The bonus row written on approval. */
  bonus_id: string | null;
  idempotency_key: string;
  fingerprint: string;
  demo: Flag;
}

export interface FlagAwardPhotosTable {
  award_id: string;
  photo_id: string;
  sort: number;
}

/** 一票否决 on a unit's star; a revoked veto stays readable. */
export interface VetoesTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  reason: string;
  evidence: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
  revoked_by_name: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  idempotency_key: string;
  demo: Flag;
}

export interface VetoPhotosTable {
  veto_id: string;
  photo_id: string;
  sort: number;
}

/** 五星支部评定: a confirmed rating list, frozen; a later confirmation is a new version with its reason. */
export interface RatingConfirmationsTable {
  id: string;
  campaign_id: string;
  version: number;
  reason: string | null;
  snapshot_json: string;
  confirmed_by: string | null;
  confirmed_by_name: string;
  confirmed_at: string;
  idempotency_key: string;
}

/** 日常任务: a task the district issues to the units targeting its star (all, or chosen ones). */
export interface TasksTable {
  id: string;
  campaign_id: string;
  /** RW-YYYY-NNN */
  number: string;
  title: string;
  description: string;
  star: string;
  /** YYYY-MM: the month whose RC item the task scores into. */
  month: string;
  /** YYYY-MM-DD (China date): submissions after it are late. */
  deadline: string;
  points: number;
  /** accept | deduct | zero */
  late_rule: string;
  /** Percent of the awarded points a late submission loses under `deduct`. */
  late_deduct: number;
  remind_days: number;
  /** all | chosen */
  audience: string;
  /** active | cancelled */
  status: string;
  cancel_reason: string | null;
  version: number;
  demo: number;
  idempotency_key: string;
  fingerprint: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface TaskUnitsTable {
  task_id: string;
  unit_id: string;
}

/** A unit's completion report on a task; append-only versions. */
export interface TaskSubmissionsTable {
  id: string;
  task_id: string;
  unit_id: string;
  version: number;
  text: string;
  submitted_by: string | null;
  submitted_by_name: string;
  submitted_at: string;
  idempotency_key: string;
  fingerprint: string;
}

export interface TaskSubmissionPhotosTable {
  submission_id: string;
  photo_id: string;
  sort: number;
}

/** A stored evidence document (PDF, Word, Excel…) about a unit. */
export interface DocumentsTable {
  id: string;
  idempotency_key: string;
  unit_id: string;
  name: string;
  mime: string;
  bytes: number;
  sha256: string;
  file: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
}

export interface TaskSubmissionDocumentsTable {
  submission_id: string;
  document_id: string;
  sort: number;
}

/** A reviewer's decision on a submission; append-only versions (a later one corrects an earlier one). */
export interface TaskReviewsTable {
  id: string;
  task_id: string;
  unit_id: string;
  submission_id: string;
  version: number;
  /** full | partial | zero | returned */
  outcome: string;
  /** Points awarded before the late rule; null when returned. */
  awarded: number | null;
  reason: string | null;
  correction_reason: string | null;
  reviewer_id: string | null;
  reviewer_name: string;
  reviewed_at: string;
  idempotency_key: string;
  fingerprint: string;
}

/** 预警: a campaign's warning thresholds (defaults from SCORING.md until an admin sets them). */
export interface WarningRulesTable {
  campaign_id: string;
  bottom_n: number;
  overdue_min: number;
  red_rate_below: number;
  talk_days: number;
  updated_by_name: string;
  updated_at: string;
}

/** One committed evaluation of a quarter's warnings (history: every evaluation is kept). */
export interface WarningEvaluationsTable {
  id: string;
  campaign_id: string;
  period: string;
  /** 1, 2, … per (campaign, period). */
  sequence: number;
  /** The quarter's last day (YYYY-MM-DD) at which overdue problems were counted. */
  as_of: string;
  /** The thresholds used, as JSON. */
  rules: string;
  raised: number;
  kept: number;
  updated: number;
  lifted: number;
  evaluated_by: string | null;
  evaluated_by_name: string;
  evaluated_at: string;
  idempotency_key: string;
  fingerprint: string;
  demo: Generated<Flag>;
}

/** A unit's warning for a quarter: active until an evaluation clears it (lifted, never deleted). */
export interface WarningsTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  period: string;
  /** yellow | red */
  level: string;
  /** Comma-separated rule codes: bottom, overdue, rate. */
  reasons: string;
  rank: number;
  total: number;
  score: number;
  rate: number | null;
  overdue: number;
  bottom_cutoff_rank: number | null;
  /** active | lifted */
  status: string;
  raised_evaluation_id: string;
  raised_at: string;
  raised_on: string;
  talk_due_on: string;
  /** The latest evaluation that confirmed or updated it. */
  checked_evaluation_id: string;
  lifted_evaluation_id: string | null;
  lifted_at: string | null;
  lifted_on: string | null;
  lift_reason: string | null;
  demo: Generated<Flag>;
}

/** 谈话提醒: a reminder talk recorded on a warning. */
export interface WarningTalksTable {
  id: string;
  warning_id: string;
  /** ACCOUNTABILITY_KINDS: reminder (提醒谈话), summons (约谈) or accountability (追责). */
  kind: string;
  talked_on: string;
  talker: string;
  talkee: string;
  agreed: string;
  follow_up_on: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
  recorded_on: string;
  idempotency_key: string;
  fingerprint: string;
  demo: Generated<Flag>;
}

/** 帮扶措施: a help measure noted on a warning. */
export interface WarningMeasuresTable {
  id: string;
  warning_id: string;
  text: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
  idempotency_key: string;
  fingerprint: string;
  demo: Generated<Flag>;
}

/** One entry of a village's 创建档案: a measure (创建措施) or a progress report of one target star. */
export interface CreationEntriesTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  star: string;
  /** 'measure' or 'progress'. */
  kind: string;
  text: string;
  /** How far along (0–100), progress reports only. */
  percent: number | null;
  entered_by: string | null;
  entered_by_name: string;
  entered_at: string;
  idempotency_key: string;
  fingerprint: string;
  demo: Generated<Flag>;
}

/** A photo kept as evidence on a creation-file entry, in order. */
export interface CreationEntryPhotosTable {
  entry_id: string;
  photo_id: string;
  sort: number;
}

/** A street cadre (街道干部) or village-stationed cadre (驻村干部) of one street. */
export interface CadresTable {
  id: string;
  name: string;
  /** 'street' or 'stationed'. */
  kind: string;
  /** 职务, e.g. 街道党工委委员 or 驻村第一书记. */
  position: string;
  phone: string | null;
  street_id: string;
  active: Flag;
  created_at: string;
  updated_at: string;
  demo: Generated<Flag>;
}

/** A village or community a cadre answers for, in the order given. */
export interface CadreUnitsTable {
  cadre_id: string;
  unit_id: string;
  sort: number;
}

/** An outreach activity (宣传活动) a unit held, with its counts; a deleted one is kept (deleted_at, reason). */
export interface ActivitiesTable {
  id: string;
  unit_id: string;
  title: string;
  topic: string;
  /** YYYY-MM-DD */
  held_on: string;
  place: string;
  partners: string;
  summary: string;
  /** 出动工作人员 (人次) */
  staff: number;
  /** 横幅 (条) */
  banners: number;
  /** 咨询台 (个) */
  desks: number;
  /** 展板 (块) */
  boards: number;
  /** 宣传资料 (份) */
  leaflets: number;
  /** 接受咨询 (人次) */
  consultations: number;
  /** The user who recorded it (null: the demo's system actor), and that user's name then. */
  recorded_by: string | null;
  recorded_by_name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
  delete_reason: string | null;
  demo: Generated<Flag>;
}

/** One user's read mark on one derived inbox item (the key names the item and its state). */
export interface NotificationReadsTable {
  user_id: string;
  item_key: string;
  read_at: string;
}

/** 公示: a period's results published as a frozen, numbered snapshot (its versions hold the rows). */
export interface PublicationsTable {
  id: string;
  campaign_id: string;
  /** GS-YYYY-NNN */
  number: string;
  /** A quarter `YYYY-Qn` or the year `YYYY`. */
  period: string;
  title: string;
  /** public: anyone with the link; internal: logged-in users. */
  scope: string;
  /** The publishing organisation (e.g. 区委组织部), never a person. */
  publisher: string;
  /** Where objections go (office, phone). */
  contact: string;
  /** China date of publishing (YYYY-MM-DD). */
  published_on: string;
  window_days: number;
  /** Last day of the objection window (YYYY-MM-DD). */
  window_end: string;
  /** Random unguessable token of the public link /p/:token. */
  token: string;
  current_version: number;
  published_by: string | null;
  published_by_name: string;
  published_at: string;
  idempotency_key: string;
  fingerprint: string;
  demo: Flag;
}

/** Version n of a publication: a frozen JSON snapshot, never updated; a correction is a new version. */
export interface PublicationVersionsTable {
  id: string;
  publication_id: string;
  version: number;
  /** Null for version 1; required after. */
  reason: string | null;
  /** The accepted objection that led to this version, if any. */
  objection_id: string | null;
  snapshot_json: string;
  created_by: string | null;
  created_by_name: string;
  created_at: string;
  idempotency_key: string;
}

/** An objection (异议) against one unit's row of a publication. */
export interface ObjectionsTable {
  id: string;
  publication_id: string;
  /** The version the objection was filed against. */
  version: number;
  unit_id: string;
  reason: string;
  /** pending | accepted | rejected */
  status: string;
  filed_by: string | null;
  filed_by_name: string;
  filed_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** The version an accepted objection produced. */
  resolved_version: number | null;
  idempotency_key: string;
  fingerprint: string;
  demo: Flag;
}

export interface ObjectionPhotosTable {
  objection_id: string;
  photo_id: string;
  sort: number;
}

/** The whole schema, one interface for both SQLite and PostgreSQL. */
export interface DB extends ContestTables, CourtyardTables, BulletinTables {
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
  sheet_templates: SheetTemplatesTable;
  sheet_template_lines: SheetTemplateLinesTable;
  inspection_rounds: InspectionRoundsTable;
  round_assignments: RoundAssignmentsTable;
  inspections: InspectionsTable;
  inspection_lines: InspectionLinesTable;
  photos: PhotosTable;
  problems: ProblemsTable;
  problem_events: ProblemEventsTable;
  problem_photos: ProblemPhotosTable;
  inspection_photos: InspectionPhotosTable;
  flag_awards: FlagAwardsTable;
  flag_award_photos: FlagAwardPhotosTable;
  vetoes: VetoesTable;
  veto_photos: VetoPhotosTable;
  rating_confirmations: RatingConfirmationsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  task_submissions: TaskSubmissionsTable;
  task_submission_photos: TaskSubmissionPhotosTable;
  documents: DocumentsTable;
  task_submission_documents: TaskSubmissionDocumentsTable;
  task_reviews: TaskReviewsTable;
  warning_rules: WarningRulesTable;
  warning_evaluations: WarningEvaluationsTable;
  warnings: WarningsTable;
  warning_talks: WarningTalksTable;
  warning_measures: WarningMeasuresTable;
  creation_entries: CreationEntriesTable;
  creation_entry_photos: CreationEntryPhotosTable;
  cadres: CadresTable;
  cadre_units: CadreUnitsTable;
  activities: ActivitiesTable;
  notification_reads: NotificationReadsTable;
  publications: PublicationsTable;
  publication_versions: PublicationVersionsTable;
  objections: ObjectionsTable;
  objection_photos: ObjectionPhotosTable;
}
