import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { TaskView } from '../../api/types';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign, useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { type TaskFilters, useTaskList } from '../../hooks/useTasks';
import { CancelTaskModal } from './CancelTaskModal';
import { useTasksI18n } from './i18n';
import { monthLabel, taskUrl } from './labels';
import { TaskFormDrawer } from './TaskFormDrawer';
import { TaskCards, TaskTable } from './TaskList';
import './tasks.css';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';

/**
 * 日常任务: the campaign's tasks by month, star and status with each one's progress over the units in the
 * viewer's scope (scored of addressed, waiting for review, overdue). District admins issue, edit and cancel;
 * street admins and inspectors read.
 */
export function TasksPage() {
  const { t } = useTasksI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const detail = useCampaign(chosen?.code);
  const isDistrict = user.role === 'district_admin';
  const [drawer, setDrawer] = useState<{ task: TaskView | null } | null>(null);
  const [cancelling, setCancelling] = useState<TaskView | null>(null);

  const filters: TaskFilters = {
    month: params.get('month') ?? undefined,
    star: params.get('star') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const list = useTaskList(chosen?.code, filters);

  const update = (patch: Partial<Record<keyof TaskFilters, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const year = chosen?.year;
  const monthOptions = year
    ? Array.from({ length: 12 }, (_, i) => {
        const m = `${year}-${String(i + 1).padStart(2, '0')}`;
        return { value: m, label: monthLabel(t, m) };
      })
    : [];
  const field = isMobile ? { width: 'calc(50% - 4px)' } : { width: 150 };
  const filterBar = (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t('tasks.filter.month')}
        aria-label={t('tasks.filter.month')}
        value={filters.month}
        onChange={(v?: string) => update({ month: v })}
        style={field}
        options={monthOptions}
      />
      <Select
        allowClear
        placeholder={t('tasks.filter.star')}
        aria-label={t('tasks.filter.star')}
        value={filters.star}
        onChange={(v?: string) => update({ star: v })}
        style={field}
        options={(detail.data?.stars ?? []).map((s) => ({ value: s.code, label: s.name }))}
      />
      <Select
        allowClear
        placeholder={t('tasks.filter.status')}
        aria-label={t('tasks.filter.status')}
        value={filters.status}
        onChange={(v?: string) => update({ status: v })}
        style={field}
        options={[
          { value: 'active', label: t('tasks.status.active') },
          { value: 'cancelled', label: t('tasks.status.cancelled') },
        ]}
      />
      {list.data && (
        <Typography.Text type="secondary" style={{ marginInlineStart: isMobile ? 0 : 'auto' }}>
          {t('tasks.total', { count: list.data.rows.length })}
        </Typography.Text>
      )}
    </Flex>
  );

  const filtered = Boolean(filters.month || filters.star || filters.status);
  let body: ReactNode;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else if (list.data && list.data.rows.length === 0)
    body = (
      <EmptyState description={filtered ? t('tasks.emptyFiltered') : t('tasks.empty')}>
        {isDistrict && !filtered && detail.data && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ task: null })}>
            {t('tasks.create')}
          </Button>
        )}
      </EmptyState>
    );
  else if (list.data) {
    const props = {
      // The newest month first (the server lists them in calendar order, numbered within a month).
      rows: [...list.data.rows].sort((a, b) => b.month.localeCompare(a.month)),
      onOpen: (task: TaskView) => navigate(taskUrl(task.campaignCode, task.id)),
      onEdit: isDistrict ? (task: TaskView) => setDrawer({ task }) : undefined,
      onCancel: isDistrict ? setCancelling : undefined,
      loading: list.isPlaceholderData,
    };
    body = isMobile ? <TaskCards {...props} /> : <TaskTable {...props} />;
  }

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        subtitle={<CampaignSubtitle campaign={chosen} text={(c) => t('tasks.subtitle', { name: c.name })} />}
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {isDistrict && detail.data && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ task: null })}>
                {t('tasks.create')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        {filterBar}
        {body}
      </Card>
      {isDistrict && detail.data && (
        <TaskFormDrawer
          open={drawer !== null}
          task={drawer?.task ?? null}
          campaign={detail.data}
          onClose={() => setDrawer(null)}
        />
      )}
      {isDistrict && chosen && (
        <CancelTaskModal campaign={chosen.code} task={cancelling} onClose={() => setCancelling(null)} />
      )}
    </>
  );
}
