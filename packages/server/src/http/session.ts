import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/createDb';
import { AppError, invalid } from '../lib/errors';
import type { Actor } from '../policies/actor';
import { createRepos } from '../repositories';
import type { UserListRow } from '../repositories/user.repository';
import { resolveSession } from '../services/auth.service';
import type { ServiceSettings } from '../services/context';

export const SESSION_COOKIE = 'wx_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionUser: UserListRow | null;
  }
  interface FastifyContextConfig {
    /** Routes that may change state without a session's CSRF token (login). */
    csrfExempt?: boolean;
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The path (`lines.0.note`) of the first text in a parsed body, query or path holding a NUL character, '' for
 * the whole value, or null when there is none. Walks without recursion, so no nesting depth can overflow it.
 */
export function nulCharacterPath(root: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return item.path;
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, value] of Object.entries(item.value)) {
        const path = item.path ? `${item.path}.${key}` : key;
        if (key.includes('\u0000')) return path;
        stack.push({ value, path });
      }
    }
  }
  return null;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when configured. */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}

/**
 * Resolves the session cookie into `request.actor` on every API request, and refuses any state-changing
 * request of a session that does not echo its CSRF token (login, which has no session yet, checks Origin).
 * Before any of that, text holding a NUL character is refused (400 naming the field): PostgreSQL cannot
 * store it (the insert failed with a 500) and SQLite would keep it, so both now refuse it alike.
 */
export function installSessionHook(
  app: FastifyInstance,
  database: Database,
  settings: ServiceSettings,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionUser', null);
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const path =
      nulCharacterPath(request.params) ?? nulCharacterPath(request.query) ?? nulCharacterPath(request.body);
    if (path !== null)
      throw invalid(`${path || '请求内容'}：不能包含空字符（\\u0000）`, path.split('.')[0] || undefined);
  });
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(
        createRepos(database.db, database.dialect),
        settings,
        token,
        new Date().toISOString(),
      );
      if (resolved) {
        request.actor = resolved.actor;
        request.csrfToken = resolved.csrfToken;
        request.sessionUser = resolved.user;
      }
    }
    // An account given a password by an administrator must choose its own before doing anything else.
    if (
      request.sessionUser?.must_change_password &&
      !request.url.startsWith('/api/auth/') &&
      !request.url.startsWith('/api/meta')
    )
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码后再继续操作');
    if (SAFE_METHODS.has(request.method)) return;
    if (request.routeOptions.config.csrfExempt) {
      const origin = request.headers.origin;
      const host = request.headers.host;
      if (origin && host && hostOf(origin) !== host) throw new AppError(403, 'CSRF', '请求来源不被允许');
      return;
    }
    if (request.actor && request.headers[CSRF_HEADER] !== request.csrfToken)
      throw new AppError(403, 'CSRF', '安全校验失败，请刷新页面后重试');
  });
}
