import type {
  DocumentView,
  LateRule,
  ReviewOutcome,
  TaskAudience,
  TaskDetailView,
  TaskListView,
  TaskReminderView,
  TaskStatus,
  TaskView,
  UnitTaskDetailView,
  UnitTaskListView,
  UnitTaskRow,
} from '../contracts/tasks';
import type { DocumentRow } from '../repositories/document.repository';
import type {
  TaskDetail,
  TaskList,
  TaskReminders,
  TaskSummary,
  UnitTaskDetail,
  UnitTaskItem,
  UnitTaskList,
} from '../services/taskRead.service';
import { presentPhoto } from './supervision.presenter';

/** A task as every view shows it. */
export function presentTask(s: TaskSummary): TaskView {
  const r = s.row;
  return {
    id: r.id,
    campaignCode: s.campaignCode,
    number: r.number,
    title: r.title,
    description: r.description,
    star: r.star,
    starName: s.starName,
    month: r.month,
    deadline: r.deadline,
    points: Number(r.points),
    lateRule: r.late_rule as LateRule,
    lateDeduct: Number(r.late_deduct),
    remindDays: Number(r.remind_days),
    audience: r.audience as TaskAudience,
    unitCodes: s.unitCodes,
    status: r.status as TaskStatus,
    cancelReason: r.cancel_reason,
    itemCode: s.itemCode,
    locked: s.locked,
    version: Number(r.version),
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    progress: { ...s.progress },
    demo: Boolean(r.demo),
  };
}

/** One unit on one task. */
export function presentUnitTaskRow(i: UnitTaskItem): UnitTaskRow {
  const { task, unit, submission, review } = i.facts;
  return {
    taskId: task.id,
    number: task.number,
    title: task.title,
    star: task.star,
    starName: i.starName,
    month: task.month,
    deadline: task.deadline,
    points: Number(task.points),
    lateRule: task.late_rule as LateRule,
    lateDeduct: Number(task.late_deduct),
    unitCode: unit.code,
    unitName: unit.name,
    streetCode: i.street?.code ?? null,
    streetName: i.street?.name ?? null,
    state: i.facts.state,
    daysLeft: i.daysLeft,
    remind: i.remind,
    lastSubmittedAt: submission?.submitted_at ?? null,
    late: i.facts.late,
    outcome: review ? (review.outcome as ReviewOutcome) : null,
    effective: i.facts.effective,
    reason: review?.reason ?? null,
    reviewerName: review?.reviewer_name ?? null,
    reviewedAt: review?.reviewed_at ?? null,
  };
}

/** An evidence document. */
export function presentDocument(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    key: row.idempotency_key,
    name: row.name,
    mime: row.mime,
    bytes: Number(row.bytes),
    url: `/api/documents/${row.id}`,
    uploadedByName: row.uploaded_by_name,
    uploadedAt: row.uploaded_at,
  };
}

export function presentTaskList(l: TaskList): TaskListView {
  return { rows: l.summaries.map(presentTask), today: l.today };
}

export function presentTaskDetail(d: TaskDetail): TaskDetailView {
  return { task: presentTask(d.summary), units: d.units.map(presentUnitTaskRow), today: d.today };
}

export function presentUnitTaskList(l: UnitTaskList): UnitTaskListView {
  return {
    unitCode: l.unit.code,
    unitName: l.unit.name,
    rows: l.rows.map(presentUnitTaskRow),
    counts: { ...l.counts },
    today: l.today,
  };
}

export function presentUnitTaskDetail(d: UnitTaskDetail): UnitTaskDetailView {
  return {
    task: presentTask(d.summary),
    row: presentUnitTaskRow(d.item),
    submissions: d.submissions.map((s) => ({
      id: s.row.id,
      version: s.row.version,
      text: s.row.text,
      submittedByName: s.row.submitted_by_name,
      submittedAt: s.row.submitted_at,
      late: s.late,
      photos: s.photos.map(presentPhoto),
      documents: s.documents.map(presentDocument),
    })),
    reviews: d.reviews.map((r) => ({
      id: r.row.id,
      version: r.row.version,
      submissionId: r.row.submission_id,
      outcome: r.row.outcome as ReviewOutcome,
      awarded: r.row.awarded,
      effective: r.effective,
      late: r.late,
      reason: r.row.reason,
      correctionReason: r.row.correction_reason,
      reviewerName: r.row.reviewer_name,
      reviewedAt: r.row.reviewed_at,
    })),
    can: { ...d.can },
    today: d.today,
  };
}

export function presentTaskReminders(r: TaskReminders): TaskReminderView {
  return { ...r };
}
