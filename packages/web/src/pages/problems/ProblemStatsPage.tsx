import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ProblemStatsRowView, ProblemStatsView } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CardList } from '../../components/CardList';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EChart } from '../../components/charts/EChart';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { problemStatsExportUrl, useProblemStats } from '../../hooks/useProblems';
import { useRounds } from '../../hooks/useRounds';
import { useUser } from '../../hooks/useSession';
import { type Translate, useI18n } from '../../i18n';

type Level = 'street' | 'village';

const oneDecimal = (v: number) => v.toFixed(1);

/** 销号率 as text: one decimal and a percent sign, a dash with nothing notified. */
function rateText(rate: number | null, t: Translate): string {
  return rate === null ? '—' : t('problemStats.percent', { value: oneDecimal(rate) });
}

function daysText(days: number | null, t: Translate): string {
  return days === null ? '—' : t('problemStats.days', { value: oneDecimal(days) });
}

/** Notified and closed per street or village as bars, with the closure rate as a line on its own axis. */
function StatsChart({ stats }: { stats: ProblemStatsView }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo(() => {
    const rows = stats.rows;
    const names = rows.map((r) => r.unitName);
    const rotate = rows.length > (isMobile ? 4 : 10);
    return {
      color: ['#c0392b', '#52c41a', '#1677ff'],
      tooltip: { trigger: 'axis' },
      legend: {
        ...(isMobile ? { bottom: 0 } : { top: 0 }),
        data: [t('problemStats.notified'), t('problemStats.closed'), t('problemStats.closureRate')],
      },
      grid: { left: 8, right: 8, top: isMobile ? 28 : 40, bottom: isMobile ? 32 : 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, rotate: rotate ? 40 : 0, fontSize: 11 },
      },
      yAxis: [
        { type: 'value', name: t('problemStats.countAxis'), minInterval: 1 },
        {
          type: 'value',
          name: t('problemStats.rateAxis'),
          min: 0,
          max: 100,
          axisLabel: { formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('problemStats.notified'),
          type: 'bar',
          data: rows.map((r) => r.notified),
          barMaxWidth: 28,
          label: { show: !isMobile && rows.length <= 12, position: 'top', fontSize: 11 },
        },
        {
          name: t('problemStats.closed'),
          type: 'bar',
          data: rows.map((r) => r.closed),
          barMaxWidth: 28,
          label: { show: !isMobile && rows.length <= 12, position: 'top', fontSize: 11 },
        },
        {
          name: t('problemStats.closureRate'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => (r.closureRate === null ? null : Number(oneDecimal(r.closureRate)))),
          symbolSize: 6,
          tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        },
      ],
    };
  }, [stats, isMobile, t]);
  return (
    <EChart
      option={option}
      height={isMobile ? 300 : 340}
      ariaLabel={t('problemStats.chartLabel', {
        level: stats.level === 'street' ? t('problemStats.levelStreet') : t('problemStats.levelVillage'),
      })}
    />
  );
}

