import { hasAtMostOneDecimal } from '@wuxing/core';
import type { SubmitScoreBody } from '../contracts/contest';
import { conflict, forbidden, invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import type { ContestScoreRow, JuryRow, ParticipantRow } from '../repositories/contest.repository';
import { recordAudit } from './audit.service';
import {
  appendEvent,
  type ContestState,
  type ContestWrite,
  currentUnit,
  findContest,
  juryFor,
  loadContest,
  loadContestState,
  participantOf,
  scoresOf,
  type TimerState,
  timerOf,
} from './contestLoader';
import type { ServiceContext } from './context';

/**
 * Judges' scoring: a judge on the jury scores the unit being scored once (0 … juryPoints, one decimal at most);
 * the score locks. A retry with the same idempotency key and body is a replay. Judges see only their own
 * scores and how many they have scored — never anyone else's score.
 */

const KEY_UNLOCKED = '该幂等键提交的分数已被主持人解锁，请重新提交（使用新的幂等键）';
const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

export interface MyScore {
  unitCode: string;
  unitName: string;
  score: number;
  submittedAt: string;
}

/** A judge's page. */
export interface JudgeViewData {
  state: ContestState;
  judge: JuryRow;
  current: ParticipantRow | null;
  currentUnit: {
    recused: boolean;
    myScore: number | null;
    submittedAt: string | null;
    canScore: boolean;
  } | null;
  timer: TimerState;
  scoredCount: number;
  scorableCount: number;
  myScores: MyScore[];
  lastEventId: number;
}

export interface JudgeContestSummary {
  code: string;
  name: string;
  date: string;
  status: string;
  scoredCount: number;
  scorableCount: number;
}

function myScores(state: ContestState, judgeId: string): MyScore[] {
  const byId = new Map(state.units.map((u) => [u.unit_id, u]));
  return state.scores
    .filter((s) => s.judge_id === judgeId)
    .map((s) => ({
      unitCode: byId.get(s.unit_id)?.unit_code ?? '',
      unitName: byId.get(s.unit_id)?.unit_name ?? '',
      score: s.score,
      submittedAt: s.submitted_at,
    }));
}

function scorable(state: ContestState, judge: JuryRow): number {
  return state.units.filter((u) => u.unit_id !== judge.own_unit_id).length;
}

/** The jury member acting, or 403 (a district admin not on the jury included). */
function judgeOf(ctx: ServiceContext, state: ContestState): JuryRow {
  const judge = ctx.actor ? state.jury.find((j) => j.user_id === ctx.actor?.userId) : undefined;
  if (!judge) throw forbidden('您不是本场比赛的评委');
  return judge;
}

async function buildJudgeView(
  ctx: ServiceContext,
  state: ContestState,
  judge: JuryRow,
  lastEventId: number,
): Promise<JudgeViewData> {
  const current = currentUnit(state);
  const mine = current
    ? scoresOf(state, current.unit_id).find((s) => s.judge_id === judge.user_id)
    : undefined;
  const recused = current ? current.unit_id === judge.own_unit_id : false;
  const list = myScores(state, judge.user_id);
  return {
    state,
    judge,
    current,
    currentUnit: current
      ? {
          recused,
          myScore: mine?.score ?? null,
          submittedAt: mine?.submitted_at ?? null,
          canScore: state.contest.status === 'running' && current.state === 'scoring' && !recused && !mine,
        }
      : null,
    timer: timerOf(state.contest, ctx.now),
    scoredCount: list.length,
    scorableCount: scorable(state, judge),
    myScores: list,
    lastEventId,
  };
}

/** The contests the actor sits on the jury of, with the count scored. */
export async function listJudgeContests(ctx: ServiceContext): Promise<JudgeContestSummary[]> {
  authorize(ctx.actor, { do: 'contest.read' });
  const contests = await ctx.repos.contests.listForJudge(ctx.actor.userId);
  const out: JudgeContestSummary[] = [];
  for (const c of contests) {
    const state = await loadContestState(ctx, c);
    const judge = judgeOf(ctx, state);
    out.push({
      code: c.code,
      name: c.name,
      date: c.date,
      status: c.status,
      scoredCount: myScores(state, judge.user_id).length,
      scorableCount: scorable(state, judge),
    });
  }
  return out;
}

/** A judge's page of a contest: 403 for anyone not on the jury. */
export async function getJudgeView(ctx: ServiceContext, code: string): Promise<JudgeViewData> {
  authorize(ctx.actor, { do: 'contest.read' });
  // The newest event id BEFORE the state (see getScreen): a change in between is sent again, never lost.
  const lastEventId = await ctx.repos.contestEvents.latestId((await findContest(ctx, code)).id);
  const state = await loadContest(ctx, code);
  const judge = judgeOf(ctx, state);
  return buildJudgeView(ctx, state, judge, lastEventId);
}

export interface ScoreResult {
  replayed: boolean;
  score: MyScore;
  view: JudgeViewData;
}

/**
 * Submits the acting judge's score of a unit. Refused: not on the jury 403, own unit 403 (回避), score out of
 * bounds or with more than one decimal 400 `score`, contest announced 409, unit not being scored 409, a second
 * score 409 (已提交，分数已锁定). The same idempotency key and body again is a replay (200); the key with
 * another body is 409, and so is the key of a score the host has since unlocked (a retry must not pass the
 * unlocked score off as the current one).
 */
export async function submitScore(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
  body: SubmitScoreBody,
): Promise<ContestWrite<ScoreResult>> {
  authorize(ctx.actor, { do: 'contest.read' });
  const actorId = ctx.actor.userId;
  await ctx.repos.audit.lock();
  const state = await loadContest(ctx, code);
  const c = state.contest;
  const onJury = state.jury.some((j) => j.user_id === actorId);
  // Jury membership before the unit lookup: someone off the jury learns nothing about which units take part.
  if (!onJury) throw forbidden('您不是本场比赛的评委，不能评分');
  const unit = participantOf(state, unitCode);
  const ownUnit = state.jury.some((j) => j.user_id === actorId && j.own_unit_id === unit.unit_id);
  if (ownUnit) throw forbidden(`${unit.unit_name}是您所在单位，须回避，不能评分`);
  authorize(ctx.actor, { do: 'contest.judge', onJury, ownUnit });
  const judge = judgeOf(ctx, state);
  const print = JSON.stringify([c.id, unit.unit_id, judge.user_id, body.score]);
  const existing = await ctx.repos.contests.findScoreByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    // The score this key stored was unlocked by the host: it no longer counts, so it is not a replay.
    if (existing.status !== 'active') throw conflict(KEY_UNLOCKED, 'idempotencyKey');
    return {
      contestId: c.id,
      result: {
        replayed: true,
        score: {
          unitCode,
          unitName: unit.unit_name,
          score: existing.score,
          submittedAt: existing.submitted_at,
        },
        view: await buildJudgeView(ctx, state, judge, await ctx.repos.contestEvents.latestId(c.id)),
      },
    };
  }
  if (c.status === 'announced') throw conflict('比赛结果已公布，所有数据已锁定', 'status');
  if (
    !Number.isFinite(body.score) ||
    body.score < 0 ||
    body.score > c.jury_points ||
    !hasAtMostOneDecimal(body.score)
  )
    throw invalid(`分数须在0到${c.jury_points}之间，最多保留一位小数`, 'score');
  if (c.status !== 'running' || unit.state !== 'scoring')
    throw conflict('该单位未开始评分/已结束评分', 'unitCode');
  const already = scoresOf(state, unit.unit_id).find((s) => s.judge_id === judge.user_id);
  if (already) throw conflict('已提交，分数已锁定', 'score');
  const row: ContestScoreRow = {
    id: newId(),
    contest_id: c.id,
    unit_id: unit.unit_id,
    judge_id: judge.user_id,
    score: body.score,
    submitted_at: ctx.now,
    status: 'active',
    unlocked_at: null,
    unlocked_by_name: null,
    unlock_reason: null,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
  };
  await ctx.repos.contests.insertScores([row]);
  await recordAudit(ctx, {
    action: 'contest.score',
    entity: 'contest',
    entityId: c.id,
    before: null,
    after: { unit: unit.unit_code, judge: judge.username, score: body.score },
  });
  const scoredCount = scoresOf(state, unit.unit_id).length + 1;
  await appendEvent(ctx, c.id, 'score.submitted', {
    unitCode: unit.unit_code,
    scoredCount,
    juryCount: juryFor(state, unit.unit_id).length,
  });
  // The contest as it stands now is the loaded one plus this score: no second read inside the writers' lock.
  const fresh: ContestState = { ...state, scores: [...state.scores, row] };
  return {
    contestId: c.id,
    result: {
      replayed: false,
      score: { unitCode, unitName: unit.unit_name, score: body.score, submittedAt: ctx.now },
      view: await buildJudgeView(
        ctx,
        fresh,
        judgeOf(ctx, fresh),
        await ctx.repos.contestEvents.latestId(c.id),
      ),
    },
  };
}
