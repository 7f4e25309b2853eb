import { type Insertable, type Selectable, sql } from 'kysely';
import { likeContains } from '../db/dialect';
import type {
  InspectionRoundsTable,
  PhotosTable,
  ProblemEventsTable,
  ProblemPhotosTable,
  ProblemsTable,
} from '../db/schema';
import type { UnitScope } from '../policies/policy';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored problem. */
export type ProblemRow = Selectable<ProblemsTable>;
export type ProblemEventRow = Selectable<ProblemEventsTable>;
export type ProblemPhotoLinkRow = Selectable<ProblemPhotosTable>;

/** A problem with the codes and names a view shows: campaign, unit, its street, round, photo count. */
export interface ProblemListRow extends ProblemRow {
  campaign_code: string;
  campaign_year: number;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  unit_type: string;
  street_id: string | null;
  street_code: string | null;
  street_name: string | null;
  round_number: string | null;
  photo_count: number;
}

/** A photo attached to a problem, with the event it belongs to (null: attached when raised). */
export interface ProblemPhotoRow extends Selectable<PhotosTable> {
  event_id: string | null;
  sort: number;
}

/** A round as the ledger needs it: number, kind, mode, its street (special rounds) and template. */
export interface ProblemRoundRow extends Selectable<InspectionRoundsTable> {
  campaign_code: string;
  template_code: string;
  template_name: string;
  street_code: string | null;
  street_name: string | null;
  street_path: string | null;
}

/** What the list filters on in SQL; overdue and paging are applied by the service (core decides overdue). */
export interface ProblemFilter {
  campaignId?: string;
  status?: string;
  source?: string;
  severity?: string;
  unitCode?: string;
  streetCode?: string;
  roundId?: string;
  star?: string;
  q?: string;
}

/** A problem as the ranking reads it. */
export interface ProblemRankingRow {
  id: string;
  number: string;
  description: string;
  unit_id: string;
  star: string;
  deadline: string;
  closed_on: string | null;
}

/** All SQL about the problem ledger (问题台账), its events and photos. */
export class ProblemRepository {
  constructor(private readonly x: Executor) {}

