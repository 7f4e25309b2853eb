import { z } from 'zod';
import { Code, IdempotencyKey, Month, Reason } from './campaigns';
import { Day, PhotoView } from './supervision';

/**
 * 日常任务 daily tasks: the district issues them (to every unit targeting the star, or to chosen ones), units
 * submit completion with text, photos and documents, reviewers score them (full, partial or zero with a reason,
 * or return them to redo), and the scores flow into the month's 日常任务 (RC) item. Plus evidence documents.
 * Shared with the web app as types.
 */

const Id = z.string().min(1).max(64);
const Text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const PhotoKeys = z.array(IdempotencyKey).max(9, '最多附9张照片').default([]);
const DocumentKeys = z.array(IdempotencyKey).max(5, '最多附5个文件').default([]);

export const LATE_RULES = ['accept', 'deduct', 'zero'] as const;
/** 逾期照常计分 / 逾期扣减一定比例 / 逾期不得分. */
export const LateRule = z.enum(LATE_RULES);
export type LateRule = z.infer<typeof LateRule>;

export const TASK_AUDIENCES = ['all', 'chosen'] as const;
/** All assessed units targeting the task's star, or the chosen ones among them. */
export const TaskAudience = z.enum(TASK_AUDIENCES);
export type TaskAudience = z.infer<typeof TaskAudience>;

