import type { Insertable, Selectable } from 'kysely';
import type { ScoreEntriesTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored ledger entry. */
export type ScoreEntryRow = Selectable<ScoreEntriesTable>;

/** A ledger row with the row that supersedes it (null while it is current) and the scorer's name. */
export interface ScoreEntryHistoryRow extends ScoreEntryRow {
  superseded_by: string | null;
  scorer_name: string | null;
}

/** The current (not superseded) entries of a campaign, reduced to what scoring needs. */
export interface CurrentScoreRow {
  id: string;
  unit_id: string;
  item_id: string;
  scorer: string;
  points: number | null;
  na: number;
  entered_at: string;
}

/** All SQL about the append-only score ledger. Rows are inserted, never updated or deleted. */
export class ScoreRepository {
  constructor(private readonly x: Executor) {}

  /** Appends entries, a batch per statement. */
  async insertMany(rows: Insertable<ScoreEntriesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('score_entries')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async findById(id: string): Promise<ScoreEntryRow | undefined> {
    return this.x.db.selectFrom('score_entries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByIdempotencyKey(key: string): Promise<ScoreEntryRow | undefined> {
    return this.x.db
      .selectFrom('score_entries')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** The id of the entry that supersedes `id`, if any. */
  async supersederOf(id: string): Promise<string | null> {
    const row = await this.x.db
      .selectFrom('score_entries')
      .select('id')
      .where('supersedes_id', '=', id)
      .orderBy('entered_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** The latest entry of (unit, item, scorer) that nothing supersedes. */
  async current(
    campaignId: string,
    unitId: string,
    itemId: string,
    scorer: string,
  ): Promise<ScoreEntryRow | undefined> {
    return this.x.db
      .selectFrom('score_entries as e')
      .selectAll('e')
      .where('e.campaign_id', '=', campaignId)
      .where('e.unit_id', '=', unitId)
      .where('e.item_id', '=', itemId)
      .where('e.scorer', '=', scorer)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('score_entries as s').select('s.id').whereRef('s.supersedes_id', '=', 'e.id'))),
      )
      .orderBy('e.entered_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Every entry of one unit's item, oldest first, with what superseded each. */
  async history(campaignId: string, unitId: string, itemId: string): Promise<ScoreEntryHistoryRow[]> {
    return this.x.db
      .selectFrom('score_entries as e')
      .leftJoin('score_entries as s', 's.supersedes_id', 'e.id')
      .leftJoin('users as usr', 'usr.id', 'e.scorer')
      .selectAll('e')
      .select(['s.id as superseded_by', 'usr.display_name as scorer_name'])
      .where('e.campaign_id', '=', campaignId)
      .where('e.unit_id', '=', unitId)
      .where('e.item_id', '=', itemId)
      .orderBy('e.entered_at')
      .orderBy('e.id')
      .execute();
  }

  /**
   * The current entries of a campaign (or of one unit): one query with an anti-join on `supersedes_id`,
   * so loading a ranking's inputs costs one pass over the ledger.
   */
  async currentEntries(campaignId: string, unitId?: string): Promise<CurrentScoreRow[]> {
    let q = this.x.db
      .selectFrom('score_entries as e')
      .select(['e.id', 'e.unit_id', 'e.item_id', 'e.scorer', 'e.points', 'e.na', 'e.entered_at'])
      .where('e.campaign_id', '=', campaignId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('score_entries as s').select('s.id').whereRef('s.supersedes_id', '=', 'e.id'))),
      );
    if (unitId) q = q.where('e.unit_id', '=', unitId);
    return q.execute();
  }

  /** The current entries of one scorer on one item, every unit (the 日常任务 ledger writes these). */
  async currentOfScorer(campaignId: string, itemId: string, scorer: string): Promise<ScoreEntryRow[]> {
    const rows = await this.x.db
      .selectFrom('score_entries as e')
      .selectAll('e')
      .where('e.campaign_id', '=', campaignId)
      .where('e.item_id', '=', itemId)
      .where('e.scorer', '=', scorer)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('score_entries as s').select('s.id').whereRef('s.supersedes_id', '=', 'e.id'))),
      )
      .execute();
    return rows.map((r) => ({ ...r, points: r.points === null ? null : Number(r.points), na: Number(r.na) }));
  }

  /** How many ledger rows each item of a unit has (corrections included). */
  async countsForUnit(campaignId: string, unitId: string): Promise<Map<string, number>> {
    const rows = await this.x.db
      .selectFrom('score_entries')
      .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', campaignId)
      .where('unit_id', '=', unitId)
      .groupBy('item_id')
      .execute();
    return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
  }

  /** True when any entry names this item (it can then no longer be removed or rescaled). */
  async itemHasEntries(itemId: string): Promise<boolean> {
    const row = await this.x.db
      .selectFrom('score_entries')
      .select('id')
      .where('item_id', '=', itemId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The largest points any entry gives an item, to check a smaller new maximum against. */
  async maxPoints(itemId: string): Promise<number | null> {
    const row = await this.x.db
      .selectFrom('score_entries')
      .select((eb) => eb.fn.max('points').as('m'))
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row?.m === null || row?.m === undefined ? null : Number(row.m);
  }

  async countForCampaign(campaignId: string): Promise<number> {
    const row = await this.x.db
      .selectFrom('score_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
