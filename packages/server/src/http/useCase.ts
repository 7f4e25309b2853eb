import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/createDb';
import { createRepos } from '../repositories';
import { resolveSession } from '../services/auth.service';
import type { ServiceContext, ServiceSettings } from '../services/context';

/** Runs use cases for requests: writes in one transaction, reads without one. */
export interface UseCaseRunner {
  /** Runs `fn` in a transaction that commits when it returns and rolls back when it throws. */
  write<T>(req: FastifyRequest | null, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  /** Runs a read-only use case outside a transaction. */
  read<T>(req: FastifyRequest | null, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  /**
   * Runs a read-only use case as the session a cookie token names, resolved afresh without moving its idle
   * deadline (an open stream re-checking its access); a session that has ended gives the use case no actor.
   */
  readAsSession<T>(token: string | undefined, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
}

/** Builds the runner that gives each use case its actor, repositories and clock. */
export function createUseCaseRunner(database: Database, settings: ServiceSettings): UseCaseRunner {
  const context = (req: FastifyRequest | null, repos: ServiceContext['repos']): ServiceContext => ({
    actor: req?.actor ?? null,
    repos,
    now: new Date().toISOString(),
    settings,
  });
  return {
    write: (req, fn) =>
      database.db.transaction().execute((trx) => fn(context(req, createRepos(trx, database.dialect)))),
    read: (req, fn) => fn(context(req, createRepos(database.db, database.dialect))),
    readAsSession: async (token, fn) => {
      const repos = createRepos(database.db, database.dialect);
      const now = new Date().toISOString();
      const resolved = token ? await resolveSession(repos, settings, token, now, { touch: false }) : null;
      return fn({ actor: resolved?.actor ?? null, repos, now, settings });
    },
  };
}
