import {
  CONTEST_DEFAULT_HONOUR_TABLE,
  type ContestHonourLevel,
  type ContestHonourTable,
  cadreScore,
  countdownRemainingMs,
  honourPoints,
  rankContestGroup,
} from '@wuxing/core';
import type { ContestEventKind, ContestEventPayloads, ContestStatus } from '../contracts/contest';
import { conflict, notFound } from '../lib/errors';
import type {
  CadreVotesRow,
  ContestRow,
  ContestScoreRow,
  HonourRow,
  JudgeLinkRow,
  JuryRow,
  ParticipantRow,
} from '../repositories/contest.repository';
import type { ServiceContext } from './context';

/**
 * Loading a 擂台赛 contest with everything its views and rules need (participants, jury, active scores,
 * honours, cadre votes), and the figures derived from them through core: honour and cadre points, the jury
 * count per unit (the jury minus those recused), closed units' stored scores and the group ranking.
 */

export interface ContestGroupRef {
  id: string;
  code: string;
  name: string;
  order: number;
  unitCount: number;
}

/** A loaded contest. Scores are the active ones (unlocked scores are history). */
export interface ContestState {
  contest: ContestRow;
  honourTable: ContestHonourTable;
  groups: ContestGroupRef[];
  /** In running order: group order, then lot. */
  units: ParticipantRow[];
  jury: JuryRow[];
  links: JudgeLinkRow[];
  scores: ContestScoreRow[];
  honours: HonourRow[];
  cadre: Map<string, CadreVotesRow>;
}

/** A participant's figures now: live honour and cadre points; jury, total and rank once closed. */
export interface UnitFigures {
  honourCount: number;
  honourPoints: number;
  cadreVotes: CadreVotesRow | null;
  cadreScore: number | null;
  scoredCount: number;
  juryCount: number;
  jury: number | null;
  total: number | null;
  rank: number | null;
  tied: boolean;
}

export function parseHonourTable(json: string): ContestHonourTable {
  try {
    const t = JSON.parse(json) as Partial<ContestHonourTable>;
    return { ...CONTEST_DEFAULT_HONOUR_TABLE, ...t };
  } catch {
    return { ...CONTEST_DEFAULT_HONOUR_TABLE };
  }
}

/** Finds a contest by code (404). */
export async function findContest(ctx: ServiceContext, code: string): Promise<ContestRow> {
  const contest = await ctx.repos.contests.findByCode(code);
  if (!contest) throw notFound('比赛不存在');
  return contest;
}

/** Loads everything about a contest. */
export async function loadContestState(ctx: ServiceContext, contest: ContestRow): Promise<ContestState> {
  const ids = [contest.id];
  // One after another: inside a transaction they share a connection anyway, and reads stay one connection each.
  const units = await ctx.repos.contests.participants(ids);
  const jury = await ctx.repos.contests.jury(contest.id);
  const links = await ctx.repos.contests.links(contest.id);
  const scores = await ctx.repos.contests.activeScores(ids);
  const honours = await ctx.repos.contests.honours(ids);
  const cadre = await ctx.repos.contests.cadreVotes(ids);
  const groups = new Map<string, ContestGroupRef>();
  for (const u of units) {
    const g = groups.get(u.group_id) ?? {
      id: u.group_id,
      code: u.group_code,
      name: u.group_name,
      order: u.group_order,
      unitCount: 0,
    };
    g.unitCount += 1;
    groups.set(u.group_id, g);
  }
  return {
    contest,
    honourTable: parseHonourTable(contest.honour_table),
    groups: [...groups.values()].sort((a, b) => a.order - b.order),
    units,
    jury,
    links,
    scores,
    honours,
    cadre: new Map(cadre.map((c) => [c.unit_id, c])),
  };
}

/** Finds and loads a contest by code. */
export async function loadContest(ctx: ServiceContext, code: string): Promise<ContestState> {
  return loadContestState(ctx, await findContest(ctx, code));
}

/** The participant of a unit code (404 naming the unit). */
export function participantOf(state: ContestState, unitCode: string): ParticipantRow {
  const unit = state.units.find((u) => u.unit_code === unitCode);
  if (!unit) throw notFound(`单位 ${unitCode} 不是本场比赛的参赛单位`);
  return unit;
}

/** The jury members expected to score a unit: all but those whose own unit it is (回避). */
export function juryFor(state: ContestState, unitId: string): JuryRow[] {
  return state.jury.filter((j) => j.own_unit_id !== unitId);
}

/** The active scores of a unit. */
export function scoresOf(state: ContestState, unitId: string): ContestScoreRow[] {
  return state.scores.filter((s) => s.unit_id === unitId);
}

/** A unit's live honour points (capped). */
export function honourPointsOf(state: ContestState, unitId: string): { count: number; points: number } {
  const levels = state.honours.filter((h) => h.unit_id === unitId).map((h) => h.level as ContestHonourLevel);
  return {
    count: levels.length,
    points: honourPoints(levels, state.honourTable, state.contest.honour_points),
  };
}

