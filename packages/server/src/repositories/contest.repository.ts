import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  ContestCadreVotesTable,
  ContestHonoursTable,
  ContestJudgesTable,
  ContestScoresTable,
  ContestsTable,
  ContestUnitsTable,
  JudgeLinksTable,
} from '../db/schema.contest';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

export type ContestRow = Selectable<ContestsTable>;
export type ContestScoreRow = Selectable<ContestScoresTable>;
export type JudgeLinkRow = Selectable<JudgeLinksTable>;
export type CadreVotesRow = Selectable<ContestCadreVotesTable>;

/** A participant with its unit's and group's codes and names joined in. */
export interface ParticipantRow extends Selectable<ContestUnitsTable> {
  unit_code: string;
  unit_name: string;
  group_code: string;
  group_name: string;
}

/** A jury member with the account and the own unit joined in. */
export interface JuryRow extends Selectable<ContestJudgesTable> {
  username: string;
  display_name: string;
  disabled: number;
  last_login_at: string | null;
  own_unit_code: string | null;
  own_unit_name: string | null;
}

export interface HonourRow extends Selectable<ContestHonoursTable> {
  unit_code: string;
  unit_name: string;
}

/** Per contest: participants, closed ones, jury size, whether lots are drawn. */
export interface ContestCounts {
  participants: number;
  closed: number;
  judges: number;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function normaliseContest(r: ContestRow): ContestRow {
  return {
    ...r,
    year: num(r.year),
    jury_points: num(r.jury_points),
    honour_points: num(r.honour_points),
    cadre_points: num(r.cadre_points),
    trim_from: num(r.trim_from),
    speech_seconds: num(r.speech_seconds),
    timer_remaining_ms: num(r.timer_remaining_ms),
    demo: num(r.demo),
  };
}

function normaliseParticipant(r: ParticipantRow): ParticipantRow {
  return {
    ...r,
    group_order: num(r.group_order),
    lot_order: numOrNull(r.lot_order),
    jury_score: numOrNull(r.jury_score),
    honour_score: numOrNull(r.honour_score),
    cadre_score: numOrNull(r.cadre_score),
    total: numOrNull(r.total),
  };
}

function normaliseScore(r: ContestScoreRow): ContestScoreRow {
  return { ...r, score: num(r.score) };
}

function normaliseCadre(r: CadreVotesRow): CadreVotesRow {
  return {
    ...r,
    good: num(r.good),
    fairly_good: num(r.fairly_good),
    average: num(r.average),
    poor: num(r.poor),
  };
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(rows.slice(i, i + BATCH_ROWS));
}

/** All SQL about 擂台赛 contests: contests, participants, jury, judge links, scores, honours, cadre votes. */
export class ContestRepository {
  constructor(private readonly x: Executor) {}

  /** The engine this repository talks to. */
  get dialect(): Executor['dialect'] {
    return this.x.dialect;
  }

  // ——— Contests ———

  async insert(row: Insertable<ContestsTable>): Promise<void> {
    await this.x.db.insertInto('contests').values(row).execute();
  }

  async update(id: string, patch: Updateable<ContestsTable>): Promise<void> {
    await this.x.db.updateTable('contests').set(patch).where('id', '=', id).execute();
  }

  async findByCode(code: string): Promise<ContestRow | undefined> {
    const r = await this.x.db.selectFrom('contests').selectAll().where('code', '=', code).executeTakeFirst();
    return r && normaliseContest(r);
  }

  async findById(id: string): Promise<ContestRow | undefined> {
    const r = await this.x.db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst();
    return r && normaliseContest(r);
  }

  async findByScreenToken(token: string): Promise<ContestRow | undefined> {
    const r = await this.x.db
      .selectFrom('contests')
      .selectAll()
      .where('screen_token', '=', token)
      .executeTakeFirst();
    return r && normaliseContest(r);
  }

  /** Every contest, newest date first. */
  async list(): Promise<ContestRow[]> {
    const rows = await this.x.db
      .selectFrom('contests')
      .selectAll()
      .orderBy('date', 'desc')
      .orderBy('code', 'desc')
      .execute();
    return rows.map(normaliseContest);
  }

  /** The contests of a year in the given statuses, oldest first. */
  async listOfYear(year: number, statuses: string[]): Promise<ContestRow[]> {
    const rows = await this.x.db
      .selectFrom('contests')
      .selectAll()
      .where('year', '=', year)
      .where('status', 'in', statuses)
      .orderBy('date')
      .orderBy('code')
      .execute();
    return rows.map(normaliseContest);
  }

