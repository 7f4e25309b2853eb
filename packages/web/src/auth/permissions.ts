import type { Role, SessionUser, UnitType, UnitView } from '../api/types';

/**
 * What each role may do in the UI, mirroring the server's policy (packages/server/src/policies).
 * The server enforces the real rules; this only decides which buttons and menu entries to show,
 * so a user is not offered actions that would be refused. Units outside the actor's scope never
 * reach the client, so "within scope" means "in the unit list".
 */
export const can = {
  /** Rename or change the weight of a unit: admins anything, street admins below their street, village users their households. */
  editUnit: (user: SessionUser, unit: UnitView) => {
    if (user.role === 'district_admin') return true;
    if (user.role === 'street_admin') return unit.id !== user.scopeUnitId;
    if (user.role === 'village_user') return unit.id !== user.scopeUnitId && unit.type === 'household';
    return false;
  },
  /** Types of unit this user may add under a parent (the tree's own type rules still apply). */
  childTypesFor: (role: Role): readonly UnitType[] | 'any' => {
    if (role === 'district_admin') return 'any';
    if (role === 'street_admin') return ['village', 'community', 'household'];
    if (role === 'village_user') return ['household'];
    return [];
  },
  moveUnit: (user: SessionUser, unit: UnitView) => can.editUnit(user, unit),
  importUnits: (role: Role) => role === 'district_admin',
  exportUnits: (role: Role) => role === 'district_admin' || role === 'street_admin',
  editContestGroup: (role: Role) => role === 'district_admin',
  seeContestGroups: (role: Role) => role === 'district_admin' || role === 'judge',
  manageUsers: (role: Role) => role === 'district_admin',
  readAudit: (role: Role) => role === 'district_admin',
};

/** Every role, in the order they are listed in pickers. */
export const ALL_ROLES: readonly Role[] = [
  'district_admin',
  'street_admin',
  'village_user',
  'inspector',
  'judge',
];
