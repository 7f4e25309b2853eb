import type { UnitType } from '../contracts/common';
import { forbidden, unauthenticated } from '../lib/errors';
import type { Actor, MaybeActor } from './actor';
import { type ContestAction, canContest, isContestAction } from './contest.policy';
import { type CourtyardAction, canCourtyard, isCourtyardAction } from './courtyard.policy';
import { canDashboard, type DashboardAction, isDashboardAction } from './dashboard.policy';

/** The part of the organisation tree an actor may read, as repositories understand it. */
export type UnitScope = { kind: 'all' } | { kind: 'paths'; paths: string[] } | { kind: 'none' };

/** A unit as the policy needs to see it. */
export interface UnitRef {
  path: string;
  type: string;
}

/** Every action; the contest's and the courtyard's are decided in their own policy files. */
export type Action = CoreAction | ContestAction | CourtyardAction | DashboardAction;

type CoreAction =
  | { do: 'unit.read'; unit: UnitRef }
  | { do: 'unit.list' }
  | { do: 'unit.create'; parent: UnitRef | null; type: UnitType }
  | { do: 'unit.update'; unit: UnitRef }
  | { do: 'unit.move'; unit: UnitRef; to: UnitRef }
  | { do: 'unit.import' }
  | { do: 'contestGroup.read' }
  | { do: 'user.manage' }
  | { do: 'audit.read' }
  | { do: 'self.changePassword' }
  /** List and read campaigns, and rankings (whose rows are then cut to the actor's scope). */
  | { do: 'campaign.read' }
  /** Create, edit, lock, import and export campaigns; bonuses; set targets directly. */
  | { do: 'campaign.manage' }
  /** One assessed unit's campaign data: profile, score sheet, entries, targets. */
  | { do: 'campaign.unitRead'; unit: UnitRef }
  /** Enter or correct scores of a unit. */
  | { do: 'score.enter'; unit: UnitRef }
  /** Declare the unit's own target stars (创建目标). */
  | { do: 'target.declare'; unit: UnitRef }
  /** Approve or reject a unit's declared targets. */
  | { do: 'target.decide'; unit: UnitRef }
  /** Scoring-sheet templates and district supervision rounds: create, assign, close. */
  | { do: 'supervision.manage' }
  /** See supervision rounds and their coverage (rows are then cut to the actor's scope). */
  | { do: 'round.list' }
  /** Run a street's own special supervision round (专项督查). */
  | { do: 'round.manageSpecial'; street: UnitRef }
  /**
   * Submit or correct one's own sheet for a unit in a round. `assigned`: the round assigns the actor to the unit.
   */
  | { do: 'inspection.submit'; unit: UnitRef; assigned: boolean }
  /**
   * Read the problem ledger of a unit, its photos and sheets. `assigned`: a round assigns the actor to the unit
   * (an inspector sent there for a round reads what it found, though its standing assignment lies elsewhere).
   */
  | { do: 'problem.read'; unit: UnitRef; assigned?: boolean }
  /** Raise a problem at a unit. `assigned`: a round assigns the actor to the unit. */
  | { do: 'problem.raise'; unit: UnitRef; assigned: boolean }
  /** Submit a rectification (整改) with evidence: the unit's own users. */
  | { do: 'problem.rectify'; unit: UnitRef }
  /** Look back (回头看) on a rectification and pass (销号) or fail it. */
  | { do: 'problem.review'; unit: UnitRef }
  /** Upload a photo as evidence about a unit. `assigned`: a round assigns the actor to the unit. */
  | { do: 'photo.upload'; unit: UnitRef; assigned: boolean }
  /** Propose a 夺旗争先 award to a unit (district admins; street admins for their own villages). */
  | { do: 'flag.propose'; unit: UnitRef }
  /** Approve or reject a proposed award, record or revoke a veto, confirm the year's star ratings. */
  | { do: 'rating.decide' }
  /** Issue, edit and cancel 日常任务 daily tasks (district admins). */
  | { do: 'task.manage' }
  /** See a unit's daily tasks, submissions and reviews. */
  | { do: 'task.read'; unit: UnitRef }
  /** Submit completion of a task, with evidence (photos, documents): the unit's own users. */
  | { do: 'task.submit'; unit: UnitRef }
  /** Score a unit's submission (full, partial, zero) or return it: district admins, the unit's street admin. */
  | { do: 'task.review'; unit: UnitRef }
  /** Read 公示 publications, their versions and the objections in one's part of the tree: every logged-in user. */
  | { do: 'publication.read' }
  /** Publish a period's results (公示), publish a new version with a reason, decide objections (district admins). */
  | { do: 'publication.manage' }
  /** File an objection (异议) against a unit's published row: the unit's own users and its street admin. */
  | { do: 'objection.file'; unit: UnitRef }
  /** Read one's own inbox (derived from what one may see) and mark its items read: every logged-in user. */
  | { do: 'inbox.read' }
  /** 结果运用: the year's results exported for awards and cadre assessment (district admins). */
  | { do: 'results.export' }
  /** See 预警 warnings (rows cut to one's part of the tree): district and street admins, village users. */
  | { do: 'warning.list' }
  /** One unit's warnings, talks and help measures: whoever's part of the tree covers the unit (not inspectors). */
  | { do: 'warning.read'; unit: UnitRef }
  /** Set a campaign's warning thresholds and evaluate a quarter's warnings (district admins). */
  | { do: 'warning.evaluate' }
  /** Record a reminder talk (谈话提醒) or a help measure (帮扶措施) on a unit's warning: the unit's street admin. */
  | { do: 'warning.followUp'; unit: UnitRef }
  /** 创建档案: whoever's part of the tree covers the unit reads it (inspectors: their assigned units). */
  | { do: 'creationFile.read'; unit: UnitRef }
  /** 创建档案: the unit's own village users keep it (and district admins). */
  | { do: 'creationFile.add'; unit: UnitRef }
  /** See cadres (街道干部, 驻村干部) and their assessment by their villages: district and street admins (own street). */
  | { do: 'cadre.list' }
  /** Add or change a cadre of a street, and the villages linked to the cadre: that street's admins. */
  | { do: 'cadre.manage'; street: UnitRef }
  /** See outreach activities (宣传活动) and their statistics: everyone with a part of the tree (cut to it). */
  | { do: 'activity.list' }
  /** Record, change or delete an activity of a unit: street admins in their street, village users their own. */
  | { do: 'activity.record'; unit: UnitRef };

