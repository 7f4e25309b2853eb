import { createHmac } from 'node:crypto';
import type { ChangePasswordBody, LoginBody } from '../contracts/auth';
import { invalid, unauthenticated } from '../lib/errors';
import { newToken } from '../lib/ids';
import { hashPassword, verifyPassword } from '../lib/password';
import type { Actor } from '../policies/actor';
import { authorize } from '../policies/policy';
import type { Repos } from '../repositories';
import type { UserListRow } from '../repositories/user.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext, ServiceSettings } from './context';

/** Failures of one username from one address before that pair is throttled. */
export const MAX_FAILURES_PER_PAIR = 5;
/** Failures from one address (any username) before the address is throttled. */
export const MAX_FAILURES_PER_IP = 50;
export const THROTTLE_WINDOW_SECONDS = 15 * 60;

const dummyHashes = new Map<number, Promise<string>>();
/** A hash to verify against when the username does not exist, so timing does not reveal it. */
function dummyHash(logN: number): Promise<string> {
  let h = dummyHashes.get(logN);
  if (!h) {
    h = hashPassword('wuxing-no-such-user', logN);
    dummyHashes.set(logN, h);
  }
  return h;
}

/** The database key of a session token: an HMAC, so a leaked sessions table cannot be replayed. */
export function sessionIdOf(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

function addSeconds(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}

export type LoginOutcome =
  | { ok: true; token: string; csrfToken: string; user: UserListRow }
  | { ok: false; reason: 'invalid' | 'throttled' };

/** What checking a login found, before anything is written. */
export type LoginVerdict = { kind: 'ok'; userId: string } | { kind: 'invalid' } | { kind: 'throttled' };

/**
 * Checks credentials without writing and without a transaction, so the deliberately slow scrypt never holds
 * the database. Throttled per username and address, so an attacker elsewhere cannot lock the real user out;
 * an unknown username costs the same hash as a known one.
 */
export async function checkCredentials(
  ctx: ServiceContext,
  body: LoginBody,
  client: { ip: string },
): Promise<LoginVerdict> {
  const since = addSeconds(ctx.now, -THROTTLE_WINDOW_SECONDS);
  const failures = await ctx.repos.sessions.failuresSince(body.username, client.ip, since);
  if (failures.pair >= MAX_FAILURES_PER_PAIR || failures.ip >= MAX_FAILURES_PER_IP)
    return { kind: 'throttled' };
  const user = await ctx.repos.users.findByUsername(body.username);
  const stored = user?.password_hash ?? (await dummyHash(ctx.settings.scryptLogN));
  const matches = await verifyPassword(body.password, stored);
  return user && matches && !user.disabled ? { kind: 'ok', userId: user.id } : { kind: 'invalid' };
}

/**
 * Records the attempt and, for good credentials, opens a new session (a fresh token every login). Runs in a
 * short write transaction after `checkCredentials`; a user disabled in between gets no session.
 */
export async function logIn(
  ctx: ServiceContext,
  body: LoginBody,
  client: { ip: string; userAgent: string | null },
  verdict: LoginVerdict,
): Promise<LoginOutcome> {
  if (verdict.kind === 'throttled') return { ok: false, reason: 'throttled' };
  const user = verdict.kind === 'ok' ? await ctx.repos.users.findById(verdict.userId) : undefined;
  if (!user || user.disabled) {
    await ctx.repos.sessions.recordAttempt(body.username, client.ip, ctx.now, false);
    return { ok: false, reason: 'invalid' };
  }
  await ctx.repos.sessions.recordAttempt(body.username, client.ip, ctx.now, true);
  await ctx.repos.sessions.clearFailures(body.username, client.ip);
  await ctx.repos.sessions.pruneAttempts(addSeconds(ctx.now, -24 * 3600));
  const token = newToken();
  const csrfToken = newToken();
  await ctx.repos.sessions.insert({
    id: sessionIdOf(token, ctx.settings.sessionSecret),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: ctx.now,
    last_seen_at: ctx.now,
    expires_at: addSeconds(ctx.now, ctx.settings.sessionAbsoluteSeconds),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
  });
  await ctx.repos.users.update(user.id, { last_login_at: ctx.now });
  return { ok: true, token, csrfToken, user };
}

/** Ends the current session on the server. */
export async function logOut(ctx: ServiceContext): Promise<void> {
  if (!ctx.actor) throw unauthenticated();
  await ctx.repos.sessions.delete(ctx.actor.sessionId);
}

/** A resolved session: the actor and the CSRF token its writes must carry. */
export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  user: UserListRow;
}

/**
 * Turns a session cookie into an actor, or null when the session is unknown, idle too long, past its
 * absolute lifetime, or its user is disabled. Expired sessions are deleted. A request moves the idle deadline
 * (`touch`); re-checking an open event stream does not, so a screen left open cannot keep a session alive.
 */
export async function resolveSession(
  repos: Repos,
  settings: ServiceSettings,
  token: string,
  now: string,
  { touch = true }: { touch?: boolean } = {},
): Promise<ResolvedSession | null> {
  const id = sessionIdOf(token, settings.sessionSecret);
  const session = await repos.sessions.findById(id);
  if (!session) return null;
  const idleDeadline = addSeconds(session.last_seen_at, settings.sessionIdleSeconds);
  if (session.expires_at <= now || idleDeadline <= now) {
    await repos.sessions.delete(id);
    return null;
  }
  const user = await repos.users.findById(session.user_id);
  if (!user || user.disabled) return null;
  if (touch && Date.parse(now) - Date.parse(session.last_seen_at) > 60_000)
    await repos.sessions.touch(id, now);
  const assignments = user.role === 'inspector' ? await repos.users.assignments(user.id) : [];
  return {
    user,
    csrfToken: session.csrf_token,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role as Actor['role'],
      scopeUnitId: user.scope_unit_id,
      scopePath: user.scope_unit_path,
      assignedPaths: assignments.map((a) => a.path),
      sessionId: id,
    },
  };
}

/** Changes the actor's own password after checking the current one; other sessions of the user end. */
export async function changeOwnPassword(ctx: ServiceContext, body: ChangePasswordBody): Promise<void> {
  authorize(ctx.actor, { do: 'self.changePassword' });
  const user = await ctx.repos.users.findById(ctx.actor.userId);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(body.currentPassword, user.password_hash)))
    throw invalid('当前密码不正确', 'currentPassword');
  if (body.currentPassword === body.newPassword) throw invalid('新密码不能与当前密码相同', 'newPassword');
  await ctx.repos.users.update(user.id, {
    password_hash: await hashPassword(body.newPassword, ctx.settings.scryptLogN),
    must_change_password: 0,
    password_changed_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.repos.sessions.deleteForUser(user.id, ctx.actor.sessionId);
  await recordAudit(ctx, {
    action: 'user.changePassword',
    entity: 'user',
    entityId: user.id,
    before: null,
    after: { passwordChangedAt: ctx.now },
  });
}
