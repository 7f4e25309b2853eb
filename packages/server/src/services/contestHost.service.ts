import { contestTotal, juryScore } from '@wuxing/core';
import type { CallSpeakerBody, CloseUnitBody, TimerAction, UnlockScoreBody } from '../contracts/contest';
import { conflict, notFound } from '../lib/errors';
import { authorize } from '../policies/policy';
import type { ContestRow, ParticipantRow } from '../repositories/contest.repository';
import { recordAudit } from './audit.service';
import {
  appendEvent,
  type ContestDetail,
  type ContestState,
  type ContestWrite,
  cadreScoreOf,
  currentUnit,
  detailOf,
  findContest,
  honourPointsOf,
  juryFor,
  loadContest,
  loadContestState,
  nextWaiting,
  participantOf,
  refuseAnnounced,
  remainingAt,
  requireRunning,
  scoresOf,
  type TimerState,
  timerOf,
} from './contestLoader';
import {
  type ConsistencyRow,
  computeResults,
  consistencyOf,
  type ResultGroup,
  type ResultsSnapshot,
} from './contestResults.service';
import type { ServiceContext } from './context';

/**
 * The host console (district admins): start the contest, call speakers, run the countdown, open and close a
 * unit's scoring (the jury score computed through core at close), unlock one judge's score with a reason,
 * finish and announce. Each change appends its contest events in its transaction.
 */

export interface ConsoleJudge {
  userId: string;
  displayName: string;
  recused: boolean;
  scored: boolean;
  scoredAt: string | null;
}

/** What the host console shows. */
export interface ConsoleData {
  detail: ContestDetail;
  current: ParticipantRow | null;
  next: ParticipantRow | null;
  timer: TimerState;
  judges: ConsoleJudge[];
  scoredCount: number;
  juryCount: number;
  ranking: ResultGroup[];
  consistency: ConsistencyRow[];
  lastEventId: number;
}

/** Builds the console's data from a loaded contest (never a judge's score value). */
export async function buildConsole(
  ctx: ServiceContext,
  state: ContestState,
  lastEventId: number,
): Promise<ConsoleData> {
  const current = currentUnit(state);
  const scores = current ? scoresOf(state, current.unit_id) : [];
  const judges = state.jury.map((j) => {
    const s = scores.find((x) => x.judge_id === j.user_id);
    return {
      userId: j.user_id,
      displayName: j.display_name,
      recused: current ? j.own_unit_id === current.unit_id : false,
      scored: Boolean(s),
      scoredAt: s?.submitted_at ?? null,
    };
  });
  return {
    detail: detailOf(state),
    current,
    next: nextWaiting(state),
    timer: timerOf(state.contest, ctx.now),
    judges,
    scoredCount: scores.length,
    juryCount: current ? juryFor(state, current.unit_id).length : 0,
    ranking: computeResults(state),
    consistency: consistencyOf(state),
    lastEventId,
  };
}

/** The host console of a contest. */
export async function getConsole(ctx: ServiceContext, code: string): Promise<ConsoleData> {
  authorize(ctx.actor, { do: 'contest.host' });
  // The newest event id BEFORE the state (see getScreen): a change in between is sent again, never lost.
  const lastEventId = await ctx.repos.contestEvents.latestId((await findContest(ctx, code)).id);
  return buildConsole(ctx, await loadContest(ctx, code), lastEventId);
}

/** Takes the lock, then loads the contest (so the state that decides the write is current). */
async function lockAndLoad(ctx: ServiceContext, code: string): Promise<ContestState> {
  await ctx.repos.audit.lock();
  return loadContest(ctx, code);
}

async function consoleAfter(ctx: ServiceContext, contest: ContestRow): Promise<ContestWrite<ConsoleData>> {
  // Inside the write's transaction (under the writers' lock): its own events are the newest.
  const lastEventId = await ctx.repos.contestEvents.latestId(contest.id);
  const fresh = await findContest(ctx, contest.code);
  return {
    contestId: contest.id,
    result: await buildConsole(ctx, await loadContestState(ctx, fresh), lastEventId),
  };
}

async function timerEvent(ctx: ServiceContext, contest: ContestRow, unitCode: string | null): Promise<void> {
  const c = await findContest(ctx, contest.code);
  const t = timerOf(c, ctx.now);
  await appendEvent(ctx, c.id, 'timer', {
    status: t.status,
    startedAt: t.startedAt,
    remainingMs: t.remainingMs,
    speechSeconds: t.speechSeconds,
    unitCode,
    at: ctx.now,
  });
}

