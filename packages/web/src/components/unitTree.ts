import type { UnitType, UnitView } from '../api/types';

/** Display order of unit types among siblings. */
const TYPE_ORDER: Record<UnitType, number> = {
  district: 0,
  street: 1,
  village: 2,
  community: 3,
  department: 4,
  household: 5,
};

/**
 * Which types of unit may sit directly under a unit of each type: district → streets and
 * departments → villages/communities → households (the server's PARENT_TYPES, inverted).
 */
export const CHILD_TYPES: Record<UnitType, readonly UnitType[]> = {
  district: ['street', 'department'],
  street: ['village', 'community'],
  village: ['household'],
  community: ['household'],
  department: [],
  household: [],
};

/** The flat unit list indexed for tree work. */
export interface UnitIndex {
  byId: Map<string, UnitView>;
  byCode: Map<string, UnitView>;
  children: Map<string, UnitView[]>;
  /** Units whose parent is absent from the list (the actor's top of the tree). */
  roots: UnitView[];
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function compareUnits(a: UnitView, b: UnitView): number {
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || collator.compare(a.code, b.code);
}

/** Indexes a flat list by id, code and parent, with siblings sorted by type then code. */
export function indexUnits(units: readonly UnitView[]): UnitIndex {
  const byId = new Map<string, UnitView>();
  const byCode = new Map<string, UnitView>();
  for (const unit of units) {
    byId.set(unit.id, unit);
    byCode.set(unit.code, unit);
  }
  const children = new Map<string, UnitView[]>();
  const roots: UnitView[] = [];
  for (const unit of units) {
    if (unit.parentId && byId.has(unit.parentId)) {
      const list = children.get(unit.parentId);
      if (list) list.push(unit);
      else children.set(unit.parentId, [unit]);
    } else {
      roots.push(unit);
    }
  }
  for (const list of children.values()) list.sort(compareUnits);
  roots.sort(compareUnits);
  return { byId, byCode, children, roots };
}

/** The ancestors of a unit that are in the list, from the top down (not including the unit). */
export function ancestorsOf(index: UnitIndex, id: string): UnitView[] {
  const chain: UnitView[] = [];
  const seen = new Set<string>();
  let current = index.byId.get(id);
  while (current?.parentId && !seen.has(current.parentId)) {
    seen.add(current.parentId);
    const parent = index.byId.get(current.parentId);
    if (!parent) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/** The ids of a unit and everything below it. */
export function subtreeIds(index: UnitIndex, id: string): Set<string> {
  const ids = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    for (const child of index.children.get(next) ?? []) {
      if (!ids.has(child.id)) {
        ids.add(child.id);
        stack.push(child.id);
      }
    }
  }
  return ids;
}

/** Result of a tree search: matching units, everything to keep visible, and what to expand. */
export interface UnitSearch {
  matches: Set<string>;
  visible: Set<string>;
  expanded: string[];
}

/** Finds units whose name or code contains the text; their ancestors stay visible and expanded. */
export function searchUnits(index: UnitIndex, text: string): UnitSearch | null {
  const needle = text.trim().toLowerCase();
  if (!needle) return null;
  const matches = new Set<string>();
  const visible = new Set<string>();
  const expanded = new Set<string>();
  for (const unit of index.byId.values()) {
    if (unit.name.toLowerCase().includes(needle) || unit.code.toLowerCase().includes(needle)) {
      matches.add(unit.id);
      visible.add(unit.id);
      for (const ancestor of ancestorsOf(index, unit.id)) {
        visible.add(ancestor.id);
        expanded.add(ancestor.id);
      }
    }
  }
  return { matches, visible, expanded: [...expanded] };
}

/** A node shape shared by Tree and TreeSelect. */
export interface UnitNode {
  key: string;
  value: string;
  title: string;
  unit: UnitView;
  disabled?: boolean;
  isLeaf: boolean;
  children?: UnitNode[];
}

/**
 * Builds nested nodes from the index. `value` is the unit id or code (`valueBy`); `keep` limits the
 * nodes to a set of ids; `disable` greys nodes out (e.g. a unit and its subtree when moving it).
 */
export function buildNodes(
  index: UnitIndex,
  options: {
    valueBy?: 'id' | 'code';
    keep?: (unit: UnitView) => boolean;
    disable?: (unit: UnitView) => boolean;
  } = {},
): UnitNode[] {
  const { valueBy = 'id', keep, disable } = options;
  const build = (units: readonly UnitView[]): UnitNode[] => {
    const nodes: UnitNode[] = [];
    for (const unit of units) {
      if (keep && !keep(unit)) continue;
      const children = build(index.children.get(unit.id) ?? []);
      nodes.push({
        key: unit.id,
        value: valueBy === 'id' ? unit.id : unit.code,
        title: unit.name,
        unit,
        disabled: disable?.(unit) ?? false,
        isLeaf: children.length === 0,
        children: children.length > 0 ? children : undefined,
      });
    }
    return nodes;
  };
  return build(index.roots);
}

/** Counts units by type. */
export function countByType(units: readonly UnitView[]): Record<UnitType, number> {
  const counts: Record<UnitType, number> = {
    district: 0,
    street: 0,
    village: 0,
    community: 0,
    department: 0,
    household: 0,
  };
  for (const unit of units) counts[unit.type] += 1;
  return counts;
}
