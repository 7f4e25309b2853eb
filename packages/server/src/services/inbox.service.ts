import { chinaDate, daysBetween, type ProblemNoticeKind, problemNotice, talkStatus } from '@wuxing/core';
import type { Actor } from '../policies/actor';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type { CampaignListRow } from '../repositories/campaign.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { loadTaskCampaign } from './taskLoader';
import { summariseTasks } from './taskRead.service';

/**
 * 消息提醒 the inbox: what needs each user now, with read marks.
 *
 * Derived on read, not stored. Every item is a fact the ledger already holds — a task not submitted by its
 * deadline, a submission waiting for review, an open problem, a rectification waiting for its look-back — so
 * the inbox computes them from the current state with a few scoped queries per role and stores only each
 * user's read marks (migration 0009, `notification_reads`). Why: an item disappears the moment the thing is
 * done (a stored notice would go stale and need clearing on every write path); no write path of tasks,
 * problems, warnings or publications has to remember to notify anyone (those features are written
 * separately); a user moved to another street sees their new street's items at once; nothing to backfill for
 * the demo or an import. What it costs: no history of past notices (the ledgers keep the history), and the
 * inbox is computed on each read (the queries are those of the task and problem lists, cut to the scope).
 * An item's key names the thing and the state it is in (`task:<task>:<unit>:returned:<review>`), so a read
 * mark never hides a new event: returned again, failed again or now overdue is a new key, unread.
 */

export type InboxKind =
  | 'task.dueSoon'
  | 'task.overdue'
  | 'task.returned'
  | 'task.review'
  | 'problem.new'
  | 'problem.dueSoon'
  | 'problem.overdue'
  | 'problem.failed'
  | 'problem.review'
  | 'warning.unit'
  | 'warning.street'
  | 'talk.due'
  | 'talk.overdue'
  | 'objection.pending';

/** One thing that needs the user. */
export interface InboxItem {
  key: string;
  kind: InboxKind;
  campaignCode: string;
  /** The thing's number: `RW-2023-070`, `WT2023-0012`. */
  ref: string;
  title: string;
  /** A warning's level (yellow, red); null for everything else. */
  level: string | null;
  unitCode: string | null;
  unitName: string | null;
  /** The deadline it runs against (YYYY-MM-DD), if any. */
  due: string | null;
  /** Days from today to `due` (negative once past). */
  daysLeft: number | null;
  /** When it arose (ISO instant or date), for ordering. */
  at: string;
  /** Where the web app shows it. */
  link: string;
  read: boolean;
}

export interface Inbox {
  items: InboxItem[];
  unread: number;
  today: string;
}

type Derived = Omit<InboxItem, 'read' | 'daysLeft'>;

/** Urgent first: past a deadline or failed, then due soon or returned, then what waits for review or is new. */
const PRIORITY: Record<InboxKind, number> = {
  'task.overdue': 0,
  'problem.overdue': 0,
  'problem.failed': 0,
  'task.returned': 1,
  'task.dueSoon': 1,
  'problem.dueSoon': 1,
  'task.review': 2,
  'problem.review': 2,
  'problem.new': 2,
  'talk.overdue': 0,
  'warning.unit': 1,
  'talk.due': 1,
  'warning.street': 2,
  'objection.pending': 1,
};

const PROBLEM_KIND: Record<ProblemNoticeKind, InboxKind> = {
  failed: 'problem.failed',
  overdue: 'problem.overdue',
  dueSoon: 'problem.dueSoon',
  new: 'problem.new',
};

const campaignQuery = (code: string) => `campaign=${encodeURIComponent(code)}`;

/** Campaigns still running (not archived): their tasks and problems can still need someone. */
async function liveCampaigns(ctx: ServiceContext): Promise<CampaignListRow[]> {
  return (await ctx.repos.campaigns.list()).filter((c) => c.status !== 'archived');
}

/**
 * Tasks: a village's own tasks due within their reminder days, overdue or returned; for whoever reviews (the
 * district, a street admin for its villages) each submission waiting for review.
 */
