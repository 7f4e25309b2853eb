import { ACTIVITY_COUNT_KEYS } from '@wuxing/core';
import { z } from 'zod';
import { Code, PeriodView } from './campaigns';
import { Day } from './supervision';

/**
 * Outreach activities (宣传活动): a unit reports an event it held — 国家安全教育日, 民族宗教政策法规 publicity —
 * with its counts (工作人员, 横幅, 咨询台, 展板, 宣传资料, 接受咨询), and the district sums them in statistics.
 * District admins record for any unit, street admins for their street and its villages, village users for
 * their own village. Shared with the web app as types.
 */

const Title = z.string().trim().min(1, '请填写活动名称').max(100, '活动名称不能超过100个字符');
const Topic = z.string().trim().min(1, '请填写活动主题').max(40, '活动主题不能超过40个字符');
const Place = z.string().trim().min(1, '请填写活动地点').max(100, '活动地点不能超过100个字符');
const Partners = z.string().trim().max(200, '参与单位不能超过200个字符');
const Summary = z.string().trim().max(2000, '活动简介不能超过2000个字符');
/** A real calendar day (2023-02-30 is refused). */
const HeldOn = Day.refine((d) => {
  const date = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
}, '日期不存在');
const Count = z
  .number({ message: '数量应为整数' })
  .int('数量应为整数')
  .min(0, '数量不能为负数')
  .max(1_000_000, '数量不能超过1000000');

export const ActivityCountsInput = z.object(
  Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, Count.default(0)])) as Record<
    (typeof ACTIVITY_COUNT_KEYS)[number],
    z.ZodDefault<typeof Count>
  >,
);

export const CreateActivityBody = z.object({
  title: Title,
  topic: Topic,
  heldOn: HeldOn,
  place: Place,
  /** The unit that held it: the district, a street, a village or community (a department under the district). */
  unitCode: Code,
  partners: Partners.optional(),
  summary: Summary.optional(),
  counts: ActivityCountsInput,
});
export type CreateActivityBody = z.input<typeof CreateActivityBody>;

export const UpdateActivityBody = z.object({
  title: Title.optional(),
  topic: Topic.optional(),
  heldOn: HeldOn.optional(),
  place: Place.optional(),
  partners: Partners.optional(),
  summary: Summary.optional(),
  /** Only the counts given change (no defaults here, unlike a new record's). */
  counts: z
    .object(
      Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, Count.optional()])) as Record<
        (typeof ACTIVITY_COUNT_KEYS)[number],
        z.ZodOptional<typeof Count>
      >,
    )
    .optional(),
});
export type UpdateActivityBody = z.input<typeof UpdateActivityBody>;

export const DeleteActivityBody = z.object({
  reason: z.string().trim().min(2, '请填写删除原因（至少2个字）').max(200, '删除原因不能超过200个字符'),
});
export type DeleteActivityBody = z.input<typeof DeleteActivityBody>;

export const ActivityIdParams = z.object({ id: z.string().min(1).max(64) });

export const ActivityListQuery = z.object({
  /** A year (`2023`), quarter (`2023-Q2`) or month (`2023-04`). */
  period: z.string().trim().min(4).max(10),
  /** Only this street's (and its villages') activities; the district's own code for the district's own (区直). */
  street: Code.optional(),
  topic: z.string().trim().max(40).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

export const ActivityExportQuery = ActivityListQuery.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

const CountsView = z.object(
  Object.fromEntries(ACTIVITY_COUNT_KEYS.map((k) => [k, z.number()])) as Record<
    (typeof ACTIVITY_COUNT_KEYS)[number],
    z.ZodNumber
  >,
);
const TotalsView = CountsView.extend({ activities: z.number() });
const UnitRefView = z.object({ code: z.string(), name: z.string() });

export const ActivityView = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  heldOn: z.string(),
  place: z.string(),
  unit: UnitRefView.extend({ type: z.string() }),
  /** The street the unit lies in (null for the district's own). */
  street: UnitRefView.nullable(),
  partners: z.string(),
  summary: z.string(),
  counts: CountsView,
  recordedBy: z.string(),
  updatedAt: z.string(),
  /** The caller may change or delete it. */
  editable: z.boolean(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const ActivityListView = z.object({
  period: PeriodView,
  rows: z.array(ActivityView),
  totals: TotalsView,
  /** Per street (and 区直 for the district's own), in tree order. */
  byStreet: z.array(UnitRefView.extend({ totals: TotalsView })),
  /** Every month of the period. */
  byMonth: z.array(z.object({ month: z.string(), totals: TotalsView })),
  /** Per topic, most activities first. */
  byTopic: z.array(z.object({ topic: z.string(), totals: TotalsView })),
  /** The units the caller may record activities for (for the form), in tree order. */
  units: z.array(UnitRefView.extend({ type: z.string(), street: z.string().nullable() })),
  /** The streets the caller sees (for the filter). */
  streets: z.array(UnitRefView),
});
export type ActivityListView = z.infer<typeof ActivityListView>;

/** What an import of the 宣传活动 sheet wrote. */
export const ActivityImportResultView = z.object({
  created: z.number(),
  /** The first and last day of the events imported. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ActivityImportResultView = z.infer<typeof ActivityImportResultView>;
