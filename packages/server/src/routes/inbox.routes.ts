import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InboxReadBody, InboxView } from '../contracts/inbox';
import { presentInbox } from '../presenters/inbox.presenter';
import { getInbox, markInboxRead } from '../services/inbox.service';
import type { RouteDeps } from './deps';

/** 消息提醒: the signed-in user's inbox and its read marks (both writes idempotent by nature: a set of marks). */
export function inboxRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['inbox'];
    const response = { 200: InboxView };

    app.get('/api/inbox', { schema: { tags, response } }, async (req) =>
      presentInbox(await deps.run.read(req, (ctx) => getInbox(ctx))),
    );

    app.post('/api/inbox/read', { schema: { tags, body: InboxReadBody, response } }, async (req) =>
      presentInbox(await deps.run.write(req, (ctx) => markInboxRead(ctx, req.body.keys))),
    );

    app.post(
      '/api/inbox/read-all',
      { schema: { tags, body: z.object({}).optional(), response } },
      async (req) => presentInbox(await deps.run.write(req, (ctx) => markInboxRead(ctx, 'all'))),
    );
  };
}
