import type { Insertable, Selectable } from 'kysely';
import { lockChain } from '../db/dialect';
import type { AuditLogTable } from '../db/schema';
import type { Executor } from './executor';

export type AuditRow = Selectable<AuditLogTable>;

const AUDIT_CHAIN_LOCK = 91_002;

/** All SQL about the hash-chained audit log. */
export class AuditRepository {
  constructor(private readonly x: Executor) {}

  /** Takes the chain's write lock for the rest of the transaction. */
  async lock(): Promise<void> {
    await lockChain(this.x.db, this.x.dialect, AUDIT_CHAIN_LOCK);
  }

  async last(): Promise<AuditRow | undefined> {
    return this.x.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  }

  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await this.x.db.insertInto('audit_log').values(row).execute();
  }

  async page(opts: { limit: number; beforeSeq?: number; entity?: string }): Promise<AuditRow[]> {
    let q = this.x.db.selectFrom('audit_log').selectAll();
    if (opts.beforeSeq) q = q.where('seq', '<', opts.beforeSeq);
    if (opts.entity) q = q.where('entity', '=', opts.entity);
    return q.orderBy('seq', 'desc').limit(opts.limit).execute();
  }

  /** Rows in chain order, a batch at a time, for verification. */
  async ascending(afterSeq: number, limit: number): Promise<AuditRow[]> {
    return this.x.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }
}
