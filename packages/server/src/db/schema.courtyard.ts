/** A household's profile; the household itself is a unit of type `household` under a village or community. */
export interface HouseholdProfilesTable {
  unit_id: string;
  /** 户主. */
  head_name: string;
  address: string;
  /** 家庭人口. */
  member_count: number;
  /** JSON array of `{ name, relation }`. */
  members: string;
  phone: string | null;
  updated_at: string;
}

/** A 五美庭院 campaign (`WM-YYYY`): standards and level rules as JSON. */
export interface CourtyardCampaignsTable {
  id: string;
  code: string;
  year: number;
  name: string;
  /** `open` or `closed`. */
  status: string;
  /** JSON array of `{ code, name, maxPoints, guidance }`. */
  standards: string;
  /** JSON `{ village|street|district|city: { threshold, quota } }`. */
  levels: string;
  demo: number;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

/** A household's application in a campaign: its status, current level and score (denormalised). */
export interface CourtyardApplicationsTable {
  id: string;
  campaign_id: string;
  household_id: string;
  /** applied, village_confirmed, street_confirmed, rejected. */
  status: string;
  /** none, village, street, district, city: the level now; history in courtyard_level_events. */
  level: string;
  /** Mean of the evaluators' latest totals. */
  score: number | null;
  evaluator_count: number;
  applied_by: string | null;
  applied_by_name: string;
  applied_at: string;
  village_confirmed_by_name: string | null;
  village_confirmed_at: string | null;
  street_confirmed_by_name: string | null;
  street_confirmed_at: string | null;
  rejected_by_name: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  level_changed_at: string | null;
  demo: number;
}

/** One version of one evaluator's scores for a household (append-only). */
export interface CourtyardEvaluationsTable {
  id: string;
  campaign_id: string;
  household_id: string;
  evaluator_id: string;
  evaluator_name: string;
  version: number;
  /** JSON `{ standardCode: points }`. */
  scores: string;
  /** JSON `{ standardCode: note }`. */
  notes: string;
  total: number;
  correction_reason: string | null;
  evaluated_at: string;
  recorded_at: string;
  idempotency_key: string;
  fingerprint: string;
}

export interface CourtyardEvaluationPhotosTable {
  evaluation_id: string;
  photo_id: string;
  sort: number;
}

/** A nomination or a demotion: the history of a household's level in a campaign. */
export interface CourtyardLevelEventsTable {
  id: string;
  campaign_id: string;
  household_id: string;
  /** nominate or demote. */
  kind: string;
  from_level: string;
  to_level: string;
  score: number | null;
  reason: string | null;
  approved_by: string | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface CourtyardLevelEventPhotosTable {
  event_id: string;
  photo_id: string;
  sort: number;
}

/** A plaque (挂牌) or material reward (物质奖励) given to a household at a level. */
export interface CourtyardAwardsTable {
  id: string;
  campaign_id: string;
  household_id: string;
  /** plaque or material. */
  kind: string;
  level: string;
  description: string;
  amount: number | null;
  given_on: string;
  given_by: string;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: string;
}

/** The 五美庭院 tables (migration 0012). */
export interface CourtyardTables {
  household_profiles: HouseholdProfilesTable;
  courtyard_campaigns: CourtyardCampaignsTable;
  courtyard_applications: CourtyardApplicationsTable;
  courtyard_evaluations: CourtyardEvaluationsTable;
  courtyard_evaluation_photos: CourtyardEvaluationPhotosTable;
  courtyard_level_events: CourtyardLevelEventsTable;
  courtyard_level_event_photos: CourtyardLevelEventPhotosTable;
  courtyard_awards: CourtyardAwardsTable;
}
