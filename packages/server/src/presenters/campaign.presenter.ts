import { format2, round2, type StarRating } from '@wuxing/core';
import type {
  BonusView,
  CampaignDetailView,
  CampaignImportResultView,
  CampaignSummaryView,
  ItemEntriesView,
  ItemView,
  ProfileItemView,
  RankingView,
  RatingView,
  ScoreEntryResultView,
  ScoreEntryView,
  ScoreSheetView,
  TargetsView,
  UnitProfileView,
  UnitTargetsView,
} from '../contracts/campaigns';
import type { BonusRow } from '../repositories/bonus.repository';
import type { CampaignItemRow, CampaignListRow } from '../repositories/campaign.repository';
import type { CampaignDetail } from '../services/campaign.service';
import type { CampaignImportResult } from '../services/campaignImport.service';
import type { Ranking } from '../services/ranking.service';
import type { EntryResult, EntryWithCodes } from '../services/score.service';
import type { UnitTargets } from '../services/target.service';
import type { ScoreSheet, UnitItem, UnitProfile } from '../services/unitProfile.service';

const rate2 = (r: number | null): number | null => (r === null ? null : round2(r));

/** A campaign as lists show it. */
export function presentCampaignSummary(c: CampaignListRow): CampaignSummaryView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    year: Number(c.year),
    status: c.status === 'archived' ? 'archived' : 'active',
    starLine: Number(c.star_line),
    prerequisite: c.prerequisite,
    trim: Boolean(c.trim),
    problemDeduction: Number(c.problem_deduction),
    demo: Boolean(c.demo),
    unitCount: Number(c.unit_count),
    itemCount: Number(c.item_count),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

/** An item of the model. */
export function presentItem(i: CampaignItemRow): ItemView {
  return {
    code: i.code,
    name: i.name,
    star: i.star,
    module: i.module,
    month: i.month,
    max: Number(i.max),
    guidance: i.guidance,
  };
}

/** A campaign with its whole model. */
export function presentCampaignDetail(d: CampaignDetail): CampaignDetailView {
  return {
    ...presentCampaignSummary(d.campaign),
    stars: d.stars.map((s) => ({ code: s.code, name: s.name })),
    modules: d.modules.map((m) => ({
      code: m.code,
      name: m.name,
      budget: Number(m.budget),
      kind: m.kind === 'bonus' ? 'bonus' : 'plan',
    })),
    items: d.items.map(presentItem),
    locks: d.locks.map((l) => ({ month: l.month, lockedAt: l.locked_at, lockedByName: l.locked_by_name })),
  };
}

/** One unit's targets. */
export function presentUnitTargets(t: UnitTargets): UnitTargetsView {
  return {
    unitCode: t.unit.code,
    unitName: t.unit.name,
    parentCode: t.parent?.code ?? null,
    parentName: t.parent?.name ?? null,
    effective: t.effective,
    approved: t.approved,
    declared: t.declared,
    rejected: t.rejected,
    status: t.status,
    note: t.note,
  };
}

/** Targets of the units the caller may see. */
export function presentTargets(list: { requiredStar: string | null; units: UnitTargets[] }): TargetsView {
  return { requiredStar: list.requiredStar, units: list.units.map(presentUnitTargets) };
}

/** A ledger row. */
export function presentEntry(e: EntryWithCodes): ScoreEntryView {
  const source =
    e.source === 'import' || e.source === 'correction' || e.source === 'sheet' ? e.source : 'manual';
  return {
    id: e.id,
    unitCode: e.unit_code,
    itemCode: e.item_code,
    scorer: e.scorer,
    scorerName: e.scorer_name ?? e.scorer,
    points: e.points === null ? null : Number(e.points),
    na: Boolean(e.na),
    source,
    reason: e.reason,
    supersedesId: e.supersedes_id,
    supersededBy: e.superseded_by,
    current: e.superseded_by === null,
    enteredByName: e.entered_by_name,
    enteredAt: e.entered_at,
  };
}

/** What a score submission did. */
export function presentEntryResult(r: EntryResult): ScoreEntryResultView {
  return {
    entry: presentEntry(r.entry),
    replayed: r.replayed,
    itemScore: r.itemScore,
    itemDisplay: format2(r.itemScore),
  };
}

/** The entries behind a unit's item score. */
export function presentItemEntries(d: {
  unit: { code: string; name: string };
  item: CampaignItemRow;
  locked: boolean;
  score: number | null;
  na: boolean;
  entries: EntryWithCodes[];
}): ItemEntriesView {
  return {
    unit: { code: d.unit.code, name: d.unit.name },
    item: presentItem(d.item),
    locked: d.locked,
    score: d.score,
    display: d.score === null ? null : format2(d.score),
    na: d.na,
    entries: d.entries.map(presentEntry),
  };
}

