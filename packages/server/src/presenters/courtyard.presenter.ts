import type {
  CourtyardApplicationListView,
  CourtyardApplicationStatus,
  CourtyardApplicationView,
  CourtyardAwardKind,
  CourtyardAwardView,
  CourtyardCampaignListView,
  CourtyardCampaignStatus,
  CourtyardCampaignView,
  CourtyardCeremonyView,
  CourtyardEvaluationView,
  CourtyardHouseholdView,
  CourtyardLevelCode,
  CourtyardLevelEventView,
  CourtyardStanding,
  CourtyardStatsView,
  CourtyardTodoView,
  HouseholdDetailView,
  HouseholdListView,
  HouseholdView,
  SubmitCourtyardEvaluationResultView,
} from '../contracts/courtyard';
import type {
  ApplicationListRow,
  CourtyardAwardRow,
  CourtyardEvaluationRow,
  HouseholdRow,
} from '../repositories/courtyard.repository';
import type { CampaignSummary, LoadedCampaign } from '../services/courtyard.service';
import type {
  CourtyardHousehold,
  EvaluationFull,
  LevelEventFull,
} from '../services/courtyardEvaluation.service';
import type { CeremonyRow, CourtyardStats } from '../services/courtyardStats.service';
import type { getHousehold } from '../services/household.service';
import { membersOf } from '../services/household.service';
import { presentPhoto } from './supervision.presenter';

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** A household with its profile, village and street. */
export function presentHousehold(h: HouseholdRow): HouseholdView {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    headName: h.head_name,
    address: h.address,
    memberCount: Number(h.member_count),
    members: membersOf(h.members),
    phone: h.phone,
    villageCode: h.village_code,
    villageName: h.village_name,
    streetCode: h.street_code,
    streetName: h.street_name,
    demo: Boolean(h.demo),
    updatedAt: [h.profile_updated_at, h.unit_updated_at].sort().at(-1) ?? h.unit_updated_at,
  };
}

export function presentHouseholdList(r: {
  rows: HouseholdRow[];
  total: number;
  page: number;
  pageSize: number;
}): HouseholdListView {
  return { rows: r.rows.map(presentHousehold), total: r.total, page: r.page, pageSize: r.pageSize };
}

export function presentHouseholdDetail(d: Awaited<ReturnType<typeof getHousehold>>): HouseholdDetailView {
  return {
    ...presentHousehold(d.household),
    campaigns: d.campaigns.map((a) => ({
      campaignCode: a.campaign_code,
      campaignName: a.campaign_name,
      year: Number(a.year),
      status: a.status as CourtyardApplicationStatus,
      level: a.level as CourtyardStanding,
      score: num(a.score),
    })),
  };
}

/** A campaign with its standards, rules and level counts. */
export function presentCourtyardCampaign(c: CampaignSummary): CourtyardCampaignView {
  return {
    code: c.row.code,
    year: Number(c.row.year),
    name: c.row.name,
    status: c.row.status as CourtyardCampaignStatus,
    standards: c.standards.map((s) => ({
      code: s.code,
      name: s.name,
      maxPoints: s.maxPoints,
      guidance: s.guidance,
    })),
    maxTotal: c.standards.reduce((a, s) => a + s.maxPoints, 0),
    levels: c.levels,
    atLevel: { ...c.atLevel },
    applications: c.applications,
    demo: Boolean(c.row.demo),
    createdAt: c.row.created_at,
    updatedAt: c.row.updated_at,
  };
}

export function presentCourtyardCampaignList(rows: CampaignSummary[]): CourtyardCampaignListView {
  return { rows: rows.map(presentCourtyardCampaign) };
}

/** An application with its household's names. */
export function presentApplication(a: ApplicationListRow, campaignCode: string): CourtyardApplicationView {
  return {
    campaignCode,
    householdCode: a.household_code,
    headName: a.head_name,
    address: a.address,
    villageCode: a.village_code,
    villageName: a.village_name,
    streetCode: a.street_code,
    streetName: a.street_name,
    status: a.status as CourtyardApplicationStatus,
    level: a.level as CourtyardStanding,
    score: num(a.score),
    evaluatorCount: Number(a.evaluator_count),
    appliedAt: a.applied_at,
    appliedByName: a.applied_by_name,
    villageConfirmedAt: a.village_confirmed_at,
    villageConfirmedByName: a.village_confirmed_by_name,
    streetConfirmedAt: a.street_confirmed_at,
    streetConfirmedByName: a.street_confirmed_by_name,
    rejectReason: a.reject_reason,
    rejectedAt: a.rejected_at,
    rejectedByName: a.rejected_by_name,
    levelChangedAt: a.level_changed_at,
    demo: Boolean(a.demo),
  };
}

