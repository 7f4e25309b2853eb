import { round2 } from '@wuxing/core';
import type {
  InspectionView,
  PhotoView,
  RoundDetailView,
  RoundKind,
  RoundMode,
  RoundSummaryView,
  RoundUnitView,
  SheetLineView,
  SheetTemplateView,
  SheetView,
  SubmitSheetResultView,
} from '../contracts/supervision';
import { ROUND_KINDS, VISIT_METHODS } from '../contracts/supervision';
import type { PhotoRow } from '../repositories/photo.repository';
import type { SheetLineRow } from '../repositories/sheetTemplate.repository';
import type { InspectionFull, Sheet, SubmitResult } from '../services/inspection.service';
import type { RoundDetail, RoundSummary } from '../services/round.service';
import type { TemplateWithLines } from '../services/sheetTemplate.service';
import { presentProblem } from './problem.presenter';

/** A photo's metadata with the URLs that serve it and its thumbnail. */
export function presentPhoto(row: PhotoRow): PhotoView {
  return {
    id: row.id,
    key: row.idempotency_key,
    url: `/api/photos/${row.id}`,
    thumbUrl: `/api/photos/${row.id}/thumb`,
    mime: row.mime,
    bytes: Number(row.bytes),
    width: Number(row.width),
    height: Number(row.height),
    takenAt: row.taken_at,
    location:
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: Number(row.latitude), longitude: Number(row.longitude) },
    uploadedByName: row.uploaded_by_name,
    uploadedAt: row.uploaded_at,
  };
}

/** A line of a template. */
export function presentLine(l: SheetLineRow): SheetLineView {
  return {
    id: l.id,
    star: l.star,
    code: l.code,
    name: l.name,
    max: Number(l.max),
    guidance: l.guidance,
  };
}

/** A template with its lines. */
export function presentTemplate(t: TemplateWithLines): SheetTemplateView {
  return {
    id: t.template.id,
    campaignCode: t.template.campaign_code,
    code: t.template.code,
    name: t.template.name,
    module: t.template.module,
    rule: t.template.rule === 'trimmed' ? 'trimmed' : 'mean',
    lines: t.lines.map(presentLine),
    roundCount: t.template.round_count,
    frozen: t.template.frozen,
    demo: Boolean(t.template.demo),
    updatedAt: t.template.updated_at,
  };
}

const KINDS: readonly RoundKind[] = ROUND_KINDS;
const MODES: readonly RoundMode[] = ['regular', 'covert', 'surprise'];

/** A round as lists show it, with counts within the viewer's part of it. */
export function presentRoundSummary(s: RoundSummary): RoundSummaryView {
  const r = s.round;
  return {
    id: r.id,
    campaignCode: r.campaign_code,
    number: r.number,
    name: r.name,
    kind: KINDS.find((k) => k === r.kind) ?? 'supervision',
    mode: MODES.find((m) => m === r.mode) ?? 'regular',
    month: r.month,
    templateCode: r.template_code,
    templateName: r.template_name,
    scored: Boolean(r.scored),
    streetCode: r.street_code,
    streetName: r.street_name,
    status: r.status === 'closed' ? 'closed' : 'open',
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    done: s.done,
    total: s.total,
    mine: s.mine,
    problemCount: s.problemCount,
    demo: Boolean(r.demo),
  };
}

/** A round with its coverage per street and its units. */
export function presentRoundDetail(d: RoundDetail): RoundDetailView {
  return {
    round: presentRoundSummary(d.summary),
    coverage: d.coverage,
    units: d.units.map(
      (u): RoundUnitView => ({
        unitCode: u.unit.code,
        unitName: u.unit.name,
        streetCode: u.street?.code ?? null,
        streetName: u.street?.name ?? null,
        inspectors: u.inspectors.map((i) => ({
          username: i.username,
          name: i.name,
          version: i.version,
          submittedAt: i.submittedAt,
          totals: i.totals
            ? Object.fromEntries(Object.entries(i.totals).map(([k, v]) => [k, round2(v)]))
            : null,
        })),
        submitted: u.submitted,
        problemCount: u.problemCount,
      }),
    ),
  };
}

/** One submitted version of a sheet. */
export function presentInspection(f: InspectionFull): InspectionView {
  const r = f.row;
  return {
    id: r.id,
    roundId: r.round_id,
    unitCode: r.unit_code,
    inspectorName: r.inspector_name,
    version: Number(r.version),
    reason: r.reason,
    note: r.note,
    visitedAt: r.visited_at,
    methods: VISIT_METHODS.filter((m) => r.methods.split(',').includes(m)),
    location:
      r.latitude === null || r.longitude === null
        ? null
        : {
            latitude: Number(r.latitude),
            longitude: Number(r.longitude),
            accuracy: r.accuracy === null ? null : Number(r.accuracy),
          },
    submittedAt: r.submitted_at,
    lines: f.lines.map((l) => ({
      lineId: l.line_id,
      points: Number(l.points),
      note: l.note,
      photos: l.photos.map(presentPhoto),
    })),
  };
}

/** What the phone page needs to score one unit. */
export function presentSheet(s: Sheet): SheetView {
  return {
    round: presentRoundSummary(s.summary),
    unit: { code: s.unit.code, name: s.unit.name, streetName: s.street?.name ?? null, targets: s.targets },
    templateName: s.templateName,
    rule: s.rule === 'trimmed' ? 'trimmed' : 'mean',
    stars: s.stars.map((st) => ({
      star: st.star.code,
      starName: st.star.name,
      itemCode: st.item?.code ?? null,
      itemMax: st.item ? Number(st.item.max) : null,
      locked: st.locked,
      lines: st.lines.map(presentLine),
    })),
    mine: s.mine ? presentInspection(s.mine) : null,
    submittedCount: s.submittedCount,
    problems: s.problems.map(presentProblem),
  };
}

/** What a sheet submission did. */
export function presentSubmitResult(r: SubmitResult): SubmitSheetResultView {
  return {
    inspection: presentInspection(r.inspection),
    replayed: r.replayed,
    itemScores: r.itemScores,
  };
}