/** The figures per row as a table (desktop). */
function StatsTable({
  stats,
  onOpen,
}: {
  stats: ProblemStatsView;
  onOpen: (row: ProblemStatsRowView) => void;
}) {
  const { t } = useI18n();
  const isVillage = stats.level === 'village';
  const columns: ColumnsType<ProblemStatsRowView> = [
    {
      title: isVillage ? t('problemStats.village') : t('problemStats.street'),
      key: 'unit',
      render: (_, r) => <Typography.Link onClick={() => onOpen(r)}>{r.unitName}</Typography.Link>,
    },
    ...(isVillage
      ? [
          {
            title: t('problemStats.parent'),
            key: 'parent',
            render: (_: unknown, r: ProblemStatsRowView) => r.parentName ?? '—',
          },
        ]
      : []),
    {
      title: t('problemStats.notified'),
      dataIndex: 'notified',
      align: 'right',
      sorter: (a, b) => a.notified - b.notified,
    },
    {
      title: t('problemStats.closed'),
      dataIndex: 'closed',
      align: 'right',
      sorter: (a, b) => a.closed - b.closed,
    },
    {
      title: t('problemStats.closureRate'),
      key: 'rate',
      align: 'right',
      sorter: (a, b) => (a.closureRate ?? -1) - (b.closureRate ?? -1),
      render: (_, r) => rateText(r.closureRate, t),
    },
    {
      title: t('problemStats.overdue'),
      key: 'overdue',
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (_, r) => (r.overdue > 0 ? <Typography.Text type="danger">{r.overdue}</Typography.Text> : 0),
    },
    {
      title: t('problemStats.avgDays'),
      key: 'days',
      align: 'right',
      sorter: (a, b) => (a.avgDaysToClose ?? -1) - (b.avgDaysToClose ?? -1),
      render: (_, r) => daysText(r.avgDaysToClose, t),
    },
  ];
  const total = stats.total;
  return (
    <Table<ProblemStatsRowView>
      rowKey="unitCode"
      size="middle"
      dataSource={stats.rows}
      columns={columns}
      pagination={stats.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0} colSpan={isVillage ? 2 : 1}>
            {t('problemStats.totalRow')}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {total.notified}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            {total.closed}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            {rateText(total.closureRate, t)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">
            {total.overdue}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">
            {daysText(total.avgDaysToClose, t)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** The figures per row as cards (phones). */
function StatsCards({
  stats,
  onOpen,
}: {
  stats: ProblemStatsView;
  onOpen: (row: ProblemStatsRowView) => void;
}) {
  const { t } = useI18n();
  return (
    <CardList
      items={stats.rows}
      rowKey={(r) => r.unitCode}
      onItemClick={onOpen}
      pageSize={30}
      render={(r) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="baseline" gap={8}>
            <Typography.Text strong>{r.unitName}</Typography.Text>
            <Typography.Text>{rateText(r.closureRate, t)}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              stats.level === 'village' ? r.parentName : null,
              t('problemStats.cardLine', { notified: r.notified, closed: r.closed }),
              r.overdue > 0 ? t('problemStats.cardOverdue', { count: r.overdue }) : null,
              r.avgDaysToClose !== null
                ? t('problemStats.cardDays', { value: oneDecimal(r.avgDaysToClose) })
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

/** 整改统计: notified, closed, closure rate, overdue and days to close, per street or village, for print and Excel. */
export function ProblemStatsPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const defaultLevel: Level = user.role === 'district_admin' ? 'street' : 'village';
  const wantedLevel = params.get('level');
  const level: Level = wantedLevel === 'street' || wantedLevel === 'village' ? wantedLevel : defaultLevel;
  const round = params.get('round') ?? undefined;
  const stats = useProblemStats(chosen?.code, level, round);
  const rounds = useRounds(user.role === 'village_user' ? undefined : chosen?.code);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const openRow = (row: ProblemStatsRowView) =>
    navigate(
      `/problems?${new URLSearchParams({
        campaign: chosen?.code ?? '',
        [level === 'street' ? 'street' : 'unit']: row.unitCode,
        ...(round ? { round } : {}),
      }).toString()}`,
    );

  const data = stats.data;
  let body: ReactNode;
  if (campaigns.isPending || (chosen && stats.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (stats.isError) body = <ErrorBox error={stats.error} onRetry={() => stats.refetch()} />;
  else if (data) {
    const k = data.total;
    const kpis = [
      {
        key: 'notified',
        title: t('problemStats.kpiNotified'),
        value: t('problemStats.items', { count: k.notified }),
      },
      {
        key: 'closed',
        title: t('problemStats.kpiClosed'),
        value: t('problemStats.items', { count: k.closed }),
      },
      { key: 'rate', title: t('problemStats.closureRate'), value: rateText(k.closureRate, t) },
      {
        key: 'overdue',
        title: t('problemStats.overdue'),
        value: t('problemStats.items', { count: k.overdue }),
        danger: k.overdue > 0,
      },
      { key: 'days', title: t('problemStats.avgDays'), value: daysText(k.avgDaysToClose, t) },
    ];
    body = (
      <Flex vertical gap={16}>
        <Row gutter={isMobile ? [8, 8] : [12, 12]}>
          {kpis.map((s) => (
            <Col key={s.key} xs={s.key === 'days' ? 24 : 12} sm={8} lg={{ flex: '20%' }}>
              <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${s.key}`}>
                <Statistic
                  title={s.title}
                  value={s.value}
                  styles={{
                    content: { fontSize: isMobile ? 20 : 26, color: s.danger ? '#cf1322' : undefined },
                  }}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">
          {t('problemStats.summary', {
            rounds: data.rounds,
            notified: k.notified,
            closed: k.closed,
          })}
          {data.bySource.length > 0 && (
            <>
              {t('common.listSeparator')}
              {data.bySource
                .filter((s) => s.notified > 0)
                .map((s) =>
                  t('problemStats.sourceLine', {
                    source: t(`problems.source.${s.source}`),
                    notified: s.notified,
                    closed: s.closed,
                  }),
                )
                .join(t('common.enumSeparator'))}
            </>
          )}
        </Typography.Text>
        {data.rows.length === 0 ? (
          <EmptyState description={t('problemStats.empty')} />
        ) : (
          <>
            <Card
              size="small"
              title={level === 'street' ? t('problemStats.chartStreet') : t('problemStats.chartVillage')}
            >
              <StatsChart stats={data} />
            </Card>
            <Card
              size="small"
              title={t('problemStats.tableTitle')}
              styles={{ body: { padding: isMobile ? 8 : 0 } }}
            >
              {isMobile ? (
                <StatsCards stats={data} onOpen={openRow} />
              ) : (
                <StatsTable stats={data} onOpen={openRow} />
              )}
            </Card>
          </>
        )}
      </Flex>
    );
  }

  return (
    <>
      <PageHeader
        title={t('problemStats.title')}
        subtitle={
          <CampaignSubtitle campaign={chosen} text={(c) => t('problemStats.subtitle', { name: c.name })} />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {chosen && (
              <Button
                icon={<DownloadOutlined />}
                href={problemStatsExportUrl(chosen.code, level, round)}
                download
              >
                {t('problemStats.export')}
              </Button>
            )}
          </>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Segmented<Level>
          value={level}
          onChange={(v) => update({ level: v })}
          options={[
            { value: 'street', label: t('problemStats.levelStreet') },
            { value: 'village', label: t('problemStats.levelVillage') },
          ]}
        />
        {user.role !== 'village_user' && (
          <Select
            allowClear
            value={round}
            placeholder={t('problemStats.allRounds')}
            aria-label={t('problemStats.round')}
            onChange={(v?: string) => update({ round: v })}
            style={{ width: isMobile ? '100%' : 260 }}
            loading={rounds.isPending && Boolean(chosen)}
            options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `${r.number} ${r.name}` }))}
          />
        )}
        {round && (
          <Tag closable onClose={() => update({ round: undefined })}>
            {t('problemStats.roundOnly')}
          </Tag>
        )}
      </Flex>
      {body}
    </>
  );
}
