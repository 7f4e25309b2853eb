import type { FeedEvent } from '../lib/contestFeed';
import { forbidden, notFound } from '../lib/errors';
import { authorize } from '../policies/policy';
import type { ServiceContext } from './context';

/** A stream the caller may open: which contest, and its newest event id at that moment. */
export interface LiveStream {
  contestId: string;
  latestId: number;
}

/**
 * Opens a contest's live stream for a logged-in user: district admins, and judges sitting on its jury (a judge
 * of another contest gets 403). An unknown contest is 404.
 */
export async function openContestStream(ctx: ServiceContext, code: string): Promise<LiveStream> {
  authorize(ctx.actor, { do: 'contest.read' });
  const contest = await ctx.repos.contestLive.findByCode(code);
  if (!contest) throw notFound('比赛不存在');
  if (ctx.actor.role === 'judge' && !(await ctx.repos.contestLive.isOnJury(contest.id, ctx.actor.userId)))
    throw forbidden('您不是本场比赛的评委');
  return { contestId: contest.id, latestId: await ctx.repos.contestEvents.latestId(contest.id) };
}

/** Opens the big screen's live stream: the screen token is the permission (no login). Unknown token: 404. */
export async function openScreenStream(ctx: ServiceContext, token: string): Promise<LiveStream> {
  const contest = await ctx.repos.contestLive.findByScreenToken(token);
  if (!contest) throw notFound('大屏链接无效');
  return { contestId: contest.id, latestId: await ctx.repos.contestEvents.latestId(contest.id) };
}

/**
 * The events after `afterId` for the live feeds. Not a use case of any actor: the feed calls it for
 * connections that were authorised when they opened (above), so it checks nothing itself.
 */
export async function readContestFeed(
  ctx: ServiceContext,
  contestId: string,
  afterId: number,
  limit: number,
): Promise<FeedEvent[]> {
  const rows = await ctx.repos.contestEvents.listAfter(contestId, afterId, limit);
  return rows.map((r) => ({ id: r.id, kind: r.kind, payload: r.payload }));
}
