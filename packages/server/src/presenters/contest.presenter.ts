import { format2 } from '@wuxing/core';
import type {
  ConsistencyView,
  ConsoleView,
  ContestDetailView,
  ContestImportResultView,
  ContestKind,
  ContestListView,
  ContestResultsView,
  ContestStatus,
  ContestSummaryView,
  GroupRankingView,
  HonourLevel,
  HonourListView,
  JudgeAccountListView,
  JudgeAddedView,
  JudgeContestListView,
  JudgeContestView,
  JuryMemberView,
  OverallView,
  ParticipantState,
  ParticipantView,
  RankedUnitView,
  ScoreResultView,
  ScreenView,
  SpeakerView,
  TimerView,
} from '../contracts/contest';
import type { ContestCounts, ContestRow, JuryRow, ParticipantRow } from '../repositories/contest.repository';
import type { ConsoleData } from '../services/contestHost.service';
import type { ContestImportResult } from '../services/contestImport.service';
import type { JudgeAdded } from '../services/contestJury.service';
import type { ContestDetail, ContestState, TimerState, UnitFigures } from '../services/contestLoader';
import type { ContestListItem, ScreenData } from '../services/contestRead.service';
import {
  CONSISTENCY_RULE,
  type ConsistencyRow,
  type ContestResults,
  type OverallResult,
  type ResultGroup,
  type ResultRow,
} from '../services/contestResults.service';
import type { JudgeContestSummary, JudgeViewData, ScoreResult } from '../services/contestScore.service';

/** A contest's summary as every view shows it. */
export function presentContestSummary(c: ContestRow, counts: ContestCounts): ContestSummaryView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    year: c.year,
    period: c.period,
    kind: c.kind as ContestKind,
    date: c.date,
    status: c.status as ContestStatus,
    settings: {
      juryPoints: c.jury_points,
      honourPoints: c.honour_points,
      cadrePoints: c.cadre_points,
      trimFrom: c.trim_from,
      speechSeconds: c.speech_seconds,
      honourTable: JSON.parse(c.honour_table),
    },
    participantCount: counts.participants,
    closedCount: counts.closed,
    judgeCount: counts.judges,
    lotsDrawn: c.lot_seed !== null,
    startedAt: c.started_at,
    finishedAt: c.finished_at,
    announcedAt: c.announced_at,
    createdAt: c.created_at,
    demo: Boolean(c.demo),
  };
}

function countsOf(state: ContestState): ContestCounts {
  return {
    participants: state.units.length,
    closed: state.units.filter((u) => u.state === 'closed').length,
    judges: state.jury.length,
  };
}

export function presentContestList(items: ContestListItem[]): ContestListView {
  return { rows: items.map((i) => presentContestSummary(i.contest, i.counts)) };
}

function presentParticipant(u: ParticipantRow, f: UnitFigures | undefined): ParticipantView {
  return {
    unitCode: u.unit_code,
    unitName: u.unit_name,
    groupCode: u.group_code,
    groupName: u.group_name,
    lotOrder: u.lot_order,
    state: u.state as ParticipantState,
    goals: u.goals,
    honourCount: f?.honourCount ?? 0,
    honourPoints: f?.honourPoints ?? 0,
    cadreVotes: f?.cadreVotes
      ? {
          good: f.cadreVotes.good,
          fairlyGood: f.cadreVotes.fairly_good,
          average: f.cadreVotes.average,
          poor: f.cadreVotes.poor,
        }
      : null,
    cadreScore: f?.cadreScore ?? null,
    scoredCount: f?.scoredCount ?? 0,
    juryCount: f?.juryCount ?? 0,
    jury: f?.jury ?? null,
    total: f?.total ?? null,
    rank: f?.rank ?? null,
  };
}

function presentJuryMember(j: JuryRow, state: ContestState): JuryMemberView {
  const link = state.links.find((l) => l.user_id === j.user_id);
  const now = new Date().toISOString();
  return {
    userId: j.user_id,
    username: j.username,
    displayName: j.display_name,
    ownUnitCode: j.own_unit_code,
    ownUnitName: j.own_unit_name,
    linkActive: Boolean(link && !link.used_at && link.expires_at > now),
    linkExpiresAt: link?.expires_at ?? null,
    linkUsedAt: link?.used_at ?? null,
    lastLoginAt: j.last_login_at,
  };
}

