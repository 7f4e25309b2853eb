import {
  ACTIVITY_COUNT_KEYS,
  type ActivityCounts,
  type ActivityTotals,
  chinaDate,
  type Period,
  PeriodError,
  parsePeriod,
  sumActivities,
  totalsBy,
  totalsByMonth,
} from '@wuxing/core';
import type {
  ActivityListQuery,
  CreateActivityBody,
  DeleteActivityBody,
  UpdateActivityBody,
} from '../contracts/activities';
import { ActivityCountsInput } from '../contracts/activities';
import { invalid, notFound } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Actor } from '../policies/actor';
import { authorize, can, unitScopeOf } from '../policies/policy';
import type { ActivityRow } from '../repositories/activity.repository';
import type { UnitListRow } from '../repositories/unit.repository';
import type { ExportTable } from '../workbook/writeWorkbook';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/**
 * Outreach activities (宣传活动): records of events units held, with their counts, and the statistics summed
 * from them (core's sums) for a month, quarter or year — per street, per month and per topic. District admins
 * see and record every unit's; street admins their street's; village users their own village's.
 */

/** The unit types an activity can be held by: not a household. */
export const HOLDERS = new Set(['district', 'street', 'village', 'community', 'department']);

/** A unit as the activity pages need it, with the street it lies in (null: the district's own, 区直). */
export interface ActivityUnit {
  row: UnitListRow;
  street: UnitListRow | null;
}

export interface Activity {
  row: ActivityRow;
  counts: ActivityCounts;
  street: { code: string; name: string } | null;
  editable: boolean;
}

export interface ActivityGroupTotals {
  code: string;
  name: string;
  totals: ActivityTotals;
}

export interface ActivityList {
  period: Period;
  rows: Activity[];
  totals: ActivityTotals;
  byStreet: ActivityGroupTotals[];
  byMonth: { month: string; totals: ActivityTotals }[];
  byTopic: { topic: string; totals: ActivityTotals }[];
  /** The units the caller may record for. */
  units: ActivityUnit[];
  /** The groups the caller sees: the district's own (区直, when the caller sees the whole district), then streets. */
  groups: { code: string; name: string }[];
}

const countsOf = (row: ActivityRow): ActivityCounts => ({
  staff: Number(row.staff),
  banners: Number(row.banners),
  desks: Number(row.desks),
  boards: Number(row.boards),
  leaflets: Number(row.leaflets),
  consultations: Number(row.consultations),
});

function periodOf(key: string): Period {
  try {
    return parsePeriod(key);
  } catch (err) {
    if (err instanceof PeriodError) throw invalid(err.message, 'period');
    throw err;
  }
}

/** Every street of the district (a handful): a village's street is named even where its user sees no street. */
export async function allStreets(ctx: ServiceContext): Promise<UnitListRow[]> {
  return ctx.repos.units.list({ kind: 'all' }, { type: 'street', households: false });
}

/** The holders in the caller's part of the tree, each with its street, in tree order. */
export async function visibleUnits(ctx: ServiceContext, streets: UnitListRow[]): Promise<ActivityUnit[]> {
  if (!ctx.actor) return [];
  const units = (await ctx.repos.units.list(unitScopeOf(ctx.actor), { households: false })).filter((u) =>
    HOLDERS.has(u.type),
  );
  return units.map((row) => ({ row, street: streets.find((s) => row.path.startsWith(s.path)) ?? null }));
}

/** The code and name the district's own activities are grouped under (区直). */
function districtGroup(units: ActivityUnit[]): { code: string; name: string } | null {
  const district = units.find((u) => u.row.type === 'district');
  return district ? { code: district.row.code, name: `${district.row.name}（区直）` } : null;
}

function streetOfPath(streets: UnitListRow[], path: string): { code: string; name: string } | null {
  const street = streets.find((s) => path.startsWith(s.path));
  return street ? { code: street.code, name: street.name } : null;
}

function toActivity(ctx: ServiceContext, streets: UnitListRow[], row: ActivityRow): Activity {
  return {
    row,
    counts: countsOf(row),
    street: streetOfPath(streets, row.unit_path),
    editable: can(ctx.actor, { do: 'activity.record', unit: { path: row.unit_path, type: row.unit_type } }),
  };
}

