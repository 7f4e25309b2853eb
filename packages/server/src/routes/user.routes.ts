import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../contracts/common';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserView } from '../contracts/users';
import { presentUser } from '../presenters/user.presenter';
import { createUser, listUsers, resetUserPassword, updateUser } from '../services/user.service';
import type { RouteDeps } from './deps';

/** Account management for district admins. */
export const userRoutes =
  (deps: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['users'];
    app.get(
      '/api/users',
      { schema: { tags, response: { 200: z.object({ users: z.array(UserView) }) } } },
      async (req) => ({
        users: (await deps.run.read(req, listUsers)).map(presentUser),
      }),
    );
    app.post(
      '/api/users',
      { schema: { tags, body: CreateUserBody, response: { 200: UserView } } },
      async (req) => presentUser(await deps.run.write(req, (ctx) => createUser(ctx, req.body))),
    );
    app.patch(
      '/api/users/:id',
      { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: UserView } } },
      async (req) =>
        presentUser(await deps.run.write(req, (ctx) => updateUser(ctx, req.params.id, req.body))),
    );
    app.post(
      '/api/users/:id/reset-password',
      { schema: { tags, params: IdParams, body: ResetPasswordBody, response: { 200: Ok } } },
      async (req) => {
        await deps.run.write(req, (ctx) => resetUserPassword(ctx, req.params.id, req.body));
        return { ok: true as const };
      },
    );
  };
