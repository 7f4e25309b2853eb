import {
  type ActiveWarning,
  chinaDate,
  DEFAULT_WARNING_RULES,
  daysUntil,
  evaluateWarnings,
  monthEnd,
  overdueCounts,
  planWarningChanges,
  type TalkStatus,
  talkDueOn,
  talkStatus,
  type WarningChange,
  type WarningLevel,
  type WarningReason,
  type WarningRules,
} from '@wuxing/core';
import type {
  WarningChangeKind,
  WarningEvaluateBody,
  WarningListQuery,
  WarningMeasureBody,
  WarningPreviewQuery,
  WarningRulesBody,
  WarningTalkBody,
} from '../contracts/warnings';
import { conflict, invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type {
  WarningEvaluationRow,
  WarningListRow,
  WarningMeasureRow,
  WarningRulesRow,
  WarningTalkRow,
} from '../repositories/warning.repository';
import { recordAudit } from './audit.service';
import { findCampaign, findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { campaignPeriod, computeRanking } from './ranking.service';

/**
 * 预警 warnings: the district admin evaluates a quarter (preview, then commit) by core's rules over the quarter's
 * ranking (the ranking service's rows: rank, score, rate) and the problems overdue at its last day; committing
 * raises, keeps, updates or lifts warnings (history kept). Each warning's reminder talk (谈话提醒) is due within
 * the campaign's talk days; the unit's street admin (or a district admin) records talks and help measures.
 */

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

/** A campaign's thresholds: stored, or SCORING.md's defaults. */
export interface LoadedRules {
  rules: WarningRules;
  row: WarningRulesRow | undefined;
}

export async function loadRules(ctx: ServiceContext, campaign: CampaignRow): Promise<LoadedRules> {
  const row = await ctx.repos.warnings.rules(campaign.id);
  const rules: WarningRules = row
    ? {
        bottomN: Number(row.bottom_n),
        overdueMin: Number(row.overdue_min),
        redRateBelow: Number(row.red_rate_below),
        talkDays: Number(row.talk_days),
      }
    : { ...DEFAULT_WARNING_RULES };
  return { rules, row };
}

/** A campaign's warning thresholds (whoever may see warnings). */
export async function getWarningRules(
  ctx: ServiceContext,
  code: string,
): Promise<LoadedRules & { campaign: CampaignRow }> {
  authorize(ctx.actor, { do: 'warning.list' });
  const campaign = await findCampaign(ctx.repos, code);
  return { campaign, ...(await loadRules(ctx, campaign)) };
}

/** Sets a campaign's warning thresholds (district admin); they apply from the next evaluation. */
export async function saveWarningRules(
  ctx: ServiceContext,
  code: string,
  body: WarningRulesBody,
): Promise<LoadedRules & { campaign: CampaignRow }> {
  authorize(ctx.actor, { do: 'warning.evaluate' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const before = await loadRules(ctx, campaign);
  await ctx.repos.warnings.saveRules({
    campaign_id: campaign.id,
    bottom_n: body.bottomN,
    overdue_min: body.overdueMin,
    red_rate_below: body.redRateBelow,
    talk_days: body.talkDays,
    updated_by_name: ctx.actor.displayName,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'warning.rules',
    entity: 'campaign',
    entityId: campaign.id,
    before: { ...before.rules },
    after: { ...body },
  });
  return { campaign, ...(await loadRules(ctx, campaign)) };
}

// ——— Evaluation ———

/** One line of an evaluation plan, with the unit's names. */
export interface PlanLine {
  change: WarningChangeKind;
  period: string;
  unitCode: string;
  unitName: string;
  streetName: string | null;
  level: WarningLevel | null;
  reasons: WarningReason[];
  rank: number | null;
  total: number | null;
  score: number | null;
  rate: number | null;
  overdue: number | null;
  /** For keep/update/lift: the warning it touches. */
  warningId: string | null;
  cutoff: number | null;
}

export interface WarningPlan {
  campaign: CampaignRow;
  period: string;
  asOf: string;
  rules: LoadedRules;
  ranked: number;
  lines: PlanLine[];
}

function parseReasons(s: string): WarningReason[] {
  return s.split(',').filter((x): x is WarningReason => x === 'bottom' || x === 'overdue' || x === 'rate');
}

function toActive(r: WarningListRow): ActiveWarning {
  return {
    id: r.id,
    code: r.unit_code,
    period: r.period,
    level: r.level === 'red' ? 'red' : 'yellow',
    reasons: parseReasons(r.reasons),
    rank: Number(r.rank),
    total: Number(r.total),
    score: Number(r.score),
    rate: r.rate === null ? null : Number(r.rate),
    overdue: Number(r.overdue),
  };
}

/**
 * Plans an evaluation of a quarter: the ranking service's unit rows (whole campaign), each unit's problems open
 * and past their deadline at the quarter's last day, core's rules, and core's plan against the active warnings.
 * Only a quarter that has ended can be evaluated (409).
 */
async function planEvaluation(ctx: ServiceContext, campaign: CampaignRow, key: string): Promise<WarningPlan> {
  const period = campaignPeriod(campaign, key);
  if (period.kind !== 'quarter') throw invalid('预警按季度评估，期间应为 YYYY-Qn', 'period');
  const asOf = monthEnd(period.end);
  if (chinaDate(ctx.now) <= asOf)
    throw conflict(`${period.key} 尚未结束（季末 ${asOf}），季度结束后才能评估预警`, 'period');
  const loaded = await loadRules(ctx, campaign);
  const ranking = await computeRanking(
    ctx.repos,
    campaign,
    { period: period.key, level: 'unit' },
    { kind: 'all' },
  );
  const units = await ctx.repos.campaigns.units(campaign.id);
  const codeOf = new Map(units.map((u) => [u.unit_id, u.code]));
  const problems = (await ctx.repos.problems.forRanking(campaign.id)).flatMap((p) => {
    const unit = codeOf.get(p.unit_id);
    return unit === undefined ? [] : [{ unit, deadline: p.deadline, closedOn: p.closed_on }];
  });
  const overdue = overdueCounts(problems, asOf);
  const results = evaluateWarnings(
    ranking.rows.map((r) => ({
      code: r.code,
      rank: r.rank,
      score: r.score,
      rate: r.rate,
      overdue: overdue.get(r.code) ?? 0,
    })),
    loaded.rules,
  );
  const active = await ctx.repos.warnings.active(campaign.id);
  const activeById = new Map(active.map((a) => [a.id, a]));
  const rowOf = new Map(ranking.rows.map((r) => [r.code, r]));
  const changes = planWarningChanges(period.key, results, active.map(toActive));
  const lines = changes.map((c: WarningChange): PlanLine => {
    if (c.kind === 'lift') {
      const a = activeById.get(c.id);
      return {
        change: 'lift',
        period: a?.period ?? period.key,
        unitCode: c.code,
        unitName: a?.unit_name ?? c.code,
        streetName: a?.street_name ?? null,
        level: null,
        reasons: [],
        rank: rowOf.get(c.code)?.rank ?? null,
        total: ranking.rows.length,
        score: rowOf.get(c.code)?.score ?? null,
        rate: rowOf.get(c.code)?.rate ?? null,
        overdue: overdue.get(c.code) ?? 0,
        warningId: c.id,
        cutoff: null,
      };
    }
    const r = c.result;
    const row = rowOf.get(r.code);
    return {
      change: c.kind,
      period: period.key,
      unitCode: r.code,
      unitName: row?.name ?? r.code,
      streetName: row?.parentName ?? null,
      level: r.level,
      reasons: r.reasons,
      rank: r.rank,
      total: r.total,
      score: r.score,
      rate: r.rate,
      overdue: r.overdue,
      warningId: c.kind === 'raise' ? null : c.id,
      cutoff: r.bottomCutoffRank,
    };
  });
  const order: Record<WarningChangeKind, number> = { raise: 0, update: 1, keep: 2, lift: 3 };
  lines.sort((a, b) => order[a.change] - order[b.change] || (a.rank ?? 0) - (b.rank ?? 0));
  return { campaign, period: period.key, asOf, rules: loaded, ranked: ranking.rows.length, lines };
}

/** What evaluating a quarter would do (district admin), changing nothing. */
export async function previewWarnings(
  ctx: ServiceContext,
  code: string,
  query: WarningPreviewQuery,
): Promise<WarningPlan> {
  authorize(ctx.actor, { do: 'warning.evaluate' });
  const campaign = await findCampaign(ctx.repos, code);
  return planEvaluation(ctx, campaign, query.period);
}

export interface EvaluateResult {
  evaluation: WarningEvaluationRow;
  plan: WarningPlan;
  replayed: boolean;
}

/**
 * Commits an evaluation of a quarter (district admin): raises warnings for newly warned units (talk due in the
 * campaign's talk days), keeps or updates those warned again, lifts those cleared (this quarter's, and earlier
 * quarters' of units this quarter clears). Every evaluation is kept; evaluating again with nothing changed keeps
 * every warning as it is. Idempotent on the key (a retry returns the first evaluation).
 */
export async function commitWarnings(
  ctx: ServiceContext,
  code: string,
  body: WarningEvaluateBody,
): Promise<EvaluateResult> {
  authorize(ctx.actor, { do: 'warning.evaluate' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const print = JSON.stringify([campaign.id, body.period]);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.warnings.findEvaluationByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { evaluation: existing, plan: await planEvaluation(ctx, campaign, body.period), replayed: true };
  }
  const plan = await planEvaluation(ctx, campaign, body.period);
  const count = (k: WarningChangeKind) => plan.lines.filter((l) => l.change === k).length;
  const evaluation: WarningEvaluationRow = {
    id: newId(),
    campaign_id: campaign.id,
    period: plan.period,
    sequence: await ctx.repos.warnings.nextSequence(campaign.id, plan.period),
    as_of: plan.asOf,
    rules: JSON.stringify(plan.rules.rules),
    raised: count('raise'),
    kept: count('keep'),
    updated: count('update'),
    lifted: count('lift'),
    evaluated_by: ctx.actor.userId,
    evaluated_by_name: ctx.actor.displayName,
    evaluated_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
    demo: 0,
  };
  await ctx.repos.warnings.insertEvaluation(evaluation);
  const today = chinaDate(ctx.now);
  const unitIds = new Map((await ctx.repos.campaigns.units(campaign.id)).map((u) => [u.code, u.unit_id]));
  for (const l of plan.lines) {
    const figures = {
      level: l.level ?? 'yellow',
      reasons: l.reasons.join(','),
      rank: l.rank ?? 0,
      total: l.total ?? 0,
      score: l.score ?? 0,
      rate: l.rate,
      overdue: l.overdue ?? 0,
      bottom_cutoff_rank: l.cutoff,
    };
    if (l.change === 'raise') {
      const unitId = unitIds.get(l.unitCode);
      if (!unitId) continue;
      await ctx.repos.warnings.insert({
        id: newId(),
        campaign_id: campaign.id,
        unit_id: unitId,
        period: plan.period,
        ...figures,
        status: 'active',
        raised_evaluation_id: evaluation.id,
        raised_at: ctx.now,
        raised_on: today,
        talk_due_on: talkDueOn(today, plan.rules.rules.talkDays),
        checked_evaluation_id: evaluation.id,
        lifted_evaluation_id: null,
        lifted_at: null,
        lifted_on: null,
        lift_reason: null,
      });
    } else if (l.warningId && l.change === 'update') {
      await ctx.repos.warnings.update(l.warningId, { ...figures, checked_evaluation_id: evaluation.id });
    } else if (l.warningId && l.change === 'keep') {
      await ctx.repos.warnings.update(l.warningId, {
        checked_evaluation_id: evaluation.id,
        bottom_cutoff_rank: l.cutoff,
      });
    } else if (l.warningId && l.change === 'lift') {
      await ctx.repos.warnings.lift(l.warningId, {
        lifted_evaluation_id: evaluation.id,
        lifted_at: ctx.now,
        lifted_on: today,
        lift_reason:
          l.period === plan.period
            ? `${plan.period} 重新评估后不再触发预警`
            : `${plan.period} 排名已不再触发预警`,
      });
    }
  }
  await recordAudit(ctx, {
    action: 'warning.evaluate',
    entity: 'warningEvaluation',
    entityId: evaluation.id,
    before: null,
    after: {
      campaign: campaign.code,
      period: plan.period,
      sequence: evaluation.sequence,
      rules: plan.rules.rules,
      raised: plan.lines.filter((l) => l.change === 'raise').map((l) => `${l.unitCode}:${l.level}`),
      updated: plan.lines.filter((l) => l.change === 'update').map((l) => `${l.unitCode}:${l.level}`),
      lifted: plan.lines.filter((l) => l.change === 'lift').map((l) => `${l.unitCode}@${l.period}`),
      kept: evaluation.kept,
    },
  });
  return { evaluation, plan, replayed: false };
}

// ——— Reading ———

/** A warning with what the views derive from "today": the talk's status and days left. */
export interface WarningItem {
  row: WarningListRow;
  reasons: WarningReason[];
  talkStatus: TalkStatus;
  talkDaysLeft: number | null;
  talks: number;
  measures: number;
  canFollowUp: boolean;
}

function unitRef(row: WarningListRow) {
  return { path: row.unit_path, type: row.unit_type };
}

async function toItems(
  ctx: ServiceContext & { actor: Actor },
  rows: WarningListRow[],
): Promise<WarningItem[]> {
  const ids = rows.map((r) => r.id);
  const first = await ctx.repos.warnings.firstTalkOn(ids);
  const talkCount = new Map<string, number>();
  for (const t of await ctx.repos.warnings.talks(ids))
    talkCount.set(t.warning_id, (talkCount.get(t.warning_id) ?? 0) + 1);
  const measureCount = new Map<string, number>();
  for (const m of await ctx.repos.warnings.measures(ids))
    measureCount.set(m.warning_id, (measureCount.get(m.warning_id) ?? 0) + 1);
  const today = chinaDate(ctx.now);
  return rows.map((row) => {
    const status = talkStatus(row.talk_due_on, first.get(row.id) ?? null, today, row.lifted_on);
    return {
      row,
      reasons: parseReasons(row.reasons),
      talkStatus: status,
      talkDaysLeft: status === 'pending' || status === 'overdue' ? daysUntil(row.talk_due_on, today) : null,
      talks: talkCount.get(row.id) ?? 0,
      measures: measureCount.get(row.id) ?? 0,
      canFollowUp: can(ctx.actor, { do: 'warning.followUp', unit: unitRef(row) }),
    };
  });
}

export interface WarningList {
  campaign: CampaignRow;
  items: WarningItem[];
  periods: string[];
  evaluations: WarningEvaluationRow[];
  canEvaluate: boolean;
}

/** The campaign's warnings inside the caller's part of the tree (village users: their own unit's), filtered. */
export async function listWarnings(
  ctx: ServiceContext,
  code: string,
  query: WarningListQuery,
): Promise<WarningList> {
  authorize(ctx.actor, { do: 'warning.list' });
  const actor = ctx.actor;
  const campaign = await findCampaign(ctx.repos, code);
  const scope = unitScopeOf(actor);
  const rows = await ctx.repos.warnings.list(campaign.id, scope, {
    ...(query.period ? { period: query.period } : {}),
    ...(query.level ? { level: query.level } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.street ? { streetCode: query.street } : {}),
    ...(query.unit ? { unitCode: query.unit } : {}),
  });
  const canEvaluate = can(actor, { do: 'warning.evaluate' });
  const evaluations = await ctx.repos.warnings.evaluations(campaign.id);
  const periods = [...new Set(evaluations.map((e) => e.period))].sort().reverse();
  return {
    campaign,
    items: await toItems({ ...ctx, actor }, rows),
    periods,
    evaluations: canEvaluate ? evaluations : [],
    canEvaluate,
  };
}

export interface WarningDetail {
  item: WarningItem;
  talks: WarningTalkRow[];
  measures: WarningMeasureRow[];
  history: WarningItem[];
}

async function loadWarning(ctx: ServiceContext, campaign: CampaignRow, id: string): Promise<WarningListRow> {
  const row = await ctx.repos.warnings.findById(id);
  if (!row || row.campaign_id !== campaign.id) throw notFound('预警不存在');
  return row;
}

async function buildDetail(
  ctx: ServiceContext & { actor: Actor },
  row: WarningListRow,
): Promise<WarningDetail> {
  const [item] = await toItems(ctx, [row]);
  if (!item) throw notFound('预警不存在');
  const others = (
    await ctx.repos.warnings.list(row.campaign_id, { kind: 'all' }, { unitCode: row.unit_code })
  ).filter((r) => r.id !== row.id);
  return {
    item,
    talks: await ctx.repos.warnings.talks([row.id]),
    measures: await ctx.repos.warnings.measures([row.id]),
    history: await toItems(ctx, others),
  };
}

/** One warning with its talks, help measures and the unit's other warnings of the campaign. */
export async function getWarning(ctx: ServiceContext, code: string, id: string): Promise<WarningDetail> {
  authorize(ctx.actor, { do: 'warning.list' });
  const campaign = await findCampaign(ctx.repos, code);
  const row = await loadWarning(ctx, campaign, id);
  authorize(ctx.actor, { do: 'warning.read', unit: unitRef(row) });
  return buildDetail({ ...ctx, actor: ctx.actor }, row);
}

export interface WarningWriteResult {
  detail: WarningDetail;
  replayed: boolean;
}

/**
 * Records a reminder talk (谈话提醒) on a warning: the unit's street admin or a district admin. The talk's day
 * lies between the warning's day and today; a follow-up day, when given, not before the talk. Idempotent on the key.
 */
export async function recordTalk(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: WarningTalkBody,
): Promise<WarningWriteResult> {
  authorize(ctx.actor, { do: 'warning.list' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const row = await loadWarning(ctx, campaign, id);
  authorize(ctx.actor, { do: 'warning.followUp', unit: unitRef(row) });
  const actor = ctx.actor;
  const today = chinaDate(ctx.now);
  const followUpOn = body.followUpOn ?? null;
  if (body.talkedOn > today) throw invalid('谈话日期不能晚于今天', 'talkedOn');
  if (body.talkedOn < row.raised_on) throw invalid(`谈话日期不能早于预警日期 ${row.raised_on}`, 'talkedOn');
  if (followUpOn !== null && followUpOn < body.talkedOn)
    throw invalid('回访日期不能早于谈话日期', 'followUpOn');
  const fields = {
    talked_on: body.talkedOn,
    talker: body.talker,
    talkee: body.talkee,
    agreed: body.agreed,
    follow_up_on: followUpOn,
  };
  const kind = body.kind ?? 'reminder';
  // A reminder talk pins what it pinned before steps had kinds, so retries of those keys still replay.
  const print = JSON.stringify(kind === 'reminder' ? [row.id, fields] : [row.id, fields, kind]);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.warnings.findTalkByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildDetail({ ...ctx, actor }, row), replayed: true };
  }
  const talkId = newId();
  await ctx.repos.warnings.insertTalk({
    id: talkId,
    warning_id: row.id,
    kind,
    ...fields,
    recorded_by: actor.userId,
    recorded_by_name: actor.displayName,
    recorded_at: ctx.now,
    recorded_on: today,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
  });
  await recordAudit(ctx, {
    action: 'warning.talk',
    entity: 'warning',
    entityId: row.id,
    before: null,
    after: { talk: talkId, kind, unit: row.unit_code, period: row.period, ...fields },
  });
  return { detail: await buildDetail({ ...ctx, actor }, row), replayed: false };
}

/** Notes a help measure (帮扶措施) on a warning: the unit's street admin or a district admin. Idempotent. */
export async function addMeasure(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: WarningMeasureBody,
): Promise<WarningWriteResult> {
  authorize(ctx.actor, { do: 'warning.list' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const row = await loadWarning(ctx, campaign, id);
  authorize(ctx.actor, { do: 'warning.followUp', unit: unitRef(row) });
  const actor = ctx.actor;
  const print = JSON.stringify([row.id, body.text]);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.warnings.findMeasureByKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { detail: await buildDetail({ ...ctx, actor }, row), replayed: true };
  }
  const measureId = newId();
  await ctx.repos.warnings.insertMeasure({
    id: measureId,
    warning_id: row.id,
    text: body.text,
    recorded_by: actor.userId,
    recorded_by_name: actor.displayName,
    recorded_at: ctx.now,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
  });
  await recordAudit(ctx, {
    action: 'warning.measure',
    entity: 'warning',
    entityId: row.id,
    before: null,
    after: { measure: measureId, unit: row.unit_code, period: row.period, text: body.text },
  });
  return { detail: await buildDetail({ ...ctx, actor }, row), replayed: false };
}
