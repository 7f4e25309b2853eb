import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { likeContains } from '../db/dialect';
import type { UnitHistoryTable, UnitsTable } from '../db/schema';
import type {
  CourtyardApplicationsTable,
  CourtyardAwardsTable,
  CourtyardCampaignsTable,
  CourtyardEvaluationPhotosTable,
  CourtyardEvaluationsTable,
  CourtyardLevelEventPhotosTable,
  CourtyardLevelEventsTable,
  HouseholdProfilesTable,
} from '../db/schema.courtyard';
import type { UnitScope } from '../policies/policy';
import type { Executor } from './executor';
import type { PhotoRow } from './photo.repository';

export type HouseholdProfileRow = Selectable<HouseholdProfilesTable>;
export type CourtyardCampaignRow = Selectable<CourtyardCampaignsTable>;
export type CourtyardApplicationRow = Selectable<CourtyardApplicationsTable>;
export type CourtyardEvaluationRow = Selectable<CourtyardEvaluationsTable>;
export type CourtyardLevelEventRow = Selectable<CourtyardLevelEventsTable>;
export type CourtyardAwardRow = Selectable<CourtyardAwardsTable>;

/** A household unit with its profile, village and street, as lists show it. */
export interface HouseholdRow {
  id: string;
  code: string;
  name: string;
  path: string;
  type: string;
  demo: number;
  unit_updated_at: string;
  head_name: string;
  address: string;
  member_count: number;
  members: string;
  phone: string | null;
  profile_updated_at: string;
  /** 0 for a household made in the unit tree without a profile yet. */
  has_profile: number;
  village_id: string;
  village_code: string;
  village_name: string;
  street_code: string;
  street_name: string;
}

/** An application with its household's profile, village and street. */
export interface ApplicationListRow extends CourtyardApplicationRow {
  household_code: string;
  household_path: string;
  head_name: string;
  address: string;
  village_code: string;
  village_name: string;
  street_code: string;
  street_name: string;
}

export interface HouseholdFilter {
  villageCode?: string;
  streetCode?: string;
  q?: string;
  /** Campaign id: only households without an application there, or with a rejected one. */
  notAppliedIn?: string;
}

export interface ApplicationFilter extends HouseholdFilter {
  status?: string;
  level?: string;
}

/** Rows per multi-row insert: well under SQLite's and PostgreSQL's bound-parameter limits at ~20 columns. */
const BATCH = 400;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

/** All SQL about 五美庭院: household profiles, campaigns, applications, evaluations, levels, awards. */
export class CourtyardRepository {
  constructor(private readonly x: Executor) {}

  /** The engine this repository talks to. */
  get dialect(): Executor['dialect'] {
    return this.x.dialect;
  }

  // ——— Households ———

  private householdQuery() {
    return (
      this.x.db
        .selectFrom('units as h')
        // A household made in the unit tree (or its workbook) has no profile yet: its name stands for the head.
        .leftJoin('household_profiles as hp', 'hp.unit_id', 'h.id')
        .innerJoin('units as v', 'v.id', 'h.parent_id')
        .innerJoin('units as s', 's.id', 'v.parent_id')
        .select((eb) => [
          'h.id',
          'h.code',
          'h.name',
          'h.path',
          'h.type',
          'h.demo',
          'h.updated_at as unit_updated_at',
          eb.fn.coalesce('hp.head_name', 'h.name').as('head_name'),
          eb.fn.coalesce('hp.address', sql.lit('')).as('address'),
          eb.fn.coalesce('hp.member_count', sql.lit(1)).as('member_count'),
          eb.fn.coalesce('hp.members', sql.lit('[]')).as('members'),
          'hp.phone',
          eb.fn.coalesce('hp.updated_at', 'h.updated_at').as('profile_updated_at'),
          sql<number>`case when hp.unit_id is null then 0 else 1 end`.as('has_profile'),
          'v.id as village_id',
          'v.code as village_code',
          'v.name as village_name',
          's.code as street_code',
          's.name as street_name',
        ])
        .where('h.type', '=', 'household')
    );
  }