  /** The contests a user sits on the jury of, newest first. */
  async listForJudge(userId: string): Promise<ContestRow[]> {
    const rows = await this.x.db
      .selectFrom('contests as c')
      .innerJoin('contest_judges as j', 'j.contest_id', 'c.id')
      .selectAll('c')
      .where('j.user_id', '=', userId)
      .orderBy('c.date', 'desc')
      .orderBy('c.code', 'desc')
      .execute();
    return rows.map(normaliseContest);
  }

  /** Participants, closed participants and jury size per contest. */
  async counts(): Promise<Map<string, ContestCounts>> {
    const units = await this.x.db
      .selectFrom('contest_units')
      .select(['contest_id', 'state'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy(['contest_id', 'state'])
      .execute();
    const judges = await this.x.db
      .selectFrom('contest_judges')
      .select('contest_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('contest_id')
      .execute();
    const out = new Map<string, ContestCounts>();
    const get = (id: string) => {
      const c = out.get(id) ?? { participants: 0, closed: 0, judges: 0 };
      out.set(id, c);
      return c;
    };
    for (const r of units) {
      const c = get(r.contest_id);
      c.participants += num(r.n);
      if (r.state === 'closed') c.closed += num(r.n);
    }
    for (const r of judges) get(r.contest_id).judges = num(r.n);
    return out;
  }

  // ——— Participants ———

  /** Departments and streets of the given contest groups (the default participants), in unit order. */
  async groupUnits(groupIds: string[]): Promise<{ id: string; code: string; contest_group_id: string }[]> {
    if (groupIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('units')
      .select(['id', 'code', 'contest_group_id'])
      .where('contest_group_id', 'in', groupIds)
      .where('type', 'in', ['department', 'street'])
      .orderBy('sort')
      .orderBy('code')
      .execute();
    return rows.flatMap((r) => (r.contest_group_id ? [{ ...r, contest_group_id: r.contest_group_id }] : []));
  }

  async insertUnits(rows: Insertable<ContestUnitsTable>[]): Promise<void> {
    await inBatches(rows, (batch) => this.x.db.insertInto('contest_units').values(batch).execute());
  }

  async updateUnit(contestId: string, unitId: string, patch: Updateable<ContestUnitsTable>): Promise<void> {
    await this.x.db
      .updateTable('contest_units')
      .set(patch)
      .where('contest_id', '=', contestId)
      .where('unit_id', '=', unitId)
      .execute();
  }

  /** The participants of contests, in running order (group order, lot, unit sort). */
  async participants(contestIds: string[]): Promise<ParticipantRow[]> {
    if (contestIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('contest_units as cu')
      .innerJoin('units as u', 'u.id', 'cu.unit_id')
      .innerJoin('contest_groups as g', 'g.id', 'cu.group_id')
      .selectAll('cu')
      .select(['u.code as unit_code', 'u.name as unit_name', 'g.code as group_code', 'g.name as group_name'])
      .where('cu.contest_id', 'in', contestIds)
      .orderBy('cu.group_order')
      .orderBy('cu.lot_order')
      .orderBy('u.sort')
      .orderBy('u.code')
      .execute();
    return rows.map(normaliseParticipant);
  }

  // ——— Jury and links ———

  async insertJudges(rows: Insertable<ContestJudgesTable>[]): Promise<void> {
    await inBatches(rows, (batch) => this.x.db.insertInto('contest_judges').values(batch).execute());
  }

  async deleteJudge(contestId: string, userId: string): Promise<void> {
    await this.x.db
      .deleteFrom('judge_links')
      .where('contest_id', '=', contestId)
      .where('user_id', '=', userId)
      .execute();
    await this.x.db
      .deleteFrom('contest_judges')
      .where('contest_id', '=', contestId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** The jury, in the order judges were added. */
  async jury(contestId: string): Promise<JuryRow[]> {
    const rows = await this.x.db
      .selectFrom('contest_judges as j')
      .innerJoin('users as usr', 'usr.id', 'j.user_id')
      .leftJoin('units as ou', 'ou.id', 'j.own_unit_id')
      .selectAll('j')
      .select([
        'usr.username',
        'usr.display_name',
        'usr.disabled',
        'usr.last_login_at',
        'ou.code as own_unit_code',
        'ou.name as own_unit_name',
      ])
      .where('j.contest_id', '=', contestId)
      .orderBy('j.added_at')
      .orderBy('usr.username')
      .execute();
    return rows.map((r) => ({ ...r, disabled: num(r.disabled) }));
  }

  /** Judge accounts (role judge), by display name. */
  async judgeAccounts(): Promise<{ id: string; username: string; display_name: string }[]> {
    return this.x.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name'])
      .where('role', '=', 'judge')
      .where('disabled', '=', 0)
      .orderBy('username')
      .execute();
  }

  async insertLink(row: Insertable<JudgeLinksTable>): Promise<void> {
    await this.x.db.insertInto('judge_links').values(row).execute();
  }

  async findLinkByHash(tokenHash: string): Promise<JudgeLinkRow | undefined> {
    return this.x.db
      .selectFrom('judge_links')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Marks a link used if nobody used it first; false when it was already used. */
  async useLink(id: string, now: string): Promise<boolean> {
    const res = await this.x.db
      .updateTable('judge_links')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Ends a judge's unused links of a contest (a new link replaces them). */
  async expireLinks(contestId: string, userId: string, now: string): Promise<void> {
    await this.x.db
      .updateTable('judge_links')
      .set({ expires_at: now })
      .where('contest_id', '=', contestId)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
  }

  /** The links of a contest, newest first. */
  async links(contestId: string): Promise<JudgeLinkRow[]> {
    return this.x.db
      .selectFrom('judge_links')
      .selectAll()
      .where('contest_id', '=', contestId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  // ——— Scores ———

  async insertScores(rows: Insertable<ContestScoresTable>[]): Promise<void> {
    await inBatches(rows, (batch) => this.x.db.insertInto('contest_scores').values(batch).execute());
  }

  async findScoreByKey(key: string): Promise<ContestScoreRow | undefined> {
    const r = await this.x.db
      .selectFrom('contest_scores')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return r && normaliseScore(r);
  }

  /** The active (not unlocked) scores of contests. */
  async activeScores(contestIds: string[]): Promise<ContestScoreRow[]> {
    if (contestIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('contest_scores')
      .selectAll()
      .where('contest_id', 'in', contestIds)
      .where('status', '=', 'active')
      .orderBy('submitted_at')
      .orderBy('id')
      .execute();
    return rows.map(normaliseScore);
  }

  async unlockScore(
    id: string,
    patch: { unlocked_at: string; unlocked_by_name: string; unlock_reason: string },
  ): Promise<void> {
    await this.x.db
      .updateTable('contest_scores')
      .set({ ...patch, status: 'unlocked' })
      .where('id', '=', id)
      .execute();
  }

  // ——— Honours and cadre votes ———

  async insertHonours(rows: Insertable<ContestHonoursTable>[]): Promise<void> {
    await inBatches(rows, (batch) => this.x.db.insertInto('contest_honours').values(batch).execute());
  }

  async honours(contestIds: string[]): Promise<HonourRow[]> {
    if (contestIds.length === 0) return [];
    return this.x.db
      .selectFrom('contest_honours as h')
      .innerJoin('units as u', 'u.id', 'h.unit_id')
      .selectAll('h')
      .select(['u.code as unit_code', 'u.name as unit_name'])
      .where('h.contest_id', 'in', contestIds)
      .orderBy('u.sort')
      .orderBy('u.code')
      .orderBy('h.awarded_on')
      .orderBy('h.id')
      .execute();
  }

  async deleteHonour(contestId: string, id: string): Promise<number> {
    const res = await this.x.db
      .deleteFrom('contest_honours')
      .where('contest_id', '=', contestId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async deleteHonoursOfUnits(contestId: string, unitIds: string[]): Promise<void> {
    if (unitIds.length === 0) return;
    await this.x.db
      .deleteFrom('contest_honours')
      .where('contest_id', '=', contestId)
      .where('unit_id', 'in', unitIds)
      .execute();
  }

  async cadreVotes(contestIds: string[]): Promise<CadreVotesRow[]> {
    if (contestIds.length === 0) return [];
    const rows = await this.x.db
      .selectFrom('contest_cadre_votes')
      .selectAll()
      .where('contest_id', 'in', contestIds)
      .execute();
    return rows.map(normaliseCadre);
  }

  /** Replaces the listed units' votes. */
  async replaceCadreVotes(contestId: string, rows: Insertable<ContestCadreVotesTable>[]): Promise<void> {
    const unitIds = rows.map((r) => r.unit_id);
    if (unitIds.length > 0)
      await this.x.db
        .deleteFrom('contest_cadre_votes')
        .where('contest_id', '=', contestId)
        .where('unit_id', 'in', unitIds)
        .execute();
    await inBatches(rows, (batch) => this.x.db.insertInto('contest_cadre_votes').values(batch).execute());
  }
}
