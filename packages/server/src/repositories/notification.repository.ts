import type { Executor } from './executor';

/** A problem's latest event (what the inbox reads to tell a failed look-back from a new problem). */
export interface LatestProblemEvent {
  problem_id: string;
  id: string;
  action: string;
  at: string;
}

/** An objection (异议) waiting for the district's decision, with its publication and unit. */
export interface PendingObjection {
  id: string;
  reason: string;
  filed_at: string;
  publication_id: string;
  publication_number: string;
  campaign_code: string;
  unit_code: string;
  unit_name: string;
}

const CHUNK = 500;

/** All SQL of the inbox: users' read marks on derived items, and the problem events the items read. */
export class NotificationRepository {
  constructor(private readonly x: Executor) {}

  /** Which of these keys the user has marked read. */
  async readKeys(userId: string, keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.x.db
        .selectFrom('notification_reads')
        .select('item_key')
        .where('user_id', '=', userId)
        .where('item_key', 'in', keys.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.add(r.item_key);
    }
    return out;
  }

  /** Marks keys read for the user; keys already read keep their first read time. */
  async markRead(userId: string, keys: string[], at: string): Promise<void> {
    for (let i = 0; i < keys.length; i += CHUNK)
      await this.x.db
        .insertInto('notification_reads')
        .values(keys.slice(i, i + CHUNK).map((item_key) => ({ user_id: userId, item_key, read_at: at })))
        .onConflict((oc) => oc.columns(['user_id', 'item_key']).doNothing())
        .execute();
  }

  /** The latest event of each problem (by time, then id). */
  async latestProblemEvents(problemIds: string[]): Promise<Map<string, LatestProblemEvent>> {
    const out = new Map<string, LatestProblemEvent>();
    for (let i = 0; i < problemIds.length; i += CHUNK) {
      const rows = await this.x.db
        .selectFrom('problem_events')
        .select(['problem_id', 'id', 'action', 'at'])
        .where('problem_id', 'in', problemIds.slice(i, i + CHUNK))
        .orderBy('at')
        .orderBy('id')
        .execute();
      for (const r of rows) out.set(r.problem_id, r);
    }
    return out;
  }

  /** Every objection still pending (the district decides them all), oldest first. */
  async pendingObjections(): Promise<PendingObjection[]> {
    return this.x.db
      .selectFrom('objections as o')
      .innerJoin('publications as p', 'p.id', 'o.publication_id')
      .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
      .innerJoin('units as u', 'u.id', 'o.unit_id')
      .select([
        'o.id',
        'o.reason',
        'o.filed_at',
        'o.publication_id',
        'p.number as publication_number',
        'c.code as campaign_code',
        'u.code as unit_code',
        'u.name as unit_name',
      ])
      .where('o.status', '=', 'pending')
      .orderBy('o.filed_at')
      .orderBy('o.id')
      .execute();
  }
}
