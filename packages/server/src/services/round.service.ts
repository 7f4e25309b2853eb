import type { AssignmentInput, CreateRoundBody, ReplaceAssignmentsBody } from '../contracts/supervision';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize } from '../policies/policy';
import type { CampaignUnitRow } from '../repositories/campaign.repository';
import type { InspectionHeadRow } from '../repositories/inspection.repository';
import type { AssignmentRow, RoundListRow } from '../repositories/round.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { ACCEPTANCE_MODULE, starsNeeded, uncovered } from './sheetTemplate.service';

/** A round as a viewer sees it in a list: counts within the viewer's part of it. */
export interface RoundSummary {
  round: RoundListRow;
  done: number;
  total: number;
  mine: { done: number; total: number } | null;
  problemCount: number;
}

/** One inspector's sheet on a unit as the round detail shows it. */
export interface RoundInspector {
  userId: string;
  username: string;
  name: string;
  version: number;
  submittedAt: string | null;
  totals: Record<string, number> | null;
}

export interface RoundUnit {
  unit: CampaignUnitRow;
  street: UnitRow | null;
  inspectors: RoundInspector[];
  submitted: number;
  problemCount: number;
}

/** A round with its coverage per street and its units, cut to the viewer. */
export interface RoundDetail {
  summary: RoundSummary;
  coverage: { streetCode: string; streetName: string; done: number; total: number }[];
  units: RoundUnit[];
}

/** What a round is made of: its units, assignments, submitted sheets and problem counts. */
export interface RoundState {
  round: RoundListRow;
  units: CampaignUnitRow[];
  assignments: AssignmentRow[];
  heads: InspectionHeadRow[];
  problems: Map<string, number>;
}

const strictlyUnder = (path: string, scope: string | null) =>
  scope !== null && path.startsWith(scope) && path !== scope;

/** The units of a round: the campaign's assessed units, or (special rounds) those of its street. */
export function roundUnitsOf(round: RoundListRow, assessed: CampaignUnitRow[]): CampaignUnitRow[] {
  return round.street_path ? assessed.filter((u) => strictlyUnder(u.path, round.street_path)) : assessed;
}

/** Loads the state of some rounds in a few queries. */
export async function loadRoundStates(ctx: ServiceContext, rounds: RoundListRow[]): Promise<RoundState[]> {
  const ids = rounds.map((r) => r.id);
  const assessed = new Map<string, CampaignUnitRow[]>();
  for (const campaignId of new Set(rounds.map((r) => r.campaign_id)))
    assessed.set(campaignId, await ctx.repos.campaigns.units(campaignId));
  const assignments = await ctx.repos.rounds.assignments(ids);
  const heads = await ctx.repos.inspections.heads(ids);
  const problems = await ctx.repos.rounds.problemCounts(ids);
  return rounds.map((round) => ({
    round,
    units: roundUnitsOf(round, assessed.get(round.campaign_id) ?? []),
    assignments: assignments.filter((a) => a.round_id === round.id),
    heads: heads.filter((h) => h.round_id === round.id),
    problems: new Map(problems.filter((p) => p.round_id === round.id).map((p) => [p.unit_id, p.n])),
  }));
}

/**
 * The units of a round the actor may see: all for a district admin; a street admin the units of their street
 * in district rounds and all of their street's special rounds; an inspector the units assigned to them.
 * Null when the round is not the actor's to see at all.
 */
export function visibleUnits(actor: Actor, state: RoundState): CampaignUnitRow[] | null {
  const { round, units, assignments } = state;
  if (actor.role === 'district_admin') return units;
  const mine = new Set(assignments.filter((a) => a.user_id === actor.userId).map((a) => a.unit_id));
  if (actor.role === 'street_admin') {
    if (round.scope_unit_id) return round.scope_unit_id === actor.scopeUnitId ? units : null;
    const cut = units.filter((u) => strictlyUnder(u.path, actor.scopePath) || mine.has(u.unit_id));
    return cut.length > 0 ? cut : null;
  }
  if (actor.role === 'inspector') {
    const cut = units.filter((u) => mine.has(u.unit_id));
    return cut.length > 0 ? cut : null;
  }
  return null;
}

/** May the actor see the per-star totals of sheets on this unit (beyond their own)? */
export function seesTotals(actor: Actor, unit: { path: string }): boolean {
  return (
    actor.role === 'district_admin' ||
    (actor.role === 'street_admin' && strictlyUnder(unit.path, actor.scopePath))
  );
}

