import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from './db/createDb';
import { installErrorHandler } from './http/errors';
import { installSessionHook } from './http/session';
import { createUseCaseRunner } from './http/useCase';
import type { FeedOptions } from './lib/contestFeed';
import { DASHBOARD_WAKE } from './lib/dashboardFeed';
import { createLiveBus, type LiveBus } from './lib/liveBus';
import { redactUrl } from './lib/redactUrl';
import { activityRoutes } from './routes/activity.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { bulletinRoutes } from './routes/bulletin.routes';
import { cadreRoutes } from './routes/cadre.routes';
import { campaignRoutes } from './routes/campaign.routes';
import { contestRoutes } from './routes/contest.routes';
import { contestLiveRoutes } from './routes/contestLive.routes';
import { courtyardRoutes } from './routes/courtyard.routes';
import { creationFileRoutes } from './routes/creationFile.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import type { RouteDeps } from './routes/deps';
import { inboxRoutes } from './routes/inbox.routes';
import { problemRoutes } from './routes/problem.routes';
import { publicationRoutes } from './routes/publication.routes';
import { ratingRoutes } from './routes/rating.routes';
import { resultsRoutes } from './routes/results.routes';
import { supervisionRoutes } from './routes/supervision.routes';
import { taskRoutes } from './routes/task.routes';
import { unitRoutes } from './routes/unit.routes';
import { userRoutes } from './routes/user.routes';
import { warningRoutes } from './routes/warning.routes';
import type { ServiceSettings } from './services/context';
import { MAX_WORKBOOK_BYTES } from './workbook/readWorkbook';

z.config(z.locales.zhCN());

export const VERSION = '0.1.0';

export interface AppOptions {
  database: Database;
  settings: ServiceSettings;
  cookieSecure?: boolean;
  /** Believe X-Forwarded-For only from these proxies (default: never), so login throttling sees real addresses. */
  trustProxy?: boolean | string;
  /** Where photos and other files are kept (DATA_DIR). */
  dataDir: string;
  /** Built web app to serve at `/`; null serves the API only. */
  webDist?: string | null;
  logLevel?: string;
  /** Structured JSON logs (default) or none. */
  logger?: boolean;
  /** Where the JSON log lines go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
  /** Redis for the live bus across instances (REDIS_URL); null keeps it in-process. */
  redisUrl?: string | null;
  /** Timings of the contests' live feeds (SSE); production uses the defaults, tests shorten the poll. */
  liveFeed?: FeedOptions;
  /** How often open event streams check their access again (ms, default 20 s); tests shorten it. */
  streamRecheckMs?: number;
  /** A live bus made by the caller (tests); by default one is made from `redisUrl`. Closed with the app. */
  liveBus?: LiveBus;
  /** Told of every route as it is registered (the authorisation matrix test uses it). */
  onRoute?: (route: { method: string; url: string }) => void;
}

/** Builds the Fastify app: session and CSRF hook, zod-validated routes, OpenAPI at /api/docs, the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: options.logLevel ?? 'info',
            ...(options.logStream ? { stream: options.logStream } : {}),
            // Request lines never carry a link's or a screen's token (redactUrl).
            serializers: {
              req: (req: FastifyRequest) => ({
                method: req.method,
                url: redactUrl(req.url),
                host: req.host,
                remoteAddress: req.ip,
              }),
            },
          },
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const onRoute = options.onRoute;
  if (onRoute)
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) onRoute({ method, url: r.url });
    });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Wuxing 五星 API', version: VERSION } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSessionHook(app, options.database, options.settings);

  const deps: RouteDeps = {
    run: createUseCaseRunner(options.database, options.settings),
    settings: options.settings,
    cookieSecure: options.cookieSecure ?? false,
    version: VERSION,
    dataDir: options.dataDir,
    live: options.liveBus ?? createLiveBus(options.redisUrl, app.log),
    ...(options.liveFeed ? { liveFeed: options.liveFeed } : {}),
    ...(options.streamRecheckMs ? { streamRecheckMs: options.streamRecheckMs } : {}),
  };
  app.addHook('onClose', async () => deps.live.close());
  // Every successful write may change what the dashboards show: wake the big screens' feeds (DASHBOARD_WAKE).
  app.addHook('onResponse', async (req, reply) => {
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      req.url.startsWith('/api/') &&
      reply.statusCode < 400
    )
      deps.live.notify(DASHBOARD_WAKE);
  });
  await app.register(authRoutes(deps));
  await app.register(unitRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(campaignRoutes(deps));
  await app.register(supervisionRoutes(deps));
  await app.register(problemRoutes(deps));
  await app.register(ratingRoutes(deps));
  await app.register(taskRoutes(deps));
  await app.register(warningRoutes(deps));
  await app.register(creationFileRoutes(deps));
  await app.register(cadreRoutes(deps));
  await app.register(activityRoutes(deps));
  await app.register(inboxRoutes(deps));
  await app.register(resultsRoutes(deps));
  await app.register(publicationRoutes(deps));
  await app.register(contestRoutes(deps));
  await app.register(contestLiveRoutes(deps));
  await app.register(courtyardRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(bulletinRoutes(deps));

  const webDist = options.webDist;
  if (webDist && existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET')
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_req, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
    );
  }
  return app;
}
