import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** 擂台赛 contests: setup, jury, lots, honours, cadre style, host console, judging, results. */
export function contestRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