function summarise(actor: Actor, state: RoundState, visible: CampaignUnitRow[]): RoundSummary {
  const ids = new Set(visible.map((u) => u.unit_id));
  const submitted = new Set(state.heads.map((h) => h.unit_id));
  const mineUnits = new Set(
    state.assignments.filter((a) => a.user_id === actor.userId).map((a) => a.unit_id),
  );
  const mineDone = new Set(state.heads.filter((h) => h.inspector_id === actor.userId).map((h) => h.unit_id));
  let problemCount = 0;
  for (const [unitId, n] of state.problems) if (ids.has(unitId)) problemCount += n;
  return {
    round: state.round,
    done: visible.filter((u) => submitted.has(u.unit_id)).length,
    total: visible.length,
    mine:
      mineUnits.size > 0
        ? { done: [...mineUnits].filter((u) => mineDone.has(u)).length, total: mineUnits.size }
        : null,
    problemCount,
  };
}

/** Loads one round the actor may see, with its state and visible units (403 when not theirs). */
export async function loadVisibleRound(
  ctx: ServiceContext,
  id: string,
): Promise<{ actor: Actor; state: RoundState; visible: CampaignUnitRow[] }> {
  authorize(ctx.actor, { do: 'round.list' });
  const round = await ctx.repos.rounds.findById(id);
  if (!round) throw notFound('轮次不存在');
  const [state] = await loadRoundStates(ctx, [round]);
  if (!state) throw notFound('轮次不存在');
  const visible = visibleUnits(ctx.actor, state);
  if (!visible) authorize(ctx.actor, { do: 'supervision.manage' });
  return { actor: ctx.actor, state, visible: visible ?? [] };
}

/** The summary of one round for the actor. */
export function summaryFor(actor: Actor, state: RoundState): RoundSummary {
  return summarise(actor, state, visibleUnits(actor, state) ?? []);
}

/** Rounds the actor may see (of one campaign, or all), with counts cut to the actor's part. */
export async function listRounds(ctx: ServiceContext, campaignCode?: string): Promise<RoundSummary[]> {
  authorize(ctx.actor, { do: 'round.list' });
  const actor = ctx.actor;
  const campaign = campaignCode ? await findCampaign(ctx.repos, campaignCode) : null;
  const states = await loadRoundStates(ctx, await ctx.repos.rounds.list(campaign?.id));
  return states.flatMap((s) => {
    const visible = visibleUnits(actor, s);
    return visible ? [summarise(actor, s, visible)] : [];
  });
}

/** A round with its coverage per street and units (inspectors, versions, totals where the viewer may see them). */
export async function getRound(ctx: ServiceContext, id: string): Promise<RoundDetail> {
  const { actor, state, visible } = await loadVisibleRound(ctx, id);
  return buildDetail(ctx, actor, state, visible);
}

async function buildDetail(
  ctx: ServiceContext,
  actor: Actor,
  state: RoundState,
  visible: CampaignUnitRow[],
): Promise<RoundDetail> {
  const parentIds = [...new Set(visible.flatMap((u) => (u.parent_id ? [u.parent_id] : [])))];
  const parents = new Map((await ctx.repos.units.findByIds(parentIds)).map((p) => [p.id, p]));
  const latest = new Map<string, InspectionHeadRow>();
  for (const h of state.heads) {
    const key = `${h.unit_id}\u0000${h.inspector_id}`;
    const seen = latest.get(key);
    if (!seen || h.version > seen.version) latest.set(key, h);
  }
  const visibleIds = new Set(visible.map((u) => u.unit_id));
  const shown = [...latest.values()].filter(
    (h) =>
      visibleIds.has(h.unit_id) && (h.inspector_id === actor.userId || seesTotals(actor, unitOf(visible, h))),
  );
  const totals = new Map<string, Record<string, number>>();
  for (const l of await ctx.repos.inspections.lines(shown.map((h) => h.id))) {
    const t = totals.get(l.inspection_id) ?? {};
    t[l.star] = (t[l.star] ?? 0) + l.points;
    totals.set(l.inspection_id, t);
  }
  const units: RoundUnit[] = visible.map((u) => {
    const users = new Map<string, { username: string; name: string }>();
    for (const a of state.assignments)
      if (a.unit_id === u.unit_id) users.set(a.user_id, { username: a.username, name: a.display_name });
    const heads = [...latest.values()].filter((h) => h.unit_id === u.unit_id);
    for (const h of heads)
      if (!users.has(h.inspector_id)) users.set(h.inspector_id, { username: '', name: h.inspector_name });
    const inspectors = [...users].map(([userId, who]): RoundInspector => {
      const head = heads.find((h) => h.inspector_id === userId);
      const may = userId === actor.userId || seesTotals(actor, u);
      return {
        userId,
        username: who.username,
        name: who.name,
        version: head?.version ?? 0,
        submittedAt: head?.submitted_at ?? null,
        totals: head && may ? (totals.get(head.id) ?? {}) : null,
      };
    });
    return {
      unit: u,
      street: (u.parent_id && parents.get(u.parent_id)) || null,
      inspectors,
      submitted: heads.length,
      problemCount: state.problems.get(u.unit_id) ?? 0,
    };
  });
  const coverage = new Map<string, { streetCode: string; streetName: string; done: number; total: number }>();
  for (const u of units) {
    const key = u.street?.code ?? '';
    const row = coverage.get(key) ?? {
      streetCode: key,
      streetName: u.street?.name ?? '（无上级）',
      done: 0,
      total: 0,
    };
    row.total += 1;
    if (u.submitted > 0) row.done += 1;
    coverage.set(key, row);
  }
  return { summary: summarise(actor, state, visible), coverage: [...coverage.values()], units };
}

