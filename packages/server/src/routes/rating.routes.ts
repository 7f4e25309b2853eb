import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from './deps';

/** 夺旗争先 awards, 一票否决 vetoes and the confirmed star ratings (五星支部评定). */
export function ratingRoutes(_deps: RouteDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