/** The activities of a period the caller sees (one street's, or the district's own, with `street`), and their sums. */
export async function listActivities(ctx: ServiceContext, query: ActivityListQuery): Promise<ActivityList> {
  authorize(ctx.actor, { do: 'activity.list' });
  const period = periodOf(query.period);
  const streets = await allStreets(ctx);
  const units = await visibleUnits(ctx, streets);
  const district = districtGroup(units);
  const groups = [
    ...(district ? [district] : []),
    ...units.filter((u) => u.row.type === 'street').map((u) => ({ code: u.row.code, name: u.row.name })),
  ];
  if (query.street && !groups.some((g) => g.code === query.street))
    throw invalid(`街道 ${query.street} 不存在或不在您的管辖范围内`, 'street');
  const groupCode = (a: Activity) => a.street?.code ?? district?.code ?? '';
  const rows = (
    await ctx.repos.activities.list(unitScopeOf(ctx.actor), `${period.start}-01`, `${period.end}-31`)
  )
    .map((row) => toActivity(ctx, streets, row))
    .filter((a) => !query.street || groupCode(a) === query.street)
    .filter((a) => !query.topic || a.row.topic === query.topic);
  const facts = rows.map((a) => ({ ...a, heldOn: a.row.held_on }));
  const shownGroups = query.street ? groups.filter((g) => g.code === query.street) : groups;
  const byGroup = totalsBy(
    facts,
    shownGroups.map((g) => g.code),
    groupCode,
  );
  const topics = [...new Set(rows.map((a) => a.row.topic))];
  return {
    period,
    rows,
    totals: sumActivities(facts),
    byStreet: shownGroups.map((g, i) => ({ ...g, totals: byGroup[i]?.totals ?? sumActivities([]) })),
    byMonth: totalsByMonth(facts, period).map((m) => ({ month: m.key, totals: m.totals })),
    byTopic: totalsBy(facts, topics, (a) => a.row.topic)
      .map((t) => ({ topic: t.key, totals: t.totals }))
      .sort((a, b) => b.totals.activities - a.totals.activities || a.topic.localeCompare(b.topic, 'zh-CN')),
    units: units.filter((u) =>
      can(ctx.actor, { do: 'activity.record', unit: { path: u.row.path, type: u.row.type } }),
    ),
    groups,
  };
}

/** An activity is recorded once held: a day after today is refused, naming `heldOn`. */
function refuseFuture(ctx: ServiceContext, heldOn: string | undefined): void {
  if (heldOn !== undefined && heldOn > chinaDate(ctx.now))
    throw invalid(`活动日期 ${heldOn} 晚于今天：请在活动举办后再登记`, 'heldOn');
}

async function loadActivity(ctx: ServiceContext, id: string): Promise<ActivityRow> {
  const row = await ctx.repos.activities.findById(id);
  if (!row || row.deleted_at !== null) throw notFound('活动记录不存在或已删除');
  return row;
}

/** What the audit log keeps of an activity. */
function auditView(row: ActivityRow) {
  return {
    unit: row.unit_code,
    title: row.title,
    topic: row.topic,
    heldOn: row.held_on,
    place: row.place,
    partners: row.partners,
    summary: row.summary,
    counts: countsOf(row),
  };
}

async function present(ctx: ServiceContext, id: string): Promise<Activity> {
  const row = await loadActivity(ctx, id);
  return toActivity(ctx, await allStreets(ctx), row);
}

/** Records an activity a unit held: district admins for any unit, street admins in their street, villages their own. */
export async function createActivity(ctx: ServiceContext, body: CreateActivityBody): Promise<Activity> {
  authorize(ctx.actor, { do: 'activity.list' });
  const unit = await ctx.repos.units.findByCode(body.unitCode);
  if (!unit || !HOLDERS.has(unit.type)) throw invalid(`单位 ${body.unitCode} 不存在`, 'unitCode');
  authorize(ctx.actor, { do: 'activity.record', unit });
  refuseFuture(ctx, body.heldOn);
  const id = await insertActivity(ctx, ctx.actor, unit.id, body);
  return present(ctx, id);
}

/** Writes one checked activity of a unit the caller may record for, and its audit record; returns its id. */
export async function insertActivity(
  ctx: ServiceContext,
  actor: Actor,
  unitId: string,
  body: CreateActivityBody,
): Promise<string> {
  const counts = ActivityCountsInput.parse(body.counts);
  const id = newId();
  await ctx.repos.activities.insert({
    id,
    unit_id: unitId,
    title: body.title,
    topic: body.topic,
    held_on: body.heldOn,
    place: body.place,
    partners: body.partners ?? '',
    summary: body.summary ?? '',
    ...counts,
    recorded_by: actor.userId === 'system' ? null : actor.userId,
    recorded_by_name: actor.displayName,
    created_at: ctx.now,
    updated_at: ctx.now,
    deleted_at: null,
    deleted_by: null,
    delete_reason: null,
  });
  const created = await loadActivity(ctx, id);
  await recordAudit(ctx, {
    action: 'activity.create',
    entity: 'activity',
    entityId: id,
    before: null,
    after: auditView(created),
  });
  return id;
}

