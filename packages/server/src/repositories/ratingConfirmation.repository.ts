import type { Insertable, Selectable } from 'kysely';
import type { RatingConfirmationsTable } from '../db/schema';
import type { Executor } from './executor';

/** A confirmed (frozen) star-rating list. */
export type RatingConfirmationRow = Selectable<RatingConfirmationsTable>;
/** A confirmation without its snapshot, for version lists. */
export type RatingConfirmationHead = Omit<RatingConfirmationRow, 'snapshot_json'>;

/** All SQL about confirmed star-rating lists (五星支部评定). */
export class RatingConfirmationRepository {
  constructor(private readonly x: Executor) {}

  async insert(row: Insertable<RatingConfirmationsTable>): Promise<void> {
    await this.x.db.insertInto('rating_confirmations').values(row).execute();
  }

  async findByIdempotencyKey(key: string): Promise<RatingConfirmationRow | undefined> {
    return this.x.db
      .selectFrom('rating_confirmations')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
  }

  /** The newest version, or the given one. */
  async find(campaignId: string, version?: number): Promise<RatingConfirmationRow | undefined> {
    let q = this.x.db.selectFrom('rating_confirmations').selectAll().where('campaign_id', '=', campaignId);
    if (version !== undefined) q = q.where('version', '=', version);
    return q.orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  /** Every version of a campaign, newest first. */
  async versions(campaignId: string): Promise<RatingConfirmationHead[]> {
    return this.x.db
      .selectFrom('rating_confirmations')
      .select([
        'id',
        'campaign_id',
        'version',
        'reason',
        'confirmed_by',
        'confirmed_by_name',
        'confirmed_at',
        'idempotency_key',
      ])
      .where('campaign_id', '=', campaignId)
      .orderBy('version', 'desc')
      .execute();
  }
}
