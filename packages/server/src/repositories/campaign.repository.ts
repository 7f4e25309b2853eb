import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  CampaignItemsTable,
  CampaignModulesTable,
  CampaignStarsTable,
  CampaignsTable,
  CampaignUnitsTable,
  PeriodLocksTable,
} from '../db/schema';
import type { Executor } from './executor';

/** A stored campaign. */
export type CampaignRow = Selectable<CampaignsTable>;
/** A stored star of a campaign. */
export type CampaignStarRow = Selectable<CampaignStarsTable>;
/** A stored module of a campaign. */
export type CampaignModuleRow = Selectable<CampaignModulesTable>;
/** A stored item of a campaign. */
export type CampaignItemRow = Selectable<CampaignItemsTable>;
/** A stored locked month. */
export type PeriodLockRow = Selectable<PeriodLocksTable>;

/** A campaign with how many units it assesses and how many items it has, as lists show it. */
export interface CampaignListRow extends CampaignRow {
  unit_count: number;
  item_count: number;
}

/** An assessed unit with the unit's own columns joined in. */
export interface CampaignUnitRow {
  unit_id: string;
  weight: number;
  sort: number;
  code: string;
  name: string;
  type: string;
  path: string;
  parent_id: string | null;
}

/** A move of an assessed unit between parents, for resolving its street at a month's end. */
export interface UnitMoveRow {
  unit_id: string;
  at: string;
  from_parent_id: string | null;
  to_parent_id: string | null;
}

/** Rows per INSERT statement for bulk writes: well under both engines' bound-parameter limits. */
export const BATCH_ROWS = 500;

/** All SQL about campaigns and their model: stars, modules, items, assessed units and locked months. */
export class CampaignRepository {
  constructor(private readonly x: Executor) {}

  private withCounts() {
    return this.x.db
      .selectFrom('campaigns as c')
      .selectAll('c')
      .select((eb) => [
        eb
          .selectFrom('campaign_units as cu')
          .whereRef('cu.campaign_id', '=', 'c.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('unit_count'),
        eb
          .selectFrom('campaign_items as ci')
          .whereRef('ci.campaign_id', '=', 'c.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('item_count'),
      ]);
  }

  /** Every campaign, newest year first. */
  async list(): Promise<CampaignListRow[]> {
    const rows = await this.withCounts().orderBy('c.year', 'desc').orderBy('c.code').execute();
    return rows.map((r) => ({
      ...r,
      unit_count: Number(r.unit_count ?? 0),
      item_count: Number(r.item_count ?? 0),
    }));
  }

  async findListRowByCode(code: string): Promise<CampaignListRow | undefined> {
    const r = await this.withCounts().where('c.code', '=', code).executeTakeFirst();
    return r
      ? { ...r, unit_count: Number(r.unit_count ?? 0), item_count: Number(r.item_count ?? 0) }
      : undefined;
  }

  async findByCode(code: string): Promise<CampaignRow | undefined> {
    return this.x.db.selectFrom('campaigns').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(row: Insertable<CampaignsTable>): Promise<void> {
    await this.x.db.insertInto('campaigns').values(row).execute();
  }

  async update(id: string, patch: Updateable<CampaignsTable>): Promise<void> {
    await this.x.db.updateTable('campaigns').set(patch).where('id', '=', id).execute();
  }

  async stars(campaignId: string): Promise<CampaignStarRow[]> {
    return this.x.db
      .selectFrom('campaign_stars')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  async modules(campaignId: string): Promise<CampaignModuleRow[]> {
    return this.x.db
      .selectFrom('campaign_modules')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  async items(campaignId: string): Promise<CampaignItemRow[]> {
    return this.x.db
      .selectFrom('campaign_items')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('sort')
      .orderBy('code')
      .execute();
  }

  async findItem(campaignId: string, code: string): Promise<CampaignItemRow | undefined> {
    return this.x.db
      .selectFrom('campaign_items')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /** Replaces the campaign's stars with the given list. */
  async replaceStars(campaignId: string, rows: Insertable<CampaignStarsTable>[]): Promise<void> {
    await this.x.db.deleteFrom('campaign_stars').where('campaign_id', '=', campaignId).execute();
    if (rows.length > 0) await this.x.db.insertInto('campaign_stars').values(rows).execute();
  }

  /** Replaces the campaign's modules with the given list. */
  async replaceModules(campaignId: string, rows: Insertable<CampaignModulesTable>[]): Promise<void> {
    await this.x.db.deleteFrom('campaign_modules').where('campaign_id', '=', campaignId).execute();
    if (rows.length > 0) await this.x.db.insertInto('campaign_modules').values(rows).execute();
  }

  /** Inserts items in batches. */
  async insertItems(rows: Insertable<CampaignItemsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('campaign_items')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async updateItem(id: string, patch: Updateable<CampaignItemsTable>): Promise<void> {
    await this.x.db.updateTable('campaign_items').set(patch).where('id', '=', id).execute();
  }

  async deleteItem(id: string): Promise<void> {
    await this.x.db.deleteFrom('campaign_items').where('id', '=', id).execute();
  }

  /** The assessed units with their codes, names, types, paths and current parents, in campaign order. */
  async units(campaignId: string): Promise<CampaignUnitRow[]> {
    return this.x.db
      .selectFrom('campaign_units as cu')
      .innerJoin('units as u', 'u.id', 'cu.unit_id')
      .select(['cu.unit_id', 'cu.weight', 'cu.sort', 'u.code', 'u.name', 'u.type', 'u.path', 'u.parent_id'])
      .where('cu.campaign_id', '=', campaignId)
      .orderBy('cu.sort')
      .orderBy('u.code')
      .execute();
  }

  async findUnit(campaignId: string, unitId: string): Promise<CampaignUnitRow | undefined> {
    return this.x.db
      .selectFrom('campaign_units as cu')
      .innerJoin('units as u', 'u.id', 'cu.unit_id')
      .select(['cu.unit_id', 'cu.weight', 'cu.sort', 'u.code', 'u.name', 'u.type', 'u.path', 'u.parent_id'])
      .where('cu.campaign_id', '=', campaignId)
      .where('cu.unit_id', '=', unitId)
      .executeTakeFirst();
  }

  /** Adds assessed units in batches. */
  async insertUnits(rows: Insertable<CampaignUnitsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('campaign_units')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  /** Moves of the campaign's units between parents, oldest first. */
  async unitMoves(campaignId: string): Promise<UnitMoveRow[]> {
    return this.x.db
      .selectFrom('unit_history as h')
      .innerJoin('campaign_units as cu', 'cu.unit_id', 'h.unit_id')
      .select(['h.unit_id', 'h.at', 'h.from_parent_id', 'h.to_parent_id'])
      .where('cu.campaign_id', '=', campaignId)
      .where('h.change', '=', 'moved')
      .orderBy('h.at')
      .orderBy('h.id')
      .execute();
  }

  async locks(campaignId: string): Promise<PeriodLockRow[]> {
    return this.x.db
      .selectFrom('period_locks')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('month')
      .execute();
  }

  async insertLock(row: Insertable<PeriodLocksTable>): Promise<void> {
    await this.x.db.insertInto('period_locks').values(row).execute();
  }
}
