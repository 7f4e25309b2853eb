import type { Actor } from './actor';
import type { UnitRef } from './policy';

/** What dashboards, the district big screen and the monthly bulletin allow. District admins pass every action. */
export type DashboardAction =
  /**
   * The district or street dashboard of `unit` (the district root or a street): street admins their own street.
   * Village users and inspectors have no street or district dashboard.
   */
  | { do: 'dashboard.read'; unit: UnitRef }
  /** A village's own view (where it loses points): its users, its street admin. */
  | { do: 'dashboard.village'; unit: UnitRef }
  /** Make or replace the big-screen link (district admins). */
  | { do: 'dashboard.screen' }
  /** Read a monthly bulletin: drafts are the district's; an issued one every street and village reads. */
  | { do: 'bulletin.read'; issued: boolean }
  /** Generate, edit, regenerate and issue bulletins (district admins). */
  | { do: 'bulletin.manage' };

const DASHBOARD_ACTIONS: ReadonlySet<string> = new Set([
  'dashboard.read',
  'dashboard.village',
  'dashboard.screen',
  'bulletin.read',
  'bulletin.manage',
]);

/** True for the dashboards' and bulletins' actions. */
export function isDashboardAction(action: { do: string }): action is DashboardAction {
  return DASHBOARD_ACTIONS.has(action.do);
}

function within(path: string, scopePath: string | null): boolean {
  return scopePath !== null && path.startsWith(scopePath);
}

/** Decides one dashboard or bulletin access for an actor who is not a district admin. */
export function canDashboard(actor: Actor, action: DashboardAction): boolean {
  switch (action.do) {
    case 'dashboard.read':
      return actor.role === 'street_admin' && within(action.unit.path, actor.scopePath);
    case 'dashboard.village':
      return (
        (actor.role === 'street_admin' || actor.role === 'village_user') &&
        within(action.unit.path, actor.scopePath)
      );
    case 'bulletin.read':
      return action.issued && (actor.role === 'street_admin' || actor.role === 'village_user');
    case 'dashboard.screen':
    case 'bulletin.manage':
      return false;
  }
}
