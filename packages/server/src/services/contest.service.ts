import { randomBytes } from 'node:crypto';
import { drawLots } from '@wuxing/core';
import type {
  CreateContestBody,
  DrawLotsBody,
  GoalsBody,
  HonourBody,
  UpdateContestBody,
} from '../contracts/contest';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId, newToken } from '../lib/ids';
import { authorize } from '../policies/policy';
import { recordAudit } from './audit.service';
import {
  appendEvent,
  type ContestDetail,
  type ContestWrite,
  detailOf,
  findContest,
  loadContest,
  participantOf,
  refuseAnnounced,
  requireDraft,
} from './contestLoader';
import type { ServiceContext } from './context';

/**
 * Setting up a 擂台赛 contest (district admins): create it with its groups' units, change its settings while it
 * is a draft, the units' goals, the lot drawing (draft only), honours entered one by one. Every change appends
 * a contest event in its transaction; the route wakes the live feeds after the commit.
 */

function checkSplit(jury: number, honour: number, cadre: number): void {
  const sum = jury + honour + cadre;
  if (Math.abs(sum - 100) > 1e-9)
    throw invalid(`综合汇报演说、所获荣誉、干部作风评价三项分值之和须为100（当前为${sum}）`, 'juryPoints');
}

/** `LT-2023-Q1` for a quarter period `2023Q1` / `2023-Q1`; `LT-<year>-<period>` otherwise. */
export function contestCodeFor(year: number, period: string, kind: string): string | null {
  const q = /^(\d{4})-?Q([1-4])$/i.exec(period.trim());
  if (kind === 'quarter' && q) return `LT-${q[1]}-Q${q[2]}`;
  const tail = period.trim().replace(/[^A-Za-z0-9_.-]/g, '');
  const code = `LT-${year}-${tail}`;
  return tail && code.length <= 40 ? code : null;
}

/**
 * Creates a contest in draft: the chosen contest groups (default: all, in their order) with every department
 * and street in them as participants. The three point parts must sum to 100 (400 `juryPoints`); a code in
 * use is 409.
 */
export async function createContest(
  ctx: ServiceContext,
  body: CreateContestBody,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  checkSplit(body.juryPoints, body.honourPoints, body.cadrePoints);
  const code = body.code ?? contestCodeFor(body.year, body.period, body.kind);
  if (!code) throw invalid('无法从期次生成比赛编号，请填写编号', 'code');
  const all = await ctx.repos.contestGroups.listWithCounts();
  const groups = body.groupCodes
    ? body.groupCodes.map((c, i) => {
        const g = all.find((x) => x.code === c);
        if (!g) throw invalid(`赛组 ${c} 不存在`, `groupCodes.${i}`);
        return g;
      })
    : all;
  if (new Set(groups.map((g) => g.id)).size !== groups.length) throw invalid('赛组重复', 'groupCodes');
  const units = await ctx.repos.contests.groupUnits(groups.map((g) => g.id));
  if (units.length === 0) throw invalid('所选赛组没有参赛单位', 'groupCodes');
  await ctx.repos.audit.lock();
  if (await ctx.repos.contests.findByCode(code)) throw conflict(`比赛编号 ${code} 已存在`, 'code');
  const id = newId();
  await ctx.repos.contests.insert({
    id,
    code,
    name: body.name,
    year: body.year,
    period: body.period,
    kind: body.kind,
    date: body.date,
    status: 'draft',
    jury_points: body.juryPoints,
    honour_points: body.honourPoints,
    cadre_points: body.cadrePoints,
    trim_from: body.trimFrom,
    speech_seconds: body.speechSeconds,
    honour_table: JSON.stringify(body.honourTable),
    screen_token: newToken(24),
    lot_seed: null,
    lots_drawn_at: null,
    lots_drawn_by_name: null,
    current_unit_id: null,
    timer_status: 'idle',
    timer_started_at: null,
    timer_remaining_ms: body.speechSeconds * 1000,
    started_at: null,
    finished_at: null,
    announced_at: null,
    results_json: null,
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    updated_at: ctx.now,
    demo: 0,
  });
  const order = new Map(groups.map((g, i) => [g.id, i + 1]));
  await ctx.repos.contests.insertUnits(
    units.map((u) => ({
      contest_id: id,
      unit_id: u.id,
      group_id: u.contest_group_id,
      group_order: order.get(u.contest_group_id) ?? 0,
      lot_order: null,
      state: 'waiting',
      goals: '',
      jury_score: null,
      honour_score: null,
      cadre_score: null,
      total: null,
      called_at: null,
      closed_at: null,
    })),
  );
  await recordAudit(ctx, {
    action: 'contest.create',
    entity: 'contest',
    entityId: id,
    before: null,
    after: {
      code,
      name: body.name,
      year: body.year,
      period: body.period,
      date: body.date,
      groups: groups.map((g) => g.code),
      units: units.length,
      juryPoints: body.juryPoints,
      honourPoints: body.honourPoints,
      cadrePoints: body.cadrePoints,
      trimFrom: body.trimFrom,
      speechSeconds: body.speechSeconds,
      honourTable: body.honourTable,
    },
  });
  await appendEvent(ctx, id, 'contest.status', { status: 'draft' });
  return { contestId: id, result: detailOf(await loadContest(ctx, code)) };
}