  /** Households inside the scope matching the filter, one page, ordered by code; and how many match. */
  async listHouseholds(
    scope: UnitScope,
    filter: HouseholdFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: HouseholdRow[]; total: number }> {
    if (scope.kind === 'none') return { rows: [], total: 0 };
    let q = this.householdQuery();
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((p) => eb('h.path', 'like', `${p}%`))));
    }
    if (filter.villageCode) q = q.where('v.code', '=', filter.villageCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.q) {
      const pattern = likeContains(filter.q.toLowerCase());
      q = q.where(
        sql<boolean>`(lower(h.code) like ${pattern} escape '\\' or lower(hp.head_name) like ${pattern} escape '\\' or lower(hp.address) like ${pattern} escape '\\' or lower(hp.members) like ${pattern} escape '\\' or lower(h.name) like ${pattern} escape '\\')`,
      );
    }
    const campaignId = filter.notAppliedIn;
    if (campaignId)
      q = q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('courtyard_applications as ca')
              .select('ca.id')
              .whereRef('ca.household_id', '=', 'h.id')
              .where('ca.campaign_id', '=', campaignId)
              .where('ca.status', '!=', 'rejected'),
          ),
        ),
      );
    const count = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q.orderBy('h.code').offset(page.offset).limit(page.limit).execute();
    return { rows, total: Number(count.n) };
  }

  async findHouseholdByCode(code: string): Promise<HouseholdRow | undefined> {
    return this.householdQuery().where('h.code', '=', code).executeTakeFirst();
  }

  async findHouseholdsByIds(ids: string[]): Promise<HouseholdRow[]> {
    const out: HouseholdRow[] = [];
    for (const batch of chunks(ids))
      out.push(...(await this.householdQuery().where('h.id', 'in', batch).execute()));
    return out;
  }

  /** Households of a village, for the import's match by (户主, 地址). */
  async householdsOfVillages(villageIds: string[]): Promise<HouseholdRow[]> {
    if (villageIds.length === 0) return [];
    return this.householdQuery().where('v.id', 'in', villageIds).execute();
  }

  /** Codes in use under a village that look like household codes (`<village>-H…`). */
  async householdCodesLike(prefix: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('units')
      .select('code')
      .where('code', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      .execute();
    return rows.map((r) => r.code);
  }

  async insertProfiles(rows: Insertable<HouseholdProfilesTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('household_profiles').values(batch).execute();
  }

  /** Writes whole profiles in batches: a new unit's profile is inserted, an existing one replaced. */
  async upsertProfiles(rows: Insertable<HouseholdProfilesTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db
        .insertInto('household_profiles')
        .values(batch)
        .onConflict((oc) =>
          oc.column('unit_id').doUpdateSet((eb) => ({
            head_name: eb.ref('excluded.head_name'),
            address: eb.ref('excluded.address'),
            member_count: eb.ref('excluded.member_count'),
            members: eb.ref('excluded.members'),
            phone: eb.ref('excluded.phone'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
  }

  async updateProfile(unitId: string, patch: Updateable<HouseholdProfilesTable>): Promise<void> {
    await this.x.db.updateTable('household_profiles').set(patch).where('unit_id', '=', unitId).execute();
  }

  /** Household units in bulk (the demo and the import); their first history lines with them. */
  async insertHouseholdUnits(
    units: Insertable<UnitsTable>[],
    history: Insertable<UnitHistoryTable>[],
  ): Promise<void> {
    for (const batch of chunks(units)) await this.x.db.insertInto('units').values(batch).execute();
    for (const batch of chunks(history)) await this.x.db.insertInto('unit_history').values(batch).execute();
  }

  /** Households per village (by village id) under a scope path prefix (or all). */
  async householdCountsByVillage(): Promise<Map<string, number>> {
    const rows = await this.x.db
      .selectFrom('units')
      .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'household')
      .groupBy('parent_id')
      .execute();
    return new Map(rows.map((r) => [r.parent_id ?? '', Number(r.n)]));
  }

  // ——— Campaigns ———

  async insertCampaign(row: Insertable<CourtyardCampaignsTable>): Promise<void> {
    await this.x.db.insertInto('courtyard_campaigns').values(row).execute();
  }

  async updateCampaign(id: string, patch: Updateable<CourtyardCampaignsTable>): Promise<void> {
    await this.x.db.updateTable('courtyard_campaigns').set(patch).where('id', '=', id).execute();
  }

  async findCampaignByCode(code: string): Promise<CourtyardCampaignRow | undefined> {
    return this.x.db
      .selectFrom('courtyard_campaigns')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
  }

  async listCampaigns(): Promise<CourtyardCampaignRow[]> {
    return this.x.db
      .selectFrom('courtyard_campaigns')
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('code')
      .execute();
  }

  /** The latest campaign of an earlier year, for "change vs last year". */
  async previousCampaign(year: number): Promise<CourtyardCampaignRow | undefined> {
    return this.x.db
      .selectFrom('courtyard_campaigns')
      .selectAll()
      .where('year', '<', year)
      .orderBy('year', 'desc')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /** Households at each level now, per campaign (what the quotas count), and applications per campaign. */
  async campaignCounts(): Promise<{ campaign_id: string; level: string; n: number }[]> {
    const rows = await this.x.db
      .selectFrom('courtyard_applications')
      .select(['campaign_id', 'level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['campaign_id', 'level'])
      .execute();
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** Households at `level` now in the campaign. */
  async countAtLevel(campaignId: string, level: string): Promise<number> {
    const r = await this.x.db
      .selectFrom('courtyard_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('level', '=', level)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ——— Applications ———

  private applicationQuery() {
    return this.x.db
      .selectFrom('courtyard_applications as a')
      .innerJoin('units as h', 'h.id', 'a.household_id')
      .leftJoin('household_profiles as hp', 'hp.unit_id', 'h.id')
      .innerJoin('units as v', 'v.id', 'h.parent_id')
      .innerJoin('units as s', 's.id', 'v.parent_id')
      .selectAll('a')
      .select((eb) => [
        'h.code as household_code',
        'h.path as household_path',
        eb.fn.coalesce('hp.head_name', 'h.name').as('head_name'),
        eb.fn.coalesce('hp.address', sql.lit('')).as('address'),
        'v.code as village_code',
        'v.name as village_name',
        's.code as street_code',
        's.name as street_name',
      ]);
  }

  async insertApplications(rows: Insertable<CourtyardApplicationsTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('courtyard_applications').values(batch).execute();
  }

  async updateApplication(id: string, patch: Updateable<CourtyardApplicationsTable>): Promise<void> {
    await this.x.db.updateTable('courtyard_applications').set(patch).where('id', '=', id).execute();
  }

  async findApplication(campaignId: string, householdId: string): Promise<ApplicationListRow | undefined> {
    return this.applicationQuery()
      .where('a.campaign_id', '=', campaignId)
      .where('a.household_id', '=', householdId)
      .executeTakeFirst();
  }

  async applicationsOfHouseholds(campaignId: string, householdIds: string[]): Promise<ApplicationListRow[]> {
    const out: ApplicationListRow[] = [];
    for (const batch of chunks(householdIds))
      out.push(
        ...(await this.applicationQuery()
          .where('a.campaign_id', '=', campaignId)
          .where('a.household_id', 'in', batch)
          .execute()),
      );
    return out;
  }

  /** Every application of a household, with its campaign. */
  async applicationsOfHousehold(
    householdId: string,
  ): Promise<(CourtyardApplicationRow & { campaign_code: string; campaign_name: string; year: number })[]> {
    return this.x.db
      .selectFrom('courtyard_applications as a')
      .innerJoin('courtyard_campaigns as c', 'c.id', 'a.campaign_id')
      .selectAll('a')
      .select(['c.code as campaign_code', 'c.name as campaign_name', 'c.year'])
      .where('a.household_id', '=', householdId)
      .orderBy('c.year', 'desc')
      .execute();
  }

  /**
   * Applications of a campaign inside the scope matching the filter: one page ordered by village then household
   * code, the total, and counts per status over the filter without its status.
   */
  async listApplications(
    campaignId: string,
    scope: UnitScope,
    filter: ApplicationFilter,
    page: { offset: number; limit: number },
  ): Promise<{ rows: ApplicationListRow[]; total: number; byStatus: Map<string, number> }> {
    if (scope.kind === 'none') return { rows: [], total: 0, byStatus: new Map() };
    let q = this.applicationQuery().where('a.campaign_id', '=', campaignId);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((p) => eb('h.path', 'like', `${p}%`))));
    }
    if (filter.villageCode) q = q.where('v.code', '=', filter.villageCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.level) q = q.where('a.level', '=', filter.level);
    if (filter.q) {
      const pattern = likeContains(filter.q.toLowerCase());
      q = q.where(
        sql<boolean>`(lower(h.code) like ${pattern} escape '\\' or lower(hp.head_name) like ${pattern} escape '\\' or lower(hp.address) like ${pattern} escape '\\')`,
      );
    }
    const statusRows = await q
      .clearSelect()
      .select(['a.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('a.status')
      .execute();
    const byStatus = new Map(statusRows.map((r) => [r.status, Number(r.n)]));
    if (filter.status) q = q.where('a.status', '=', filter.status);
    const total = filter.status
      ? (byStatus.get(filter.status) ?? 0)
      : [...byStatus.values()].reduce((a, b) => a + b, 0);
    const rows = await q.orderBy('h.code').offset(page.offset).limit(page.limit).execute();
    return { rows, total, byStatus };
  }

  /** Every application of a campaign inside the scope, with names (statistics, evaluators' lists, ceremony). */
  async applicationsInScope(
    campaignId: string,
    scope: UnitScope,
    filter: ApplicationFilter = {},
  ): Promise<ApplicationListRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.applicationQuery().where('a.campaign_id', '=', campaignId);
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((p) => eb('h.path', 'like', `${p}%`))));
    }
    if (filter.status) q = q.where('a.status', '=', filter.status);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.villageCode) q = q.where('v.code', '=', filter.villageCode);
    if (filter.level) q = q.where('a.level', '=', filter.level);
    return q.orderBy('h.code').execute();
  }

  // ——— Evaluations ———

  async insertEvaluations(rows: Insertable<CourtyardEvaluationsTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('courtyard_evaluations').values(batch).execute();
  }

  async insertEvaluationPhotos(rows: Insertable<CourtyardEvaluationPhotosTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('courtyard_evaluation_photos').values(batch).execute();
  }

  async hasEvaluations(campaignId: string): Promise<boolean> {
    const r = await this.x.db
      .selectFrom('courtyard_evaluations')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .limit(1)
      .executeTakeFirst();
    return r !== undefined;
  }

  async findEvaluationByKey(key: string): Promise<CourtyardEvaluationRow | undefined> {
    return this.x.db
      .selectFrom('courtyard_evaluations')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** Every version of every evaluator for a household in a campaign, newest first. */
  async evaluationsOf(campaignId: string, householdId: string): Promise<CourtyardEvaluationRow[]> {
    return this.x.db
      .selectFrom('courtyard_evaluations')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('household_id', '=', householdId)
      .orderBy('recorded_at', 'desc')
      .orderBy('version', 'desc')
      .execute();
  }

  /** An evaluator's latest total per household of a campaign. */
  async latestTotalsBy(
    campaignId: string,
    evaluatorId: string,
  ): Promise<Map<string, { total: number; evaluated_at: string }>> {
    const rows = await this.x.db
      .selectFrom('courtyard_evaluations')
      .select(['household_id', 'version', 'total', 'evaluated_at'])
      .where('campaign_id', '=', campaignId)
      .where('evaluator_id', '=', evaluatorId)
      .orderBy('version')
      .execute();
    const out = new Map<string, { total: number; evaluated_at: string }>();
    for (const r of rows) out.set(r.household_id, { total: Number(r.total), evaluated_at: r.evaluated_at });
    return out;
  }

  async evaluationPhotos(
    evaluationIds: string[],
  ): Promise<(PhotoRow & { owner_id: string; sort: number })[]> {
    if (evaluationIds.length === 0) return [];
    return this.x.db
      .selectFrom('courtyard_evaluation_photos as ep')
      .innerJoin('photos as p', 'p.id', 'ep.photo_id')
      .selectAll('p')
      .select(['ep.evaluation_id as owner_id', 'ep.sort'])
      .where('ep.evaluation_id', 'in', evaluationIds)
      .orderBy('ep.sort')
      .execute();
  }

  // ——— Level events and awards ———

  async insertLevelEvents(rows: Insertable<CourtyardLevelEventsTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('courtyard_level_events').values(batch).execute();
  }

  async insertLevelEventPhotos(rows: Insertable<CourtyardLevelEventPhotosTable>[]): Promise<void> {
    for (const batch of chunks(rows))
      await this.x.db.insertInto('courtyard_level_event_photos').values(batch).execute();
  }

  /** A household's level history in a campaign, oldest first. */
  async levelEventsOf(campaignId: string, householdId: string): Promise<CourtyardLevelEventRow[]> {
    return this.x.db
      .selectFrom('courtyard_level_events')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('household_id', '=', householdId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /** Every level event of a campaign (statistics: demotions, named dates). */
  async levelEventsOfCampaign(campaignId: string): Promise<CourtyardLevelEventRow[]> {
    return this.x.db
      .selectFrom('courtyard_level_events')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async levelEventPhotos(eventIds: string[]): Promise<(PhotoRow & { owner_id: string; sort: number })[]> {
    if (eventIds.length === 0) return [];
    return this.x.db
      .selectFrom('courtyard_level_event_photos as ep')
      .innerJoin('photos as p', 'p.id', 'ep.photo_id')
      .selectAll('p')
      .select(['ep.event_id as owner_id', 'ep.sort'])
      .where('ep.event_id', 'in', eventIds)
      .orderBy('ep.sort')
      .execute();
  }

  async insertAwards(rows: Insertable<CourtyardAwardsTable>[]): Promise<void> {
    for (const batch of chunks(rows)) await this.x.db.insertInto('courtyard_awards').values(batch).execute();
  }

  async awardsOf(campaignId: string, householdId: string): Promise<CourtyardAwardRow[]> {
    return this.x.db
      .selectFrom('courtyard_awards')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('household_id', '=', householdId)
      .orderBy('given_on')
      .orderBy('recorded_at')
      .execute();
  }

  async awardsOfCampaign(campaignId: string): Promise<CourtyardAwardRow[]> {
    return this.x.db
      .selectFrom('courtyard_awards')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('given_on')
      .execute();
  }
}
