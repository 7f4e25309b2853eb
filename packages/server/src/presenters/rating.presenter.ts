import type {
  CertificateListView,
  ConfirmedRatingView,
  FlagAwardView,
  FlagCapView,
  FlagListView,
  FlagResultView,
  FlagStatus,
  RatingConfirmationView,
  RatingConfirmResultView,
  StarRatingListView,
  StarRatingRowView,
  VetoListView,
  VetoResultView,
  VetoView,
} from '../contracts/ratings';
import type { RatingConfirmationHead } from '../repositories/ratingConfirmation.repository';
import type { FlagAwardItem, FlagCap, FlagList, FlagResult } from '../services/flagAward.service';
import type { ConfirmedRating, RatingList, RatingRow } from '../services/starRating.service';
import type { VetoItem, VetoResult } from '../services/veto.service';
import { presentPhoto } from './supervision.presenter';

/** Views of flag awards, vetoes and star ratings; scores stay in full precision (the page rounds). */

export function presentFlagCap(c: FlagCap): FlagCapView {
  return {
    unitCode: c.unitCode,
    star: c.star,
    module: c.module,
    awarded: c.awarded,
    budget: c.budget,
    effective: c.effective,
    capped: c.capped,
  };
}

export function presentFlagAward(campaignCode: string, i: FlagAwardItem): FlagAwardView {
  const r = i.row;
  return {
    id: r.id,
    campaignCode,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    streetCode: r.street_code,
    streetName: r.street_name,
    star: r.star,
    starName: i.starName,
    module: r.module,
    month: r.month,
    points: Number(r.points),
    title: r.title,
    reason: r.reason,
    status: r.status as FlagStatus,
    proposedByName: r.proposed_by_name,
    proposedAt: r.proposed_at,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    note: r.decision_note,
    bonusId: r.bonus_id,
    photos: i.photos.map(presentPhoto),
    cap: presentFlagCap(i.cap),
    demo: Boolean(r.demo),
  };
}

export function presentFlagList(list: FlagList): FlagListView {
  const rows = list.items.map((i) => presentFlagAward(list.campaign.code, i));
  const by = (s: FlagStatus) => rows.filter((r) => r.status === s).length;
  return {
    rows,
    caps: list.caps.map(presentFlagCap),
    counts: { pending: by('pending'), approved: by('approved'), rejected: by('rejected') },
  };
}

export function presentFlagResult(campaignCode: string, r: FlagResult): FlagResultView {
  return { award: presentFlagAward(campaignCode, r.item), replayed: r.replayed };
}

export function presentVeto(campaignCode: string, i: VetoItem): VetoView {
  const r = i.row;
  return {
    id: r.id,
    campaignCode,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    streetCode: r.street_code,
    streetName: r.street_name,
    star: r.star,
    starName: i.starName,
    reason: r.reason,
    evidence: r.evidence,
    photos: i.photos.map(presentPhoto),
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
    active: r.revoked_at === null,
    revokedByName: r.revoked_by_name,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    demo: Boolean(r.demo),
  };
}

export function presentVetoList(campaignCode: string, items: VetoItem[]): VetoListView {
  return { rows: items.map((i) => presentVeto(campaignCode, i)) };
}

export function presentVetoResult(campaignCode: string, r: VetoResult): VetoResultView {
  return { veto: presentVeto(campaignCode, r.item), replayed: r.replayed };
}

export function presentConfirmation(c: RatingConfirmationHead): RatingConfirmationView {
  return {
    version: Number(c.version),
    reason: c.reason,
    confirmedByName: c.confirmed_by_name,
    confirmedAt: c.confirmed_at,
  };
}

function presentRatingRow(r: RatingRow): StarRatingRowView {
  return {
    rank: r.rank,
    unitCode: r.unitCode,
    unitName: r.unitName,
    streetCode: r.streetCode,
    streetName: r.streetName,
    targets: r.targets,
    score: r.score,
    stars: r.stars.map((s) => ({ ...s })),
    count: r.count,
    label: r.label,
    vetoes: r.vetoes.map((v) => ({ ...v })),
  };
}

export function presentStarRatings(list: RatingList): StarRatingListView {
  return {
    campaignCode: list.campaign.code,
    year: Number(list.campaign.year),
    starLine: list.starLine,
    prerequisite: list.prerequisite,
    stars: list.stars,
    rows: list.rows.map(presentRatingRow),
    summary: list.summary,
    latest: list.latest ? presentConfirmation(list.latest) : null,
    changed: list.changed,
  };
}

export function presentConfirmedRatings(c: ConfirmedRating): ConfirmedRatingView {
  return {
    campaignCode: c.campaign.code,
    year: Number(c.campaign.year),
    confirmation: presentConfirmation(c.confirmation),
    stars: c.stars,
    rows: c.rows.map(presentRatingRow),
    summary: c.summary,
    versions: c.versions.map(presentConfirmation),
  };
}

export function presentConfirmResult(r: {
  confirmation: RatingConfirmationHead;
  replayed: boolean;
}): RatingConfirmResultView {
  return { confirmation: presentConfirmation(r.confirmation), replayed: r.replayed };
}

export function presentCertificates(c: {
  campaign: { code: string; year: number };
  version: number | null;
  rows: CertificateListView['rows'];
}): CertificateListView {
  return {
    campaignCode: c.campaign.code,
    year: Number(c.campaign.year),
    source: c.version === null ? 'computed' : 'confirmed',
    version: c.version,
    rows: c.rows,
  };
}