/** Changes a draft contest's settings (409 once started); the three parts must still sum to 100. */
export async function updateContest(
  ctx: ServiceContext,
  code: string,
  body: UpdateContestBody,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const c = await findContest(ctx, code);
  requireDraft(c, '比赛已开始，不能再修改设置');
  const next = {
    name: body.name ?? c.name,
    date: body.date ?? c.date,
    period: body.period ?? c.period,
    jury_points: body.juryPoints ?? c.jury_points,
    honour_points: body.honourPoints ?? c.honour_points,
    cadre_points: body.cadrePoints ?? c.cadre_points,
    trim_from: body.trimFrom ?? c.trim_from,
    speech_seconds: body.speechSeconds ?? c.speech_seconds,
    honour_table: body.honourTable ? JSON.stringify(body.honourTable) : c.honour_table,
  };
  checkSplit(next.jury_points, next.honour_points, next.cadre_points);
  const timer = c.timer_status === 'idle' ? { timer_remaining_ms: next.speech_seconds * 1000 } : {};
  await ctx.repos.contests.update(c.id, { ...next, ...timer, updated_at: ctx.now });
  const before = Object.fromEntries(Object.keys(next).map((k) => [k, c[k as keyof typeof next]]));
  await recordAudit(ctx, {
    action: 'contest.update',
    entity: 'contest',
    entityId: c.id,
    before,
    after: next,
  });
  await appendEvent(ctx, c.id, 'contest.updated', { what: 'settings' });
  return { contestId: c.id, result: detailOf(await loadContest(ctx, code)) };
}

/** Sets a participant's 季度重点工作目标 (any time before the results are announced). */
export async function setGoals(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: GoalsBody,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  refuseAnnounced(state.contest);
  const unit = participantOf(state, unitCode);
  if (unit.goals === body.goals) return { contestId: state.contest.id, result: detailOf(state) };
  await ctx.repos.contests.updateUnit(state.contest.id, unit.unit_id, { goals: body.goals });
  await recordAudit(ctx, {
    action: 'contest.goals',
    entity: 'contest',
    entityId: state.contest.id,
    before: { unit: unitCode, goals: unit.goals },
    after: { unit: unitCode, goals: body.goals },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'goals' });
  return { contestId: state.contest.id, result: detailOf(await loadContest(ctx, state.contest.code)) };
}

/**
 * 抽签: draws each group's speaking order from a seed (given, or 16 random hex digits) through core
 * `drawLots`, storing the seed, the time and who drew. Only while the contest is a draft (409
 * 比赛已开始，不能重新抽签); drawing again replaces the order.
 */