  private listQuery() {
    return this.x.db
      .selectFrom('problems as p')
      .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('units as s', 's.id', 'u.parent_id')
      .leftJoin('inspection_rounds as r', 'r.id', 'p.round_id')
      .selectAll('p')
      .select((eb) => [
        'c.code as campaign_code',
        'c.year as campaign_year',
        'u.code as unit_code',
        'u.name as unit_name',
        'u.path as unit_path',
        'u.type as unit_type',
        's.id as street_id',
        's.code as street_code',
        's.name as street_name',
        'r.number as round_number',
        eb
          .selectFrom('problem_photos as pp')
          .whereRef('pp.problem_id', '=', 'p.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('photo_count'),
      ]);
  }

  private static normalise<T extends { photo_count: number | string | null; campaign_year: number }>(
    r: T,
  ): T & { photo_count: number; campaign_year: number } {
    return { ...r, photo_count: Number(r.photo_count ?? 0), campaign_year: Number(r.campaign_year) };
  }

  /** The problems inside `scope` matching the filter, newest first. */
  async list(scope: UnitScope, filter: ProblemFilter): Promise<ProblemListRow[]> {
    if (scope.kind === 'none') return [];
    let q = this.listQuery();
    if (scope.kind === 'paths') {
      const paths = scope.paths;
      q = q.where((eb) => eb.or(paths.map((path) => eb('u.path', 'like', `${path}%`))));
    }
    if (filter.campaignId) q = q.where('p.campaign_id', '=', filter.campaignId);
    if (filter.status) q = q.where('p.status', '=', filter.status);
    if (filter.source) q = q.where('p.source', '=', filter.source);
    if (filter.severity) q = q.where('p.severity', '=', filter.severity);
    if (filter.unitCode) q = q.where('u.code', '=', filter.unitCode);
    if (filter.streetCode) q = q.where('s.code', '=', filter.streetCode);
    if (filter.roundId) q = q.where('p.round_id', '=', filter.roundId);
    if (filter.star) q = q.where('p.star', '=', filter.star);
    if (filter.q) {
      const pattern = likeContains(filter.q.toLowerCase());
      q = q.where(
        sql<boolean>`(lower(p.description) like ${pattern} escape '\\' or lower(p.number) like ${pattern} escape '\\' or lower(u.name) like ${pattern} escape '\\' or lower(coalesce(p.responsible, '')) like ${pattern} escape '\\')`,
      );
    }
    const rows = await q.orderBy('p.raised_at', 'desc').orderBy('p.number', 'desc').execute();
    return rows.map((r) => ProblemRepository.normalise(r));
  }

  /** The problems raised at a unit in a round, oldest first (the phone sheet lists them). */
  async ofRoundUnit(roundId: string, unitId: string): Promise<ProblemListRow[]> {
    const rows = await this.listQuery()
      .where('p.round_id', '=', roundId)
      .where('p.unit_id', '=', unitId)
      .orderBy('p.raised_at')
      .orderBy('p.number')
      .execute();
    return rows.map((r) => ProblemRepository.normalise(r));
  }

  async findById(id: string): Promise<ProblemListRow | undefined> {
    const r = await this.listQuery().where('p.id', '=', id).executeTakeFirst();
    return r ? ProblemRepository.normalise(r) : undefined;
  }

  async findByIdempotencyKey(key: string): Promise<ProblemRow | undefined> {
    return this.x.db.selectFrom('problems').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  async findEventByIdempotencyKey(key: string): Promise<ProblemEventRow | undefined> {
    return this.x.db
      .selectFrom('problem_events')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** The highest number with this prefix (e.g. `WT2023-`; longer numbers are higher), null when none. */
  async lastNumber(prefix: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('problems')
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .orderBy(sql`length(number)`, 'desc')
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.number ?? null;
  }

  /** A line of the round's template, to raise a problem from. */
  async findTemplateLine(
    templateId: string,
    lineId: string,
  ): Promise<{ id: string; star: string; code: string; name: string } | undefined> {
    return this.x.db
      .selectFrom('sheet_template_lines')
      .select(['id', 'star', 'code', 'name'])
      .where('template_id', '=', templateId)
      .where('id', '=', lineId)
      .executeTakeFirst();
  }

  async insertMany(rows: Insertable<ProblemsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('problems')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async insertEvents(rows: Insertable<ProblemEventsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('problem_events')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async insertPhotoLinks(rows: Insertable<ProblemPhotosTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('problem_photos')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  /** Moves a problem from one status to another; false when it was no longer in `from`. */
  async transition(
    id: string,
    from: string,
    patch: { status: string; closed_at: string | null; closed_on: string | null },
  ): Promise<boolean> {
    const res = await this.x.db
      .updateTable('problems')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** A problem's events, oldest first. */
  async events(problemId: string): Promise<ProblemEventRow[]> {
    return this.x.db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problemId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  /** Every photo of a problem (raised with it, or with one of its events), in attachment order. */
  async photos(problemId: string): Promise<ProblemPhotoRow[]> {
    return this.x.db
      .selectFrom('problem_photos as pp')
      .innerJoin('photos as ph', 'ph.id', 'pp.photo_id')
      .selectAll('ph')
      .select(['pp.event_id', 'pp.sort'])
      .where('pp.problem_id', '=', problemId)
      .orderBy('pp.sort')
      .execute();
  }

  /** The client keys of the photos attached with one event (or with the problem itself when null). */
  async photoKeysOf(problemId: string, eventId: string | null): Promise<string[]> {
    let q = this.x.db
      .selectFrom('problem_photos as pp')
      .innerJoin('photos as ph', 'ph.id', 'pp.photo_id')
      .select('ph.idempotency_key')
      .where('pp.problem_id', '=', problemId);
    q = eventId === null ? q.where('pp.event_id', 'is', null) : q.where('pp.event_id', '=', eventId);
    const rows = await q.orderBy('pp.sort').execute();
    return rows.map((r) => r.idempotency_key);
  }

  /** How many photos the problem has, to number the next ones. */
  async photoCount(problemId: string): Promise<number> {
    const row = await this.x.db
      .selectFrom('problem_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('problem_id', '=', problemId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A campaign's problems reduced to what the ranking's deductions need. */
  async forRanking(campaignId: string): Promise<ProblemRankingRow[]> {
    return this.x.db
      .selectFrom('problems')
      .select(['id', 'number', 'description', 'unit_id', 'star', 'deadline', 'closed_on'])
      .where('campaign_id', '=', campaignId)
      .orderBy('number')
      .execute();
  }

  // ——— Rounds, as the ledger reads them (the rounds' own SQL lives in round.repository.ts) ———

  async findRound(id: string): Promise<ProblemRoundRow | undefined> {
    return this.x.db
      .selectFrom('inspection_rounds as r')
      .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
      .innerJoin('sheet_templates as t', 't.id', 'r.template_id')
      .leftJoin('units as s', 's.id', 'r.scope_unit_id')
      .selectAll('r')
      .select([
        'c.code as campaign_code',
        't.code as template_code',
        't.name as template_name',
        's.code as street_code',
        's.name as street_name',
        's.path as street_path',
      ])
      .where('r.id', '=', id)
      .executeTakeFirst();
  }

  /** Rounds by their numbers (DD-2023-10 …), for the demo seed. */
  async roundsByNumber(
    numbers: string[],
  ): Promise<{ id: string; number: string; kind: string; mode: string }[]> {
    if (numbers.length === 0) return [];
    return this.x.db
      .selectFrom('inspection_rounds')
      .select(['id', 'number', 'kind', 'mode'])
      .where('number', 'in', numbers)
      .execute();
  }

  /** How many rounds a campaign has (all, or those of one street and the district's). */
  async roundCount(campaignId: string): Promise<number> {
    const row = await this.x.db
      .selectFrom('inspection_rounds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** True when an open round of the campaign assigns the user to the unit. */
  async isAssignedInCampaign(campaignId: string, unitId: string, userId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('round_assignments as a')
      .innerJoin('inspection_rounds as r', 'r.id', 'a.round_id')
      .select('a.round_id')
      .where('r.campaign_id', '=', campaignId)
      .where('r.status', '=', 'open')
      .where('a.unit_id', '=', unitId)
      .where('a.user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
