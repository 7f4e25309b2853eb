import { round2 } from '@wuxing/core';
import {
  ACCOUNTABILITY_KINDS,
  type AccountabilityKind,
  type WarningDetailView,
  type WarningEvaluateResultView,
  type WarningEvaluationView,
  type WarningListView,
  type WarningPreviewView,
  type WarningRulesView,
  type WarningView,
  type WarningWriteResultView,
} from '../contracts/warnings';
import type { WarningEvaluationRow, WarningListRow } from '../repositories/warning.repository';
import type {
  EvaluateResult,
  LoadedRules,
  WarningDetail,
  WarningItem,
  WarningList,
  WarningPlan,
  WarningWriteResult,
} from '../services/warning.service';

/** Views of warnings; the triggering figures are shown as displayed (2 decimals, rounded half up by core). */

const r2 = (x: number | null) => (x === null ? null : round2(Number(x)));

export function presentWarningRules(campaignCode: string, l: LoadedRules): WarningRulesView {
  return {
    campaignCode,
    ...l.rules,
    isDefault: l.row === undefined,
    updatedByName: l.row?.updated_by_name ?? null,
    updatedAt: l.row?.updated_at ?? null,
  };
}

function level(row: WarningListRow): 'yellow' | 'red' {
  return row.level === 'red' ? 'red' : 'yellow';
}

export function presentWarning(i: WarningItem): WarningView {
  const r = i.row;
  return {
    id: r.id,
    campaignCode: r.campaign_code,
    period: r.period,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    streetCode: r.street_code,
    streetName: r.street_name,
    level: level(r),
    reasons: i.reasons,
    rank: Number(r.rank),
    total: Number(r.total),
    score: round2(Number(r.score)),
    rate: r2(r.rate),
    overdue: Number(r.overdue),
    bottomCutoffRank: r.bottom_cutoff_rank === null ? null : Number(r.bottom_cutoff_rank),
    status: r.status === 'lifted' ? 'lifted' : 'active',
    raisedAt: r.raised_at,
    talkDueOn: r.talk_due_on,
    talkStatus: i.talkStatus,
    talkDaysLeft: i.talkDaysLeft,
    talks: i.talks,
    measures: i.measures,
    liftedAt: r.lifted_at,
    liftReason: r.lift_reason,
    demo: Boolean(r.demo),
    can: { followUp: i.canFollowUp },
  };
}

export function presentEvaluation(e: WarningEvaluationRow): WarningEvaluationView {
  return {
    id: e.id,
    period: e.period,
    sequence: Number(e.sequence),
    asOf: e.as_of,
    raised: Number(e.raised),
    kept: Number(e.kept),
    updated: Number(e.updated),
    lifted: Number(e.lifted),
    evaluatedByName: e.evaluated_by_name,
    evaluatedAt: e.evaluated_at,
  };
}

export function presentWarningList(l: WarningList): WarningListView {
  const rows = l.items.map(presentWarning);
  const streets = new Map<string, { streetCode: string; streetName: string; yellow: number; red: number }>();
  for (const w of rows) {
    if (w.status !== 'active') continue;
    const key = w.streetCode ?? '';
    const s = streets.get(key) ?? { streetCode: key, streetName: w.streetName ?? key, yellow: 0, red: 0 };
    s[w.level]++;
    streets.set(key, s);
  }
  return {
    rows,
    counts: {
      yellow: rows.filter((w) => w.level === 'yellow').length,
      red: rows.filter((w) => w.level === 'red').length,
      active: rows.filter((w) => w.status === 'active').length,
      lifted: rows.filter((w) => w.status === 'lifted').length,
      talkOverdue: rows.filter((w) => w.talkStatus === 'overdue').length,
    },
    byStreet: [...streets.values()].sort((a, b) => (a.streetCode < b.streetCode ? -1 : 1)),
    periods: l.periods,
    evaluations: l.evaluations.map(presentEvaluation),
    can: { evaluate: l.canEvaluate },
  };
}

/** A stored step's kind (rows before kinds existed are reminder talks). */
function accountabilityKind(kind: string): AccountabilityKind {
  return (ACCOUNTABILITY_KINDS as readonly string[]).includes(kind)
    ? (kind as AccountabilityKind)
    : 'reminder';
}

export function presentWarningDetail(d: WarningDetail): WarningDetailView {
  const due = d.item.row.talk_due_on;
  // The due day is the first step's (the talk the warning asks for); later steps (a 约谈, a 追责) are never late.
  const first = d.talks.reduce<(typeof d.talks)[number] | null>(
    (a, t) => (a === null || t.recorded_at < a.recorded_at ? t : a),
    null,
  );
  return {
    warning: presentWarning(d.item),
    talks: d.talks.map((t) => ({
      id: t.id,
      kind: accountabilityKind(t.kind),
      talkedOn: t.talked_on,
      talker: t.talker,
      talkee: t.talkee,
      agreed: t.agreed,
      followUpOn: t.follow_up_on,
      recordedByName: t.recorded_by_name,
      recordedAt: t.recorded_at,
      late: t === first && t.recorded_on > due,
    })),
    measures: d.measures.map((m) => ({
      id: m.id,
      text: m.text,
      recordedByName: m.recorded_by_name,
      recordedAt: m.recorded_at,
    })),
    history: d.history.map(presentWarning),
  };
}

export function presentWarningWrite(r: WarningWriteResult): WarningWriteResultView {
  return { detail: presentWarningDetail(r.detail), replayed: r.replayed };
}

export function presentWarningPreview(p: WarningPlan): WarningPreviewView {
  const count = (k: string) => p.lines.filter((l) => l.change === k).length;
  return {
    period: p.period,
    asOf: p.asOf,
    rules: presentWarningRules(p.campaign.code, p.rules),
    ranked: p.ranked,
    rows: p.lines.map((l) => ({
      change: l.change,
      period: l.period,
      unitCode: l.unitCode,
      unitName: l.unitName,
      streetName: l.streetName,
      level: l.level,
      reasons: l.reasons,
      rank: l.rank,
      total: l.total,
      score: r2(l.score),
      rate: r2(l.rate),
      overdue: l.overdue,
    })),
    counts: { raise: count('raise'), keep: count('keep'), update: count('update'), lift: count('lift') },
  };
}

export function presentEvaluateResult(r: EvaluateResult): WarningEvaluateResultView {
  return {
    evaluation: presentEvaluation(r.evaluation),
    preview: presentWarningPreview(r.plan),
    replayed: r.replayed,
  };
}
