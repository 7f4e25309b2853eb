import type { Actor } from './actor';
import { scopeCovers, type UnitRef, unitScopeOf } from './policy';

/** A 五美庭院 level a household can be named at. */
export type CourtyardLevel = 'village' | 'street' | 'district' | 'city';

/** What 五美庭院 allows, decided in `canCourtyard`. District admins pass every action (policy.ts). */
export type CourtyardAction =
  /** See households, applications, evaluations and statistics of a unit (village, street or household). */
  | { do: 'courtyard.read'; unit: UnitRef }
  /** Create, edit and import households (户) of a village. */
  | { do: 'household.manage'; unit: UnitRef }
  /** Create and configure courtyard campaigns: standards, thresholds, quotas (district admins). */
  | { do: 'courtyard.manage' }
  /** Apply (申报) for a household in a campaign: the village's own users. */
  | { do: 'courtyard.apply'; unit: UnitRef }
  /** Confirm an application at the village stage (village users) or the street stage (street admins). */
  | { do: 'courtyard.confirm'; unit: UnitRef; stage: 'village' | 'street' }
  /** Score a household on the five standards: inspectors assigned to it, its street admin. */
  | { do: 'courtyard.evaluate'; unit: UnitRef }
  /** Name a household at a level: village → village users; street → street admins; district/city → district. */
  | { do: 'courtyard.nominate'; unit: UnitRef; level: CourtyardLevel }
  /** Demote a household from a level: whoever may name that level. */
  | { do: 'courtyard.demote'; unit: UnitRef; level: CourtyardLevel }
  /** Record a plaque or material reward given at a level: whoever may name that level. */
  | { do: 'courtyard.award'; unit: UnitRef; level: CourtyardLevel };

const COURTYARD_ACTIONS: ReadonlySet<string> = new Set([
  'courtyard.read',
  'household.manage',
  'courtyard.manage',
  'courtyard.apply',
  'courtyard.confirm',
  'courtyard.evaluate',
  'courtyard.nominate',
  'courtyard.demote',
  'courtyard.award',
]);

/** True for the courtyard's actions. */
export function isCourtyardAction(action: { do: string }): action is CourtyardAction {
  return COURTYARD_ACTIONS.has(action.do);
}

function within(path: string, scopePath: string | null): boolean {
  return scopePath !== null && path.startsWith(scopePath);
}

function strictlyWithin(path: string, scopePath: string | null): boolean {
  return within(path, scopePath) && path !== scopePath;
}

function mayName(actor: Actor, unit: UnitRef, level: CourtyardLevel): boolean {
  if (level === 'village')
    return (
      (actor.role === 'village_user' && within(unit.path, actor.scopePath)) ||
      (actor.role === 'street_admin' && strictlyWithin(unit.path, actor.scopePath))
    );
  if (level === 'street') return actor.role === 'street_admin' && strictlyWithin(unit.path, actor.scopePath);
  return false;
}

/** Decides one courtyard access for an actor who is not a district admin. */
export function canCourtyard(actor: Actor, action: CourtyardAction): boolean {
  switch (action.do) {
    case 'courtyard.read':
      if (actor.role === 'inspector') return actor.assignedPaths.some((p) => action.unit.path.startsWith(p));
      return actor.role !== 'judge' && scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'household.manage':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'courtyard.apply':
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'courtyard.confirm':
      if (action.stage === 'village')
        return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
      return actor.role === 'street_admin' && strictlyWithin(action.unit.path, actor.scopePath);
    case 'courtyard.evaluate':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      return actor.role === 'inspector' && actor.assignedPaths.some((p) => action.unit.path.startsWith(p));
    case 'courtyard.nominate':
    case 'courtyard.demote':
    case 'courtyard.award':
      return mayName(actor, action.unit, action.level);
    case 'courtyard.manage':
      return false;
  }
}
