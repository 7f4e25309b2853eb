import type { UnitType } from '../contracts/common';
import type { UnitDetailView, UnitHistoryEntry, UnitView } from '../contracts/units';
import type { UnitHistoryRow, UnitListRow, UnitRow } from '../repositories/unit.repository';

/** A unit as the API shows it. */
export function presentUnit(u: UnitListRow): UnitView {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type as UnitType,
    parentId: u.parent_id,
    parentCode: u.parent_code,
    weight: Number(u.weight),
    contestGroupId: u.contest_group_id,
    contestGroupName: u.contest_group_name,
    childCount: Number(u.child_count),
    demo: Boolean(u.demo),
    updatedAt: u.updated_at,
  };
}

function presentHistory(h: UnitHistoryRow): UnitHistoryEntry {
  return {
    at: h.at,
    actorName: h.actor_name,
    change: h.change as UnitHistoryEntry['change'],
    from: h.from_value,
    to: h.to_value,
  };
}

/** A unit with its path from the root and its history. */
export function presentUnitDetail(d: {
  unit: UnitListRow;
  path: UnitRow[];
  history: UnitHistoryRow[];
}): UnitDetailView {
  return {
    ...presentUnit(d.unit),
    path: d.path.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    history: d.history.map(presentHistory),
  };
}
