import type { CancelTaskBody, TaskBody, UpdateTaskBody } from '../contracts/tasks';
import { conflict, invalid } from '../lib/errors';
import { newId } from '../lib/ids';
import { authorize } from '../policies/policy';
import type { CampaignRow } from '../repositories/campaign.repository';
import type { TaskRow } from '../repositories/task.repository';
import { recordAudit } from './audit.service';
import { findOpenCampaign } from './campaignLoader';
import type { ServiceContext } from './context';
import { ledgerAudit, recomputeTaskLedger, type TaskLedgerChange } from './taskLedger';
import { addressedUnits, chosenUnits, loadTaskCampaign, type TaskCampaign, taskItem } from './taskLoader';
import { findTask, summariseTask, type TaskSummary } from './taskRead.service';

/**
 * Issuing daily tasks (district admins): create, edit and cancel. A task scores into its (star, month) 日常任务
 * item, so every change that can move an addressed unit's item recomputes it (taskLedger).
 */

/** What a write did: the task as it stands, and whether this was a replay of an earlier request. */
export interface TaskWriteResult {
  summary: TaskSummary;
  replayed: boolean;
}

const KEY_REUSED = '该幂等键已用于内容不同的另一次提交，请勿用同一个键提交不同的内容';

/** The fields of a task as stored, after checks and defaults. */
export interface TaskFields {
  title: string;
  description: string;
  star: string;
  month: string;
  deadline: string;
  points: number;
  late_rule: string;
  late_deduct: number;
  remind_days: number;
  audience: string;
  unitIds: string[];
}