/** A contest's setup page. */
export function presentContestDetail(d: ContestDetail): ContestDetailView {
  const { state, figures } = d;
  const c = state.contest;
  const perGroup: Record<string, string[]> = {};
  for (const g of state.groups)
    perGroup[g.code] = state.units.filter((u) => u.group_id === g.id).map((u) => u.unit_code);
  const missingGoals = state.units.filter((u) => !u.goals.trim()).map((u) => u.unit_code);
  const missingHonours = state.units
    .filter((u) => (figures.get(u.unit_id)?.honourCount ?? 0) === 0)
    .map((u) => u.unit_code);
  const missingCadre = state.units.filter((u) => !state.cadre.has(u.unit_id)).map((u) => u.unit_code);
  const lotsDrawn = c.lot_seed !== null && state.units.every((u) => u.lot_order !== null);
  return {
    contest: presentContestSummary(c, countsOf(state)),
    groups: state.groups.map((g) => ({ code: g.code, name: g.name, order: g.order, unitCount: g.unitCount })),
    participants: state.units.map((u) => presentParticipant(u, figures.get(u.unit_id))),
    jury: state.jury.map((j) => presentJuryMember(j, state)),
    lots: {
      drawn: lotsDrawn,
      seed: c.lot_seed,
      drawnAt: c.lots_drawn_at,
      drawnByName: c.lots_drawn_by_name,
      unitCodesPerGroup: perGroup,
    },
    checks: {
      missingGoals,
      missingHonours,
      missingCadre,
      lotsDrawn,
      juryCount: state.jury.length,
      ready: c.status === 'draft' && lotsDrawn && state.jury.length > 0,
    },
    screenPath: `/screen/${c.screen_token}`,
  };
}

export function presentJudgeAdded(a: JudgeAdded): JudgeAddedView {
  const judge = a.detail.state.jury.find((j) => j.user_id === a.userId);
  const detail = presentContestDetail(a.detail);
  const member = detail.jury.find((j) => j.userId === a.userId);
  if (!judge || !member) throw new Error('judge missing after add');
  return { judge: member, link: a.link, password: a.password, detail };
}

export function presentJudgeAccounts(
  rows: { id: string; username: string; display_name: string }[],
): JudgeAccountListView {
  return { rows: rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name })) };
}

export function presentHonourList(d: ContestDetail): HonourListView {
  const { state, figures } = d;
  return {
    rows: state.honours.map((h) => ({
      id: h.id,
      unitCode: h.unit_code,
      unitName: h.unit_name,
      title: h.title,
      level: h.level as HonourLevel,
      awardedOn: h.awarded_on,
      issuer: h.issuer,
      points: state.honourTable[h.level as HonourLevel] ?? 0,
    })),
    units: state.units.map((u) => ({
      unitCode: u.unit_code,
      count: figures.get(u.unit_id)?.honourCount ?? 0,
      points: figures.get(u.unit_id)?.honourPoints ?? 0,
    })),
  };
}

export function presentImportResult(r: ContestImportResult): ContestImportResultView {
  return { imported: r.imported, units: r.units, detail: presentContestDetail(r.detail) };
}

function presentTimer(t: TimerState): TimerView {
  return { ...t };
}

function presentSpeaker(u: ParticipantRow | null): SpeakerView | null {
  return u
    ? {
        unitCode: u.unit_code,
        unitName: u.unit_name,
        groupCode: u.group_code,
        groupName: u.group_name,
        lotOrder: u.lot_order,
        state: u.state as ParticipantState,
        goals: u.goals,
      }
    : null;
}

function tieBreak(r: { tied: boolean; jury: number; honour: number }): string | null {
  return r.tied ? `并列（评委得分 ${format2(r.jury)}，荣誉 ${format2(r.honour)}）` : null;
}

