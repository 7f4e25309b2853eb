import { Card, Segmented, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import type { UnitProfileView } from '../../api/types';
import { twoDecimals } from '../../components/campaign/labels';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { EChart } from '../../components/charts/EChart';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';

type View = 'chart' | 'table';

/** A card with a chart and its table, switchable; the table is the chart's accessible fallback. */
function ChartCard({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>('chart');
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'chart', label: t('chart.chart') },
            { value: 'table', label: t('chart.table') },
          ]}
        />
      }
    >
      {view === 'chart' ? chart : table}
    </Card>
  );
}

/** Server-formatted two-decimal text as a number for plotting (the chart draws what the API gave). */
const plotted = (display: string | null) => (display === null ? 0 : Number(display));

/** Radar of the star scores (and rates) at the period's end, with the per-star table as fallback. */
export function StarsRadar({
  profile,
  moduleNames,
}: {
  profile: UnitProfileView;
  moduleNames: { code: string; name: string }[];
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const option = useMemo(
    () => ({
      color: ['#c0392b', '#1677ff'],
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, data: [t('profile.starScore'), t('profile.starRate')] },
      radar: {
        radius: isMobile ? '52%' : '62%',
        center: ['50%', '48%'],
        indicator: profile.stars.map((s) => ({
          name: s.targeted ? s.name : t('profile.notTargetedAxis', { name: s.name }),
          max: 100,
        })),
        axisName: { color: '#595959', fontSize: 12 },
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: t('profile.starScore'),
              value: profile.stars.map((s) => plotted(s.display)),
              areaStyle: { opacity: 0.18 },
              label: {
                show: true,
                fontSize: 11,
                formatter: (p: { value: number }) => (p.value ? p.value.toFixed(2) : ''),
              },
            },
            {
              name: t('profile.starRate'),
              value: profile.stars.map((s) => s.rate ?? 0),
              lineStyle: { type: 'dashed' },
              symbol: 'none',
            },
          ],
        },
      ],
    }),
    [profile.stars, t, isMobile],
  );
  const table = (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={profile.stars}
      columns={[
        { title: t('items.star'), dataIndex: 'name' },
        {
          title: t('profile.starScore'),
          key: 'score',
          align: 'right',
          render: (_, s) =>
            s.targeted ? (
              (s.display ?? '—')
            ) : (
              <Typography.Text type="secondary">{t('ranking.notTargeted')}</Typography.Text>
            ),
        },
        ...moduleNames.map((m) => ({
          title: m.name,
          key: m.code,
          align: 'right' as const,
          render: (_: unknown, s: UnitProfileView['stars'][number]) =>
            s.modules[m.code] === undefined ? '—' : twoDecimals(s.modules[m.code] ?? 0),
        })),
        {
          title: t('ranking.rate'),
          key: 'rate',
          align: 'right',
          render: (_, s) => (s.rate === null ? '—' : t('ranking.percent', { value: twoDecimals(s.rate) })),
        },
      ]}
    />
  );
  return (
    <ChartCard
      title={t('profile.radarTitle')}
      chart={<EChart option={option} height={320} ariaLabel={t('profile.radarTitle')} />}
      table={table}
    />
  );
}

/** Score and rank month by month (rank axis upside down: 1 on top), with the monthly table as fallback. */
export function TrendChart({ profile }: { profile: UnitProfileView }) {
  const { t } = useI18n();
  const total = profile.total;
  const option = useMemo(
    () => ({
      color: ['#c0392b', '#1677ff'],
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, data: [t('ranking.score'), t('ranking.rank')] },
      grid: { left: 44, right: 44, top: 28, bottom: 56 },
      xAxis: {
        type: 'category',
        data: profile.months.map((m) => m.month.slice(5)),
        axisLabel: { formatter: (v: string) => t('profile.monthTick', { month: Number(v) }) },
      },
      yAxis: [
        { type: 'value', name: t('ranking.score'), min: 0, max: 100, splitNumber: 5 },
        {
          type: 'value',
          name: t('ranking.rank'),
          // Upside down, so "start" is the top: 1st place at the top, next to the axis name.
          nameLocation: 'start',
          inverse: true,
          min: 1,
          max: Math.max(total, 2),
          minInterval: 1,
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('ranking.score'),
          type: 'line',
          smooth: true,
          data: profile.months.map((m) => plotted(m.display)),
          areaStyle: { opacity: 0.08 },
        },
        {
          name: t('ranking.rank'),
          type: 'line',
          yAxisIndex: 1,
          step: 'middle',
          data: profile.months.map((m) => m.rank),
          lineStyle: { type: 'dashed' },
        },
      ],
    }),
    [profile.months, total, t],
  );
  const table = (
    <Table
      size="small"
      rowKey="month"
      pagination={false}
      scroll={{ x: 'max-content', y: 300 }}
      dataSource={profile.months}
      columns={[
        { title: t('items.month'), dataIndex: 'month' },
        { title: t('ranking.score'), dataIndex: 'display', align: 'right' },
        {
          title: t('ranking.rank'),
          key: 'rank',
          align: 'right',
          render: (_, m) => t('profile.rankOf', { rank: m.rank, total: m.total }),
        },
        {
          title: t('ranking.change'),
          key: 'change',
          align: 'center',
          render: (_, m) => <ScoreChange change={m.change} />,
        },
        {
          title: t('ranking.rate'),
          key: 'rate',
          align: 'right',
          render: (_, m) => (m.rate === null ? '—' : t('ranking.percent', { value: twoDecimals(m.rate) })),
        },
      ]}
    />
  );
  return (
    <ChartCard
      title={t('profile.trendTitle')}
      chart={<EChart option={option} height={320} ariaLabel={t('profile.trendTitle')} />}
      table={table}
    />
  );
}