function unitOf(units: CampaignUnitRow[], h: InspectionHeadRow): { path: string } {
  return units.find((u) => u.unit_id === h.unit_id) ?? { path: '' };
}

/** Whoever runs the round: the district (supervision.manage), or for special rounds the street's own admin. */
function authorizeRunning(
  ctx: ServiceContext,
  round: RoundListRow,
): asserts ctx is ServiceContext & { actor: Actor } {
  if (round.scope_unit_id && round.street_path)
    authorize(ctx.actor, { do: 'round.manageSpecial', street: { path: round.street_path, type: 'street' } });
  else authorize(ctx.actor, { do: 'supervision.manage' });
}

/**
 * Resolves assignments: each names an enabled inspector (special rounds: also a street admin of the round's
 * street) and a unit of the round — or a unit above some (a street), which assigns every round unit below it.
 */
async function resolveAssignments(
  ctx: ServiceContext,
  round: { kind: string; scope_unit_id: string | null },
  units: CampaignUnitRow[],
  inputs: AssignmentInput[],
): Promise<{ unit_id: string; user_id: string }[]> {
  const users = new Map(
    (await ctx.repos.rounds.usersByUsername([...new Set(inputs.map((a) => a.username))])).map((u) => [
      u.username,
      u,
    ]),
  );
  const byCode = new Map(units.map((u) => [u.code, u]));
  const others = new Map(
    (
      await ctx.repos.units.findByCodes(
        [...new Set(inputs.map((a) => a.unitCode))].filter((c) => !byCode.has(c)),
      )
    ).map((u) => [u.code, u]),
  );
  const out = new Map<string, { unit_id: string; user_id: string }>();
  inputs.forEach((a, i) => {
    const user = users.get(a.username);
    if (!user) throw invalid(`用户 ${a.username} 不存在`, `assignments.${i}.username`);
    const ok =
      !user.disabled &&
      (user.role === 'inspector' ||
        (round.kind === 'special' &&
          user.role === 'street_admin' &&
          user.scope_unit_id === round.scope_unit_id));
    if (!ok)
      throw invalid(
        round.kind === 'special'
          ? `用户 ${a.username} 不是督导员或本街道管理员，不能分配`
          : `用户 ${a.username} 不是督导员，不能分配`,
        `assignments.${i}.username`,
      );
    const direct = byCode.get(a.unitCode);
    const above = others.get(a.unitCode);
    const targets = direct ? [direct] : above ? units.filter((u) => strictlyUnder(u.path, above.path)) : [];
    if (targets.length === 0)
      throw invalid(`单位 ${a.unitCode} 不在本轮次的范围内`, `assignments.${i}.unitCode`);
    for (const t of targets)
      out.set(`${t.unit_id}\u0000${user.id}`, { unit_id: t.unit_id, user_id: user.id });
  });
  return [...out.values()];
}