/** A bonus. */
export function presentBonus(b: BonusRow & { unit_code: string }): BonusView {
  return {
    id: b.id,
    unitCode: b.unit_code,
    star: b.star,
    module: b.module,
    month: b.month,
    points: Number(b.points),
    reason: b.reason,
    source: b.source,
    enteredByName: b.entered_by_name,
    enteredAt: b.entered_at,
  };
}

function presentRating(r: StarRating | null): RatingView | null {
  if (!r) return null;
  return {
    count: r.count,
    earned: r.earned,
    stars: r.stars.map((s) => ({ star: s.star, score: round2(s.score), earned: s.earned, reason: s.reason })),
  };
}

/** A ranking: full-precision scores, their 2-decimal display (core's format2), stars rounded half up. */
export function presentRanking(r: Ranking): RankingView {
  return {
    campaign: { code: r.campaign.code, name: r.campaign.name, year: Number(r.campaign.year) },
    period: { key: r.period.key, kind: r.period.kind, start: r.period.start, end: r.period.end },
    previousPeriod: r.previous?.key ?? null,
    level: r.level,
    stars: r.stars.map((s) => ({ code: s.code, name: s.name })),
    total: r.total,
    rows: r.rows.map((row) => ({
      rank: row.rank,
      unitCode: row.code,
      unitName: row.name,
      parentCode: row.parentCode,
      parentName: row.parentName,
      score: row.score,
      display: format2(row.score),
      stars: Object.fromEntries(
        Object.entries(row.stars).map(([k, v]) => [k, v === null ? null : round2(v)]),
      ),
      change: row.change,
      rate: rate2(row.rate),
      rating: presentRating(row.rating),
    })),
  };
}

function presentUnitItem(i: UnitItem): ProfileItemView {
  return {
    ...presentItem(i.item),
    score: i.score,
    display: i.score === null ? null : format2(i.score),
    na: i.na,
    entries: i.entries,
    locked: i.locked,
    mine: i.mine,
    byTasks: i.byTasks,
  };
}

/** A unit's score sheet for the entry page. */
export function presentScoreSheet(s: ScoreSheet): ScoreSheetView {
  return {
    campaign: { code: s.campaign.code, name: s.campaign.name, year: Number(s.campaign.year) },
    unit: { code: s.unit.code, name: s.unit.name },
    targets: s.targets,
    items: s.items.map(presentUnitItem),
  };
}

/** A unit's profile. */
export function presentUnitProfile(p: UnitProfile): UnitProfileView {
  return {
    campaign: { code: p.campaign.code, name: p.campaign.name, year: Number(p.campaign.year) },
    unit: {
      code: p.unit.code,
      name: p.unit.name,
      parentCode: p.parent?.code ?? null,
      parentName: p.parent?.name ?? null,
    },
    period: { key: p.period.key, kind: p.period.kind, start: p.period.start, end: p.period.end },
    targets: p.unit.targets,
    score: p.score,
    display: format2(p.score),
    rank: p.rank,
    total: p.total,
    rate: rate2(p.rate),
    stars: p.stars.map((s) => ({
      code: s.code,
      name: s.name,
      targeted: s.result !== null,
      score: s.result ? s.result.score : null,
      display: s.result ? format2(s.result.score) : null,
      modules: s.result
        ? Object.fromEntries(Object.entries(s.result.modules).map(([k, v]) => [k, round2(v)]))
        : {},
      rate: s.result ? rate2(s.result.rate) : null,
      deductions: (s.result?.deductions ?? []).map((d) => ({
        problemId: d.problemId,
        title: d.title,
        month: d.monthEnd,
        points: d.points,
      })),
    })),
    months: p.months.map((m) => ({
      month: m.month,
      score: m.score,
      display: format2(m.score),
      rank: m.rank,
      total: m.total,
      change: m.change,
      rate: rate2(m.rate),
    })),
    items: p.items.map(presentUnitItem),
    bonuses: p.bonuses.map((b) => presentBonus({ ...b, unit_code: p.unit.code })),
    rating: presentRating(p.rating),
  };
}

/** What a workbook import did. */
export function presentImportResult(r: CampaignImportResult): CampaignImportResultView {
  return {
    campaign: presentCampaignSummary(r.campaign),
    units: r.units,
    assessed: r.assessed,
    items: r.items,
    targets: r.targets,
    scores: r.scores,
    bonuses: r.bonuses,
  };
}
