import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** Scoring-sheet templates, rounds, inspectors' sheets and photos. */
export function supervisionRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
