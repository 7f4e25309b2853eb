import type { AuditEntryView } from '../contracts/audit';
import type { AuditRow } from '../repositories/audit.repository';

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** An audit record with its before/after values parsed back from canonical JSON. */
export function presentAuditEntry(r: AuditRow): AuditEntryView {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: parse(r.before_json),
    after: parse(r.after_json),
    hash: r.hash,
  };
}