/** Starts a draft contest: the lots must be drawn and the jury must have a judge (409 naming which). */
export async function startContest(ctx: ServiceContext, code: string): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  refuseAnnounced(c);
  if (c.status !== 'draft') throw conflict('比赛已开始', 'status');
  if (!c.lot_seed || state.units.some((u) => u.lot_order === null))
    throw conflict('尚未抽签，不能开始比赛', 'lots');
  if (state.jury.length === 0) throw conflict('尚未设置评委，不能开始比赛', 'jury');
  await ctx.repos.contests.update(c.id, { status: 'running', started_at: ctx.now, updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'contest.start',
    entity: 'contest',
    entityId: c.id,
    before: { status: c.status },
    after: { status: 'running' },
  });
  await appendEvent(ctx, c.id, 'contest.status', { status: 'running' });
  return consoleAfter(ctx, c);
}

/**
 * Calls the next waiting speaker (groups in order, lots in order) or the chosen one. Refused while the current
 * unit is being scored; a current speaker not yet opened for scoring goes back to waiting. The countdown
 * resets to the speech length.
 */
export async function callSpeaker(
  ctx: ServiceContext,
  code: string,
  body: CallSpeakerBody,
): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  requireRunning(c);
  const current = currentUnit(state);
  if (current?.state === 'scoring') throw conflict(`${current.unit_name}正在评分，请先结束评分`, 'unitCode');
  const target = body.unitCode ? participantOf(state, body.unitCode) : nextWaiting(state);
  if (!target) throw conflict('没有待上场的单位', 'unitCode');
  // Only a waiting unit, or the one speaking now (a re-call restarts its countdown); a scored unit stays scored.
  if (target.state !== 'waiting' && !(target.unit_id === current?.unit_id && target.state === 'speaking'))
    throw conflict(`${target.unit_name}已上场`, 'unitCode');
  if (current && current.state === 'speaking' && current.unit_id !== target.unit_id)
    await ctx.repos.contests.updateUnit(c.id, current.unit_id, { state: 'waiting', called_at: null });
  await ctx.repos.contests.updateUnit(c.id, target.unit_id, { state: 'speaking', called_at: ctx.now });
  await ctx.repos.contests.update(c.id, {
    current_unit_id: target.unit_id,
    timer_status: 'idle',
    timer_started_at: null,
    timer_remaining_ms: c.speech_seconds * 1000,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'contest.call',
    entity: 'contest',
    entityId: c.id,
    before: { current: current?.unit_code ?? null },
    after: { current: target.unit_code },
  });
  await appendEvent(ctx, c.id, 'speaker.called', {
    unitCode: target.unit_code,
    groupCode: target.group_code,
    lotOrder: target.lot_order,
  });
  await timerEvent(ctx, c, target.unit_code);
  return consoleAfter(ctx, c);
}

const TIMER_FROM: Record<TimerAction, readonly string[]> = {
  start: ['idle'],
  pause: ['running'],
  resume: ['paused'],
  reset: ['idle', 'running', 'paused', 'ended'],
  end: ['running', 'paused'],
};

const TIMER_REFUSAL: Record<TimerAction, string> = {
  start: '计时已开始，请先重置',
  pause: '计时未在进行',
  resume: '计时未暂停',
  reset: '',
  end: '计时未在进行',
};

/** Starts, pauses, resumes, resets or ends the current speaker's countdown. */
export async function controlTimer(
  ctx: ServiceContext,
  code: string,
  action: TimerAction,
): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  requireRunning(c);
  const current = currentUnit(state);
  if (current?.state !== 'speaking') throw conflict('当前没有正在演说的单位', 'action');
  if (!TIMER_FROM[action].includes(c.timer_status)) throw conflict(TIMER_REFUSAL[action], 'action');
  const left = remainingAt(c, ctx.now);
  const patch =
    action === 'start'
      ? { timer_status: 'running', timer_started_at: ctx.now, timer_remaining_ms: c.speech_seconds * 1000 }
      : action === 'pause'
        ? { timer_status: 'paused', timer_started_at: null, timer_remaining_ms: left }
        : action === 'resume'
          ? { timer_status: 'running', timer_started_at: ctx.now, timer_remaining_ms: left }
          : action === 'reset'
            ? { timer_status: 'idle', timer_started_at: null, timer_remaining_ms: c.speech_seconds * 1000 }
            : { timer_status: 'ended', timer_started_at: null, timer_remaining_ms: left };
  await ctx.repos.contests.update(c.id, { ...patch, updated_at: ctx.now });
  await recordAudit(ctx, {
    action: 'contest.timer',
    entity: 'contest',
    entityId: c.id,
    before: { timer: c.timer_status, remainingMs: left },
    after: { action, timer: patch.timer_status, remainingMs: patch.timer_remaining_ms },
  });
  await timerEvent(ctx, c, current.unit_code);
  return consoleAfter(ctx, c);
}

