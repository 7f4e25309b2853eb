import { chinaDate, daysToDeadline, isLateSubmission, needsReminder, type TaskState } from '@wuxing/core';
import type { TaskListQuery } from '../contracts/tasks';
import { notFound, unauthenticated } from '../lib/errors';
import { authorize, can, scopeCovers, type UnitScope, unitScopeOf } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type {
  TaskReviewWithSubmissionRow,
  TaskRow,
  TaskSubmissionDocumentRow,
  TaskSubmissionPhotoRow,
  TaskSubmissionRow,
} from '../repositories/task.repository';
import type { UnitRow } from '../repositories/unit.repository';
import type { AssessedUnit } from './campaignLoader';
import { findCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import {
  addressedUnits,
  chosenUnits,
  isAddressed,
  latestByPair,
  loadTaskCampaign,
  reviewEffective,
  type TaskCampaign,
  taskItem,
  type UnitTaskFacts,
  unitTaskFacts,
} from './taskLoader';

/**
 * Reading daily tasks: the district's list and a task's per-unit table (cut to the viewer's part of the tree),
 * a unit's own list with reminders, one unit's task with every submission and review, the reminder badge.
 */

/** How many addressed units (in the viewer's scope) stand where. */
export interface TaskProgress {
  addressed: number;
  pending: number;
  overdue: number;
  submitted: number;
  returned: number;
  scored: number;
}

/** A task with what its views show beside the row. */
export interface TaskSummary {
  row: TaskRow;
  campaignCode: string;
  starName: string;
  unitCodes: string[];
  itemCode: string;
  locked: boolean;
  progress: TaskProgress;
}

/** One unit on one task, as rows show it. */
export interface UnitTaskItem {
  facts: UnitTaskFacts;
  starName: string;
  street: UnitRow | null;
  daysLeft: number;
  remind: boolean;
}

export interface TaskList {
  summaries: TaskSummary[];
  today: string;
}

export interface TaskDetail {
  summary: TaskSummary;
  units: UnitTaskItem[];
  today: string;
}

export interface UnitTaskList {
  unit: AssessedUnit;
  rows: UnitTaskItem[];
  counts: Record<TaskState, number> & { remind: number };
  today: string;
}

/** A submission version with its evidence and whether it came after the (current) deadline. */
export interface SubmissionItem {
  row: TaskSubmissionRow;
  late: boolean;
  photos: TaskSubmissionPhotoRow[];
  documents: TaskSubmissionDocumentRow[];
}

/** A review version with what it counts after the late rule. */
export interface ReviewItem {
  row: TaskReviewWithSubmissionRow;
  late: boolean;
  effective: number | null;
}

export interface UnitTaskDetail {
  summary: TaskSummary;
  item: UnitTaskItem;
  submissions: SubmissionItem[];
  reviews: ReviewItem[];
  can: { submit: boolean; review: boolean };
  today: string;
}

export interface TaskReminders {
  campaignCode: string | null;
  unitCode: string | null;
  remind: number;
  overdue: number;
  returned: number;
}

const emptyProgress = (): TaskProgress => ({
  addressed: 0,
  pending: 0,
  overdue: 0,
  submitted: 0,
  returned: 0,
  scored: 0,
});

/** Today's China date: deadlines and states are China days. */
export const todayOf = (ctx: ServiceContext) => chinaDate(ctx.now);

function unitItem(tc: TaskCampaign, facts: UnitTaskFacts, today: string): UnitTaskItem {
  const { task, unit } = facts;
  return {
    facts,
    starName: tc.starName.get(task.star) ?? task.star,
    street: unit.parentId ? (tc.parents.get(unit.parentId) ?? null) : null,
    daysLeft: daysToDeadline(task.deadline, today),
    remind: needsReminder(facts.state, task.deadline, Number(task.remind_days), today),
  };
}

/**
 * Every addressed unit of these tasks inside `scope`, with its facts; and the tasks' summaries counted over
 * those units. One pass of queries however many tasks.
 */
export async function summariseTasks(
  ctx: ServiceContext,
  tc: TaskCampaign,
  tasks: TaskRow[],
  scope: UnitScope,
): Promise<{ summaries: TaskSummary[]; units: Map<string, UnitTaskItem[]> }> {
  const today = todayOf(ctx);
  const chosen = await chosenUnits(ctx.repos, tasks);
  const latest = await latestByPair(
    ctx.repos,
    tasks.map((t) => t.id),
  );
  const summaries: TaskSummary[] = [];
  const units = new Map<string, UnitTaskItem[]>();
  for (const task of tasks) {
    const progress = emptyProgress();
    const items: UnitTaskItem[] = [];
    for (const unit of addressedUnits(tc, task, chosen)) {
      if (!scopeCovers(scope, unit.path)) continue;
      const facts = unitTaskFacts(
        task,
        unit,
        latest.submission(task.id, unit.id),
        latest.review(task.id, unit.id),
        today,
      );
      progress.addressed++;
      progress[facts.state]++;
      items.push(unitItem(tc, facts, today));
    }
    units.set(task.id, items);
    summaries.push(summaryOf(tc, task, chosen.get(task.id), progress, scope));
  }
  return { summaries, units };
}

function summaryOf(
  tc: TaskCampaign,
  task: TaskRow,
  chosen: Set<string> | undefined,
  progress: TaskProgress,
  scope: UnitScope,
): TaskSummary {
  return {
    row: task,
    campaignCode: tc.campaign.code,
    starName: tc.starName.get(task.star) ?? task.star,
    // The chosen units the viewer may see (another street's are not named).
    unitCodes:
      task.audience === 'chosen'
        ? tc.units.filter((u) => chosen?.has(u.id) && scopeCovers(scope, u.path)).map((u) => u.code)
        : [],
    itemCode: taskItem(tc, task.star, task.month)?.code ?? '',
    locked: tc.locked.has(task.month),
    progress,
  };
}

/** One task's summary counted over the addressed units in the viewer's part of the tree. */
export async function summariseTask(
  ctx: ServiceContext,
  tc: TaskCampaign,
  task: TaskRow,
): Promise<TaskSummary> {
  const scope: UnitScope = ctx.actor ? unitScopeOf(ctx.actor) : { kind: 'none' };
  const { summaries } = await summariseTasks(ctx, tc, [task], scope);
  const summary = summaries[0];
  if (!summary) throw notFound('任务不存在');
  return summary;
}

/** A task of the campaign, or 404. */
export async function findTask(ctx: ServiceContext, campaign: CampaignRow, id: string): Promise<TaskRow> {
  const task = await ctx.repos.tasks.findById(id);
  if (!task || task.campaign_id !== campaign.id) throw notFound('任务不存在');
  return task;
}

/**
 * The campaign's tasks with progress over the addressed units in the viewer's scope. Village users see only the
 * tasks addressed to their unit.
 */
export async function listTasks(ctx: ServiceContext, code: string, query: TaskListQuery): Promise<TaskList> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const tasks = await ctx.repos.tasks.list(campaign.id, query);
  const { summaries } = await summariseTasks(ctx, tc, tasks, unitScopeOf(ctx.actor));
  return {
    summaries:
      ctx.actor.role === 'village_user' ? summaries.filter((s) => s.progress.addressed > 0) : summaries,
    today: todayOf(ctx),
  };
}

