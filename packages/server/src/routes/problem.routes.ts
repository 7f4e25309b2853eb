import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** The problem ledger (问题台账), the rectification loop, statistics and notices (通报). */
export function problemRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