/** Opens the current speaker's scoring (speaking → scoring); a countdown still going ends. */
export async function openScoring(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  requireRunning(c);
  const unit = participantOf(state, unitCode);
  if (unit.unit_id !== c.current_unit_id || unit.state !== 'speaking')
    throw conflict(`${unit.unit_name}未在演说中，不能开始评分`, 'unitCode');
  await ctx.repos.contests.updateUnit(c.id, unit.unit_id, { state: 'scoring' });
  const timerGoing = c.timer_status === 'running' || c.timer_status === 'paused';
  if (timerGoing)
    await ctx.repos.contests.update(c.id, {
      timer_status: 'ended',
      timer_started_at: null,
      timer_remaining_ms: remainingAt(c, ctx.now),
      updated_at: ctx.now,
    });
  await recordAudit(ctx, {
    action: 'contest.open',
    entity: 'contest',
    entityId: c.id,
    before: { unit: unit.unit_code, state: unit.state },
    after: { unit: unit.unit_code, state: 'scoring' },
  });
  if (timerGoing) await timerEvent(ctx, c, unit.unit_code);
  await appendEvent(ctx, c.id, 'unit.scoring', {
    unitCode: unit.unit_code,
    juryCount: juryFor(state, unit.unit_id).length,
  });
  return consoleAfter(ctx, c);
}

/**
 * Closes a unit's scoring: needs at least one score; with judges still missing, `force` (409 naming `force`
 * and the judges otherwise). Stores the jury score (core: trimmed or plain mean), the honour and cadre points
 * as they stand, and the total.
 */
export async function closeUnit(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: CloseUnitBody,
): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  requireRunning(c);
  const unit = participantOf(state, unitCode);
  if (unit.state !== 'scoring') throw conflict('该单位未开始评分/已结束评分', 'unitCode');
  const scores = scoresOf(state, unit.unit_id);
  if (scores.length === 0) throw conflict('尚无评委评分，不能结束评分', 'unitCode');
  const scored = new Set(scores.map((s) => s.judge_id));
  const missing = juryFor(state, unit.unit_id).filter((j) => !scored.has(j.user_id));
  if (missing.length > 0 && !body.force)
    throw conflict(
      `尚有评委未评分：${missing.map((j) => j.display_name).join('、')}；确需结束请选择强制结束`,
      'force',
    );
  const jury = juryScore(
    scores.map((s) => s.score),
    c.trim_from,
  );
  const juryValue = jury?.score ?? 0;
  const honour = honourPointsOf(state, unit.unit_id).points;
  const cadre = cadreScoreOf(state, unit.unit_id) ?? 0;
  const total = contestTotal(juryValue, honour, cadre);
  await ctx.repos.contests.updateUnit(c.id, unit.unit_id, {
    state: 'closed',
    closed_at: ctx.now,
    jury_score: juryValue,
    honour_score: honour,
    cadre_score: cadre,
    total,
  });
  await recordAudit(ctx, {
    action: 'contest.close',
    entity: 'contest',
    entityId: c.id,
    before: { unit: unit.unit_code, state: unit.state },
    after: {
      unit: unit.unit_code,
      state: 'closed',
      scores: scores.map((s) => ({ judge: s.judge_id, score: s.score })),
      trimmed: jury?.trimmed ?? false,
      jury: juryValue,
      honour,
      cadre,
      total,
      forcedWithout: missing.map((j) => j.username),
    },
  });
  await appendEvent(ctx, c.id, 'unit.closed', {
    unitCode: unit.unit_code,
    groupCode: unit.group_code,
    jury: juryValue,
    honour,
    cadre,
    total,
  });
  return consoleAfter(ctx, c);
}

/**
 * Unlocks one judge's score of a unit for a correction, with a reason: while the unit is being scored, or
 * after it closed as long as the results are not announced and no other unit is on stage — then the unit
 * reopens for scoring (its figures are cleared and recomputed at the next close) and becomes the current
 * unit again; a finished contest goes back to running.
 */