async function taskItems(
  ctx: ServiceContext,
  actor: Actor,
  campaigns: CampaignListRow[],
): Promise<Derived[]> {
  const village = actor.role === 'village_user';
  const reviewer = actor.role === 'district_admin' || actor.role === 'street_admin';
  if (!village && !reviewer) return [];
  const out: Derived[] = [];
  for (const campaign of campaigns) {
    const tc = await loadTaskCampaign(ctx.repos, campaign);
    const tasks = await ctx.repos.tasks.list(campaign.id, { status: 'active' });
    if (tasks.length === 0) continue;
    const { units } = await summariseTasks(ctx, tc, tasks, unitScopeOf(actor));
    for (const task of tasks) {
      for (const item of units.get(task.id) ?? []) {
        const { unit, state, review, submission } = item.facts;
        const base = {
          campaignCode: campaign.code,
          ref: task.number,
          title: task.title,
          level: null,
          unitCode: unit.code,
          unitName: unit.name,
          due: task.deadline,
          link: `/tasks/${task.id}/units/${encodeURIComponent(unit.code)}?${campaignQuery(campaign.code)}`,
        };
        const pair = `${task.id}:${unit.id}`;
        if (village) {
          if (state === 'returned' && review)
            out.push({
              ...base,
              key: `task:${pair}:returned:${review.id}`,
              kind: 'task.returned',
              at: review.reviewed_at,
            });
          else if (state === 'overdue')
            out.push({ ...base, key: `task:${pair}:overdue`, kind: 'task.overdue', at: task.deadline });
          else if (state === 'pending' && item.remind)
            out.push({ ...base, key: `task:${pair}:due`, kind: 'task.dueSoon', at: task.deadline });
        } else if (
          state === 'submitted' &&
          submission &&
          can(actor, { do: 'task.review', unit: { path: unit.path, type: unit.type } })
        )
          out.push({
            ...base,
            key: `task-review:${pair}:${submission.id}`,
            kind: 'task.review',
            due: null,
            at: submission.submitted_at,
          });
      }
    }
  }
  return out;
}

/**
 * Problems: a village's open problems (new, due within 3 days, overdue, failed look-back — core's
 * problemNotice); for a street admin its villages' and for an inspector its assigned units' rectifications
 * waiting for the look-back (回头看).
 */
async function problemItems(
  ctx: ServiceContext,
  actor: Actor,
  campaigns: CampaignListRow[],
  today: string,
): Promise<Derived[]> {
  const village = actor.role === 'village_user';
  const reviewer = actor.role === 'street_admin' || actor.role === 'inspector';
  if (!village && !reviewer) return [];
  const live = new Set(campaigns.map((c) => c.id));
  const scope = unitScopeOf(actor);
  const rows = village
    ? await ctx.repos.problems.list(scope, { status: 'open' })
    : [
        ...(await ctx.repos.problems.list(scope, { status: 'submitted' })),
        ...(await ctx.repos.problems.list(scope, { status: 'reviewing' })),
      ];
  const mine = rows.filter((r) => live.has(r.campaign_id));
  const latest = await ctx.repos.notifications.latestProblemEvents(mine.map((r) => r.id));
  const out: Derived[] = [];
  for (const row of mine) {
    const event = latest.get(row.id);
    const base = {
      campaignCode: row.campaign_code,
      ref: row.number,
      title: row.description,
      level: null,
      unitCode: row.unit_code,
      unitName: row.unit_name,
      due: row.deadline,
      link: `/problems/${row.id}`,
    };
    if (village) {
      const failed = event?.action === 'fail';
      const kind = problemNotice(
        { status: row.status, deadline: row.deadline, failedLookBack: failed },
        today,
      );
      if (!kind) continue;
      const key =
        kind === 'failed' ? `problem:${row.id}:failed:${event?.id ?? ''}` : `problem:${row.id}:${kind}`;
      out.push({ ...base, key, kind: PROBLEM_KIND[kind], at: failed && event ? event.at : row.raised_at });
    } else if (can(actor, { do: 'problem.review', unit: { path: row.unit_path, type: row.unit_type } }))
      out.push({
        ...base,
        key: `problem-review:${row.id}:${row.status}:${row.version}`,
        kind: 'problem.review',
        due: null,
        at: event?.at ?? row.raised_at,
      });
  }
  return out;
}

const LEVEL_NAME: Record<string, string> = { yellow: '黄色预警', red: '红色预警' };

/**
 * 预警 and 谈话提醒 (active warnings, any campaign): a village its own unit's warnings; a street admin each
 * warning in its street — as a talk due or overdue (core's talkStatus) while no talk is recorded, else as the
 * warning itself; the district admin the talks overdue. A change of level is a new key.
 */
