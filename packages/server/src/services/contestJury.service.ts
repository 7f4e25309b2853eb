import { createHash } from 'node:crypto';
import type { AddJudgeBody, JudgeLinkLoginBody } from '../contracts/contest';
import { AppError, conflict, invalid, notFound, unauthenticated } from '../lib/errors';
import { newId, newToken } from '../lib/ids';
import { authorize } from '../policies/policy';
import type { UserListRow } from '../repositories/user.repository';
import { recordAudit } from './audit.service';
import { logIn } from './auth.service';
import {
  appendEvent,
  type ContestDetail,
  type ContestWrite,
  detailOf,
  loadContest,
  refuseAnnounced,
  requireDraft,
} from './contestLoader';
import type { ServiceContext } from './context';
import { createUser } from './user.service';

/**
 * The jury (district admins): judge accounts created on the spot (generated username, random password) or
 * existing ones, each with an optional own unit (回避), and one-time login links — a random token whose
 * sha256 is stored, valid 24 h, used once — that log a judge straight in.
 */

/** How long a judge's login link is valid. */
export const JUDGE_LINK_HOURS = 24;

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedLink {
  token: string;
  path: string;
  expiresAt: string;
}

export interface JudgeAdded {
  userId: string;
  link: IssuedLink;
  password: string | null;
  detail: ContestDetail;
}

/** Makes a new link for a judge of a contest; the judge's earlier unused links end. */
async function issueLink(ctx: ServiceContext, contestId: string, userId: string): Promise<IssuedLink> {
  await ctx.repos.contests.expireLinks(contestId, userId, ctx.now);
  const token = newToken(24);
  const expiresAt = new Date(Date.parse(ctx.now) + JUDGE_LINK_HOURS * 3600 * 1000).toISOString();
  await ctx.repos.contests.insertLink({
    id: newId(),
    token_hash: hashLinkToken(token),
    user_id: userId,
    contest_id: contestId,
    expires_at: expiresAt,
    used_at: null,
    created_by_name: ctx.actor?.displayName ?? '系统',
    created_at: ctx.now,
  });
  return { token, path: `/j/${token}`, expiresAt };
}

/** The next free generated username: judge-01, judge-02 … */
async function nextJudgeUsername(ctx: ServiceContext): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const username = `judge-${String(n).padStart(2, '0')}`;
    if (!(await ctx.repos.users.findByUsername(username))) return username;
  }
  throw conflict('无法生成评委用户名', 'displayName');
}

/** Judge accounts that can be put on a jury (district admins). */
export async function listJudgeAccounts(
  ctx: ServiceContext,
): Promise<{ id: string; username: string; display_name: string }[]> {
  authorize(ctx.actor, { do: 'contest.manage' });
  return ctx.repos.contests.judgeAccounts();
}

/**
 * Puts a judge on the jury while the contest is a draft or running: an existing judge account (`userId`) or a
 * new one (`displayName`: generated username, random password shown once). `ownUnitCode` must be a
 * participant (回避). Returns a fresh one-time login link.
 */
export async function addJudge(
  ctx: ServiceContext,
  code: string,
  body: AddJudgeBody,
): Promise<ContestWrite<JudgeAdded>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  refuseAnnounced(state.contest);
  if (state.contest.status === 'finished') throw conflict('比赛已结束，不能再增加评委', 'status');
  const own = body.ownUnitCode ? state.units.find((u) => u.unit_code === body.ownUnitCode) : null;
  if (body.ownUnitCode && !own)
    throw invalid(`单位 ${body.ownUnitCode} 不是本场比赛的参赛单位`, 'ownUnitCode');
  let user: UserListRow | undefined;
  let password: string | null = null;
  if (body.userId) {
    user = await ctx.repos.users.findById(body.userId);
    if (user?.role !== 'judge') throw invalid('所选账号不是评委账号', 'userId');
    if (state.jury.some((j) => j.user_id === body.userId))
      throw conflict(`${user.display_name} 已在评委名单中`, 'userId');
  } else {
    if (!body.displayName) throw invalid('请填写评委姓名', 'displayName');
    password = newToken(9);
    const created = await createUser(
      ctx,
      {
        username: await nextJudgeUsername(ctx),
        displayName: body.displayName,
        role: 'judge',
        password,
      },
      { mustChangePassword: false },
    );
    user = created.user;
  }
  await ctx.repos.contests.insertJudges([
    { contest_id: state.contest.id, user_id: user.id, own_unit_id: own?.unit_id ?? null, added_at: ctx.now },
  ]);
  const link = await issueLink(ctx, state.contest.id, user.id);
  await recordAudit(ctx, {
    action: 'contest.judge.add',
    entity: 'contest',
    entityId: state.contest.id,
    before: null,
    after: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      ownUnitCode: own?.unit_code ?? null,
      linkExpiresAt: link.expiresAt,
    },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'jury' });
  return {
    contestId: state.contest.id,
    result: {
      userId: user.id,
      link,
      password,
      detail: detailOf(await loadContest(ctx, state.contest.code)),
    },
  };
}