export async function drawContestLots(
  ctx: ServiceContext,
  code: string,
  body: DrawLotsBody,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  requireDraft(state.contest, '比赛已开始，不能重新抽签', 'seed');
  const seed = body.seed ?? randomBytes(8).toString('hex');
  const perGroup: Record<string, string[]> = {};
  for (const g of state.groups)
    perGroup[g.code] = state.units.filter((u) => u.group_id === g.id).map((u) => u.unit_code);
  const order = drawLots(seed, perGroup);
  const byCode = new Map(state.units.map((u) => [u.unit_code, u]));
  for (const codes of Object.values(order))
    for (const [i, unitCode] of codes.entries()) {
      const u = byCode.get(unitCode);
      if (u) await ctx.repos.contests.updateUnit(state.contest.id, u.unit_id, { lot_order: i + 1 });
    }
  await ctx.repos.contests.update(state.contest.id, {
    lot_seed: seed,
    lots_drawn_at: ctx.now,
    lots_drawn_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'contest.lots',
    entity: 'contest',
    entityId: state.contest.id,
    before: { seed: state.contest.lot_seed },
    after: { seed, order },
  });
  await appendEvent(ctx, state.contest.id, 'lots.drawn', { seed });
  return { contestId: state.contest.id, result: detailOf(await loadContest(ctx, state.contest.code)) };
}

/**
 * Replaces the contest's public screen token (any time): the old `/screen/…` link then answers 404, and an
 * open screen on it is told to refetch (and finds its link gone). The audit records that it happened, never a
 * token.
 */
export async function rotateScreenToken(
  ctx: ServiceContext,
  code: string,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const contest = await findContest(ctx, code);
  await ctx.repos.contests.update(contest.id, { screen_token: newToken(24), updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'contest.screenToken',
    entity: 'contest',
    entityId: contest.id,
    before: null,
    after: { screenToken: 'rotated' },
  });
  await appendEvent(ctx, contest.id, 'contest.updated', { what: 'screen' });
  return { contestId: contest.id, result: detailOf(await loadContest(ctx, contest.code)) };
}

/** Adds one honour of a participant (draft only). */
export async function addHonour(
  ctx: ServiceContext,
  code: string,
  body: HonourBody,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  requireDraft(state.contest, '比赛已开始，荣誉不能再修改');
  const unit = state.units.find((u) => u.unit_code === body.unitCode);
  if (!unit) throw invalid(`单位 ${body.unitCode} 不是本场比赛的参赛单位`, 'unitCode');
  const id = newId();
  await ctx.repos.contests.insertHonours([
    {
      id,
      contest_id: state.contest.id,
      unit_id: unit.unit_id,
      title: body.title,
      level: body.level,
      awarded_on: body.awardedOn,
      issuer: body.issuer,
      created_by_name: ctx.actor.displayName,
      created_at: ctx.now,
    },
  ]);
  await recordAudit(ctx, {
    action: 'contest.honour.add',
    entity: 'contest',
    entityId: state.contest.id,
    before: null,
    after: { id, ...body },
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'honours' });
  return { contestId: state.contest.id, result: detailOf(await loadContest(ctx, state.contest.code)) };
}

/** Removes one honour (draft only). */
export async function deleteHonour(
  ctx: ServiceContext,
  code: string,
  id: string,
): Promise<ContestWrite<ContestDetail>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  requireDraft(state.contest, '比赛已开始，荣誉不能再修改');
  const honour = state.honours.find((h) => h.id === id);
  if (!honour) throw notFound('荣誉记录不存在');
  await ctx.repos.contests.deleteHonour(state.contest.id, id);
  await recordAudit(ctx, {
    action: 'contest.honour.delete',
    entity: 'contest',
    entityId: state.contest.id,
    before: {
      id,
      unitCode: honour.unit_code,
      title: honour.title,
      level: honour.level,
      awardedOn: honour.awarded_on,
      issuer: honour.issuer,
    },
    after: null,
  });
  await appendEvent(ctx, state.contest.id, 'contest.updated', { what: 'honours' });
  return { contestId: state.contest.id, result: detailOf(await loadContest(ctx, state.contest.code)) };
}