/** One task with every addressed unit in the viewer's scope; a village user's unit must be addressed (404). */
export async function getTask(ctx: ServiceContext, code: string, id: string): Promise<TaskDetail> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const task = await findTask(ctx, campaign, id);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const { summaries, units } = await summariseTasks(ctx, tc, [task], unitScopeOf(ctx.actor));
  const summary = summaries[0];
  if (!summary || (ctx.actor.role === 'village_user' && summary.progress.addressed === 0))
    throw notFound('任务不存在');
  return { summary, units: units.get(task.id) ?? [], today: todayOf(ctx) };
}

async function readableUnit(ctx: ServiceContext, tc: TaskCampaign, unitCode: string): Promise<AssessedUnit> {
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw notFound('单位不存在');
  authorize(ctx.actor, { do: 'task.read', unit });
  const assessed = tc.unitById.get(unit.id);
  if (!assessed) throw notFound('该单位不在本方案的考评范围内');
  return assessed;
}

async function unitRows(
  ctx: ServiceContext,
  tc: TaskCampaign,
  unit: AssessedUnit,
): Promise<{ rows: UnitTaskItem[]; counts: UnitTaskList['counts'] }> {
  const today = todayOf(ctx);
  const tasks = await ctx.repos.tasks.list(tc.campaign.id, { status: 'active' });
  const chosen = await chosenUnits(ctx.repos, tasks);
  const mine = tasks.filter((t) => isAddressed(t, unit, chosen.get(t.id)));
  const latest = await latestByPair(
    ctx.repos,
    mine.map((t) => t.id),
    unit.id,
  );
  const rows = mine
    .map((t) =>
      unitItem(
        tc,
        unitTaskFacts(t, unit, latest.submission(t.id, unit.id), latest.review(t.id, unit.id), today),
        today,
      ),
    )
    .sort((a, b) =>
      a.facts.task.month === b.facts.task.month
        ? a.facts.task.deadline.localeCompare(b.facts.task.deadline) ||
          a.facts.task.number.localeCompare(b.facts.task.number)
        : b.facts.task.month.localeCompare(a.facts.task.month),
    );
  const counts = { pending: 0, overdue: 0, submitted: 0, returned: 0, scored: 0, remind: 0 };
  for (const r of rows) {
    counts[r.facts.state]++;
    if (r.remind) counts.remind++;
  }
  return { rows, counts };
}