/** Changes an activity's details or counts: whoever may record for its unit. */
export async function updateActivity(
  ctx: ServiceContext,
  id: string,
  body: UpdateActivityBody,
): Promise<Activity> {
  authorize(ctx.actor, { do: 'activity.list' });
  const before = await loadActivity(ctx, id);
  authorize(ctx.actor, { do: 'activity.record', unit: { path: before.unit_path, type: before.unit_type } });
  refuseFuture(ctx, body.heldOn);
  const counts: Partial<ActivityCounts> = {};
  for (const k of ACTIVITY_COUNT_KEYS) {
    const v = body.counts?.[k];
    if (v !== undefined) counts[k] = v;
  }
  await ctx.repos.activities.update(id, {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.topic !== undefined ? { topic: body.topic } : {}),
    ...(body.heldOn !== undefined ? { held_on: body.heldOn } : {}),
    ...(body.place !== undefined ? { place: body.place } : {}),
    ...(body.partners !== undefined ? { partners: body.partners } : {}),
    ...(body.summary !== undefined ? { summary: body.summary } : {}),
    ...counts,
    updated_at: ctx.now,
  });
  const after = await loadActivity(ctx, id);
  await recordAudit(ctx, {
    action: 'activity.update',
    entity: 'activity',
    entityId: id,
    before: auditView(before),
    after: auditView(after),
  });
  return present(ctx, id);
}

/** Deletes an activity with a reason; the record is kept (and audited), out of every list and sum. */
export async function deleteActivity(
  ctx: ServiceContext,
  id: string,
  body: DeleteActivityBody,
): Promise<void> {
  authorize(ctx.actor, { do: 'activity.list' });
  const before = await loadActivity(ctx, id);
  authorize(ctx.actor, { do: 'activity.record', unit: { path: before.unit_path, type: before.unit_type } });
  await ctx.repos.activities.update(id, {
    deleted_at: ctx.now,
    deleted_by: ctx.actor.userId === 'system' ? null : ctx.actor.userId,
    delete_reason: body.reason,
    updated_at: ctx.now,
  });
  await recordAudit(ctx, {
    action: 'activity.delete',
    entity: 'activity',
    entityId: id,
    before: auditView(before),
    after: { deleted: true, reason: body.reason },
  });
}

/** The count columns as a report names them, in the order of ACTIVITY_COUNT_KEYS. */
export const ACTIVITY_COUNT_LABELS: Record<(typeof ACTIVITY_COUNT_KEYS)[number], string> = {
  staff: '出动工作人员（人次）',
  banners: '悬挂横幅（条）',
  desks: '设置咨询台（个）',
  boards: '展出展板（块）',
  leaflets: '发放宣传资料（份）',
  consultations: '接受咨询（人次）',
};

const countCells = (c: ActivityCounts) => ACTIVITY_COUNT_KEYS.map((k) => c[k]);
const totalHeaders = ['活动场次', ...ACTIVITY_COUNT_KEYS.map((k) => ACTIVITY_COUNT_LABELS[k])];
const totalCells = (t: ActivityTotals) => [t.activities, ...countCells(t)];

/** The statistics as a workbook: 活动明细, 按街道汇总, 按月汇总, 按主题汇总 (CSV: the first). */
export function activityTables(list: ActivityList): ExportTable[] {
  const title = `宣传活动统计（${list.period.key}）`;
  return [
    {
      sheet: '活动明细',
      title,
      headers: [
        '日期',
        '活动名称',
        '主题',
        '举办单位',
        '所属街道',
        '地点',
        '参与单位',
        ...totalHeaders.slice(1),
        '记录人',
      ],
      rows: [
        ...list.rows.map((a) => [
          a.row.held_on,
          a.row.title,
          a.row.topic,
          a.row.unit_name,
          a.street?.name ?? '区直',
          a.row.place,
          a.row.partners,
          ...countCells(a.counts),
          a.row.recorded_by_name,
        ]),
        ['合计', `${list.totals.activities} 场`, '', '', '', '', '', ...countCells(list.totals), ''],
      ],
    },
    {
      sheet: '按街道汇总',
      title,
      headers: ['街道', ...totalHeaders],
      rows: [
        ...list.byStreet.map((g) => [g.name, ...totalCells(g.totals)]),
        ['合计', ...totalCells(list.totals)],
      ],
    },
    {
      sheet: '按月汇总',
      title,
      headers: ['月份', ...totalHeaders],
      rows: list.byMonth.map((m) => [m.month, ...totalCells(m.totals)]),
    },
    {
      sheet: '按主题汇总',
      title,
      headers: ['主题', ...totalHeaders],
      rows: list.byTopic.map((t) => [t.topic, ...totalCells(t.totals)]),
    },
  ];
}
