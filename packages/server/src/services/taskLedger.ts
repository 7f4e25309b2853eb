import { taskItemPoints } from '@wuxing/core';
import { invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Repos } from '../repositories';
import type { CampaignItemRow } from '../repositories/campaign.repository';
import type { ScoreEntryRow } from '../repositories/score.repository';
import type { AssessedUnit } from './campaignLoader';
import type { ServiceContext } from './context';
import { chosenUnits, isAddressed, reviewEffective, type TaskCampaign, taskItem } from './taskLoader';

/**
 * The RC path into the ranking: a unit's 日常任务 item of (star, month) is what core's taskItemPoints makes of
 * every active task of that (campaign, star, month) addressed to the unit — each counting its latest review
 * after the late rule, or nothing while unscored (or returned). The value goes into the ledger as one entry of
 * the scorer 日常任务, superseding its previous one; nothing is written when the value is unchanged.
 */

/** The scorer of every ledger entry daily tasks write. */
export const TASK_SCORER = '日常任务';

/** One unit's item whose value a recompute changes. */
export interface TaskLedgerChange {
  unit: AssessedUnit;
  item: CampaignItemRow;
  before: number | null;
  after: number | null;
  previousId: string | null;
  locked: boolean;
}

/** What recomputing (star, month) would change for these units (units not assessed are skipped). */
export async function planTaskLedger(
  repos: Repos,
  tc: TaskCampaign,
  star: string,
  month: string,
  unitIds: Iterable<string>,
): Promise<TaskLedgerChange[]> {
  const item = taskItem(tc, star, month);
  if (!item) return [];
  const tasks = await repos.tasks.list(tc.campaign.id, { star, month, status: 'active' });
  const chosen = await chosenUnits(repos, tasks);
  const reviews = new Map(
    (await repos.tasks.latestReviews(tasks.map((t) => t.id))).map((r) => [
      `${r.task_id}\u0000${r.unit_id}`,
      r,
    ]),
  );
  const current = new Map(
    (await repos.scores.currentOfScorer(tc.campaign.id, item.id, TASK_SCORER)).map((e) => [e.unit_id, e]),
  );
  const locked = tc.locked.has(month);
  const changes: TaskLedgerChange[] = [];
  for (const unitId of new Set(unitIds)) {
    const unit = tc.unitById.get(unitId);
    if (!unit) continue;
    const scores = tasks
      .filter((t) => isAddressed(t, unit, chosen.get(t.id)))
      .map((t) => {
        const review = reviews.get(`${t.id}\u0000${unit.id}`);
        return { max: Number(t.points), effective: review ? reviewEffective(t, review) : null };
      });
    const after = taskItemPoints(scores, Number(item.max));
    const entry = current.get(unit.id);
    const before = entry && !entry.na ? entry.points : null;
    if (before === after) continue;
    changes.push({ unit, item, before, after, previousId: entry?.id ?? null, locked });
  }
  return changes;
}

/**
 * Writes the planned changes: one entry per unit, source `correction` with the reason when there is one (a
 * correction, a locked month, a cancel), else `sheet`. A value that became null leaves the item unscored.
 */
export async function writeTaskLedger(
  ctx: ServiceContext,
  changes: TaskLedgerChange[],
  reason: string | null,
): Promise<ScoreEntryRow[]> {
  const rows: ScoreEntryRow[] = changes.map((c) => ({
    id: newId(),
    campaign_id: c.item.campaign_id,
    unit_id: c.unit.id,
    item_id: c.item.id,
    scorer: TASK_SCORER,
    points: c.after,
    na: 0,
    source: reason || c.locked ? 'correction' : 'sheet',
    reason,
    supersedes_id: c.previousId,
    idempotency_key: `task:${newId()}`,
    entered_by: ctx.actor?.userId ?? null,
    entered_by_name: ctx.actor?.displayName ?? TASK_SCORER,
    entered_at: ctx.now,
  }));
  await ctx.repos.scores.insertMany(rows);
  return rows;
}

/**
 * Recomputes the units' item of (star, month) and writes what changed. A change to a locked month needs a
 * reason (400 naming `field`).
 */
export async function recomputeTaskLedger(
  ctx: ServiceContext,
  tc: TaskCampaign,
  target: { star: string; month: string; unitIds: Iterable<string> },
  reason: string | null,
  field: string,
): Promise<TaskLedgerChange[]> {
  const changes = await planTaskLedger(ctx.repos, tc, target.star, target.month, target.unitIds);
  if (!reason && changes.some((c) => c.locked))
    throw invalid(`${target.month} 已锁定：改变该月日常任务得分须作为更正，并填写更正原因`, field);
  await writeTaskLedger(ctx, changes, reason);
  return changes;
}

/** The changes as the audit log records them. */
export function ledgerAudit(changes: TaskLedgerChange[]) {
  return changes.map((c) => ({ unit: c.unit.code, item: c.item.code, before: c.before, after: c.after }));
}