function within(path: string, scopePath: string | null): boolean {
  return scopePath !== null && path.startsWith(scopePath);
}

function strictlyWithin(path: string, scopePath: string | null): boolean {
  return within(path, scopePath) && path !== scopePath;
}

/** The subtree(s) of the organisation an actor may read. */
export function unitScopeOf(actor: Actor): UnitScope {
  switch (actor.role) {
    case 'district_admin':
      return { kind: 'all' };
    case 'street_admin':
    case 'village_user':
      return actor.scopePath ? { kind: 'paths', paths: [actor.scopePath] } : { kind: 'none' };
    case 'inspector':
      return actor.assignedPaths.length > 0
        ? { kind: 'paths', paths: actor.assignedPaths }
        : { kind: 'none' };
    case 'judge':
      return { kind: 'none' };
  }
}

/** True when the actor's scope covers this path. */
export function scopeCovers(scope: UnitScope, path: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.paths.some((p) => path.startsWith(p));
}

function coversAssigned(actor: Actor, path: string): boolean {
  return actor.assignedPaths.some((p) => path.startsWith(p));
}

const STREET_CREATABLE: readonly string[] = ['village', 'community', 'household'];

/** Decides one access. Pure: every rule of who may do what lives here. */
export function can(actor: MaybeActor, action: Action): boolean {
  if (!actor) return false;
  if (actor.role === 'district_admin') return true;
  if (isContestAction(action)) return canContest(actor, action);
  if (isCourtyardAction(action)) return canCourtyard(actor, action);
  if (isDashboardAction(action)) return canDashboard(actor, action);
  switch (action.do) {
    case 'self.changePassword':
      return true;
    case 'unit.list':
      return unitScopeOf(actor).kind !== 'none';
    case 'unit.read':
      return scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'unit.create': {
      if (!action.parent) return false;
      if (actor.role === 'street_admin')
        return within(action.parent.path, actor.scopePath) && STREET_CREATABLE.includes(action.type);
      if (actor.role === 'village_user')
        return within(action.parent.path, actor.scopePath) && action.type === 'household';
      return false;
    }
    case 'unit.update':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      if (actor.role === 'village_user')
        return strictlyWithin(action.unit.path, actor.scopePath) && action.unit.type === 'household';
      return false;
    case 'unit.move':
      if (actor.role === 'street_admin' || actor.role === 'village_user')
        return (
          can(actor, { do: 'unit.update', unit: action.unit }) &&
          within(action.to.path, actor.scopePath) &&
          !action.to.path.startsWith(action.unit.path)
        );
      return false;
    case 'contestGroup.read':
      return actor.role === 'judge';
    case 'campaign.read':
      return actor.role !== 'judge';
    case 'campaign.unitRead':
      return actor.role !== 'judge' && scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'score.enter':
      return actor.role === 'inspector' && actor.assignedPaths.some((p) => action.unit.path.startsWith(p));
    case 'target.declare':
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'target.decide':
      return actor.role === 'street_admin' && strictlyWithin(action.unit.path, actor.scopePath);
    case 'round.list':
      return actor.role === 'inspector' || actor.role === 'street_admin';
    case 'round.manageSpecial':
      return actor.role === 'street_admin' && actor.scopePath === action.street.path;
    case 'inspection.submit':
      return (actor.role === 'inspector' || actor.role === 'street_admin') && action.assigned;
    case 'problem.read':
      if (actor.role === 'inspector' && action.assigned === true) return true;
      return actor.role !== 'judge' && scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'problem.raise':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      return actor.role === 'inspector' && (action.assigned || coversAssigned(actor, action.unit.path));
    case 'cadre.list':
      return actor.role === 'street_admin' && actor.scopePath !== null;
    case 'cadre.manage':
      return actor.role === 'street_admin' && actor.scopePath === action.street.path;
    case 'activity.list':
      return actor.role !== 'judge' && unitScopeOf(actor).kind !== 'none';
    case 'activity.record':
      return (
        (actor.role === 'street_admin' || actor.role === 'village_user') &&
        within(action.unit.path, actor.scopePath)
      );
    case 'problem.rectify':
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'problem.review':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      return actor.role === 'inspector' && coversAssigned(actor, action.unit.path);
    case 'photo.upload':
      return (
        can(actor, { do: 'problem.raise', unit: action.unit, assigned: action.assigned }) ||
        can(actor, { do: 'problem.rectify', unit: action.unit })
      );
    case 'flag.propose':
      return actor.role === 'street_admin' && strictlyWithin(action.unit.path, actor.scopePath);
    case 'task.read':
      return actor.role !== 'judge' && scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'task.submit':
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'task.review':
      return actor.role === 'street_admin' && strictlyWithin(action.unit.path, actor.scopePath);
    case 'publication.read':
      return true;
    case 'objection.file':
      if (actor.role === 'street_admin') return strictlyWithin(action.unit.path, actor.scopePath);
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'publication.manage':
      return false;
    case 'inbox.read':
      return true;
    case 'warning.list':
      return actor.role === 'street_admin' || actor.role === 'village_user';
    case 'warning.read':
      return (
        (actor.role === 'street_admin' || actor.role === 'village_user') &&
        scopeCovers(unitScopeOf(actor), action.unit.path)
      );
    case 'warning.followUp':
      return actor.role === 'street_admin' && strictlyWithin(action.unit.path, actor.scopePath);
    case 'creationFile.read':
      return actor.role !== 'judge' && scopeCovers(unitScopeOf(actor), action.unit.path);
    case 'creationFile.add':
      return actor.role === 'village_user' && within(action.unit.path, actor.scopePath);
    case 'warning.evaluate':
    case 'results.export':
    case 'task.manage':
    case 'rating.decide':
    case 'supervision.manage':
    case 'campaign.manage':
    case 'unit.import':
    case 'user.manage':
    case 'audit.read':
      return false;
  }
}

/** Throws 401 for the public and 403 for a logged-in actor who may not do this. First line of every use case. */
export function authorize(actor: MaybeActor, action: Action): asserts actor is Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action)) throw forbidden();
}