/** A unit's active tasks of the campaign (newest month first) with counts and reminders. */
export async function getUnitTasks(
  ctx: ServiceContext,
  code: string,
  unitCode: string,
): Promise<UnitTaskList> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const unit = await readableUnit(ctx, tc, unitCode);
  return { unit, ...(await unitRows(ctx, tc, unit)), today: todayOf(ctx) };
}

/** Loads one unit's task in full (the task must be addressed to the unit: 404 otherwise). */
export async function buildUnitTaskDetail(
  ctx: ServiceContext,
  tc: TaskCampaign,
  task: TaskRow,
  unit: AssessedUnit,
): Promise<UnitTaskDetail> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const today = todayOf(ctx);
  const chosen = await chosenUnits(ctx.repos, [task]);
  if (!isAddressed(task, unit, chosen.get(task.id))) throw notFound('该任务未下发给本单位');
  const submissions = await ctx.repos.tasks.submissions(task.id, unit.id);
  const reviews = await ctx.repos.tasks.reviews(task.id, unit.id);
  const ids = submissions.map((s) => s.id);
  const photos = await ctx.repos.tasks.submissionPhotos(ids);
  const documents = await ctx.repos.tasks.submissionDocuments(ids);
  const facts = unitTaskFacts(task, unit, submissions[0] ?? null, reviews[0] ?? null, today);
  const summary = await summariseTask(ctx, tc, task);
  const open = task.status === 'active' && tc.campaign.status !== 'archived';
  const ref = { path: unit.path, type: unit.type };
  return {
    summary,
    item: unitItem(tc, facts, today),
    submissions: submissions.map((row) => ({
      row,
      late: isLateSubmission(row.submitted_at, task.deadline),
      photos: photos.filter((p) => p.submission_id === row.id),
      documents: documents.filter((d) => d.submission_id === row.id),
    })),
    reviews: reviews.map((row) => ({
      row,
      late: isLateSubmission(row.submission_at, task.deadline),
      effective: reviewEffective(task, row),
    })),
    can: {
      submit: open && facts.state !== 'scored' && can(actor, { do: 'task.submit', unit: ref }),
      review: open && facts.submission !== null && can(actor, { do: 'task.review', unit: ref }),
    },
    today,
  };
}

/** One unit's task: every submission and review version (newest first) and what the viewer may do. */
export async function getUnitTask(
  ctx: ServiceContext,
  code: string,
  id: string,
  unitCode: string,
): Promise<UnitTaskDetail> {
  authorize(ctx.actor, { do: 'campaign.read' });
  const campaign = await findCampaign(ctx.repos, code);
  const task = await findTask(ctx, campaign, id);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const unit = await readableUnit(ctx, tc, unitCode);
  return buildUnitTaskDetail(ctx, tc, task, unit);
}

/**
 * The reminder badge: for a village user, their unit's tasks due within the reminder window, overdue or
 * returned, in the newest campaign (not archived) that assesses the unit; zeros for everyone else.
 */
export async function taskReminders(ctx: ServiceContext): Promise<TaskReminders> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const none: TaskReminders = { campaignCode: null, unitCode: null, remind: 0, overdue: 0, returned: 0 };
  if (actor.role !== 'village_user' || !actor.scopeUnitId) return none;
  for (const listed of await ctx.repos.campaigns.list()) {
    if (listed.status === 'archived') continue;
    if (!(await ctx.repos.campaigns.findUnit(listed.id, actor.scopeUnitId))) continue;
    const tc = await loadTaskCampaign(ctx.repos, listed);
    const unit = tc.unitById.get(actor.scopeUnitId);
    if (!unit) continue;
    const { counts } = await unitRows(ctx, tc, unit);
    return {
      campaignCode: listed.code,
      unitCode: unit.code,
      remind: counts.remind,
      overdue: counts.overdue,
      returned: counts.returned,
    };
  }
  return none;
}