async function warningItems(ctx: ServiceContext, actor: Actor, today: string): Promise<Derived[]> {
  const role = actor.role;
  if (role !== 'village_user' && role !== 'street_admin' && role !== 'district_admin') return [];
  const out: Derived[] = [];
  for (const w of await ctx.repos.warnings.activeForScope(unitScopeOf(actor))) {
    const talk = talkStatus(w.talk_due_on, w.first_talk_on, today);
    const base = {
      campaignCode: w.campaign_code,
      ref: w.period,
      title: LEVEL_NAME[w.level] ?? w.level,
      level: w.level,
      unitCode: w.unit_code,
      unitName: w.unit_name,
      link: `/warnings/${w.id}?${campaignQuery(w.campaign_code)}`,
    };
    if (role === 'village_user')
      out.push({
        ...base,
        key: `warning:${w.id}:${w.level}`,
        kind: 'warning.unit',
        due: null,
        at: w.raised_at,
      });
    else if (talk === 'pending' && role === 'street_admin')
      out.push({ ...base, key: `talk:${w.id}:due`, kind: 'talk.due', due: w.talk_due_on, at: w.raised_at });
    else if (talk === 'overdue')
      out.push({
        ...base,
        key: `talk:${w.id}:overdue`,
        kind: 'talk.overdue',
        due: w.talk_due_on,
        at: w.raised_at,
      });
    else if (role === 'street_admin')
      out.push({
        ...base,
        key: `warning:${w.id}:${w.level}`,
        kind: 'warning.street',
        due: null,
        at: w.raised_at,
      });
  }
  return out;
}

/** 公示 objections (异议) waiting for a decision: the district admin decides them. */
async function objectionItems(ctx: ServiceContext, actor: Actor): Promise<Derived[]> {
  if (actor.role !== 'district_admin') return [];
  return (await ctx.repos.notifications.pendingObjections()).map((o) => ({
    key: `objection:${o.id}`,
    kind: 'objection.pending' as const,
    campaignCode: o.campaign_code,
    ref: o.publication_number,
    title: o.reason,
    level: null,
    unitCode: o.unit_code,
    unitName: o.unit_name,
    due: null,
    at: o.filed_at,
    link: `/publications/${o.publication_id}`,
  }));
}

/** Every item that needs the actor now, most urgent first, without read marks. */
async function derive(ctx: ServiceContext, actor: Actor, today: string): Promise<Derived[]> {
  const campaigns = await liveCampaigns(ctx);
  const items = [
    ...(await taskItems(ctx, actor, campaigns)),
    ...(await problemItems(ctx, actor, campaigns, today)),
    ...(await warningItems(ctx, actor, today)),
    ...(await objectionItems(ctx, actor)),
  ];
  return items.sort(
    (a, b) =>
      PRIORITY[a.kind] - PRIORITY[b.kind] ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      b.at.localeCompare(a.at) ||
      a.key.localeCompare(b.key),
  );
}

async function withMarks(ctx: ServiceContext, actor: Actor, today: string, items: Derived[]): Promise<Inbox> {
  const read = await ctx.repos.notifications.readKeys(
    actor.userId,
    items.map((i) => i.key),
  );
  const full = items.map((i) => ({
    ...i,
    daysLeft: i.due ? daysBetween(today, i.due) : null,
    read: read.has(i.key),
  }));
  return { items: full, unread: full.filter((i) => !i.read).length, today };
}

/** The actor's inbox: what needs them now (derived from the current state), each with whether they read it. */
export async function getInbox(ctx: ServiceContext): Promise<Inbox> {
  authorize(ctx.actor, { do: 'inbox.read' });
  const today = chinaDate(ctx.now);
  return withMarks(ctx, ctx.actor, today, await derive(ctx, ctx.actor, today));
}

/**
 * Marks items read: the given keys or, with `'all'`, every item in the inbox now. Keys not in the inbox (the
 * thing was done meanwhile) are skipped; marking again changes nothing (idempotent, no second audit record).
 */
export async function markInboxRead(ctx: ServiceContext, which: string[] | 'all'): Promise<Inbox> {
  authorize(ctx.actor, { do: 'inbox.read' });
  const actor = ctx.actor;
  const today = chinaDate(ctx.now);
  const items = await derive(ctx, actor, today);
  const wanted = which === 'all' ? null : new Set(which);
  const keys = items.map((i) => i.key).filter((k) => wanted === null || wanted.has(k));
  const already = await ctx.repos.notifications.readKeys(actor.userId, keys);
  const fresh = keys.filter((k) => !already.has(k));
  if (fresh.length > 0) {
    await ctx.repos.notifications.markRead(actor.userId, fresh, ctx.now);
    await recordAudit(ctx, {
      action: 'inbox.read',
      entity: 'user',
      entityId: actor.userId,
      before: null,
      after: { keys: fresh },
    });
  }
  return withMarks(ctx, actor, today, items);
}
