import { round2 } from '@wuxing/core';
import type {
  NoticeView,
  ProblemDetailView,
  ProblemEventView,
  ProblemListView,
  ProblemSeverity,
  ProblemSource,
  ProblemStatsRowView,
  ProblemStatsView,
  ProblemStatus,
  ProblemView,
  ProblemWriteView,
} from '../contracts/supervision';
import type { ProblemPhotoRow } from '../repositories/problem.repository';
import type { ProblemWriteResult } from '../services/problem.service';
import type {
  ProblemDetail,
  ProblemItem,
  ProblemPage,
  ProblemStats,
  RoundNotice,
  StatsRow,
} from '../services/problemRead.service';
import { presentPhoto, presentRoundSummary } from './supervision.presenter';

const EVENT_ACTIONS: readonly ProblemEventView['action'][] = [
  'raise',
  'rectify',
  'startReview',
  'pass',
  'fail',
];

/** One problem as lists show it. */
export function presentProblem(i: ProblemItem): ProblemView {
  const r = i.row;
  return {
    id: r.id,
    number: r.number,
    campaignCode: r.campaign_code,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    streetCode: r.street_code,
    streetName: r.street_name,
    star: r.star,
    itemLabel: r.item_label,
    lineId: r.line_id,
    roundId: r.round_id,
    roundNumber: r.round_number,
    source: r.source as ProblemSource,
    description: r.description,
    severity: r.severity as ProblemSeverity,
    deadline: r.deadline,
    responsible: r.responsible,
    status: r.status as ProblemStatus,
    overdue: i.overdue,
    daysOverdue: i.daysOverdue,
    raisedByName: r.raised_by_name,
    raisedAt: r.raised_at,
    closedAt: r.closed_at,
    photoCount: r.photo_count,
    demo: Boolean(r.demo),
  };
}

const photos = (list: ProblemPhotoRow[]) => list.map(presentPhoto);

/** A problem with its history, deduction lines and the viewer's next steps. */
export function presentProblemDetail(d: ProblemDetail): ProblemDetailView {
  return {
    problem: presentProblem(d.item),
    photos: photos(d.photos),
    events: d.events.map(({ event, photos: list }) => ({
      id: event.id,
      action: EVENT_ACTIONS.find((a) => a === event.action) ?? 'raise',
      fromStatus: (event.from_status as ProblemStatus | null) ?? null,
      toStatus: event.to_status as ProblemStatus,
      note: event.note,
      actorName: event.actor_name,
      at: event.at,
      photos: photos(list),
    })),
    deductions: d.deductions,
    can: d.can,
  };
}

/** What a write did: the problem now (a replay returns it as it stands, writing nothing). */
export function presentProblemWrite(r: ProblemWriteResult): ProblemWriteView {
  return { ...presentProblemDetail(r.detail), replayed: r.replayed };
}

/** A page of the ledger. */
export function presentProblemList(p: ProblemPage): ProblemListView {
  return {
    rows: p.items.map(presentProblem),
    total: p.total,
    page: p.page,
    pageSize: p.pageSize,
    counts: p.counts,
  };
}

const rate = (v: number | null) => (v === null ? null : round2(v));

function presentStatsRow(r: StatsRow): ProblemStatsRowView {
  return {
    unitCode: r.code,
    unitName: r.name,
    parentName: r.parentName,
    notified: r.figures.notified,
    closed: r.figures.closed,
    closureRate: rate(r.figures.closureRate),
    overdue: r.figures.overdue,
    avgDaysToClose: rate(r.figures.avgDaysToClose),
  };
}

/** The closure statistics, rates and means rounded half up to 2 decimals. */
export function presentProblemStats(s: ProblemStats): ProblemStatsView {
  return {
    campaignCode: s.campaign.code,
    level: s.level,
    rounds: s.rounds,
    total: presentStatsRow(s.total),
    rows: s.rows.map(presentStatsRow),
    bySource: s.bySource,
  };
}

/** 通报: the round and the problems it found. */
export function presentNotice(n: RoundNotice, generatedAt: string): NoticeView {
  return { round: presentRoundSummary(n.summary), problems: n.items.map(presentProblem), generatedAt };
}
