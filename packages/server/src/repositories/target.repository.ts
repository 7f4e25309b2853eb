import type { Insertable, Selectable } from 'kysely';
import type { TargetsTable } from '../db/schema';
import { BATCH_ROWS } from './campaign.repository';
import type { Executor } from './executor';

/** A stored target star of a unit. */
export type TargetRow = Selectable<TargetsTable>;

/** All SQL about target stars (创建目标). */
export class TargetRepository {
  constructor(private readonly x: Executor) {}

  /** Every target row of a campaign (optionally of some statuses), by unit then star. */
  async list(campaignId: string, statuses?: string[]): Promise<TargetRow[]> {
    let q = this.x.db.selectFrom('targets').selectAll().where('campaign_id', '=', campaignId);
    if (statuses) q = q.where('status', 'in', statuses);
    return q.orderBy('unit_id').orderBy('star').execute();
  }

  async forUnit(campaignId: string, unitId: string): Promise<TargetRow[]> {
    return this.x.db
      .selectFrom('targets')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('unit_id', '=', unitId)
      .orderBy('star')
      .execute();
  }

  /** Removes a unit's rows of the given statuses (a new declaration replaces the pending one). */
  async deleteForUnit(campaignId: string, unitId: string, statuses: string[]): Promise<void> {
    await this.x.db
      .deleteFrom('targets')
      .where('campaign_id', '=', campaignId)
      .where('unit_id', '=', unitId)
      .where('status', 'in', statuses)
      .execute();
  }

  async insertMany(rows: Insertable<TargetsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH_ROWS)
      await this.x.db
        .insertInto('targets')
        .values(rows.slice(i, i + BATCH_ROWS))
        .execute();
  }

  /** Moves a unit's rows from one status to another, recording who decided and when. */
  async decide(
    campaignId: string,
    unitId: string,
    from: string,
    to: string,
    decision: { by: string; at: string; note: string | null },
  ): Promise<void> {
    await this.x.db
      .updateTable('targets')
      .set({ status: to, decided_by: decision.by, decided_at: decision.at, note: decision.note })
      .where('campaign_id', '=', campaignId)
      .where('unit_id', '=', unitId)
      .where('status', '=', from)
      .execute();
  }
}
