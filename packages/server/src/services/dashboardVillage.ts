import { chinaDate, itemLosses, talkStatus } from '@wuxing/core';
import type { VillageDashboardQuery, VillageDashboardView } from '../contracts/dashboard';
import { invalid, notFound } from '../lib/errors';
import type { Actor } from '../policies/actor';
import { authorize, type UnitScope } from '../policies/policy';
import type { UnitRow } from '../repositories/unit.repository';
import { loadRankingInputs, parentAt } from './campaignLoader';
import type { ServiceContext } from './context';
import {
  campaignRef,
  dashboardCampaign,
  dashboardCampaigns,
  dashboardMonths,
  scoreStateOf,
} from './dashboardFigures';
import { problemItem } from './problemRead.service';
import { getUnitTasks } from './taskRead.service';

/**
 * A village's own view (得分分析): where it stands, where it loses points, which problems cost it, what is due.
 * Scores come from the scoring core on the ranking inputs loaded once; item losses are core's itemLosses.
 */

/** The village a request is for, authorised: its own users, its street admin, district admins. */
async function resolveVillage(ctx: ServiceContext, code: string | undefined): Promise<UnitRow> {
  // Before reading anything: inspectors and judges have no village view, the public must log in.
  authorize(ctx.actor, {
    do: 'dashboard.village',
    unit: { path: ctx.actor?.scopePath ?? '/', type: 'village' },
  });
  const actor: Actor = ctx.actor;
  let unit: UnitRow | undefined;
  if (code) {
    unit = await ctx.repos.units.findByCode(code);
    if (!unit) throw notFound('单位不存在');
  } else if (actor.role === 'village_user' && actor.scopeUnitId) {
    unit = await ctx.repos.units.findById(actor.scopeUnitId);
    if (!unit) throw notFound('单位不存在');
  } else throw invalid('请选择村(社区)', 'unit');
  authorize(actor, { do: 'dashboard.village', unit: { path: unit.path, type: unit.type } });
  return unit;
}

const STATUSES = ['open', 'submitted', 'reviewing', 'closed'] as const;

/** A stored problem status as the view's enum (an unknown one reads as open). */
function problemStatus(s: string): (typeof STATUSES)[number] {
  return STATUSES.find((x) => x === s) ?? 'open';
}

/**
 * A village's own view as of month M (its users; its street admin and district admins with `?unit=`): score,
 * rank and change, stars, rank month by month, the items and problems costing it most, and what is due next.
 */
