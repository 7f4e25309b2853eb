import type { Insertable, Selectable } from 'kysely';
import type { BonusesTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored bonus. */
export type BonusRow = Selectable<BonusesTable>;

/** All SQL about bonus points (夺旗争先); rows are appended, never updated. */
export class BonusRepository {
  constructor(private readonly x: Executor) {}

  async insertMany(rows: Insertable<BonusesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('bonuses')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  async findByIdempotencyKey(key: string): Promise<BonusRow | undefined> {
    return this.x.db.selectFrom('bonuses').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  /** A campaign's bonuses (or one unit's), by month. */
  async list(campaignId: string, unitId?: string): Promise<BonusRow[]> {
    let q = this.x.db.selectFrom('bonuses').selectAll().where('campaign_id', '=', campaignId);
    if (unitId) q = q.where('unit_id', '=', unitId);
    return q.orderBy('month').orderBy('entered_at').orderBy('id').execute();
  }
}