/** The last day of a `YYYY-MM` month. */
export function monthEnd(month: string): string {
  const year = Number(month.slice(0, 4));
  const mon = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/**
 * Checks a task's fields against the campaign: the star is one of its stars, the month has a 日常任务 item of
 * the star (400 `month`), the deadline is a real day, chosen units are assessed units targeting the star (400
 * `unitCodes.N`).
 */
async function checkFields(
  ctx: ServiceContext,
  tc: TaskCampaign,
  body: Omit<TaskBody, 'idempotencyKey'>,
): Promise<TaskFields> {
  if (!tc.starName.has(body.star)) throw invalid(`星编码 ${body.star} 不是本方案的星`, 'star');
  if (!taskItem(tc, body.star, body.month))
    throw invalid(`本方案没有 ${body.month} ${tc.starName.get(body.star)}的日常任务指标`, 'month');
  const deadline = body.deadline ?? monthEnd(body.month);
  if (!isCalendarDay(deadline)) throw invalid(`截止日期 ${deadline} 不是有效日期`, 'deadline');
  const unitIds: string[] = [];
  if (body.audience === 'chosen') {
    if (body.unitCodes.length === 0) throw invalid('请选择要下发的单位', 'unitCodes');
    const byCode = new Map((await ctx.repos.units.findByCodes(body.unitCodes)).map((u) => [u.code, u]));
    body.unitCodes.forEach((code, i) => {
      const row = byCode.get(code);
      const unit = row ? tc.unitById.get(row.id) : undefined;
      if (!unit) throw invalid(`单位 ${code} 不在本方案的考评范围内`, `unitCodes.${i}`);
      if (!unit.targets.includes(body.star))
        throw invalid(
          `${unit.name}的创建目标不含${tc.starName.get(body.star) ?? body.star}，不能向其下发该星的任务`,
          `unitCodes.${i}`,
        );
      if (!unitIds.includes(unit.id)) unitIds.push(unit.id);
    });
  }
  return {
    title: body.title,
    description: body.description,
    star: body.star,
    month: body.month,
    deadline,
    points: body.points,
    late_rule: body.lateRule,
    late_deduct: body.lateRule === 'deduct' ? body.lateDeduct : 0,
    remind_days: body.remindDays,
    audience: body.audience,
    unitIds,
  };
}

/** The content an idempotency key (or an unchanged edit) pins. */
export function taskFingerprint(campaignId: string, f: TaskFields): string {
  return JSON.stringify([
    campaignId,
    f.title,
    f.description,
    f.star,
    f.month,
    f.deadline,
    Number(f.points),
    f.late_rule,
    Number(f.late_deduct),
    Number(f.remind_days),
    f.audience,
    [...f.unitIds].sort(),
  ]);
}

function fieldsOf(task: TaskRow, unitIds: string[]): TaskFields {
  return {
    title: task.title,
    description: task.description,
    star: task.star,
    month: task.month,
    deadline: task.deadline,
    points: Number(task.points),
    late_rule: task.late_rule,
    late_deduct: Number(task.late_deduct),
    remind_days: Number(task.remind_days),
    audience: task.audience,
    unitIds: task.audience === 'chosen' ? unitIds : [],
  };
}

/** What the audit log records of a task's fields. */
function auditFields(f: TaskFields, tc: TaskCampaign) {
  const { unitIds, ...rest } = f;
  return { ...rest, unitCodes: tc.units.filter((u) => unitIds.includes(u.id)).map((u) => u.code) };
}

/** The next number of a campaign year: `RW-2023-001`, `RW-2023-002` … */
async function nextNumber(ctx: ServiceContext, year: number): Promise<string> {
  const prefix = `RW-${year}-`;
  const last = await ctx.repos.tasks.lastNumber(prefix);
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(Number.isFinite(n) ? n : 1).padStart(3, '0')}`;
}

function refuseLockedMonth(tc: TaskCampaign, month: string): void {
  if (tc.locked.has(month)) throw conflict(`${month} 已锁定，不能再向该月下发任务`, 'month');
}

/** The task's addressed units now (ids). */
async function addressedIds(ctx: ServiceContext, tc: TaskCampaign, task: TaskRow): Promise<string[]> {
  return addressedUnits(tc, task, await chosenUnits(ctx.repos, [task])).map((u) => u.id);
}

/**
 * Issues a task to every assessed unit targeting its star, or to chosen ones (district admin). Numbered
 * `RW-<year>-NNN`; a locked month takes no new tasks (409). A new task changes the share each addressed unit's
 * scored tasks make of the month's item, so their items are recomputed. Idempotent on the key.
 */
export async function issueTask(ctx: ServiceContext, code: string, body: TaskBody): Promise<TaskWriteResult> {
  authorize(ctx.actor, { do: 'task.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const tc = await loadTaskCampaign(ctx.repos, campaign);
  const fields = await checkFields(ctx, tc, body);
  const print = taskFingerprint(campaign.id, fields);
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.tasks.findByIdempotencyKey(body.idempotencyKey);
  if (existing) {
    if (existing.fingerprint !== print) throw conflict(KEY_REUSED, 'idempotencyKey');
    return { summary: await summariseTask(ctx, tc, existing), replayed: true };
  }
  refuseLockedMonth(tc, fields.month);
  const { unitIds, ...columns } = fields;
  const row: TaskRow = {
    id: newId(),
    campaign_id: campaign.id,
    number: await nextNumber(ctx, Number(campaign.year)),
    ...columns,
    status: 'active',
    cancel_reason: null,
    version: 1,
    demo: 0,
    idempotency_key: body.idempotencyKey,
    fingerprint: print,
    created_by: ctx.actor.userId,
    created_by_name: ctx.actor.displayName,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await ctx.repos.tasks.insertMany([row]);
  await ctx.repos.tasks.insertUnits(unitIds.map((unit_id) => ({ task_id: row.id, unit_id })));
  const changes = await recomputeTaskLedger(
    ctx,
    tc,
    { star: row.star, month: row.month, unitIds: await addressedIds(ctx, tc, row) },
    null,
    'month',
  );
  await recordAudit(ctx, {
    action: 'task.create',
    entity: 'task',
    entityId: row.id,
    before: null,
    after: {
      number: row.number,
      campaign: campaign.code,
      ...auditFields(fields, tc),
      ledger: ledgerAudit(changes),
    },
  });
  return { summary: await summariseTask(ctx, tc, row), replayed: false };
}

async function loadForChange(
  ctx: ServiceContext,
  code: string,
  id: string,
): Promise<{ campaign: CampaignRow; tc: TaskCampaign; task: TaskRow }> {
  authorize(ctx.actor, { do: 'task.manage' });
  const campaign = await findOpenCampaign(ctx.repos, code);
  const task = await findTask(ctx, campaign, id);
  return { campaign, tc: await loadTaskCampaign(ctx.repos, campaign), task };
}

/**
 * Edits a task at the version the editor saw (stale: 409). Star, month and points cannot change once any unit
 * has submitted (409 naming the field); a cancelled task cannot be edited. The items of the units addressed
 * before and after are recomputed; a change to a locked month's item needs `correctionReason`. Sending the
 * task's current content again changes nothing.
 */
export async function updateTask(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: UpdateTaskBody,
): Promise<TaskWriteResult> {
  const { campaign, tc } = await loadForChange(ctx, code, id);
  const fields = await checkFields(ctx, tc, body);
  await ctx.repos.audit.lock();
  const task = await findTask(ctx, campaign, id);
  const beforeIds = await addressedIds(ctx, tc, task);
  const chosenBefore = [...((await chosenUnits(ctx.repos, [task])).get(task.id) ?? [])];
  const before = fieldsOf(task, chosenBefore);
  if (taskFingerprint(campaign.id, before) === taskFingerprint(campaign.id, fields))
    return { summary: await summariseTask(ctx, tc, task), replayed: true };
  if (task.version !== body.version)
    throw conflict(`任务已被修改（当前第${task.version}版），请刷新后再改`, 'version');
  if (task.status !== 'active') throw conflict('任务已取消，不能再修改', 'status');
  if (await ctx.repos.tasks.hasSubmissions(task.id)) {
    const locked: [keyof TaskFields, string, string][] = [
      ['star', 'star', '星'],
      ['month', 'month', '月份'],
      ['points', 'points', '分值'],
    ];
    for (const [key, field, label] of locked)
      if (before[key] !== fields[key]) throw conflict(`已有单位提交，不能再修改任务的${label}`, field);
  }
  if (fields.month !== task.month) refuseLockedMonth(tc, fields.month);
  const { unitIds, ...columns } = fields;
  if (
    !(await ctx.repos.tasks.update(task.id, task.version, {
      ...columns,
      version: task.version + 1,
      updated_at: ctx.now,
    }))
  )
    throw conflict('任务已被修改，请刷新后再改', 'version');
  await ctx.repos.tasks.replaceUnits(task.id, unitIds);
  const updated = await findTask(ctx, campaign, id);
  const afterIds = await addressedIds(ctx, tc, updated);
  const reason = body.correctionReason ?? null;
  const changes: TaskLedgerChange[] = [];
  if (updated.star === task.star && updated.month === task.month)
    changes.push(
      ...(await recomputeTaskLedger(
        ctx,
        tc,
        { star: task.star, month: task.month, unitIds: [...beforeIds, ...afterIds] },
        reason,
        'correctionReason',
      )),
    );
  else {
    changes.push(
      ...(await recomputeTaskLedger(
        ctx,
        tc,
        { star: task.star, month: task.month, unitIds: beforeIds },
        reason,
        'correctionReason',
      )),
      ...(await recomputeTaskLedger(
        ctx,
        tc,
        { star: updated.star, month: updated.month, unitIds: afterIds },
        reason,
        'correctionReason',
      )),
    );
  }
  await recordAudit(ctx, {
    action: 'task.update',
    entity: 'task',
    entityId: task.id,
    before: { version: task.version, ...auditFields(before, tc) },
    after: { version: updated.version, ...auditFields(fields, tc), reason, ledger: ledgerAudit(changes) },
  });
  return { summary: await summariseTask(ctx, tc, updated), replayed: false };
}

/**
 * Cancels a task with a reason (district admin): it leaves every computation, so its addressed units' items are
 * recomputed (the reason goes with the ledger entries). Cancelling again with the same reason changes nothing.
 */
export async function cancelTask(
  ctx: ServiceContext,
  code: string,
  id: string,
  body: CancelTaskBody,
): Promise<TaskWriteResult> {
  const { campaign, tc } = await loadForChange(ctx, code, id);
  await ctx.repos.audit.lock();
  const task = await findTask(ctx, campaign, id);
  if (task.status === 'cancelled') {
    if (task.cancel_reason === body.reason)
      return { summary: await summariseTask(ctx, tc, task), replayed: true };
    throw conflict('任务已取消', 'status');
  }
  const unitIds = await addressedIds(ctx, tc, task);
  if (
    !(await ctx.repos.tasks.update(task.id, task.version, {
      status: 'cancelled',
      cancel_reason: body.reason,
      version: task.version + 1,
      updated_at: ctx.now,
    }))
  )
    throw conflict('任务已被修改，请刷新后再试', 'version');
  const reason = `取消日常任务 ${task.number}：${body.reason}`;
  const changes = await recomputeTaskLedger(
    ctx,
    tc,
    { star: task.star, month: task.month, unitIds },
    reason,
    'reason',
  );
  await recordAudit(ctx, {
    action: 'task.cancel',
    entity: 'task',
    entityId: task.id,
    before: { status: 'active', version: task.version },
    after: {
      status: 'cancelled',
      version: task.version + 1,
      reason: body.reason,
      ledger: ledgerAudit(changes),
    },
  });
  const cancelled = await findTask(ctx, campaign, id);
  return { summary: await summariseTask(ctx, tc, cancelled), replayed: false };
}