export async function getVillageDashboard(
  ctx: ServiceContext,
  query: VillageDashboardQuery,
): Promise<VillageDashboardView> {
  const unitRow = await resolveVillage(ctx, query.unit);
  const campaign = await dashboardCampaign(ctx.repos, query.campaign);
  const inputs = await loadRankingInputs(ctx.repos, campaign);
  const unit = inputs.units.find((u) => u.code === unitRow.code);
  const unitInput = inputs.unitInputs.find((u) => u.code === unitRow.code);
  if (!unit || !unitInput) throw notFound('该单位不在本方案的考评范围内');
  const { month, months } = dashboardMonths(campaign, inputs, query.month);
  const state = scoreStateOf(inputs, month);
  const model = inputs.model;
  const scored = (t: string) => state.first !== null && t >= state.first;

  const ranked = state.ranked.get(month) ?? [];
  const mine = ranked.find((r) => r.code === unit.code);
  const result = (state.results.get(month) ?? []).find((r) => r.unit === unit.code);
  const parentId = parentAt(unit, inputs.moves, month);
  const today = chinaDate(ctx.now);

  // Losses: per item due so far, what it is worth on the star card minus what the unit got (core).
  const starName = new Map(model.stars.map((s) => [s.code, s.name]));
  const losses = itemLosses(model, unitInput, inputs.scores, month)
    .filter((l) => l.lost > 1e-9)
    .slice(0, 10)
    .map((l) => ({
      star: l.star,
      starName: starName.get(l.star) ?? l.star,
      item: l.item,
      itemName: inputs.itemByCode.get(l.item)?.name ?? l.item,
      max: l.max,
      got: l.got,
      lost: l.lost,
    }));

  // Problems: the points each has cost as of M (core's deduction lines), open ones and the costliest.
  const scope: UnitScope = { kind: 'paths', paths: [unitRow.path] };
  const problemRows = await ctx.repos.problems.list(scope, { campaignId: campaign.id, unitCode: unit.code });
  const deductionOf = new Map<string, number>();
  for (const s of result?.stars ?? [])
    for (const d of s.deductions)
      deductionOf.set(d.problemId, (deductionOf.get(d.problemId) ?? 0) + d.points);
  const problems = problemRows
    .map((row) => ({ row, item: problemItem(row, today), deduction: deductionOf.get(row.id) ?? 0 }))
    .filter((p) => p.row.status !== 'closed' || p.deduction > 0)
    .sort(
      (a, b) =>
        b.deduction - a.deduction ||
        (a.row.deadline < b.row.deadline ? -1 : a.row.deadline > b.row.deadline ? 1 : 0) ||
        (a.row.number < b.row.number ? -1 : 1),
    )
    .slice(0, 20);

  // Due next: tasks not yet done, open problems' deadlines, warnings' talks still to be held.
  const due: VillageDashboardView['due'] = [];
  const tasks = await getUnitTasks(ctx, campaign.code, unit.code);
  for (const t of tasks.rows) {
    const { task, state: taskState } = t.facts;
    if (taskState !== 'pending' && taskState !== 'overdue' && taskState !== 'returned') continue;
    due.push({
      kind: 'task',
      title: `${task.number} ${task.title}`,
      due: task.deadline.slice(0, 10),
      overdue: taskState === 'overdue' || task.deadline.slice(0, 10) < today,
      link: `/tasks/${encodeURIComponent(task.id)}/units/${encodeURIComponent(unit.code)}?campaign=${encodeURIComponent(campaign.code)}`,
    });
  }
  for (const row of problemRows) {
    if (row.status !== 'open') continue;
    due.push({
      kind: 'problem',
      title: `${row.number} ${row.description}`,
      due: row.deadline,
      overdue: problemItem(row, today).overdue,
      link: `/problems/${encodeURIComponent(row.id)}`,
    });
  }
  const warnings = await ctx.repos.warnings.list(campaign.id, scope, {
    status: 'active',
    unitCode: unit.code,
  });
  const firstTalk = await ctx.repos.warnings.firstTalkOn(warnings.map((w) => w.id));
  for (const w of warnings) {
    const status = talkStatus(w.talk_due_on, firstTalk.get(w.id) ?? null, today, w.lifted_on);
    if (status !== 'pending' && status !== 'overdue') continue;
    due.push({
      kind: 'warning',
      title: `${w.level === 'red' ? '红色预警' : '黄色预警'}（${w.period}）谈话提醒`,
      due: w.talk_due_on,
      overdue: status === 'overdue',
      link: `/warnings/${encodeURIComponent(w.id)}?campaign=${encodeURIComponent(campaign.code)}`,
    });
  }
  due.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.title < b.title ? -1 : 1));

  return {
    campaign: campaignRef(campaign),
    campaigns: await dashboardCampaigns(ctx.repos),
    month,
    months,
    unit: {
      code: unit.code,
      name: unit.name,
      streetName: (parentId && inputs.parents.get(parentId)?.name) || null,
    },
    score: scored(month) ? (result?.score ?? null) : null,
    rank: scored(month) ? (mine?.rank ?? null) : null,
    total: ranked.length,
    change: scored(month) ? (mine?.change ?? null) : null,
    stars: model.stars.map((s) => {
      const star = result?.stars.find((x) => x.star === s.code);
      return {
        code: s.code,
        name: s.name,
        targeted: unit.targets.includes(s.code),
        score: star && scored(month) ? star.score : null,
      };
    }),
    rankTrend: state.months.map((t) => {
      const row = state.ranked.get(t)?.find((r) => r.code === unit.code);
      return {
        month: t,
        rank: scored(t) ? (row?.rank ?? null) : null,
        score: scored(t) ? (row?.score ?? null) : null,
      };
    }),
    losses,
    problems: problems.map((p) => ({
      id: p.row.id,
      number: p.row.number,
      star: p.row.star,
      description: p.row.description,
      status: problemStatus(p.row.status),
      deadline: p.row.deadline,
      overdue: p.item.overdue,
      deduction: p.deduction,
    })),
    due,
  };
}
