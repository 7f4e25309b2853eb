import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** 五美庭院: households, applications, evaluations, levels, awards, statistics. */
export function courtyardRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
