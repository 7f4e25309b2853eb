import type { Insertable, Selectable, Updateable } from 'kysely';
import type { InspectionRoundsTable, RoundAssignmentsTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored round. */
export type RoundRow = Selectable<InspectionRoundsTable>;

/** A round with its campaign, template and (special rounds) street joined in. */
export interface RoundListRow extends RoundRow {
  campaign_code: string;
  campaign_year: number;
  template_code: string;
  template_name: string;
  template_module: string;
  template_rule: string;
  street_code: string | null;
  street_name: string | null;
  street_path: string | null;
}

/** An assignment with the user's name. */
export interface AssignmentRow {
  round_id: string;
  unit_id: string;
  user_id: string;
  username: string;
  display_name: string;
}

/** A user as assignments name them. */
export interface AssigneeRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  disabled: number;
  scope_unit_id: string | null;
}

/** All SQL about supervision rounds and their assignments. */
export class RoundRepository {
  constructor(private readonly x: Executor) {}

  private listQuery() {
    return this.x.db
      .selectFrom('inspection_rounds as r')
      .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
      .innerJoin('sheet_templates as t', 't.id', 'r.template_id')
      .leftJoin('units as s', 's.id', 'r.scope_unit_id')
      .selectAll('r')
      .select([
        'c.code as campaign_code',
        'c.year as campaign_year',
        't.code as template_code',
        't.name as template_name',
        't.module as template_module',
        't.rule as template_rule',
        's.code as street_code',
        's.name as street_name',
        's.path as street_path',
      ]);
  }

  /** Rounds (of one campaign, or all), newest month first. */
  async list(campaignId?: string): Promise<RoundListRow[]> {
    let q = this.listQuery();
    if (campaignId) q = q.where('r.campaign_id', '=', campaignId);
    return q.orderBy('r.month', 'desc').orderBy('r.created_at', 'desc').orderBy('r.number').execute();
  }

  async findById(id: string): Promise<RoundListRow | undefined> {
    return this.listQuery().where('r.id', '=', id).executeTakeFirst();
  }

  /** Numbers taken that start with `prefix`. */
  async numbersLike(prefix: string): Promise<string[]> {
    const rows = await this.x.db
      .selectFrom('inspection_rounds')
      .select('number')
      .where('number', 'like', `${prefix}%`)
      .execute();
    return rows.map((r) => r.number);
  }

  /** The scored round filling a module's items of a month, if any. */
  async findScored(campaignId: string, module: string, month: string): Promise<RoundListRow | undefined> {
    return this.listQuery()
      .where('r.campaign_id', '=', campaignId)
      .where('t.module', '=', module)
      .where('r.month', '=', month)
      .where('r.scored', '=', 1)
      .executeTakeFirst();
  }

  /** Which template rule each scored (module, month) of a campaign uses, for the ranking's per-item trim. */
  async scoredRules(campaignId: string): Promise<{ module: string; month: string; rule: string }[]> {
    return this.x.db
      .selectFrom('inspection_rounds as r')
      .innerJoin('sheet_templates as t', 't.id', 'r.template_id')
      .select(['t.module', 'r.month', 't.rule'])
      .where('r.campaign_id', '=', campaignId)
      .where('r.scored', '=', 1)
      .execute();
  }

  async insert(row: Insertable<InspectionRoundsTable>): Promise<void> {
    await this.x.db.insertInto('inspection_rounds').values(row).execute();
  }

  async update(id: string, patch: Updateable<InspectionRoundsTable>): Promise<void> {
    await this.x.db.updateTable('inspection_rounds').set(patch).where('id', '=', id).execute();
  }

  /** The assignments of some rounds with the users' names. */
  async assignments(roundIds: string[]): Promise<AssignmentRow[]> {
    if (roundIds.length === 0) return [];
    return this.x.db
      .selectFrom('round_assignments as a')
      .innerJoin('users as usr', 'usr.id', 'a.user_id')
      .select(['a.round_id', 'a.unit_id', 'a.user_id', 'usr.username', 'usr.display_name'])
      .where('a.round_id', 'in', roundIds)
      .orderBy('usr.username')
      .execute();
  }

  async insertAssignments(rows: Insertable<RoundAssignmentsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('round_assignments')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async replaceAssignments(roundId: string, rows: Insertable<RoundAssignmentsTable>[]): Promise<void> {
    await this.x.db.deleteFrom('round_assignments').where('round_id', '=', roundId).execute();
    await this.insertAssignments(rows);
  }

  /** True when the round assigns the user to the unit. */
  async isAssigned(roundId: string, unitId: string, userId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('round_assignments')
      .select('round_id')
      .where('round_id', '=', roundId)
      .where('unit_id', '=', unitId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when any round, open or closed, assigns the user to the unit. */
  async hasAnyAssignment(unitId: string, userId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('round_assignments')
      .select('round_id')
      .where('unit_id', '=', unitId)
      .where('user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when any open round assigns the user to the unit. */
  async hasOpenAssignment(unitId: string, userId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('round_assignments as a')
      .innerJoin('inspection_rounds as r', 'r.id', 'a.round_id')
      .select('a.round_id')
      .where('r.status', '=', 'open')
      .where('a.unit_id', '=', unitId)
      .where('a.user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The rounds that assign the user to at least one unit. */
  async roundIdsAssignedTo(userId: string): Promise<Set<string>> {
    const rows = await this.x.db
      .selectFrom('round_assignments')
      .select('round_id')
      .distinct()
      .where('user_id', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.round_id));
  }

  /** Enabled inspectors with the paths of the units their standing assignments cover. */
  async standingInspectors(): Promise<{ user_id: string; path: string }[]> {
    return this.x.db
      .selectFrom('user_assignments as a')
      .innerJoin('users as usr', 'usr.id', 'a.user_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.user_id', 'u.path'])
      .where('usr.role', '=', 'inspector')
      .where('usr.disabled', '=', 0)
      .orderBy('usr.username')
      .execute();
  }

  /** Users by username, for assignments. */
  async usersByUsername(usernames: string[]): Promise<AssigneeRow[]> {
    if (usernames.length === 0) return [];
    return this.x.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'disabled', 'scope_unit_id'])
      .where('username', 'in', usernames)
      .execute();
  }

  /** How many problems each unit of some rounds has in them. */
  async problemCounts(roundIds: string[]): Promise<{ round_id: string; unit_id: string; n: number }[]> {
    if (roundIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('problems')
      .select(['round_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('round_id', 'in', roundIds)
      .groupBy(['round_id', 'unit_id'])
      .execute();
    return rows.flatMap((r) =>
      r.round_id ? [{ round_id: r.round_id, unit_id: r.unit_id, n: Number(r.n) }] : [],
    );
  }
}