export function presentApplicationList(
  r: {
    rows: ApplicationListRow[];
    total: number;
    page: number;
    pageSize: number;
    byStatus: Map<string, number>;
  },
  campaignCode: string,
): CourtyardApplicationListView {
  return {
    rows: r.rows.map((a) => presentApplication(a, campaignCode)),
    total: r.total,
    page: r.page,
    pageSize: r.pageSize,
    counts: {
      applied: r.byStatus.get('applied') ?? 0,
      village_confirmed: r.byStatus.get('village_confirmed') ?? 0,
      street_confirmed: r.byStatus.get('street_confirmed') ?? 0,
      rejected: r.byStatus.get('rejected') ?? 0,
    },
  };
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One evaluation version, its scores in the campaign's standards' order. */
export function presentEvaluation(e: EvaluationFull, c: LoadedCampaign): CourtyardEvaluationView {
  const r: CourtyardEvaluationRow = e.row;
  const scores = parseObject(r.scores);
  const notes = parseObject(r.notes);
  return {
    id: r.id,
    evaluatorName: r.evaluator_name,
    version: Number(r.version),
    current: e.current,
    mine: e.mine,
    scores: c.standards.map((s) => ({
      standardCode: s.code,
      standardName: s.name,
      points: Number(scores[s.code] ?? 0),
      maxPoints: s.maxPoints,
      note: typeof notes[s.code] === 'string' ? (notes[s.code] as string) : null,
    })),
    total: Number(r.total),
    correctionReason: r.correction_reason,
    evaluatedAt: r.evaluated_at,
    photos: e.photos.map(presentPhoto),
  };
}

export function presentLevelEvent(e: LevelEventFull): CourtyardLevelEventView {
  return {
    id: e.row.id,
    kind: e.row.kind as 'nominate' | 'demote',
    fromLevel: e.row.from_level as CourtyardStanding,
    toLevel: e.row.to_level as CourtyardStanding,
    score: num(e.row.score),
    reason: e.row.reason,
    approvedBy: e.row.approved_by,
    actorName: e.row.actor_name,
    at: e.row.at,
    photos: e.photos.map(presentPhoto),
  };
}

export function presentAward(w: CourtyardAwardRow): CourtyardAwardView {
  return {
    id: w.id,
    kind: w.kind as CourtyardAwardKind,
    level: w.level as CourtyardLevelCode,
    description: w.description,
    amount: num(w.amount),
    givenOn: w.given_on,
    givenBy: w.given_by,
    recordedByName: w.recorded_by_name,
    recordedAt: w.recorded_at,
  };
}

/** One household in a campaign. */
export function presentCourtyardHousehold(h: CourtyardHousehold): CourtyardHouseholdView {
  return {
    campaign: presentCourtyardCampaign(h.campaign),
    household: presentHousehold(h.household),
    application: h.application ? presentApplication(h.application, h.campaign.row.code) : null,
    evaluations: h.evaluations.map((e) => presentEvaluation(e, h.campaign)),
    levelEvents: h.levelEvents.map(presentLevelEvent),
    awards: h.awards.map(presentAward),
    nextLevel: h.nextLevel ? { ...h.nextLevel } : null,
    may: { ...h.may },
  };
}

export function presentEvaluationResult(r: {
  evaluation: EvaluationFull;
  replayed: boolean;
  application: ApplicationListRow;
  campaign: LoadedCampaign;
}): SubmitCourtyardEvaluationResultView {
  return {
    evaluation: presentEvaluation(r.evaluation, r.campaign),
    replayed: r.replayed,
    application: presentApplication(r.application, r.campaign.row.code),
  };
}

export function presentTodo(t: {
  campaign: CampaignSummary;
  rows: (ApplicationListRow & { myTotal: number | null; myEvaluatedAt: string | null })[];
}): CourtyardTodoView {
  const rows = t.rows.map((r) => ({
    ...presentApplication(r, t.campaign.row.code),
    myTotal: r.myTotal,
    myEvaluatedAt: r.myEvaluatedAt,
  }));
  return {
    campaign: presentCourtyardCampaign(t.campaign),
    rows,
    todo: rows.filter((r) => r.myTotal === null).length,
    done: rows.filter((r) => r.myTotal !== null).length,
  };
}

export function presentStats(s: CourtyardStats): CourtyardStatsView {
  return { ...s };
}

export function presentCeremony(c: { campaign: LoadedCampaign; rows: CeremonyRow[] }): CourtyardCeremonyView {
  const rows = c.rows.map((r) => ({
    householdCode: r.application.household_code,
    headName: r.application.head_name,
    address: r.application.address,
    villageName: r.application.village_name,
    streetName: r.application.street_name,
    level: r.level,
    score: num(r.application.score),
    namedAt: r.namedAt,
    approvedBy: r.approvedBy,
    plaque: r.plaque !== null,
    plaqueGivenOn: r.plaque?.given_on ?? null,
    materials: r.materials.map((m) => ({
      description: m.description,
      amount: num(m.amount),
      givenOn: m.given_on,
    })),
  }));
  return {
    campaign: { code: c.campaign.row.code, name: c.campaign.row.name, year: Number(c.campaign.row.year) },
    rows,
    city: rows.filter((r) => r.level === 'city').length,
    district: rows.filter((r) => r.level === 'district').length,
    withPlaque: rows.filter((r) => r.plaque).length,
  };
}