export async function unlockScore(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  judgeId: string,
  body: UnlockScoreBody,
): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  refuseAnnounced(c);
  if (c.status === 'draft') throw conflict('比赛尚未开始', 'status');
  const unit = participantOf(state, unitCode);
  if (unit.state !== 'scoring' && unit.state !== 'closed')
    throw conflict('该单位未开始评分/已结束评分', 'unitCode');
  const current = currentUnit(state);
  const reopening = unit.state === 'closed';
  if (reopening && current && current.unit_id !== unit.unit_id && current.state !== 'closed')
    throw conflict(`${current.unit_name}正在演说或评分，请结束后再解锁其他单位的评分`, 'unitCode');
  const score = scoresOf(state, unit.unit_id).find((s) => s.judge_id === judgeId);
  if (!score) throw notFound('该评委尚未为该单位评分');
  await ctx.repos.contests.unlockScore(score.id, {
    unlocked_at: ctx.now,
    unlocked_by_name: ctx.actor.displayName,
    unlock_reason: body.reason,
  });
  if (reopening) {
    await ctx.repos.contests.updateUnit(c.id, unit.unit_id, {
      state: 'scoring',
      closed_at: null,
      jury_score: null,
      honour_score: null,
      cadre_score: null,
      total: null,
    });
    await ctx.repos.contests.update(c.id, {
      current_unit_id: unit.unit_id,
      ...(c.status === 'finished' ? { status: 'running', finished_at: null } : {}),
      updated_at: ctx.now,
    });
  }
  await recordAudit(ctx, {
    action: 'contest.unlock',
    entity: 'contest',
    entityId: c.id,
    before: {
      unit: unit.unit_code,
      judge: judgeId,
      score: score.score,
      state: unit.state,
      jury: unit.jury_score,
      total: unit.total,
    },
    after: { unit: unit.unit_code, judge: judgeId, reason: body.reason, state: 'scoring' },
  });
  const juryCount = juryFor(state, unit.unit_id).length;
  if (reopening && c.status === 'finished')
    await appendEvent(ctx, c.id, 'contest.status', { status: 'running' });
  // No judge id: the public screen's stream carries this event too (the console and the judge refetch).
  await appendEvent(ctx, c.id, 'score.unlocked', {
    unitCode: unit.unit_code,
    scoredCount: scoresOf(state, unit.unit_id).length - 1,
    juryCount,
  });
  if (reopening) await appendEvent(ctx, c.id, 'unit.scoring', { unitCode: unit.unit_code, juryCount });
  return consoleAfter(ctx, c);
}

/** Finishes a running contest (no unit may be on stage or being scored). */
export async function finishContest(ctx: ServiceContext, code: string): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.host' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  requireRunning(c);
  const busy = state.units.find((u) => u.state === 'speaking' || u.state === 'scoring');
  if (busy) throw conflict(`${busy.unit_name}仍在演说或评分中，不能结束比赛`, 'status');
  await ctx.repos.contests.update(c.id, {
    status: 'finished',
    finished_at: ctx.now,
    current_unit_id: null,
    timer_status: 'idle',
    timer_started_at: null,
    timer_remaining_ms: c.speech_seconds * 1000,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'contest.finish',
    entity: 'contest',
    entityId: c.id,
    before: { status: c.status },
    after: { status: 'finished', closed: state.units.filter((u) => u.state === 'closed').length },
  });
  await appendEvent(ctx, c.id, 'contest.status', { status: 'finished' });
  return consoleAfter(ctx, c);
}

/** Announces a finished contest: the results are frozen into a snapshot and everything locks. */
export async function announceContest(ctx: ServiceContext, code: string): Promise<ContestWrite<ConsoleData>> {
  authorize(ctx.actor, { do: 'contest.manage' });
  const state = await lockAndLoad(ctx, code);
  const c = state.contest;
  refuseAnnounced(c);
  if (c.status !== 'finished') throw conflict('比赛尚未结束，不能公布结果', 'status');
  const snapshot: ResultsSnapshot = { version: 1, groups: computeResults(state) };
  await ctx.repos.contests.update(c.id, {
    status: 'announced',
    announced_at: ctx.now,
    results_json: JSON.stringify(snapshot),
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'contest.announce',
    entity: 'contest',
    entityId: c.id,
    before: { status: c.status },
    after: {
      status: 'announced',
      results: snapshot.groups.map((g) => ({
        group: g.groupCode,
        rows: g.rows.map((r) => [r.unitCode, r.rank, r.total]),
      })),
    },
  });
  await appendEvent(ctx, c.id, 'contest.status', { status: 'announced' });
  await appendEvent(ctx, c.id, 'results.announced', { at: ctx.now });
  return consoleAfter(ctx, c);
}
