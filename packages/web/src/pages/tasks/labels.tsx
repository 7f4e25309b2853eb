import { Tag, Typography } from 'antd';
import type { LateRule, ReviewOutcome, TaskState, TaskStatus, UnitTaskRow } from '../../api/types';
import { formatNumber } from '../../components/format';
import { type TasksTranslate, useTasksI18n } from './i18n';

/** Where a task opens: its page, in its campaign. */
export const taskUrl = (campaign: string, id: string) =>
  `/tasks/${encodeURIComponent(id)}?campaign=${encodeURIComponent(campaign)}`;

/** Where one unit's task opens (submission, history, review). */
export const unitTaskUrl = (campaign: string, id: string, unitCode: string) =>
  `/tasks/${encodeURIComponent(id)}/units/${encodeURIComponent(unitCode)}?campaign=${encodeURIComponent(campaign)}`;

export const TASK_STATES: readonly TaskState[] = ['pending', 'overdue', 'returned', 'submitted', 'scored'];
export const REVIEW_OUTCOMES: readonly ReviewOutcome[] = ['full', 'partial', 'zero', 'returned'];
export const LATE_RULES: readonly LateRule[] = ['accept', 'deduct', 'zero'];

// Preset hues, not `processing` (which follows the theme's red and would read as overdue).
export const STATE_COLORS: Record<TaskState, string> = {
  pending: 'blue',
  overdue: 'error',
  submitted: 'warning',
  returned: 'magenta',
  scored: 'success',
};

/** Dot colours of the state counts (the same hues as the tags). */
export const STATE_DOTS: Record<TaskState, string> = {
  pending: '#1677ff',
  overdue: '#cf1322',
  submitted: '#d48806',
  returned: '#c41d7f',
  scored: '#389e0d',
};

const OUTCOME_COLORS: Record<ReviewOutcome, string> = {
  full: 'success',
  partial: 'gold',
  zero: 'error',
  returned: 'magenta',
};

const tagStyle = { marginInlineEnd: 0 };

/** 待提交 / 已逾期 / 待评分 / 已退回 / 已评分. */
export function TaskStateTag({ state }: { state: TaskState }) {
  const { t } = useTasksI18n();
  return (
    <Tag color={STATE_COLORS[state]} style={tagStyle}>
      {t(`tasks.state.${state}`)}
    </Tag>
  );
}

/** 进行中 / 已取消. */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTasksI18n();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} style={tagStyle}>
      {t(`tasks.status.${status}`)}
    </Tag>
  );
}

/** 满分 / 部分得分 / 不得分 / 退回补充. */
export function OutcomeTag({ outcome }: { outcome: ReviewOutcome }) {
  const { t } = useTasksI18n();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} style={tagStyle}>
      {t(`tasks.outcome.${outcome}`)}
    </Tag>
  );
}

/** The orange 逾期提交 tag of a submission made after the deadline. */
export function LateTag() {
  const { t } = useTasksI18n();
  return (
    <Tag color="orange" variant="solid" style={tagStyle}>
      {t('tasks.lateSubmission')}
    </Tag>
  );
}

/** The late rule in a few words (lists): 逾期照常计分 / 逾期扣减50% / 逾期不得分. */
export function lateRuleShort(t: TasksTranslate, rule: LateRule, percent: number): string {
  return t(`tasks.lateRule.${rule}`, { percent: formatNumber(percent) });
}

/** The late rule as a sentence (task pages). */
export function lateRulePlain(t: TasksTranslate, rule: LateRule, percent: number): string {
  return t(`tasks.lateRulePlain.${rule}`, { percent: formatNumber(percent) });
}

/** "2023年12月" from YYYY-MM. */
export function monthLabel(t: TasksTranslate, month: string): string {
  return t('tasks.monthLabel', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
}

/** "8 / 10 分". */
export function scoreText(t: TasksTranslate, effective: number, points: number): string {
  return t('tasks.scoreOf', { score: formatNumber(effective), points: formatNumber(points) });
}

/**
 * How the deadline stands for the unit: 还剩 N 天 / 今天截止 / 已逾期 N 天 while it still has to act
 * (pending, overdue, returned); nothing once submitted or scored.
 */
export function DaysLeft({ row }: { row: Pick<UnitTaskRow, 'state' | 'daysLeft'> }) {
  const { t } = useTasksI18n();
  if (row.state === 'submitted' || row.state === 'scored') return null;
  const { daysLeft } = row;
  if (daysLeft < 0)
    return (
      <Typography.Text type="danger" strong style={{ whiteSpace: 'nowrap' }}>
        {t('tasks.daysOverdue', { days: -daysLeft })}
      </Typography.Text>
    );
  return (
    <Typography.Text type={daysLeft <= 3 ? 'warning' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
      {daysLeft === 0 ? t('tasks.dueToday') : t('tasks.daysLeft', { days: daysLeft })}
    </Typography.Text>
  );
}
