import { authorize } from '../policies/policy';
import type { ContestGroupRow } from '../repositories/contestGroup.repository';
import type { ServiceContext } from './context';

/** The contest groups (赛组) with how many units each has. */
export async function listContestGroups(
  ctx: ServiceContext,
): Promise<(ContestGroupRow & { unit_count: number })[]> {
  authorize(ctx.actor, { do: 'contestGroup.read' });
  return ctx.repos.contestGroups.listWithCounts();
}