export const TASK_STATUSES = ['active', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const TASK_STATES = ['pending', 'overdue', 'submitted', 'returned', 'scored'] as const;
/** A unit on a task: 待提交, 已逾期 (not submitted after the deadline), 待评分, 已退回, 已评分. */
export const TaskState = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskState>;

export const REVIEW_OUTCOMES = ['full', 'partial', 'zero', 'returned'] as const;
/** 满分 / 部分得分 (reason) / 不得分 (reason) / 退回补充 (reason, no score). */
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

// ——— Issuing ———

/** Issue a task (district admin). `unitCodes` with audience `chosen`: every one must target the star. */
export const TaskBody = z.object({
  idempotencyKey: IdempotencyKey,
  title: z.string().trim().min(1, '请填写任务名称').max(100, '任务名称不能超过100个字符'),
  description: Text(2000, '任务要求').default(''),
  star: Code,
  /** The month whose 日常任务 item the task scores into. */
  month: Month,
  /** Defaults to the month's last day. */
  deadline: Day.optional(),
  points: z.number().positive('分值须大于0').max(1000, '分值不能超过1000'),
  lateRule: LateRule.default('deduct'),
  /** Percent of the awarded points a late submission loses under `deduct`. */
  lateDeduct: z.number().min(0, '扣减比例不能小于0').max(100, '扣减比例不能超过100').default(50),
  /** Days before the deadline the unit is reminded. */
  remindDays: z.number().int().min(0).max(30, '提前提醒不能超过30天').default(3),
  audience: TaskAudience.default('all'),
  unitCodes: z.array(Code).max(5000).default([]),
});
export type TaskBody = z.infer<typeof TaskBody>;
export type TaskBodyInput = z.input<typeof TaskBody>;

/** Edit a task. Star, month and points cannot change once any unit has submitted (409). */
export const UpdateTaskBody = TaskBody.omit({ idempotencyKey: true }).extend({
  /** The version the editor saw; a stale one is refused (409). */
  version: z.number().int().positive(),
  /** Required when the edit changes a locked month's 日常任务 scores (400 otherwise). */
  correctionReason: Text(500, '更正原因').optional(),
});
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

export const CancelTaskBody = z.object({ reason: Reason });
export type CancelTaskBody = z.infer<typeof CancelTaskBody>;

export const TaskParams = z.object({ code: Code, id: Id });
export const TaskUnitParams = z.object({ code: Code, id: Id, unitCode: Code });
export const UnitTasksParams = z.object({ code: Code, unitCode: Code });

export const TaskListQuery = z.object({
  month: Month.optional(),
  star: Code.optional(),
  status: TaskStatus.optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** How many of the addressed units (within the viewer's scope) stand where. */
export const TaskProgressView = z.object({
  addressed: z.number(),
  pending: z.number(),
  overdue: z.number(),
  submitted: z.number(),
  returned: z.number(),
  scored: z.number(),
});
export type TaskProgressView = z.infer<typeof TaskProgressView>;

export const TaskView = z.object({
  id: z.string(),
  campaignCode: z.string(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  star: z.string(),
  starName: z.string(),
  month: z.string(),
  deadline: z.string(),
  points: z.number(),
  lateRule: LateRule,
  lateDeduct: z.number(),
  remindDays: z.number(),
  audience: TaskAudience,
  /** With audience `chosen`: the chosen units' codes. */
  unitCodes: z.array(z.string()),
  status: TaskStatus,
  cancelReason: z.string().nullable(),
  /** The 日常任务 item the task scores into. */
  itemCode: z.string(),
  /** The month is locked: reviews go in as corrections with a reason. */
  locked: z.boolean(),
  version: z.number(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: TaskProgressView,
  demo: z.boolean(),
});
export type TaskView = z.infer<typeof TaskView>;

export const TaskListView = z.object({
  rows: z.array(TaskView),
  today: z.string(),
});
export type TaskListView = z.infer<typeof TaskListView>;

// ——— Evidence documents ———

export const DocumentView = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  mime: z.string(),
  bytes: z.number(),
  url: z.string(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** Multipart fields sent with the document file (`file`). */
export const DocumentUploadFields = z.object({
  idempotencyKey: IdempotencyKey,
  unitCode: Code,
});
export type DocumentUploadFields = z.infer<typeof DocumentUploadFields>;

export const DocumentParams = z.object({ id: Id });

// ——— Submissions and reviews ———

export const SubmitTaskBody = z.object({
  idempotencyKey: IdempotencyKey,
  text: z.string().trim().min(1, '请填写完成情况').max(2000, '完成情况不能超过2000个字符'),
  photoKeys: PhotoKeys,
  documentKeys: DocumentKeys,
});
export type SubmitTaskBody = z.infer<typeof SubmitTaskBody>;

export const ReviewTaskBody = z.object({
  idempotencyKey: IdempotencyKey,
  /** The submission reviewed: must be the latest (409 otherwise). */
  submissionId: Id,
  outcome: ReviewOutcome,
  /** Required for `partial`: more than 0 and less than the task's points. */
  points: z.number().min(0).optional(),
  /** Required for partial, zero and returned. */
  reason: Text(500, '理由').optional(),
  /** Required when correcting an earlier review or when the month is locked. */
  correctionReason: Text(500, '更正原因').optional(),
});
export type ReviewTaskBody = z.infer<typeof ReviewTaskBody>;

export const TaskSubmissionView = z.object({
  id: z.string(),
  version: z.number(),
  text: z.string(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  late: z.boolean(),
  photos: z.array(PhotoView),
  documents: z.array(DocumentView),
});
export type TaskSubmissionView = z.infer<typeof TaskSubmissionView>;

export const TaskReviewView = z.object({
  id: z.string(),
  version: z.number(),
  submissionId: z.string(),
  outcome: ReviewOutcome,
  /** Before the late rule; null when returned. */
  awarded: z.number().nullable(),
  /** After the late rule (what counts); null when returned. */
  effective: z.number().nullable(),
  late: z.boolean(),
  reason: z.string().nullable(),
  correctionReason: z.string().nullable(),
  reviewerName: z.string(),
  reviewedAt: z.string(),
});
export type TaskReviewView = z.infer<typeof TaskReviewView>;

/** One unit on one task: its state, the latest submission and review, and what counts. */
export const UnitTaskRow = z.object({
  taskId: z.string(),
  number: z.string(),
  title: z.string(),
  star: z.string(),
  starName: z.string(),
  month: z.string(),
  deadline: z.string(),
  points: z.number(),
  lateRule: LateRule,
  lateDeduct: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  state: TaskState,
  /** Days from today to the deadline (negative once past). */
  daysLeft: z.number(),
  /** Due within the task's reminder window and not submitted (or returned). */
  remind: z.boolean(),
  lastSubmittedAt: z.string().nullable(),
  late: z.boolean(),
  outcome: ReviewOutcome.nullable(),
  effective: z.number().nullable(),
  reason: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type UnitTaskRow = z.infer<typeof UnitTaskRow>;

/** A task with every addressed unit in the viewer's scope (the reviewer's table). */
export const TaskDetailView = z.object({
  task: TaskView,
  units: z.array(UnitTaskRow),
  today: z.string(),
});
export type TaskDetailView = z.infer<typeof TaskDetailView>;

/** A unit's tasks of the campaign (the village's list), with counts and reminders. */
export const UnitTaskListView = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  rows: z.array(UnitTaskRow),
  counts: z.object({
    pending: z.number(),
    overdue: z.number(),
    submitted: z.number(),
    returned: z.number(),
    scored: z.number(),
    /** Due within the reminder window. */
    remind: z.number(),
  }),
  today: z.string(),
});
export type UnitTaskListView = z.infer<typeof UnitTaskListView>;

/** One unit's task in full: every submission and review version, newest first. */
export const UnitTaskDetailView = z.object({
  task: TaskView,
  row: UnitTaskRow,
  submissions: z.array(TaskSubmissionView),
  reviews: z.array(TaskReviewView),
  /** What the actor may do now. */
  can: z.object({ submit: z.boolean(), review: z.boolean() }),
  today: z.string(),
});
export type UnitTaskDetailView = z.infer<typeof UnitTaskDetailView>;

/** The reminder badge: the actor's own unit's tasks due soon, overdue or returned (village users). */
export const TaskReminderView = z.object({
  campaignCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  remind: z.number(),
  overdue: z.number(),
  returned: z.number(),
});
export type TaskReminderView = z.infer<typeof TaskReminderView>;
