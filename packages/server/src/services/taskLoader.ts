import {
  isLateSubmission,
  type LateRule,
  type ReviewOutcome,
  type TaskState,
  taskEffectivePoints,
  taskState,
} from '@wuxing/core';
import type { Repos } from '../repositories';
import type { CampaignItemRow, CampaignRow, CampaignStarRow } from '../repositories/campaign.repository';
import type {
  TaskReviewWithSubmissionRow,
  TaskRow,
  TaskSubmissionRow,
} from '../repositories/task.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { type AssessedUnit, assessedUnits, lockedMonths, requiredStarOf } from './campaignLoader';

/**
 * What every daily-task use case reads about a campaign (its stars, 日常任务 items, locked months, assessed units
 * with their effective targets and streets), who a task is addressed to, and where a unit stands on a task.
 * The formulas are core's (`@wuxing/core/tasks`); nothing is computed here that core does not decide.
 */

/** The plan module daily tasks score into. */
export const TASK_MODULE = 'RC';

/** A campaign as the daily tasks see it. */
export interface TaskCampaign {
  campaign: CampaignRow;
  stars: CampaignStarRow[];
  starName: Map<string, string>;
  /** The 日常任务 (RC) items by `star\0month`. */
  items: Map<string, CampaignItemRow>;
  locked: Set<string>;
  /** Assessed units with their effective targets, in campaign order. */
  units: AssessedUnit[];
  unitById: Map<string, AssessedUnit>;
  /** The units' current parents (streets), by id. */
  parents: Map<string, UnitRow>;
}

const itemKey = (star: string, month: string) => `${star}\u0000${month}`;

/** Loads a campaign's stars, RC items, locks, assessed units (with targets) and their streets. */
export async function loadTaskCampaign(repos: Repos, campaign: CampaignRow): Promise<TaskCampaign> {
  const stars = await repos.campaigns.stars(campaign.id);
  const order = stars.map((s) => s.code);
  const items = (await repos.campaigns.items(campaign.id)).filter((i) => i.module === TASK_MODULE);
  const units = assessedUnits(
    await repos.campaigns.units(campaign.id),
    await repos.targets.list(campaign.id, ['approved']),
    requiredStarOf(campaign.prerequisite, order),
    order,
  );
  const parentIds = [...new Set(units.flatMap((u) => (u.parentId ? [u.parentId] : [])))];
  return {
    campaign,
    stars,
    starName: new Map(stars.map((s) => [s.code, s.name])),
    items: new Map(items.map((i) => [itemKey(i.star, i.month), i])),
    locked: lockedMonths(await repos.campaigns.locks(campaign.id)),
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    parents: new Map((await repos.units.findByIds(parentIds)).map((p) => [p.id, p])),
  };
}

/** The RC item a (star, month) scores into, if the campaign has one. */
export function taskItem(tc: TaskCampaign, star: string, month: string): CampaignItemRow | undefined {
  return tc.items.get(itemKey(star, month));
}

/** The chosen units of tasks, as a set per task id. */
export async function chosenUnits(repos: Repos, tasks: TaskRow[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const rows = await repos.tasks.units(tasks.filter((t) => t.audience === 'chosen').map((t) => t.id));
  for (const r of rows) {
    const set = out.get(r.task_id);
    if (set) set.add(r.unit_id);
    else out.set(r.task_id, new Set([r.unit_id]));
  }
  return out;
}

/**
 * True when the task is addressed to the unit: the unit targets the task's star and the task goes to all, or
 * the unit is among the chosen. Computed when read, so a change of targets changes who is addressed.
 */
export function isAddressed(task: TaskRow, unit: AssessedUnit, chosen: Set<string> | undefined): boolean {
  if (!unit.targets.includes(task.star)) return false;
  return task.audience === 'all' || (chosen?.has(unit.id) ?? false);
}

/** The assessed units a task is addressed to, in campaign order. */
export function addressedUnits(
  tc: TaskCampaign,
  task: TaskRow,
  chosen: Map<string, Set<string>>,
): AssessedUnit[] {
  const set = chosen.get(task.id);
  return tc.units.filter((u) => isAddressed(task, u, set));
}

/** What a review counts after the task's late rule (core's taskEffectivePoints); null when returned. */
export function reviewEffective(task: TaskRow, review: TaskReviewWithSubmissionRow): number | null {
  if (review.outcome === 'returned' || review.awarded === null) return null;
  return taskEffectivePoints(
    Number(review.awarded),
    Number(task.points),
    isLateSubmission(review.submission_at, task.deadline),
    task.late_rule as LateRule,
    Number(task.late_deduct),
  );
}

/** Where one unit stands on one task today. */
export interface UnitTaskFacts {
  task: TaskRow;
  unit: AssessedUnit;
  submission: TaskSubmissionRow | null;
  review: TaskReviewWithSubmissionRow | null;
  state: TaskState;
  /** The latest submission came after the deadline. */
  late: boolean;
  /** What the unit's latest review counts now (null: not scored). */
  effective: number | null;
}

/** The facts of a unit on a task from its latest submission and review (core's taskState). */
export function unitTaskFacts(
  task: TaskRow,
  unit: AssessedUnit,
  submission: TaskSubmissionRow | null,
  review: TaskReviewWithSubmissionRow | null,
  today: string,
): UnitTaskFacts {
  return {
    task,
    unit,
    submission,
    review,
    state: taskState(
      {
        deadline: task.deadline,
        lastSubmittedAt: submission?.submitted_at ?? null,
        lastReview: review ? { outcome: review.outcome as ReviewOutcome, at: review.reviewed_at } : null,
      },
      today,
    ),
    late: submission ? isLateSubmission(submission.submitted_at, task.deadline) : false,
    effective: review ? reviewEffective(task, review) : null,
  };
}

const pairKey = (taskId: string, unitId: string) => `${taskId}\u0000${unitId}`;

/** The latest submission and review of every (task, unit) of these tasks (optionally of one unit), by pair. */
export async function latestByPair(
  repos: Repos,
  taskIds: string[],
  unitId?: string,
): Promise<{
  submission(taskId: string, unitId: string): TaskSubmissionRow | null;
  review(taskId: string, unitId: string): TaskReviewWithSubmissionRow | null;
}> {
  const submissions = new Map(
    (await repos.tasks.latestSubmissions(taskIds, unitId)).map((s) => [pairKey(s.task_id, s.unit_id), s]),
  );
  const reviews = new Map(
    (await repos.tasks.latestReviews(taskIds, unitId)).map((r) => [pairKey(r.task_id, r.unit_id), r]),
  );
  return {
    submission: (t, u) => submissions.get(pairKey(t, u)) ?? null,
    review: (t, u) => reviews.get(pairKey(t, u)) ?? null,
  };
}
