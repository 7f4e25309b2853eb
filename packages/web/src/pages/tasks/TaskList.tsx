import { Button, Flex, Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TaskProgressView, TaskView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { CardList } from '../../components/CardList';
import { formatNumber } from '../../components/format';
import { useTasksI18n } from './i18n';
import { lateRuleShort, monthLabel, STATE_DOTS, TaskStatusTag } from './labels';

export interface TaskListProps {
  rows: readonly TaskView[];
  onOpen: (task: TaskView) => void;
  /** District admins edit and cancel active tasks. */
  onEdit?: (task: TaskView) => void;
  onCancel?: (task: TaskView) => void;
  loading?: boolean;
}

/** Scored out of addressed as a bar, with the units waiting for review and those overdue. */
export function TaskProgress({ progress, width }: { progress: TaskProgressView; width?: number | string }) {
  const { t } = useTasksI18n();
  const { addressed, scored, submitted, overdue, returned } = progress;
  const percent = addressed === 0 ? 0 : Math.round((scored / addressed) * 100);
  return (
    <Flex vertical gap={0} style={{ width: width ?? 200, minWidth: 0 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.progressScored')}
        </Typography.Text>
        <Typography.Text style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13, whiteSpace: 'nowrap' }}>
          {t('tasks.progressValue', { done: scored, total: addressed })}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={addressed > 0 && scored >= addressed ? 'success' : 'normal'}
        aria-label={t('tasks.progressAria', { done: scored, total: addressed })}
      />
      <Flex gap={10} wrap style={{ fontSize: 12 }}>
        {submitted > 0 && (
          <span style={{ color: STATE_DOTS.submitted }}>{t('tasks.countWaiting', { count: submitted })}</span>
        )}
        {overdue > 0 && (
          <span style={{ color: STATE_DOTS.overdue }}>{t('tasks.countOverdue', { count: overdue })}</span>
        )}
        {returned > 0 && (
          <span style={{ color: STATE_DOTS.returned }}>{t('tasks.countReturned', { count: returned })}</span>
        )}
      </Flex>
    </Flex>
  );
}

function Actions({
  task,
  onEdit,
  onCancel,
}: Pick<TaskListProps, 'onEdit' | 'onCancel'> & { task: TaskView }) {
  const { t } = useTasksI18n();
  if (task.status !== 'active' || (!onEdit && !onCancel)) return null;
  return (
    <Flex gap={4} onClick={(e) => e.stopPropagation()}>
      {onEdit && (
        <Button size="small" type="link" onClick={() => onEdit(task)}>
          {t('tasks.edit')}
        </Button>
      )}
      {onCancel && (
        <Button size="small" type="link" danger onClick={() => onCancel(task)}>
          {t('tasks.cancel')}
        </Button>
      )}
    </Flex>
  );
}

/** The tasks as a table (desktop); a click on a row opens the task. */
export function TaskTable({ rows, onOpen, onEdit, onCancel, loading }: TaskListProps) {
  const { t } = useTasksI18n();
  const columns: ColumnsType<TaskView> = [
    {
      title: t('tasks.col.task'),
      key: 'title',
      render: (_, task) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            <Typography.Link strong onClick={() => onOpen(task)}>
              {task.title}
            </Typography.Link>
            {task.status === 'cancelled' && <TaskStatusTag status={task.status} />}
            {task.demo && <DemoTag subtle />}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[task.number, task.starName, monthLabel(t, task.month)].join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tasks.col.deadline'),
      key: 'deadline',
      width: 112,
      render: (_, task) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{task.deadline}</span>,
    },
    {
      title: t('tasks.col.points'),
      key: 'points',
      width: 72,
      align: 'right',
      render: (_, task) => t('tasks.points', { points: formatNumber(task.points) }),
    },
    {
      title: t('tasks.col.lateRule'),
      key: 'lateRule',
      width: 128,
      render: (_, task) => (
        <Typography.Text type="secondary">{lateRuleShort(t, task.lateRule, task.lateDeduct)}</Typography.Text>
      ),
    },
    {
      title: t('tasks.col.progress'),
      key: 'progress',
      width: 232,
      render: (_, task) =>
        task.status === 'cancelled' ? (
          <Typography.Text type="secondary" ellipsis={{ tooltip: task.cancelReason }} style={{ width: 200 }}>
            {t('tasks.cancelledBecause', { reason: task.cancelReason ?? '' })}
          </Typography.Text>
        ) : (
          <TaskProgress progress={task.progress} />
        ),
    },
    ...(onEdit || onCancel
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, task: TaskView) => (
              <Actions task={task} onEdit={onEdit} onCancel={onCancel} />
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<TaskView>
      rowKey="id"
      size="middle"
      className="wx-task-table"
      dataSource={[...rows]}
      columns={columns}
      loading={loading}
      rowClassName={(task) => (task.status === 'cancelled' ? 'wx-task-cancelled' : '')}
      onRow={(task) => ({ onClick: () => onOpen(task), style: { cursor: 'pointer' } })}
      scroll={{ x: 960 }}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
    />
  );
}

/** The tasks as cards (phones): title and state, star · month, deadline and points, then progress. */
export function TaskCards({ rows, onOpen, onEdit, onCancel, loading }: TaskListProps) {
  const { t } = useTasksI18n();
  return (
    <div style={{ opacity: loading ? 0.5 : 1, transition: 'opacity 0.2s' }} aria-busy={loading}>
      <CardList
        items={rows}
        rowKey={(task) => task.id}
        onItemClick={onOpen}
        pageSize={20}
        render={(task) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Typography.Text strong>{task.title}</Typography.Text>
              <TaskStatusTag status={task.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[task.number, task.starName, monthLabel(t, task.month)].join(' · ')}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 13 }}>
              {t('tasks.cardFacts', {
                deadline: task.deadline,
                points: formatNumber(task.points),
                rule: lateRuleShort(t, task.lateRule, task.lateDeduct),
              })}
            </Typography.Text>
            {task.status === 'active' ? (
              <TaskProgress progress={task.progress} width="100%" />
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tasks.cancelledBecause', { reason: task.cancelReason ?? '' })}
              </Typography.Text>
            )}
            <Actions task={task} onEdit={onEdit} onCancel={onCancel} />
          </Flex>
        )}
      />
    </div>
  );
}
