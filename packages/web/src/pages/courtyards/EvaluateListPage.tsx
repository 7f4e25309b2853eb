import { CheckCircleFilled, EditOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Segmented, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CourtyardTodoRowView } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useRefreshOnSync } from '../../hooks/useInspections';
import { useUser } from '../../hooks/useSession';
import { QueueBadge, SyncPanel, useMyQueue } from '../inspector/SyncPanel';
import { useChosenCourtyardCampaign, useCourtyardTodo } from './api';
import { useCourtyardI18n } from './i18n';
import { CampaignSelect, CourtyardNav, LevelTag, scoreText } from './labels';

/**
 * The evaluator's list (phone first): street-confirmed households they may score, 待评分 first, each a card
 * that opens the scoring page. Cached, so it opens offline once seen.
 */
export function EvaluateListPage() {
  const { t, lang } = useCourtyardI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const user = useUser();
  const owner = user.username;
  useRefreshOnSync();
  const { campaigns, rows: campaignRows, chosen } = useChosenCourtyardCampaign(owner, params.get('campaign'));
  const todo = useCourtyardTodo(owner, chosen?.code);
  const { entries } = useMyQueue(owner);
  const [tab, setTab] = useState<'todo' | 'done'>('todo');
  const [q, setQ] = useState('');

  const queuedFor = useMemo(
    () => new Set(entries.filter((e) => e.kind === 'courtyard').map((e) => e.unitCode)),
    [entries],
  );
  const rows = useMemo(() => {
    const all = todo.data?.value.rows ?? [];
    const needle = q.trim();
    return all.filter(
      (r) =>
        (tab === 'todo'
          ? r.myTotal === null && !queuedFor.has(r.householdCode)
          : r.myTotal !== null || queuedFor.has(r.householdCode)) &&
        (!needle ||
          r.headName.includes(needle) ||
          r.address.includes(needle) ||
          r.householdCode.includes(needle.toUpperCase())),
    );
  }, [todo.data, tab, q, queuedFor]);

  const open = (r: CourtyardTodoRowView) =>
    navigate(
      `/courtyards/evaluate/${encodeURIComponent(r.householdCode)}?campaign=${encodeURIComponent(r.campaignCode)}`,
    );

  const header = (
    <PageHeader
      title={t('cy.eval.title')}
      subtitle={t('cy.eval.subtitle')}
      extra={
        <>
          <QueueBadge owner={owner} />
          <CampaignSelect rows={campaignRows} value={chosen?.code} />
        </>
      }
    />
  );
  if (campaigns.isPending || (chosen && todo.isPending))
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (campaigns.isError || todo.isError)
    return (
      <>
        {header}
        <ErrorBox error={campaigns.error ?? todo.error} onRetry={() => void todo.refetch()} />
      </>
    );
  if (!chosen)
    return (
      <>
        {header}
        <EmptyState description={t('cy.noCampaign')} />
      </>
    );
  const view = todo.data?.value;

  return (
    <div style={{ maxWidth: 760 }}>
      <CourtyardNav />
      {header}
      <Flex vertical gap={12}>
        <Segmented
          block
          value={tab}
          onChange={(v) => setTab(v as 'todo' | 'done')}
          options={[
            { value: 'todo', label: `${t('cy.eval.todo')} ${view?.todo ?? 0}` },
            { value: 'done', label: `${t('cy.eval.done')} ${view?.done ?? 0}` },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('cy.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {todo.data?.fromCache && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('cy.eval.fromCache', { time: formatDateTime(todo.data.savedAt, lang) })}
          </Typography.Text>
        )}
        {rows.length === 0 ? (
          <EmptyState description={t('cy.eval.empty')} />
        ) : (
          <Flex vertical gap={8} data-testid="evaluate-list">
            {rows.map((r) => (
              <Card
                key={r.householdCode}
                size="small"
                hoverable
                onClick={() => open(r)}
                styles={{ body: { padding: '10px 12px' } }}
                data-testid={`todo-${r.householdCode}`}
              >
                <Flex justify="space-between" align="center" gap={8}>
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Flex gap={6} align="center" wrap>
                      <Typography.Text strong>{r.headName}</Typography.Text>
                      <LevelTag level={r.level} />
                      {queuedFor.has(r.householdCode) && (
                        <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                          {t('onsite.status.pending')}
                        </Tag>
                      )}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {r.villageName} · {r.address}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.myTotal !== null ? (
                        <>
                          <CheckCircleFilled style={{ color: '#52c41a' }} />{' '}
                          {t('cy.eval.mine', { total: formatNumber(r.myTotal) })}
                        </>
                      ) : (
                        <>
                          <EditOutlined /> {t('cy.eval.todo')}
                        </>
                      )}
                      {' · '}
                      {t('cy.eval.householdScore', { score: scoreText(t, r.score) })}
                    </Typography.Text>
                  </Flex>
                  <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
                </Flex>
              </Card>
            ))}
          </Flex>
        )}
        <SyncPanel
          owner={owner}
          filter={(e) => e.kind === 'courtyard' || e.kind === 'photo'}
          showList={false}
        />
      </Flex>
    </div>
  );
}