/** A unit's live cadre-style points, null without votes. */
export function cadreScoreOf(state: ContestState, unitId: string): number | null {
  const v = state.cadre.get(unitId);
  if (!v) return null;
  return cadreScore(
    { good: v.good, fairlyGood: v.fairly_good, average: v.average, poor: v.poor },
    state.contest.cadre_points,
  );
}

/** Every participant's figures, and the ranking of each group's closed units. */
export function contestFigures(state: ContestState): Map<string, UnitFigures> {
  const out = new Map<string, UnitFigures>();
  for (const u of state.units) {
    const honours = honourPointsOf(state, u.unit_id);
    const closed = u.state === 'closed';
    out.set(u.unit_id, {
      honourCount: honours.count,
      honourPoints: closed ? (u.honour_score ?? 0) : honours.points,
      cadreVotes: state.cadre.get(u.unit_id) ?? null,
      cadreScore: closed ? (u.cadre_score ?? 0) : cadreScoreOf(state, u.unit_id),
      scoredCount: scoresOf(state, u.unit_id).length,
      juryCount: juryFor(state, u.unit_id).length,
      jury: closed ? u.jury_score : null,
      total: closed ? u.total : null,
      rank: null,
      tied: false,
    });
  }
  for (const group of state.groups) {
    const ranked = rankContestGroup(
      state.units
        .filter((u) => u.group_id === group.id && u.state === 'closed')
        .map((u) => ({
          code: u.unit_id,
          total: u.total ?? 0,
          jury: u.jury_score ?? 0,
          honour: u.honour_score ?? 0,
        })),
    );
    for (const r of ranked) {
      const f = out.get(r.code);
      if (f) {
        f.rank = r.rank;
        f.tied = r.tied;
      }
    }
  }
  return out;
}

/** The unit being called, spoken or scored now, if any. */
export function currentUnit(state: ContestState): ParticipantRow | null {
  const id = state.contest.current_unit_id;
  return id ? (state.units.find((u) => u.unit_id === id) ?? null) : null;
}

/** The next waiting unit: groups in order, lots in order. */
export function nextWaiting(state: ContestState): ParticipantRow | null {
  return state.units.find((u) => u.state === 'waiting') ?? null;
}

/** Refuses any change of an announced contest (409). */
export function refuseAnnounced(contest: ContestRow): void {
  if (contest.status === 'announced') throw conflict('比赛结果已公布，所有数据已锁定', 'status');
}

/** Refuses a change that only a draft contest allows (409 naming what). */
export function requireDraft(contest: ContestRow, message: string, field = 'status'): void {
  refuseAnnounced(contest);
  if (contest.status !== 'draft') throw conflict(message, field);
}

/** Refuses a host action unless the contest is running (409). */
export function requireRunning(contest: ContestRow): void {
  refuseAnnounced(contest);
  if (contest.status !== 'running')
    throw conflict(contest.status === 'draft' ? '比赛尚未开始' : '比赛已结束', 'status');
}

/** Appends one event of the contest in the current transaction. */
export async function appendEvent<K extends ContestEventKind>(
  ctx: ServiceContext,
  contestId: string,
  kind: K,
  payload: ContestEventPayloads[K],
): Promise<void> {
  await ctx.repos.contestEvents.append(contestId, kind, payload as Record<string, unknown>, ctx.now);
}

/** The status label for messages. */
export const STATUS_LABEL: Record<ContestStatus, string> = {
  draft: '筹备中',
  running: '进行中',
  finished: '已结束',
  announced: '已公布',
};

/** What a write returns: the contest it changed (the route wakes its live feeds) and the result. */
export interface ContestWrite<T> {
  contestId: string;
  result: T;
}

/** A loaded contest with its figures: what the setup and results views are made from. */
export interface ContestDetail {
  state: ContestState;
  figures: Map<string, UnitFigures>;
}

export function detailOf(state: ContestState): ContestDetail {
  return { state, figures: contestFigures(state) };
}

/** The countdown as stored, for views and timer events. */
export interface TimerState {
  status: 'idle' | 'running' | 'paused' | 'ended';
  startedAt: string | null;
  remainingMs: number;
  speechSeconds: number;
  serverNow: string;
}

export function timerOf(contest: ContestRow, now: string): TimerState {
  return {
    status: contest.timer_status as TimerState['status'],
    startedAt: contest.timer_started_at,
    remainingMs: contest.timer_remaining_ms,
    speechSeconds: contest.speech_seconds,
    serverNow: now,
  };
}

/** What is left of the countdown at `now` (never below 0). */
export function remainingAt(contest: ContestRow, now: string): number {
  return countdownRemainingMs(
    {
      running: contest.timer_status === 'running',
      startedAt: contest.timer_started_at,
      remainingMs: contest.timer_remaining_ms,
    },
    Date.parse(now),
  );
}
