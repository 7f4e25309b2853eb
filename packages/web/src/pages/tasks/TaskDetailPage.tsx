import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Progress, Row, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { TaskProgressView, TaskState, UnitTaskRow } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { CardList } from '../../components/CardList';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { taskExportUrl, useTask } from '../../hooks/useTasks';
import { CancelTaskModal } from './CancelTaskModal';
import { useTasksI18n } from './i18n';
import {
  DaysLeft,
  LateTag,
  monthLabel,
  OutcomeTag,
  STATE_DOTS,
  scoreText,
  TASK_STATES,
  TaskStateTag,
  TaskStatusTag,
  unitTaskUrl,
} from './labels';
import { TaskFacts } from './TaskFacts';
import { TaskFormDrawer } from './TaskFormDrawer';
import './tasks.css';

/** Scored of addressed as a ring, and how many units stand where. */
function ProgressSummary({ progress }: { progress: TaskProgressView }) {
  const { t } = useTasksI18n();
  const { addressed, scored } = progress;
  const percent = addressed === 0 ? 0 : Math.round((scored / addressed) * 100);
  return (
    <Flex gap={20} align="center" wrap>
      <Progress
        type="circle"
        size={104}
        percent={percent}
        status={addressed > 0 && scored >= addressed ? 'success' : 'normal'}
        format={() => (
          <Flex vertical align="center" gap={2}>
            <span style={{ fontSize: 20, fontWeight: 600 }}>
              {t('tasks.progressValue', { done: scored, total: addressed })}
            </span>
            <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t('tasks.progressScored')}</span>
          </Flex>
        )}
        aria-label={t('tasks.progressAria', { done: scored, total: addressed })}
      />
      <Flex vertical gap={4} style={{ minWidth: 120 }}>
        {TASK_STATES.map((s) => (
          <Flex key={s} justify="space-between" gap={16}>
            <span>
              <span style={{ color: STATE_DOTS[s] }}>●</span> {t(`tasks.state.${s}`)}
            </span>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>{progress[s]}</span>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}

/** One unit's score cell: "8 / 10 分" with the outcome, or a dash. */
function Score({ row }: { row: UnitTaskRow }) {
  const { t } = useTasksI18n();
  if (row.state === 'returned' && row.outcome) return <OutcomeTag outcome={row.outcome} />;
  if (row.effective === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      <Typography.Text strong style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {scoreText(t, row.effective, row.points)}
      </Typography.Text>
      {row.outcome && <OutcomeTag outcome={row.outcome} />}
    </Flex>
  );
}

/** The per-unit table (desktop). */
function UnitTable({ rows, onOpen }: { rows: readonly UnitTaskRow[]; onOpen: (row: UnitTaskRow) => void }) {
  const { t, lang } = useTasksI18n();
  const columns: ColumnsType<UnitTaskRow> = [
    {
      title: t('tasks.col.unit'),
      key: 'unit',
      width: 150,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => onOpen(r)}>
            {r.unitName}
          </Typography.Link>
          {r.streetName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.streetName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('tasks.col.state'),
      key: 'state',
      width: 120,
      render: (_, r) => (
        <Flex vertical gap={2} align="flex-start">
          <TaskStateTag state={r.state} />
          <span style={{ fontSize: 12 }}>
            <DaysLeft row={r} />
          </span>
        </Flex>
      ),
    },
    {
      title: t('tasks.col.submittedAt'),
      key: 'submittedAt',
      width: 150,
      render: (_, r) =>
        r.lastSubmittedAt ? (
          <Flex vertical gap={2} align="flex-start">
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatDateTime(r.lastSubmittedAt, lang)}
            </span>
            {r.late && <LateTag />}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('tasks.notSubmitted')}</Typography.Text>
        ),
    },
    {
      title: t('tasks.col.score'),
      key: 'score',
      width: 110,
      render: (_, r) => <Score row={r} />,
    },
    {
      title: t('tasks.col.reason'),
      key: 'reason',
      render: (_, r) =>
        r.reason ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.reason }} style={{ margin: 0 }}>
            {r.reason}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('tasks.col.reviewer'),
      key: 'reviewer',
      width: 160,
      render: (_, r) =>
        r.reviewerName ? (
          <Flex vertical>
            <span>{r.reviewerName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.reviewedAt, lang)}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <Table<UnitTaskRow>
      rowKey="unitCode"
      size="middle"
      className="wx-task-units"
      dataSource={[...rows]}
      columns={columns}
      rowClassName={(r) =>
        r.state === 'overdue' ? 'wx-row-overdue' : r.state === 'submitted' ? 'wx-row-waiting' : ''
      }
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
      scroll={{ x: 900 }}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

/** The per-unit list as cards (phones). */
function UnitCards({ rows, onOpen }: { rows: readonly UnitTaskRow[]; onOpen: (row: UnitTaskRow) => void }) {
  const { t, lang } = useTasksI18n();
  return (
    <CardList
      items={rows}
      rowKey={(r) => r.unitCode}
      onItemClick={onOpen}
      pageSize={30}
      render={(r) => (
        <Flex vertical gap={4} className={r.state === 'overdue' ? 'wx-card-overdue' : undefined}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>{r.unitName}</Typography.Text>
            <Flex gap={4}>
              {r.late && <LateTag />}
              <TaskStateTag state={r.state} />
            </Flex>
          </Flex>
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                r.streetName,
                r.lastSubmittedAt
                  ? t('tasks.submittedAt', { at: formatDateTime(r.lastSubmittedAt, lang) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            <span style={{ fontSize: 12 }}>
              <DaysLeft row={r} />
            </span>
          </Flex>
          {r.effective !== null && (
            <Typography.Text strong>{scoreText(t, r.effective, r.points)}</Typography.Text>
          )}
          {r.reason && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
              {r.reason}
            </Typography.Paragraph>
          )}
        </Flex>
      )}
    />
  );
}

/**
 * 任务详情: the task's requirements, deadline, points and late rule, its progress, and every addressed unit in
 * the viewer's scope (state, submission, lateness, score, reason, reviewer), filtered by state and street and
 * exported to Excel; a unit opens its submission and review page.
 */
export function TaskDetailPage() {
  const { t } = useTasksI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params, setParams] = useSearchParams();
  const { chosen } = useChosenCampaign();
  const code = params.get('campaign') ?? chosen?.code;
  const detail = useTask(code, id);
  const campaign = useCampaign(code);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const isDistrict = user.role === 'district_admin';
  const state = (params.get('state') ?? undefined) as TaskState | undefined;
  const street = params.get('street') ?? undefined;

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const units = detail.data?.units;
  const streets = useMemo(() => {
    const byCode = new Map<string, string>();
    for (const u of units ?? []) if (u.streetCode) byCode.set(u.streetCode, u.streetName ?? u.streetCode);
    return [...byCode].map(([value, label]) => ({ value, label }));
  }, [units]);
  const inStreet = useMemo(
    () => (units ?? []).filter((u) => !street || u.streetCode === street),
    [units, street],
  );
  const rows = useMemo(() => inStreet.filter((u) => !state || u.state === state), [inStreet, state]);
  const counts = useMemo(() => {
    const c: Record<TaskState, number> = { pending: 0, overdue: 0, submitted: 0, returned: 0, scored: 0 };
    for (const u of inStreet) c[u.state] += 1;
    return c;
  }, [inStreet]);

  if (!code || detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />;
  const { task } = detail.data;
  const open = (r: UnitTaskRow) => navigate(unitTaskUrl(task.campaignCode, task.id, r.unitCode));

  const stateTags = (
    <Flex gap={8} wrap className="wx-task-counts" role="group" aria-label={t('tasks.byState')}>
      <Tag.CheckableTag checked={!state} onChange={() => update({ state: undefined })}>
        {t('tasks.countAll', { count: inStreet.length })}
      </Tag.CheckableTag>
      {TASK_STATES.map((s) => (
        <Tag.CheckableTag
          key={s}
          checked={state === s}
          onChange={(on) => update({ state: on ? s : undefined })}
          style={state === s ? undefined : { borderColor: 'transparent' }}
        >
          <span style={{ color: state === s ? undefined : STATE_DOTS[s] }}>●</span>{' '}
          {t('tasks.countState', { state: t(`tasks.state.${s}`), count: counts[s] })}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );

  return (
    <>
      <Flex vertical style={{ marginBottom: 4 }}>
        <Typography.Link
          onClick={() => navigate(`/tasks?campaign=${encodeURIComponent(task.campaignCode)}`)}
          style={{ alignSelf: 'flex-start' }}
        >
          <LeftOutlined /> {t('tasks.backToList')}
        </Typography.Link>
      </Flex>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{task.title}</span>
            <TaskStatusTag status={task.status} />
            {task.demo && <DemoTag subtle />}
          </Flex>
        }
        subtitle={[task.number, task.starName, monthLabel(t, task.month)].join(' · ')}
        extra={
          <>
            {isDistrict && task.status === 'active' && campaign.data && (
              <>
                <Button onClick={() => setEditing(true)}>{t('tasks.edit')}</Button>
                <Button danger onClick={() => setCancelling(true)}>
                  {t('tasks.cancel')}
                </Button>
              </>
            )}
            <DownloadMenu
              json={false}
              excelLabel={t('tasks.export')}
              url={(f) => taskExportUrl(task.campaignCode, task.id, f === 'csv' ? 'csv' : 'xlsx')}
            />
          </>
        }
      />
      {task.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('tasks.cancelledAlert')}
          description={task.cancelReason}
        />
      )}
      {task.locked && task.status === 'active' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tasks.lockedHint')} />
      )}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('tasks.requirements')} style={{ height: '100%' }}>
            <TaskFacts task={task} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('tasks.progressTitle')} style={{ height: '100%' }}>
            <ProgressSummary progress={task.progress} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('tasks.unitsTitle', { count: detail.data.units.length })}
        styles={{ body: { padding: isMobile ? 12 : 16 } }}
      >
        <Flex vertical gap={12} style={{ marginBottom: 12 }}>
          {stateTags}
          {streets.length > 1 && (
            <Select
              allowClear
              placeholder={t('tasks.filter.street')}
              aria-label={t('tasks.filter.street')}
              value={street}
              onChange={(v?: string) => update({ street: v })}
              style={{ width: isMobile ? '100%' : 180 }}
              options={streets}
            />
          )}
        </Flex>
        {rows.length === 0 ? (
          <EmptyState
            description={detail.data.units.length ? t('tasks.unitsEmptyFiltered') : t('tasks.unitsEmpty')}
          />
        ) : isMobile ? (
          <UnitCards rows={rows} onOpen={open} />
        ) : (
          <UnitTable rows={rows} onOpen={open} />
        )}
      </Card>
      {isDistrict && campaign.data && (
        <TaskFormDrawer
          open={editing}
          task={task}
          campaign={campaign.data}
          onClose={() => setEditing(false)}
        />
      )}
      {isDistrict && (
        <CancelTaskModal
          campaign={task.campaignCode}
          task={cancelling ? task : null}
          onClose={() => setCancelling(false)}
        />
      )}
    </>
  );
}
