import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** Live contest updates: Server-Sent Events for logged-in users and for the big screen's token. */
export function contestLiveRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
