import type { Actor } from './actor';

/** What the 擂台赛 contest allows, decided in `canContest`. District admins pass every action (policy.ts). */
export type ContestAction =
  /** See contests, their setup and results: district admins; judges see the contests they sit on (service cuts). */
  | { do: 'contest.read' }
  /** Create and configure contests: units, goals, jury and links, lots, honours, cadre-style import, announce. */
  | { do: 'contest.manage' }
  /** Run a contest from the host console: start, call speakers, timer, open/close scoring, unlock a score. */
  | { do: 'contest.host' }
  /**
   * Score a unit as a judge. `onJury`: the actor sits on the contest's jury; `ownUnit`: the unit is the judge's
   * own (回避). The service refuses anyone not on the jury, a district admin included.
   */
  | { do: 'contest.judge'; onJury: boolean; ownUnit: boolean };

const CONTEST_ACTIONS: ReadonlySet<string> = new Set([
  'contest.read',
  'contest.manage',
  'contest.host',
  'contest.judge',
]);

/** True for the contest's actions. */
export function isContestAction(action: { do: string }): action is ContestAction {
  return CONTEST_ACTIONS.has(action.do);
}

/** Decides one contest access for an actor who is not a district admin. */
export function canContest(actor: Actor, action: ContestAction): boolean {
  switch (action.do) {
    case 'contest.read':
      return actor.role === 'judge';
    case 'contest.judge':
      return actor.role === 'judge' && action.onJury && !action.ownUnit;
    case 'contest.manage':
    case 'contest.host':
      return false;
  }
}
