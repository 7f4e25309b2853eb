import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ChangePasswordBody, LoginBody, MetaView, SessionView } from '../contracts/auth';
import { Ok } from '../contracts/common';
import { clearSessionCookie, setSessionCookie } from '../http/session';
import { tooMany, unauthenticated } from '../lib/errors';
import { presentSessionUser } from '../presenters/user.presenter';
import { changeOwnPassword, checkCredentials, logIn, logOut } from '../services/auth.service';
import { getMeta } from '../services/meta.service';
import type { RouteDeps } from './deps';

/** Login, logout, the current session, password change and public meta. */
export const authRoutes =
  (deps: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/meta', { schema: { tags: ['auth'], response: { 200: MetaView } } }, async (req) => ({
      ...(await deps.run.read(req, getMeta)),
      version: deps.version,
    }));

    app.post(
      '/api/auth/login',
      {
        schema: { tags: ['auth'], body: LoginBody, response: { 200: SessionView } },
        config: { csrfExempt: true },
      },
      async (req, reply) => {
        const client = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
        const verdict = await deps.run.read(req, (ctx) => checkCredentials(ctx, req.body, client));
        const outcome = await deps.run.write(req, (ctx) => logIn(ctx, req.body, client, verdict));
        if (!outcome.ok) {
          if (outcome.reason === 'throttled') throw tooMany('登录失败次数过多，请15分钟后再试');
          throw unauthenticated('用户名或密码错误');
        }
        setSessionCookie(reply, outcome.token, deps.settings.sessionAbsoluteSeconds, deps.cookieSecure);
        return { user: presentSessionUser(outcome.user), csrfToken: outcome.csrfToken };
      },
    );

    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], response: { 200: Ok } } },
      async (req, reply) => {
        await deps.run.write(req, logOut);
        clearSessionCookie(reply, deps.cookieSecure);
        return { ok: true as const };
      },
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: SessionView } } }, async (req) => {
      if (!req.sessionUser || !req.csrfToken) throw unauthenticated();
      return { user: presentSessionUser(req.sessionUser), csrfToken: req.csrfToken };
    });

    app.post(
      '/api/auth/password',
      { schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } } },
      async (req) => {
        await deps.run.write(req, (ctx) => changeOwnPassword(ctx, req.body));
        return { ok: true as const };
      },
    );
  };
