import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler } from '../src/http/errors';

/** What the error handler answers for errors no use case turned into an AppError. */
describe('error handler', () => {
  const appThrowing = async (error: Error & { code?: string }) => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.post('/x', async () => {
      throw error;
    });
    await app.ready();
    return app;
  };

  it('answers a unique-constraint violation (a race past the lock) with 409, on both engines', async () => {
    for (const code of ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']) {
      const app = await appThrowing(Object.assign(new Error('duplicate key'), { code }));
      const res = await app.inject({ method: 'POST', url: '/x' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ error: { code: 'CONFLICT', message: '数据已被同时修改，请刷新后重试' } });
      await app.close();
    }
  });

  it('still answers any other unexpected error with 500 and no detail', async () => {
    const app = await appThrowing(Object.assign(new Error('boom at /secret/path'), { code: 'SQLITE_IOERR' }));
    const res = await app.inject({ method: 'POST', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    await app.close();
  });
});
