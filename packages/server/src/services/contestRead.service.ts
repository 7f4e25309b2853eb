import { notFound } from '../lib/errors';
import { authorize } from '../policies/policy';
import type { ContestCounts, ContestRow, ParticipantRow } from '../repositories/contest.repository';
import {
  type ContestDetail,
  type ContestState,
  currentUnit,
  detailOf,
  findContest,
  juryFor,
  loadContest,
  loadContestState,
  scoresOf,
  type TimerState,
  timerOf,
} from './contestLoader';
import { type ResultGroup, resultsOf } from './contestResults.service';
import type { ServiceContext } from './context';

/** Reading 擂台赛 contests: the list and a contest's setup (district admins), and the public big screen. */

export interface ContestListItem {
  contest: ContestRow;
  counts: ContestCounts;
}

/** Every contest, newest first, with its counts. */
export async function listContests(ctx: ServiceContext): Promise<ContestListItem[]> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const contests = await ctx.repos.contests.list();
  const counts = await ctx.repos.contests.counts();
  return contests.map((contest) => ({
    contest,
    counts: counts.get(contest.id) ?? { participants: 0, closed: 0, judges: 0 },
  }));
}

/** A contest's setup: groups, participants with their figures, jury, lots, checks. */
export async function getContest(ctx: ServiceContext, code: string): Promise<ContestDetail> {
  authorize(ctx.actor, { do: 'contest.manage' });
  return detailOf(await loadContest(ctx, code));
}

/** What the big screen draws. */
export interface ScreenData {
  state: ContestState;
  current: ParticipantRow | null;
  timer: TimerState;
  scoring: { unitCode: string; scoredCount: number; juryCount: number } | null;
  ranking: ResultGroup[];
  final: boolean;
  lastEventId: number;
}

/**
 * The public big screen of a contest by its screen token (no login; unknown token 404): the current group and
 * speaker, the countdown, 已评 n/m while a unit is scored, each group's ranking of closed units, and the final
 * ranking once announced. Never a judge's name or score.
 */
export async function getScreen(ctx: ServiceContext, token: string): Promise<ScreenData> {
  const found = await ctx.repos.contests.findByScreenToken(token);
  if (!found) throw notFound('大屏链接无效');
  // The newest event id BEFORE the state: an event committed in between is then sent again (harmless, the
  // screen refetches), never lost behind a later id.
  const lastEventId = await ctx.repos.contestEvents.latestId(found.id);
  const contest = await findContest(ctx, found.code);
  const state = await loadContestState(ctx, contest);
  const current = currentUnit(state);
  const results = resultsOf(state);
  return {
    state,
    current,
    timer: timerOf(contest, ctx.now),
    scoring:
      current && current.state === 'scoring'
        ? {
            unitCode: current.unit_code,
            scoredCount: scoresOf(state, current.unit_id).length,
            juryCount: juryFor(state, current.unit_id).length,
          }
        : null,
    ranking: results.groups,
    final: contest.status === 'announced',
    lastEventId,
  };
}
