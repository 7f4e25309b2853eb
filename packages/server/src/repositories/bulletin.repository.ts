import type { Insertable, Selectable, Updateable } from 'kysely';
import type { BulletinsTable } from '../db/schema.bulletin';
import type { Executor } from './executor';

/** A stored bulletin. */
export type BulletinRow = Selectable<BulletinsTable>;

/** A bulletin with its campaign's code, name and year. */
export interface BulletinListRow extends BulletinRow {
  campaign_code: string;
  campaign_name: string;
  campaign_year: number;
}

/** A round of a campaign as the bulletin's 本月督导情况 table reads it. */
export interface BulletinRoundRow {
  id: string;
  number: string;
  name: string;
  kind: string;
  mode: string;
  starts_on: string;
  ends_on: string;
}

/** One submitted sheet (any version), reduced to its round, unit and the time it was scored on site. */
export interface BulletinSheetRow {
  round_id: string;
  unit_id: string;
  visited_at: string;
}

/** A problem as the bulletin counts it, with its unit's current street. */
export interface BulletinProblemRow {
  id: string;
  unit_id: string;
  round_id: string | null;
  raised_at: string;
  deadline: string;
  closed_on: string | null;
  street_id: string | null;
}

/** A warning with its unit and the unit's current street. */
export interface BulletinWarningRow {
  id: string;
  period: string;
  level: string;
  reasons: string;
  rank: number;
  total: number;
  rate: number | null;
  overdue: number;
  status: string;
  raised_on: string;
  lifted_on: string | null;
  unit_code: string;
  unit_name: string;
  street_name: string | null;
}

/** All SQL about 月度通报 monthly bulletins, and the ledger rows their figures are counted from. */
export class BulletinRepository {
  constructor(private readonly x: Executor) {}

  private listQuery() {
    return this.x.db
      .selectFrom('bulletins as b')
      .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
      .selectAll('b')
      .select(['c.code as campaign_code', 'c.name as campaign_name', 'c.year as campaign_year']);
  }

  /** The bulletin of a campaign month's id, if any. */
  async idOf(campaignId: string, month: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('bulletins')
      .select('id')
      .where('campaign_id', '=', campaignId)
      .where('month', '=', month)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Bulletins (of one campaign, or all; issued ones only when asked), newest month first. */
  async list(filter: { campaignId?: string; issuedOnly: boolean }): Promise<BulletinListRow[]> {
    let q = this.listQuery();
    if (filter.campaignId) q = q.where('b.campaign_id', '=', filter.campaignId);
    if (filter.issuedOnly) q = q.where('b.status', '=', 'issued');
    const rows = await q.orderBy('b.month', 'desc').orderBy('c.code').execute();
    return rows.map((r) => ({ ...r, campaign_year: Number(r.campaign_year), version: Number(r.version) }));
  }

  async findById(id: string): Promise<BulletinListRow | undefined> {
    const row = await this.listQuery().where('b.id', '=', id).executeTakeFirst();
    return row
      ? { ...row, campaign_year: Number(row.campaign_year), version: Number(row.version) }
      : undefined;
  }

  async insert(row: Insertable<BulletinsTable>): Promise<void> {
    await this.x.db.insertInto('bulletins').values(row).execute();
  }

  /** Updates a draft at `version` (the caller sets the next version); false when it changed in between. */
  async updateDraft(id: string, version: number, patch: Updateable<BulletinsTable>): Promise<boolean> {
    const res = await this.x.db
      .updateTable('bulletins')
      .set(patch)
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  // ——— The ledger, as the bulletin counts it ———

  /** A campaign's rounds (every kind, street rounds too), by start date. */
  async rounds(campaignId: string): Promise<BulletinRoundRow[]> {
    return this.x.db
      .selectFrom('inspection_rounds')
      .select(['id', 'number', 'name', 'kind', 'mode', 'starts_on', 'ends_on'])
      .where('campaign_id', '=', campaignId)
      .orderBy('starts_on')
      .orderBy('number')
      .execute();
  }

  /** Every submitted sheet of a campaign's rounds (all versions). */
  async sheets(campaignId: string): Promise<BulletinSheetRow[]> {
    return this.x.db
      .selectFrom('inspections as i')
      .innerJoin('inspection_rounds as r', 'r.id', 'i.round_id')
      .select(['i.round_id', 'i.unit_id', 'i.visited_at'])
      .where('r.campaign_id', '=', campaignId)
      .execute();
  }

  /** A campaign's problems with their units' current streets. */
  async problems(campaignId: string): Promise<BulletinProblemRow[]> {
    return this.x.db
      .selectFrom('problems as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'p.id',
        'p.unit_id',
        'p.round_id',
        'p.raised_at',
        'p.deadline',
        'p.closed_on',
        'u.parent_id as street_id',
      ])
      .where('p.campaign_id', '=', campaignId)
      .orderBy('p.number')
      .execute();
  }

  /** A campaign's warnings (every status) with their units and current streets, newest quarter first. */
  async warnings(campaignId: string): Promise<BulletinWarningRow[]> {
    const rows = await this.x.db
      .selectFrom('warnings as w')
      .innerJoin('units as u', 'u.id', 'w.unit_id')
      .leftJoin('units as s', 's.id', 'u.parent_id')
      .select([
        'w.id',
        'w.period',
        'w.level',
        'w.reasons',
        'w.rank',
        'w.total',
        'w.rate',
        'w.overdue',
        'w.status',
        'w.raised_on',
        'w.lifted_on',
        'u.code as unit_code',
        'u.name as unit_name',
        's.name as street_name',
      ])
      .where('w.campaign_id', '=', campaignId)
      .orderBy('w.period', 'desc')
      .orderBy('w.rank')
      .orderBy('u.code')
      .execute();
    return rows.map((r) => ({
      ...r,
      rank: Number(r.rank),
      total: Number(r.total),
      rate: r.rate === null ? null : Number(r.rate),
      overdue: Number(r.overdue),
    }));
  }

  /** The latest month of a campaign with a score ledger entry (`YYYY-MM`), if any. */
  async latestScoredMonth(campaignId: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('score_entries as e')
      .innerJoin('campaign_items as i', 'i.id', 'e.item_id')
      .select((eb) => eb.fn.max('i.month').as('month'))
      .where('e.campaign_id', '=', campaignId)
      .executeTakeFirst();
    return row?.month ? String(row.month) : null;
  }

  /** Marks a bulletin as demo data. */
  async markDemo(id: string): Promise<void> {
    await this.x.db.updateTable('bulletins').set({ demo: 1 }).where('id', '=', id).execute();
  }
}