/** Default assignments: every unit gets the inspectors whose standing assignments cover it. */
async function defaultAssignments(
  ctx: ServiceContext,
  units: CampaignUnitRow[],
): Promise<{ unit_id: string; user_id: string }[]> {
  const standing = await ctx.repos.rounds.standingInspectors();
  const out = new Map<string, { unit_id: string; user_id: string }>();
  for (const u of units)
    for (const s of standing)
      if (u.path.startsWith(s.path))
        out.set(`${u.unit_id}\u0000${s.user_id}`, { unit_id: u.unit_id, user_id: s.user_id });
  return [...out.values()];
}

const PREFIX: Record<string, string> = {
  supervision: 'DD',
  observation: 'GM',
  special: 'ZX',
  acceptance: 'YS',
};

async function nextNumber(ctx: ServiceContext, base: string): Promise<string> {
  const taken = new Set(await ctx.repos.rounds.numbersLike(base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * An annual acceptance round (年度验收) is always scored, in the campaign year's December, on a template of the
 * campaign's ND (年度考核) module: each unit's star totals become its ND items, scorers combined by the template's
 * rule. Refuses anything else naming the field.
 */
async function checkAcceptance(
  ctx: ServiceContext,
  body: CreateRoundBody,
  campaign: { id: string; year: number | string },
  template: { code: string; module: string },
): Promise<void> {
  if (!body.scored) throw invalid('年度验收轮次的评分计入年度考核，不能设为不计分', 'scored');
  const december = `${campaign.year}-12`;
  if (body.month !== december) throw invalid(`年度验收在考评年度的12月进行，月份应为 ${december}`, 'month');
  const modules = await ctx.repos.campaigns.modules(campaign.id);
  if (!modules.some((m) => m.code === ACCEPTANCE_MODULE && m.kind !== 'bonus'))
    throw invalid('本方案没有年度考核（ND）板块，不能开展年度验收', 'templateCode');
  if (template.module !== ACCEPTANCE_MODULE)
    throw invalid(
      `年度验收须使用年度考核（ND）板块的评分表，${template.code} 属于 ${template.module} 板块`,
      'templateCode',
    );
}

/**
 * Creates a round. District rounds (supervision, observation, acceptance) are the district admin's; a special
 * round (专项督查, never scored) is run by its street's admin. A scored round fills the month's items of its
 * template's module — at most one per (campaign, module, month) — and its template must cover their stars.
 * Numbers: DD-2023-10, GM-2023-12, ZX-LX-2023-04, YS-2023 (then -2, -3 … when taken).
 */
export async function createRound(ctx: ServiceContext, body: CreateRoundBody): Promise<RoundDetail> {
  if (body.kind === 'special') authorize(ctx.actor, { do: 'round.list' });
  else authorize(ctx.actor, { do: 'supervision.manage' });
  const actor = ctx.actor;
  let street: UnitRow | null = null;
  if (body.kind === 'special') {
    const streetCode =
      body.streetCode ??
      (actor.role === 'street_admin' && actor.scopeUnitId
        ? (await ctx.repos.units.findById(actor.scopeUnitId))?.code
        : undefined);
    if (!streetCode) throw invalid('专项督查须指定街道', 'streetCode');
    street = (await ctx.repos.units.findByCode(streetCode)) ?? null;
    if (street?.type !== 'street') throw invalid(`${streetCode} 不是街道`, 'streetCode');
    authorize(actor, { do: 'round.manageSpecial', street });
  } else if (body.streetCode) throw invalid('只有专项督查需要指定街道', 'streetCode');
  const campaign = await findOpenCampaign(ctx.repos, body.campaign);
  if (Number(body.month.slice(0, 4)) !== Number(campaign.year))
    throw invalid(`月份 ${body.month} 不在考评年度 ${campaign.year} 内`, 'month');
  if (body.endsOn < body.startsOn) throw invalid('结束日期不能早于开始日期', 'endsOn');
  const template = await ctx.repos.sheetTemplates.findByCode(campaign.id, body.templateCode);
  if (!template) throw invalid(`评分表 ${body.templateCode} 不存在`, 'templateCode');
  if (body.kind === 'acceptance') await checkAcceptance(ctx, body, campaign, template);
  const scored = body.kind !== 'special' && body.scored;
  await ctx.repos.audit.lock();
  if (scored) {
    const taken = await ctx.repos.rounds.findScored(campaign.id, template.module, body.month);
    if (taken)
      throw conflict(
        `${body.month} 的${template.module}板块已有计分轮次 ${taken.number}，同一月份只能有一个计分轮次`,
        'month',
      );
    const lines = await ctx.repos.sheetTemplates.lines([template.id]);
    const missing = uncovered(lines, await starsNeeded(ctx, campaign.id, template.module, [body.month]));
    if (missing.length > 0)
      throw invalid(
        `评分表 ${template.code} 缺少这些星的评分项，不能用于计分轮次：${missing.join('、')}`,
        'templateCode',
      );
  }
  const base =
    body.kind === 'acceptance'
      ? `${PREFIX.acceptance}-${campaign.year}`
      : `${PREFIX[body.kind] ?? 'DD'}-${street ? `${street.code}-` : ''}${body.month}`;
  const number = await nextNumber(ctx, base);
  const id = newId();
  const shell: RoundListRow = {
    id,
    campaign_id: campaign.id,
    number,
    name: body.name,
    kind: body.kind,
    mode: body.mode,
    month: body.month,
    template_id: template.id,
    scored: scored ? 1 : 0,
    scope_unit_id: street?.id ?? null,
    status: 'open',
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    demo: 0,
    created_by: actor.userId,
    created_by_name: actor.displayName,
    created_at: ctx.now,
    closed_at: null,
    campaign_code: campaign.code,
    campaign_year: Number(campaign.year),
    template_code: template.code,
    template_name: template.name,
    template_module: template.module,
    template_rule: template.rule,
    street_code: street?.code ?? null,
    street_name: street?.name ?? null,
    street_path: street?.path ?? null,
  };
  const units = roundUnitsOf(shell, await ctx.repos.campaigns.units(campaign.id));
  const assignments = body.assignments
    ? await resolveAssignments(ctx, shell, units, body.assignments)
    : street
      ? actor.role === 'street_admin'
        ? units.map((u) => ({ unit_id: u.unit_id, user_id: actor.userId }))
        : []
      : await defaultAssignments(ctx, units);
  const {
    campaign_code: _c,
    campaign_year: _y,
    template_code: _tc,
    template_name: _tn,
    template_module: _tm,
    template_rule: _tr,
    street_code: _sc,
    street_name: _sn,
    street_path: _sp,
    ...row
  } = shell;
  await ctx.repos.rounds.insert(row);
  await ctx.repos.rounds.insertAssignments(assignments.map((a) => ({ round_id: id, ...a })));
  await recordAudit(ctx, {
    action: 'round.create',
    entity: 'round',
    entityId: id,
    before: null,
    after: {
      campaign: campaign.code,
      number,
      name: body.name,
      kind: body.kind,
      mode: body.mode,
      month: body.month,
      template: template.code,
      scored,
      street: street?.code ?? null,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      assignments: assignments.length,
    },
  });
  return getRound(ctx, id);
}

/** Replaces a round's assignments (whoever runs the round; not once it is closed). */
export async function replaceAssignments(
  ctx: ServiceContext,
  id: string,
  body: ReplaceAssignmentsBody,
): Promise<RoundDetail> {
  authorize(ctx.actor, { do: 'round.list' });
  const round = await ctx.repos.rounds.findById(id);
  if (!round) throw notFound('轮次不存在');
  authorizeRunning(ctx, round);
  if (round.status !== 'open') throw conflict('该轮次已结束，不能再调整分工', 'status');
  const [state] = await loadRoundStates(ctx, [round]);
  const assignments = await resolveAssignments(ctx, round, state?.units ?? [], body.assignments);
  await ctx.repos.rounds.replaceAssignments(
    round.id,
    assignments.map((a) => ({ round_id: round.id, ...a })),
  );
  await recordAudit(ctx, {
    action: 'round.assign',
    entity: 'round',
    entityId: round.id,
    before: { assignments: state?.assignments.length ?? 0 },
    after: { number: round.number, assignments: body.assignments },
  });
  return getRound(ctx, round.id);
}

/** Closes a round: no first submissions after it (corrections with a reason still are). */
export async function closeRound(ctx: ServiceContext, id: string): Promise<RoundDetail> {
  authorize(ctx.actor, { do: 'round.list' });
  const round = await ctx.repos.rounds.findById(id);
  if (!round) throw notFound('轮次不存在');
  authorizeRunning(ctx, round);
  if (round.status !== 'open') throw conflict('该轮次已经结束', 'status');
  await ctx.repos.rounds.update(round.id, { status: 'closed', closed_at: ctx.now });
  await recordAudit(ctx, {
    action: 'round.close',
    entity: 'round',
    entityId: round.id,
    before: { status: 'open' },
    after: { number: round.number, status: 'closed' },
  });
  return getRound(ctx, round.id);
}