function presentRanked(r: ResultRow): RankedUnitView {
  return {
    rank: r.rank,
    unitCode: r.unitCode,
    unitName: r.unitName,
    lotOrder: r.lotOrder,
    jury: r.jury,
    honour: r.honour,
    cadre: r.cadre,
    total: r.total,
    tieBreak: tieBreak(r),
  };
}

function presentRanking(groups: ResultGroup[]): GroupRankingView[] {
  return groups.map((g) => ({
    groupCode: g.groupCode,
    groupName: g.groupName,
    order: g.order,
    unitCount: g.unitCount,
    rows: g.rows.map(presentRanked),
  }));
}

function presentConsistency(code: string, rows: ConsistencyRow[]): ConsistencyView {
  return { code, rows, rule: CONSISTENCY_RULE };
}

export function presentConsistencyView(r: { code: string; rows: ConsistencyRow[] }): ConsistencyView {
  return presentConsistency(r.code, r.rows);
}

/** The host console. */
export function presentConsole(d: ConsoleData): ConsoleView {
  const { state, figures } = d.detail;
  return {
    contest: presentContestSummary(state.contest, countsOf(state)),
    current: presentSpeaker(d.current),
    next: presentSpeaker(d.next),
    timer: presentTimer(d.timer),
    judges: d.judges,
    scoredCount: d.scoredCount,
    juryCount: d.juryCount,
    participants: state.units.map((u) => presentParticipant(u, figures.get(u.unit_id))),
    ranking: presentRanking(d.ranking),
    consistency: presentConsistency(state.contest.code, d.consistency),
    lastEventId: d.lastEventId,
  };
}

/** A judge's page: the judge's own scores only. */
export function presentJudgeView(v: JudgeViewData): JudgeContestView {
  const c = v.state.contest;
  return {
    contest: { code: c.code, name: c.name, date: c.date, status: c.status as ContestStatus },
    me: {
      userId: v.judge.user_id,
      displayName: v.judge.display_name,
      ownUnitCode: v.judge.own_unit_code,
      ownUnitName: v.judge.own_unit_name,
    },
    current: presentSpeaker(v.current),
    currentUnit: v.currentUnit,
    timer: presentTimer(v.timer),
    bounds: { min: 0, max: c.jury_points, step: 0.1 },
    scoredCount: v.scoredCount,
    scorableCount: v.scorableCount,
    myScores: v.myScores,
    lastEventId: v.lastEventId,
  };
}

export function presentJudgeContests(rows: JudgeContestSummary[]): JudgeContestListView {
  return { rows: rows.map((r) => ({ ...r, status: r.status as ContestStatus })) };
}

export function presentScoreResult(r: ScoreResult): ScoreResultView {
  return { replayed: r.replayed, score: r.score, view: presentJudgeView(r.view) };
}

export function presentResults(r: ContestResults): ContestResultsView {
  const { state } = r;
  return {
    contest: presentContestSummary(state.contest, countsOf(state)),
    groups: r.groups.map((g) => ({
      groupCode: g.groupCode,
      groupName: g.groupName,
      order: g.order,
      unitCount: g.unitCount,
      rows: g.rows.map((row) => ({ ...presentRanked(row), judgeCount: row.judgeCount, scores: row.scores })),
    })),
    frozen: r.frozen,
  };
}

export function presentOverall(r: OverallResult): OverallView {
  return r;
}

/** The public big screen: no judge names, no scores of judges. */
export function presentScreen(s: ScreenData): ScreenView {
  const c = s.state.contest;
  const current = presentSpeaker(s.current);
  return {
    contest: { code: c.code, name: c.name, date: c.date, status: c.status as ContestStatus },
    groups: s.state.groups.map((g) => ({
      code: g.code,
      name: g.name,
      order: g.order,
      unitCount: g.unitCount,
    })),
    current: current
      ? {
          unitCode: current.unitCode,
          unitName: current.unitName,
          groupCode: current.groupCode,
          groupName: current.groupName,
          lotOrder: current.lotOrder,
          state: current.state,
        }
      : null,
    timer: presentTimer(s.timer),
    scoring: s.scoring,
    ranking: presentRanking(s.ranking),
    final: s.final,
    lastEventId: s.lastEventId,
  };
}
