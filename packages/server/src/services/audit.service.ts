import { createHash } from 'node:crypto';
import type { AuditListQuery } from '../contracts/audit';
import { canonicalJson } from '../lib/canonicalJson';
import { authorize } from '../policies/policy';
import type { Repos } from '../repositories';
import type { AuditRow } from '../repositories/audit.repository';
import type { ServiceContext } from './context';

export const GENESIS_HASH = '0'.repeat(64);

/** What a change records: the action, the thing changed, and its values before and after. */
export interface AuditChange {
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

interface HashInput {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
}

/** The hash of one record: SHA-256 over the previous hash and the record's canonical JSON. */
export function auditHash(r: HashInput): string {
  const body = canonicalJson({
    seq: r.seq,
    at: r.at,
    actor_id: r.actor_id,
    actor_name: r.actor_name,
    action: r.action,
    entity: r.entity,
    entity_id: r.entity_id,
    before: r.before_json,
    after: r.after_json,
  });
  return createHash('sha256').update(r.prev_hash).update('\n').update(body).digest('hex');
}

/** Appends one change to the hash chain, inside the caller's transaction. Called by every use case that writes. */
export async function recordAudit(ctx: ServiceContext, change: AuditChange): Promise<void> {
  await ctx.repos.audit.lock();
  const last = await ctx.repos.audit.last();
  const row: HashInput = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.now,
    actor_id: ctx.actor?.userId ?? null,
    actor_name: ctx.actor?.displayName ?? null,
    action: change.action,
    entity: change.entity,
    entity_id: change.entityId,
    before_json: change.before === undefined || change.before === null ? null : canonicalJson(change.before),
    after_json: change.after === undefined || change.after === null ? null : canonicalJson(change.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await ctx.repos.audit.insert({ ...row, hash: auditHash(row) });
}

/** Result of walking the chain: the first record whose hash or link does not hold, if any. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

/** Walks the whole chain in order and names the first broken record. Used by the page and `wuxing audit verify`. */
export async function verifyAuditChainWith(repos: Repos): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let after = 0;
  for (;;) {
    const batch: AuditRow[] = await repos.audit.ascending(after, 1000);
    if (batch.length === 0) break;
    for (const r of batch) {
      const fail = (reason: string) => ({ ok: false, checked, firstBrokenSeq: r.seq, reason });
      if (r.seq !== expectedSeq) return fail(`序号不连续：应为 ${expectedSeq}，实际为 ${r.seq}`);
      if (r.prev_hash !== prevHash) return fail('前一条记录的哈希不匹配（记录被删除、改动或调换顺序）');
      if (auditHash(r) !== r.hash) return fail('记录内容与哈希不符（记录被改动）');
      prevHash = r.hash;
      expectedSeq += 1;
      checked += 1;
      after = r.seq;
    }
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}

/** Lists audit records newest first (district admin only). */
export async function listAuditEntries(ctx: ServiceContext, query: AuditListQuery): Promise<AuditRow[]> {
  authorize(ctx.actor, { do: 'audit.read' });
  return ctx.repos.audit.page(query);
}

/** Verifies the chain on behalf of a district admin. */
export async function verifyAuditChain(ctx: ServiceContext): Promise<AuditVerification> {
  authorize(ctx.actor, { do: 'audit.read' });
  return verifyAuditChainWith(ctx.repos);
}
