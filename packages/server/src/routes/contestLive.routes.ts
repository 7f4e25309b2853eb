import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ContestCodeParams, ScreenTokenParams } from '../contracts/contest';
import { LiveEventsQuery } from '../contracts/contestLive';
import { SESSION_COOKIE } from '../http/session';
import { hijackStream } from '../http/stream';
import { ContestFeeds } from '../lib/contestFeed';
import { type StreamAccess, StreamAccessWatch } from '../lib/streamAccess';
import { openContestStream, openScreenStream, readContestFeed } from '../services/contestLive.service';
import type { RouteDeps } from './deps';

/** The position a client resumes from: the `Last-Event-ID` header, else `?lastEventId=`, else none. */
function resumeFrom(req: FastifyRequest, query: LiveEventsQuery): number | null {
  const header = req.headers['last-event-id'];
  const text = Array.isArray(header) ? header[0] : header;
  if (text && /^\d{1,15}$/.test(text.trim())) return Number(text.trim());
  return query.lastEventId ?? null;
}

const description =
  'Server-Sent Events (text/event-stream): `retry: 2000`, then each contest event as `id`, `event` (its kind) ' +
  'and `data` (its JSON payload), a `: ping` comment every 15 s. Resumes after `Last-Event-ID` or ' +
  '`?lastEventId=` from the database; without either, starts at the newest event. Access is checked again ' +
  'every 20 s while open: the stream ends after logout, when the user is disabled or leaves the jury, or when ' +
  'the screen link is rotated.';

/**
 * Live contest updates: Server-Sent Events for logged-in users (district admins, judges on the jury) and for
 * the big screen's token. Errors (401/403/404) are answered as JSON before the stream starts; once
 * authorised, the response is taken over (`hijack`) and handed to this instance's feed of the contest.
 */
export function contestLiveRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['contests'];
    const feeds = new ContestFeeds(
      (contestId, afterId, limit) =>
        deps.run.read(null, (ctx) => readContestFeed(ctx, contestId, afterId, limit)),
      deps.live,
      app.log,
      deps.liveFeed,
    );
    // Each stream's access is checked again while it is open: logging out or rotating the screen link ends it.
    const watch = new StreamAccessWatch(app.log, deps.streamRecheckMs);
    // Streams never end by themselves: end them first, so closing the server does not wait for them.
    app.addHook('preClose', async () => {
      watch.close();
      feeds.close();
    });

    const stream = async (
      req: FastifyRequest,
      reply: FastifyReply,
      query: LiveEventsQuery,
      opened: { contestId: string; latestId: number },
      access: StreamAccess,
    ) => {
      const headers = hijackStream(reply);
      watch.watch(reply.raw, access);
      await feeds.open(
        opened.contestId,
        reply.raw,
        { lastId: resumeFrom(req, query), latestId: opened.latestId },
        headers,
      );
    };

    app.get(
      '/api/contests/:code/events',
      { schema: { tags, description, params: ContestCodeParams, querystring: LiveEventsQuery } },
      async (req, reply) => {
        const { code } = req.params;
        const opened = await deps.run.read(req, (ctx) => openContestStream(ctx, code));
        const token = req.cookies[SESSION_COOKIE];
        await stream(req, reply, req.query, opened, {
          key: `session:${req.actor?.sessionId}:${code}`,
          check: () => deps.run.readAsSession(token, (ctx) => openContestStream(ctx, code)),
        });
      },
    );

    app.get(
      '/api/screens/:token/events',
      { schema: { tags, description, params: ScreenTokenParams, querystring: LiveEventsQuery } },
      async (req, reply) => {
        const { token } = req.params;
        const opened = await deps.run.read(req, (ctx) => openScreenStream(ctx, token));
        await stream(req, reply, req.query, opened, {
          key: `screen:${token}`,
          check: () => deps.run.read(null, (ctx) => openScreenStream(ctx, token)),
        });
      },
    );
  };
}
