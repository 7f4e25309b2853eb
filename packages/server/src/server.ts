import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { createDb, type Database } from './db/createDb';
import { migrateToLatest } from './db/migrator';
import { isEmpty, seedDemoDistrict } from './demo/seedDemo';
import { createRepos } from './repositories';
import type { ServiceContext, ServiceSettings } from './services/context';

/** The settings use cases need, taken from the configuration. */
export function settingsFrom(config: Config): ServiceSettings {
  return {
    scryptLogN: config.scryptLogN,
    sessionSecret: config.sessionSecret,
    sessionIdleSeconds: config.sessionIdleSeconds,
    sessionAbsoluteSeconds: config.sessionAbsoluteSeconds,
  };
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: Config): Promise<Database> {
  const database = createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgSchema: config.pgSchema ?? undefined,
  });
  await migrateToLatest(database.db as never, database.dialect);
  return database;
}

/** Creates the demo district when the database is empty; returns whether it did. */
export async function seedDemoIfEmpty(database: Database, settings: ServiceSettings): Promise<boolean> {
  return database.db.transaction().execute(async (trx) => {
    const ctx: ServiceContext = {
      actor: null,
      repos: createRepos(trx, database.dialect),
      now: new Date().toISOString(),
      settings,
    };
    if (!(await isEmpty(ctx))) return false;
    await seedDemoDistrict(ctx);
    return true;
  });
}

/** Starts Wuxing: migrate, seed the demo district on first start, listen. Stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<{ app: FastifyInstance; database: Database }> {
  const database = await openDatabase(config);
  const settings = settingsFrom(config);
  const app = await buildApp({
    database,
    settings,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    webDist: config.webDist,
    dataDir: config.dataDir,
    redisUrl: config.redisUrl,
    logLevel: config.logLevel,
    streamRecheckMs: config.streamRecheckSeconds * 1000,
  });
  if (process.env.WUXING_DEMO !== '0' && (await seedDemoIfEmpty(database, settings)))
    app.log.info('已创建示例数据（石龙区）');
  await app.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, database };
}
