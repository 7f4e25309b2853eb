import { Flex, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { ConsistencyRowView, ContestDetailView } from '../../../api/types';
import { EChart } from '../../../components/charts/EChart';
import type { EChartsCoreOption } from '../../../components/charts/echarts';
import { EmptyState, ErrorBox, Loading } from '../../../components/Feedback';
import { useConsistency } from '../api';
import { useContestI18n } from '../i18n';
import { points } from '../parts';

/**
 * 评委一致性: each judge's mean deviation from the panel with its spread (a bar chart, ECharts loaded on demand)
 * and the same figures as a table, judges far off the panel on many units flagged.
 */
export function ConsistencyTab({ view }: { view: ContestDetailView }) {
  const { t } = useContestI18n();
  const data = useConsistency(view.contest.code);
  const rows = useMemo(() => (data.data?.rows ?? []).filter((r) => r.units > 0), [data.data]);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 48, right: 16, top: 48, bottom: 56 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.displayName),
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
      },
      yAxis: { type: 'value', name: t('contest.consistency.meanDeviation') },
      series: [
        {
          name: t('contest.consistency.meanDeviation'),
          type: 'bar',
          data: rows.map((r) => ({
            value: r.meanDeviation,
            itemStyle: { color: r.flagged ? '#cf1322' : '#d48806' },
          })),
          label: { show: true, position: 'top', formatter: ({ value }: { value: number }) => points(value) },
        },
        {
          name: t('contest.consistency.spread'),
          type: 'line',
          data: rows.map((r) => r.spread),
          itemStyle: { color: '#595959' },
        },
      ],
    }),
    [rows, t],
  );

  if (data.isPending) return <Loading />;
  if (data.isError) return <ErrorBox error={data.error} onRetry={() => data.refetch()} />;
  if (rows.length === 0) return <EmptyState description={t('contest.consistency.none')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{data.data.rule || t('contest.consistency.rule')}</Typography.Text>
      <EChart option={option} height={320} ariaLabel={t('contest.consistency.chart')} />
      <Table<ConsistencyRowView>
        size="small"
        rowKey="userId"
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('contest.consistency.judge'), dataIndex: 'displayName' },
          { title: t('contest.consistency.units'), dataIndex: 'units', width: 110, align: 'right' },
          {
            title: t('contest.consistency.meanDeviation'),
            dataIndex: 'meanDeviation',
            width: 120,
            align: 'right',
            render: (v: number) => (v > 0 ? `+${points(v)}` : points(v)),
          },
          {
            title: t('contest.consistency.spread'),
            dataIndex: 'spread',
            width: 120,
            align: 'right',
            render: points,
          },
          { title: t('contest.consistency.outliers'), dataIndex: 'outlierUnits', width: 120, align: 'right' },
          {
            key: 'flag',
            width: 100,
            render: (_: unknown, row) =>
              row.flagged ? (
                <Tag color="red">{t('contest.consistency.flag')}</Tag>
              ) : (
                <Tag color="green">{t('contest.consistency.ok')}</Tag>
              ),
          },
        ]}
      />
    </Flex>
  );
}
