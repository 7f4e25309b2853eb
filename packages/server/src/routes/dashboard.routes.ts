import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BigScreenLinkView,
  BigScreenParams,
  BigScreenQuery,
  BigScreenView,
  DashboardQuery,
  DashboardView,
  VillageDashboardQuery,
  VillageDashboardView,
} from '../contracts/dashboard';
import { hijackStream } from '../http/stream';
import { DashboardFeed } from '../lib/dashboardFeed';
import { StreamAccessWatch } from '../lib/streamAccess';
import {
  presentBigScreen,
  presentDashboard,
  presentScreenLink,
  presentVillageDashboard,
} from '../presenters/dashboard.presenter';
import {
  getBigScreen,
  getBigScreenLink,
  getDashboard,
  getVillageDashboard,
  makeBigScreenLink,
  openBigScreenStream,
  readDashboardVersion,
} from '../services/dashboard.service';
import type { RouteDeps } from './deps';

const eventsDescription =
  'Server-Sent Events (text/event-stream): `retry: 2000`, then `event: version` with `data: {"version":"…"}` at ' +
  'once and whenever the data behind the big screen changes (refetch then), a `: ping` comment every 20 s. ' +
  '404 when the token does not match the current link; an open stream ends within 20 s of a new link.';

/**
 * 数据看板: `GET /api/dashboard` (district or street), `GET /api/dashboard/village`, the big-screen link
 * (`GET|POST /api/dashboard/screen-link`) and the public big screen (`GET /api/bigscreen/:token`, its SSE stream
 * `GET /api/bigscreen/:token/events`).
 */
export function dashboardRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['dashboard'];
    const feed = new DashboardFeed(
      () => deps.run.read(null, (ctx) => readDashboardVersion(ctx)),
      deps.live,
      app.log,
      deps.liveFeed?.pollMs ? { pollMs: deps.liveFeed.pollMs } : {},
    );
    const watch = new StreamAccessWatch(app.log, deps.streamRecheckMs);
    // Streams never end by themselves: end them first, so closing the server does not wait for them.
    app.addHook('preClose', async () => {
      watch.close();
      feed.close();
    });

    app.get(
      '/api/dashboard',
      { schema: { tags, querystring: DashboardQuery, response: { 200: DashboardView } } },
      async (req) => presentDashboard(await deps.run.read(req, (ctx) => getDashboard(ctx, req.query))),
    );

    app.get(
      '/api/dashboard/village',
      { schema: { tags, querystring: VillageDashboardQuery, response: { 200: VillageDashboardView } } },
      async (req) =>
        presentVillageDashboard(await deps.run.read(req, (ctx) => getVillageDashboard(ctx, req.query))),
    );

    app.get(
      '/api/dashboard/screen-link',
      { schema: { tags, response: { 200: BigScreenLinkView } } },
      async (req) => presentScreenLink(await deps.run.read(req, (ctx) => getBigScreenLink(ctx))),
    );

    app.post(
      '/api/dashboard/screen-link',
      { schema: { tags, response: { 200: BigScreenLinkView } } },
      async (req) => presentScreenLink(await deps.run.write(req, (ctx) => makeBigScreenLink(ctx))),
    );

    app.get(
      '/api/bigscreen/:token',
      {
        schema: {
          tags,
          params: BigScreenParams,
          querystring: BigScreenQuery,
          response: { 200: BigScreenView },
        },
      },
      async (req) =>
        presentBigScreen(await deps.run.read(req, (ctx) => getBigScreen(ctx, req.params.token, req.query))),
    );

    app.get(
      '/api/bigscreen/:token/events',
      { schema: { tags, description: eventsDescription, params: BigScreenParams } },
      async (req, reply) => {
        const { token } = req.params;
        const version = await deps.run.read(req, (ctx) => openBigScreenStream(ctx, token));
        const headers = hijackStream(reply);
        // A new screen link ends the streams of the old one (checked again while open).
        watch.watch(reply.raw, {
          key: `bigscreen:${token}`,
          check: () => deps.run.read(null, (ctx) => openBigScreenStream(ctx, token)),
        });
        feed.open(reply.raw, version, headers);
      },
    );
  };
}
