import { z } from 'zod';

/**
 * 消息提醒 the inbox: what needs the user now (derived from tasks, problems, warnings and objections) with
 * read marks. Shared with the web app as types.
 */

export const INBOX_KINDS = [
  'task.dueSoon',
  'task.overdue',
  'task.returned',
  'task.review',
  'problem.new',
  'problem.dueSoon',
  'problem.overdue',
  'problem.failed',
  'problem.review',
  'warning.unit',
  'warning.street',
  'talk.due',
  'talk.overdue',
  'objection.pending',
] as const;
export const InboxKind = z.enum(INBOX_KINDS);
export type InboxKind = z.infer<typeof InboxKind>;

export const InboxItemView = z.object({
  /** Names the thing and its state; a new event gets a new key (unread). */
  key: z.string(),
  kind: InboxKind,
  campaignCode: z.string(),
  /** The thing's number: 任务 RW-2023-070, 问题 WT2023-0012; a warning's quarter (2023-Q4); a publication's number (GS-2023-001). */
  ref: z.string(),
  title: z.string(),
  /** A warning's level (the title is then its Chinese name); null for everything else. */
  level: z.enum(['yellow', 'red']).nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  /** The deadline (YYYY-MM-DD) it runs against, if any. */
  due: z.string().nullable(),
  /** Days from today (China) to `due`; negative once past. */
  daysLeft: z.number().nullable(),
  /** When it arose: an ISO instant or a date. */
  at: z.string(),
  /** The web app's page for it. */
  link: z.string(),
  read: z.boolean(),
});
export type InboxItemView = z.infer<typeof InboxItemView>;

export const InboxView = z.object({
  items: z.array(InboxItemView),
  total: z.number(),
  unread: z.number(),
  /** Today's China date, which "due soon" and "overdue" are reckoned from. */
  today: z.string(),
});
export type InboxView = z.infer<typeof InboxView>;

/** Marks these items read (keys from the inbox; keys no longer in it are skipped). */
export const InboxReadBody = z.object({
  keys: z.array(z.string().min(1).max(200)).min(1, '请选择要标为已读的消息').max(500, '一次最多500条'),
});
export type InboxReadBody = z.infer<typeof InboxReadBody>;