/** A new one-time login link for a judge on the jury; the judge's earlier unused links end. */
export async function renewJudgeLink(
  ctx: ServiceContext,
  code: string,
  userId: string,
): Promise<ContestWrite<JudgeAdded>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  refuseAnnounced(state.contest);
  const judge = state.jury.find((j) => j.user_id === userId);
  if (!judge) throw notFound('该评委不在本场比赛的评委名单中');
  const link = await issueLink(ctx, state.contest.id, userId);
  await recordAudit(ctx, {
    action: 'contest.judge.link',
    entity: 'contest',
    entityId: state.contest.id,
    before: null,
    after: { userId, username: judge.username, linkExpiresAt: link.expiresAt },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'jury' });
  return {
    contestId: state.contest.id,
    result: { userId, link, password: null, detail: detailOf(await loadContest(ctx, state.contest.code)) },
  };
}

/** Takes a judge off the jury (draft only); their links end. The account stays. */
export async function removeJudge(
  ctx: ServiceContext,
  code: string,
  userId: string,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  requireDraft(state.contest, '比赛已开始，不能再移除评委');
  const judge = state.jury.find((j) => j.user_id === userId);
  if (!judge) throw notFound('该评委不在本场比赛的评委名单中');
  await ctx.repos.contests.deleteJudge(state.contest.id, userId);
  await recordAudit(ctx, {
    action: 'contest.judge.remove',
    entity: 'contest',
    entityId: state.contest.id,
    before: { userId, username: judge.username, ownUnitCode: judge.own_unit_code },
    after: null,
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'jury' });
  return { contestId: state.contest.id, result: detailOf(await loadContest(ctx, state.contest.code)) };
}

export interface JudgeLinkLogin {
  token: string;
  csrfToken: string;
  user: UserListRow;
  contestCode: string;
}

/**
 * Logs a judge in with a one-time link: unknown token 400 (`token`), used 410 链接已使用, expired 410, a judge no
 * longer on the jury 410. The link is marked used in the transaction that opens the session.
 */
export async function logInWithJudgeLink(
  ctx: ServiceContext,
  body: JudgeLinkLoginBody,
  client: { ip: string; userAgent: string | null },
): Promise<JudgeLinkLogin> {
  const link = await ctx.repos.contests.findLinkByHash(hashLinkToken(body.token));
  if (!link) throw invalid('登录链接无效，请向主持人索取新的链接', 'token');
  if (link.used_at) throw new AppError(410, 'GONE', '链接已使用，请向主持人索取新的链接', 'token');
  if (link.expires_at <= ctx.now)
    throw new AppError(410, 'GONE', '链接已过期，请向主持人索取新的链接', 'token');
  const contest = await ctx.repos.contests.findById(link.contest_id);
  const onJury = contest
    ? (await ctx.repos.contests.jury(contest.id)).some((j) => j.user_id === link.user_id)
    : false;
  if (!contest || !onJury) throw new AppError(410, 'GONE', '该评委已不在评委名单中，链接已失效', 'token');
  const user = await ctx.repos.users.findById(link.user_id);
  if (!user || user.disabled) throw unauthenticated('评委账号已停用');
  if (!(await ctx.repos.contests.useLink(link.id, ctx.now)))
    throw new AppError(410, 'GONE', '链接已使用，请向主持人索取新的链接', 'token');
  const outcome = await logIn(ctx, { username: user.username, password: '' }, client, {
    kind: 'ok',
    userId: user.id,
  });
  if (!outcome.ok) throw unauthenticated('评委账号已停用');
  await recordAudit(ctx, {
    action: 'contest.judge.linkLogin',
    entity: 'contest',
    entityId: contest.id,
    before: null,
    after: { userId: user.id, username: user.username, linkId: link.id },
  });
  return {
    token: outcome.token,
    csrfToken: outcome.csrfToken,
    user: outcome.user,
    contestCode: contest.code,
  };
}
