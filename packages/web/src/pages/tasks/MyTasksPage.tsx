import { Alert, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { TaskState, UnitTaskRow } from '../../api/types';
import { CardList } from '../../components/CardList';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useTaskReminders, useUnitTasks } from '../../hooks/useTasks';
import { useTasksI18n } from './i18n';
import { DaysLeft, LateTag, monthLabel, STATE_DOTS, scoreText, TaskStateTag, unitTaskUrl } from './labels';
import './tasks.css';

/** What the village should look at first: returned, overdue, still to do (soonest first), then the rest. */
const URGENCY: Record<TaskState, number> = { returned: 0, overdue: 1, pending: 2, submitted: 3, scored: 4 };
/** The list in three parts: what to do now, what waits for review, and the scored ones (a few at a time). */
const SECTIONS: readonly {
  key: 'todo' | 'waiting' | 'done';
  states: readonly TaskState[];
  pageSize: number;
}[] = [
  { key: 'todo', states: ['returned', 'overdue', 'pending'], pageSize: 20 },
  { key: 'waiting', states: ['submitted'], pageSize: 10 },
  { key: 'done', states: ['scored'], pageSize: 5 },
];
const CHIPS: readonly TaskState[] = ['pending', 'overdue', 'returned', 'submitted', 'scored'];

/** One task as a card: title and state, star and month, deadline and days left, then score and reason. */
function TaskCard({ row }: { row: UnitTaskRow }) {
  const { t } = useTasksI18n();
  const flag =
    row.state === 'overdue' ? 'wx-card-overdue' : row.state === 'returned' ? 'wx-card-returned' : '';
  return (
    <Flex vertical gap={6} className={flag || undefined} data-testid={`task-card-${row.taskId}`}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {row.title}
        </Typography.Text>
        <TaskStateTag state={row.state} />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[
          row.starName,
          monthLabel(t, row.month),
          t('tasks.points', { points: formatNumber(row.points) }),
        ].join(' · ')}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text style={{ fontSize: 13 }}>
          {t('tasks.deadlineOn', { date: row.deadline })}
        </Typography.Text>
        <span style={{ fontSize: 13 }}>
          <DaysLeft row={row} />
        </span>
      </Flex>
      {row.state === 'scored' && row.effective !== null && (
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16, color: '#a93226' }}>
            {scoreText(t, row.effective, row.points)}
          </Typography.Text>
          {row.late && <LateTag />}
        </Flex>
      )}
      {row.reason && (row.state === 'scored' || row.state === 'returned') && (
        <Typography.Paragraph
          style={{ margin: 0, fontSize: 13, background: '#fafafa', padding: '6px 8px', borderRadius: 6 }}
          className="wx-task-text"
        >
          <Typography.Text type="secondary">
            {row.state === 'returned' ? t('tasks.returnReasonLabel') : t('tasks.reviewReasonLabel')}
          </Typography.Text>
          {row.reason}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/**
 * 我的任务 (village users, phone first): how many tasks wait, are overdue, were returned, wait for review or
 * are scored; a reminder when some are due soon; one card per task, the most urgent first. A tap opens the
 * task to submit or read its review.
 */
export function MyTasksPage() {
  const { t } = useTasksI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const reminders = useTaskReminders();
  const code = reminders.data?.campaignCode ?? undefined;
  const unitCode = reminders.data?.unitCode ?? undefined;
  const list = useUnitTasks(code, unitCode);
  const state = (params.get('state') ?? undefined) as TaskState | undefined;

  const rows = useMemo(
    () =>
      [...(list.data?.rows ?? [])]
        .filter((r) => !state || r.state === state)
        .sort(
          (a, b) =>
            URGENCY[a.state] - URGENCY[b.state] ||
            (a.state === 'scored'
              ? b.deadline.localeCompare(a.deadline)
              : a.deadline.localeCompare(b.deadline)),
        ),
    [list.data, state],
  );

  if (reminders.isPending || (code && unitCode && list.isPending)) return <Loading />;
  if (reminders.isError) return <ErrorBox error={reminders.error} onRetry={() => reminders.refetch()} />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => list.refetch()} />;

  const header = <PageHeader title={t('tasks.myTitle')} subtitle={list.data?.unitName} />;
  if (!code || !unitCode || !list.data)
    return (
      <>
        {header}
        <EmptyState description={t('tasks.myNone')} />
      </>
    );
  const { counts } = list.data;
  const pick = (s: TaskState) => {
    const next = new URLSearchParams(params);
    if (state === s) next.delete('state');
    else next.set('state', s);
    setParams(next, { replace: true });
  };

  return (
    <>
      {header}
      {counts.remind > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tasks.remindAlert', { count: counts.remind })}
          data-testid="task-remind-alert"
        />
      )}
      {counts.overdue + counts.returned > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={[
            counts.overdue > 0 ? t('tasks.overdueAlert', { count: counts.overdue }) : null,
            counts.returned > 0 ? t('tasks.returnedAlert', { count: counts.returned }) : null,
          ]
            .filter(Boolean)
            .join(t('common.listSeparator'))}
        />
      )}
      <fieldset className="wx-task-chips" aria-label={t('tasks.byState')}>
        {CHIPS.map((s) => (
          <button
            key={s}
            type="button"
            className={state === s ? 'wx-task-chip wx-task-chip-on' : 'wx-task-chip'}
            aria-pressed={state === s}
            onClick={() => pick(s)}
          >
            <span className="wx-task-chip-count" style={{ color: STATE_DOTS[s] }}>
              {counts[s]}
            </span>
            <span className="wx-task-chip-label">{t(`tasks.state.${s}`)}</span>
          </button>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <EmptyState description={state ? t('tasks.myEmptyState') : t('tasks.myEmpty')} />
      ) : (
        <Flex vertical gap={16}>
          {SECTIONS.map(({ key, states, pageSize }) => {
            const items = rows.filter((r) => states.includes(r.state));
            if (items.length === 0) return null;
            return (
              <section key={key} aria-label={t(`tasks.mySection.${key}`)}>
                {!state && (
                  <Typography.Text type="secondary" strong style={{ display: 'block', marginBottom: 8 }}>
                    {t(`tasks.mySection.${key}`)} · {items.length}
                  </Typography.Text>
                )}
                <CardList
                  items={items}
                  rowKey={(r) => r.taskId}
                  onItemClick={(r) => navigate(unitTaskUrl(code, r.taskId, r.unitCode))}
                  render={(r) => <TaskCard row={r} />}
                  pageSize={pageSize}
                />
              </section>
            );
          })}
        </Flex>
      )}
    </>
  );
}
