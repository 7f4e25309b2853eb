import type {
  ObjectionResultView,
  ObjectionView,
  PublicationDetailView,
  PublicationDiffView,
  PublicationListView,
  PublicationResultView,
  PublicationSummaryView,
  PublicationVersionView,
  PublicPublicationView,
} from '../contracts/publications';
import type { PublicationVersionHead } from '../repositories/publication.repository';
import type {
  ObjectionItem,
  PublicationDetail,
  PublicationDiff,
  PublicationItem,
  PublicPublication,
} from '../services/publication.service';
import { publicationPeriodLabel } from '../services/publicationSnapshot';
import { presentPhoto } from './supervision.presenter';

const scopeOf = (s: string): 'public' | 'internal' => (s === 'internal' ? 'internal' : 'public');
const statusOf = (s: string): ObjectionView['status'] =>
  s === 'accepted' ? 'accepted' : s === 'rejected' ? 'rejected' : 'pending';

export function presentPublication({ row, windowOpen }: PublicationItem): PublicationSummaryView {
  return {
    id: row.id,
    number: row.number,
    campaignCode: row.campaign_code,
    campaignName: row.campaign_name,
    year: row.campaign_year,
    period: row.period,
    periodLabel: publicationPeriodLabel(row.period),
    title: row.title,
    scope: scopeOf(row.scope),
    publisher: row.publisher,
    contact: row.contact,
    publishedOn: row.published_on,
    windowDays: row.window_days,
    windowEnd: row.window_end,
    windowOpen,
    currentVersion: row.current_version,
    publishedByName: row.published_by_name,
    publishedAt: row.published_at,
    publicPath: `/p/${row.token}`,
    pendingObjections: row.pending_objections,
    demo: row.demo === 1,
  };
}

export function presentPublicationList(items: PublicationItem[]): PublicationListView {
  return { rows: items.map(presentPublication) };
}

export function presentPublicationResult(r: {
  item: PublicationItem;
  replayed: boolean;
}): PublicationResultView {
  return { publication: presentPublication(r.item), replayed: r.replayed };
}

function presentVersion(v: PublicationVersionHead): PublicationVersionView {
  return {
    version: v.version,
    reason: v.reason,
    objectionId: v.objection_id,
    createdByName: v.created_by_name,
    createdAt: v.created_at,
  };
}

export function presentObjection({ row, photos }: ObjectionItem): ObjectionView {
  return {
    id: row.id,
    version: row.version,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    reason: row.reason,
    status: statusOf(row.status),
    filedByName: row.filed_by_name,
    filedAt: row.filed_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    resolvedVersion: row.resolved_version,
    photos: photos.map(presentPhoto),
    demo: row.demo === 1,
  };
}

export function presentObjectionResult(r: {
  objection: ObjectionItem;
  item: PublicationItem;
  replayed: boolean;
}): ObjectionResultView {
  return {
    objection: presentObjection(r.objection),
    publication: presentPublication(r.item),
    replayed: r.replayed,
  };
}

export function presentPublicationDetail(d: PublicationDetail): PublicationDetailView {
  return {
    publication: presentPublication(d.item),
    versions: d.versions.map(presentVersion),
    version: d.version,
    snapshot: d.snapshot,
    objections: d.objections.map(presentObjection),
    canObjectFor: d.canObjectFor,
    canManage: d.canManage,
  };
}

export function presentPublicationDiff(d: PublicationDiff): PublicationDiffView {
  return { from: d.from, to: d.to, reason: d.reason, reasons: d.reasons, rows: d.rows };
}

/**
 * The public page's view: the publication's facts and the frozen snapshot only. No user names (the publisher
 * is the organisation), no objections, nothing of the live ledger.
 */
export function presentPublicPublication(p: PublicPublication): PublicPublicationView {
  const { row, windowOpen } = p.item;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    period: row.period,
    periodLabel: publicationPeriodLabel(row.period),
    scope: scopeOf(row.scope),
    publisher: row.publisher,
    contact: row.contact,
    publishedOn: row.published_on,
    windowDays: row.window_days,
    windowEnd: row.window_end,
    windowOpen,
    currentVersion: row.current_version,
    version: p.version,
    versions: p.versions.map((v) => ({ version: v.version, reason: v.reason, createdAt: v.created_at })),
    snapshot: p.snapshot,
    publicPath: `/p/${row.token}`,
  };
}
