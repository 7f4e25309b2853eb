import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { ACTIVITY_COUNT_KEYS, type ActivityCountKey } from '@wuxing/core/activities';
import { Button, Card, Col, Flex, Row, Segmented, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ActivityListView, ActivityView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { PeriodPicker } from '../../components/campaign/PeriodPicker';
import { periodLabel } from '../../components/campaign/periodLabel';
import { EChart } from '../../components/charts/EChart';
import { DownloadMenu } from '../../components/DownloadMenu';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { currentPeriod, kindOf, yearOf } from '../../components/period';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import type { Lang } from '../../i18n';
import { ActivityImportModal } from './ActivityImportModal';
import { ActivityModal, DeleteActivityModal, useCountLabel } from './ActivityModal';
import { activityExportUrl, useActivities } from './api';
import { type ActivityTranslate, useActivityI18n } from './i18n';

type Totals = ActivityListView['totals'];
type TotalKey = keyof Totals;
const TOTAL_KEYS: readonly TotalKey[] = ['activities', ...ACTIVITY_COUNT_KEYS];
const RED = '#c0392b';
const TOPIC_COLORS = ['red', 'volcano', 'orange', 'gold', 'green', 'cyan', 'blue', 'geekblue', 'purple'];

/** The same colour for a topic wherever it shows. */
function topicColor(topic: string): string {
  let h = 0;
  for (const ch of topic) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return TOPIC_COLORS[h % TOPIC_COLORS.length] ?? 'red';
}

function TopicTag({ topic }: { topic: string }) {
  return (
    <Tag color={topicColor(topic)} style={{ marginInlineEnd: 0 }}>
      {topic}
    </Tag>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);

const number = (v: number) => v.toLocaleString('en-US');

/** The unit that held an activity, with its street below when that says more (a village's, a department's). */
function heldBy(a: ActivityView, t: ActivityTranslate): { name: string; where: string | null } {
  if (a.street) return { name: a.unit.name, where: a.street.code === a.unit.code ? null : a.street.name };
  return { name: a.unit.name, where: a.unit.type === 'district' ? null : t('activities.districtOwn') };
}

/** A chart with its table behind a 图表 | 表格 switch; the table is the chart's fallback. */
function ChartCard({
  title,
  note,
  chart,
  table,
  testId,
}: {
  title: string;
  note?: string;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
}) {
  const { t } = useActivityI18n();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      title={title}
      style={{ height: '100%' }}
      data-testid={testId}
      extra={
        <Segmented<'chart' | 'table'>
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
      {note && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
          {note}
        </Typography.Text>
      )}
      {view === 'chart' ? chart : table}
    </Card>
  );
}

/** Totals per group (month or street) as a small table: name, events, the six counts. */
function TotalsTable<T extends { totals: Totals }>({
  rows,
  rowKey,
  nameTitle,
  name,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  nameTitle: string;
  name: (row: T) => ReactNode;
}) {
  const { t } = useActivityI18n();
  const columns: ColumnsType<T> = [
    { title: nameTitle, key: 'name', render: (_, r) => name(r), fixed: 'left', width: 120 },
    ...TOTAL_KEYS.map((k) => ({
      title: k === 'activities' ? t('activities.total.activities') : t(`activities.short.${k}`),
      key: k,
      align: 'right' as const,
      width: 72,
      render: (_: unknown, r: T) => number(r.totals[k]),
    })),
  ];
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      dataSource={[...rows]}
      columns={columns}
      pagination={false}
      scroll={{ x: 600 }}
    />
  );
}

/** A tooltip's lines: the group's name, then events and every count with its unit. */
function tooltipHtml(name: string, totals: Totals, t: ActivityTranslate): string {
  const lines = TOTAL_KEYS.map((k) => {
    const label = k === 'activities' ? t('activities.total.activities') : t(`activities.count.${k}`);
    const value = [number(totals[k]), t(`activities.unit.${k}`)].filter(Boolean).join(' ');
    return escapeHtml(t('common.labelValue', { label, value }));
  });
  return [`<b>${escapeHtml(name)}</b>`, ...lines].join('<br/>');
}

type TooltipParam = { dataIndex: number };
const firstIndex = (p: TooltipParam | TooltipParam[]) =>
  (Array.isArray(p) ? p[0]?.dataIndex : p.dataIndex) ?? 0;

/** Events per month of the period, as bars (and a table). */
function MonthChart({ list }: { list: ActivityListView }) {
  const { t } = useActivityI18n();
  const isMobile = useIsMobile();
  const option = useMemo(() => {
    const short = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
    const labels = list.byMonth.map((m) =>
      t('activities.chart.month', {
        month: Number(m.month.slice(5, 7)),
        short: short.format(new Date(`${m.month}-01T00:00:00Z`)),
      }),
    );
    return {
      color: [RED],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: TooltipParam | TooltipParam[]) => {
          const m = list.byMonth[firstIndex(p)];
          return m ? tooltipHtml(periodLabel(m.month, t), m.totals, t) : '';
        },
      },
      grid: { left: 8, right: 12, top: 24, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category',
        data: labels,
        axisLabel: { interval: 0, fontSize: isMobile ? 10 : 12 },
        axisTick: { alignWithLabel: true },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('activities.total.activities'),
          data: list.byMonth.map((m) => m.totals.activities),
          barMaxWidth: 32,
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => (p.value > 0 ? String(p.value) : ''),
          },
        },
      ],
    };
  }, [list.byMonth, t, isMobile]);
  return (
    <ChartCard
      title={t('activities.chart.byMonth')}
      testId="activity-month"
      chart={
        <EChart
          option={option}
          height={isMobile ? 220 : 260}
          ariaLabel={t('activities.chart.byMonth')}
          testId="activity-month-chart"
        />
      }
      table={
        <TotalsTable
          rows={list.byMonth}
          rowKey={(m) => m.month}
          nameTitle={t('activities.col.month')}
          name={(m) => periodLabel(m.month, t)}
        />
      }
    />
  );
}

/** Events per street (区直 first) as bars; a click on a bar (or a name in the table) shows that street only. */
function StreetChart({ list, onPick }: { list: ActivityListView; onPick: (code: string) => void }) {
  const { t } = useActivityI18n();
  const isMobile = useIsMobile();
  const rows = list.byStreet;
  const option = useMemo(
    () => ({
      color: [RED],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: TooltipParam | TooltipParam[]) => {
          const g = rows[firstIndex(p)];
          return g ? tooltipHtml(g.name, g.totals, t) : '';
        },
      },
      grid: { left: 8, right: 36, top: 8, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((g) => g.name),
        axisLabel: { fontSize: isMobile ? 11 : 12 },
      },
      series: [
        {
          type: 'bar',
          name: t('activities.total.activities'),
          data: rows.map((g) => g.totals.activities),
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [rows, t, isMobile],
  );
  return (
    <ChartCard
      title={t('activities.chart.byStreet')}
      note={t('activities.chart.byStreetHint')}
      testId="activity-street"
      chart={
        <EChart
          option={option}
          height={Math.max(isMobile ? 200 : 238, rows.length * 34 + 30)}
          ariaLabel={t('activities.chart.byStreet')}
          testId="activity-street-chart"
          onClick={({ dataIndex }) => {
            const g = rows[dataIndex];
            if (g) onPick(g.code);
          }}
        />
      }
      table={
        <TotalsTable
          rows={rows}
          rowKey={(g) => g.code}
          nameTitle={t('activities.col.street')}
          name={(g) => <Typography.Link onClick={() => onPick(g.code)}>{g.name}</Typography.Link>}
        />
      }
    />
  );
}

/** 活动场次 and the six counts summed, as statistic cards. */
function TotalCards({ totals }: { totals: Totals }) {
  const { t } = useActivityI18n();
  const isMobile = useIsMobile();
  return (
    <Row gutter={isMobile ? [8, 8] : [12, 12]}>
      {TOTAL_KEYS.map((k) => (
        <Col
          key={k}
          xs={k === 'activities' ? 24 : 12}
          sm={k === 'activities' ? 24 : 8}
          xl={{ flex: `${100 / TOTAL_KEYS.length}%` }}
        >
          <Card size="small" style={{ height: '100%' }} data-testid={`total-${k}`}>
            <Statistic
              title={k === 'activities' ? t('activities.total.activities') : t(`activities.count.${k}`)}
              value={totals[k]}
              suffix={t(`activities.unit.${k}`)}
              styles={{
                content: { fontSize: isMobile ? 20 : 24, color: k === 'activities' ? RED : undefined },
                suffix: { fontSize: 13, color: 'rgba(0,0,0,0.45)' },
              }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The six counts of one activity, as a small grid (the phone's card). */
function CountGrid({ counts }: { counts: ActivityView['counts'] }) {
  const { t } = useActivityI18n();
  return (
    <Row gutter={[8, 2]}>
      {ACTIVITY_COUNT_KEYS.map((k) => (
        <Col key={k} span={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`activities.short.${k}`)}{' '}
          </Typography.Text>
          <Typography.Text strong>{number(counts[k])}</Typography.Text>
        </Col>
      ))}
    </Row>
  );
}

/** Partners and summary of an activity, when given. */
function Details({ a }: { a: ActivityView }) {
  const { t } = useActivityI18n();
  return (
    <Flex vertical gap={2}>
      {a.partners && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('common.labelValue', { label: t('activities.partners'), value: a.partners })}
        </Typography.Text>
      )}
      {a.summary && (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 13, marginBottom: 0 }}
          ellipsis={{ rows: 2, expandable: 'collapsible' }}
        >
          {t('common.labelValue', { label: t('activities.summary'), value: a.summary })}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/** Column widths of the desk table; 活动名称 takes what is left, at least `W.title` (narrower: it scrolls). */
const W = { date: 96, title: 170, topic: 128, unit: 108, place: 116, count: 58, actions: 124 };
/** 资料 runs to five digits and more (14,420); the English headers are words (Leaflets, Banners). */
const countWidth = (k: ActivityCountKey, lang: Lang) =>
  k === 'leaflets' ? (lang === 'en' ? 76 : 72) : lang === 'en' ? 74 : W.count;
const tableWidth = (actions: boolean, lang: Lang) =>
  W.date +
  W.title +
  W.topic +
  W.unit +
  W.place +
  ACTIVITY_COUNT_KEYS.reduce((sum, k) => sum + countWidth(k, lang), 0) +
  (actions ? W.actions : 0);

/** The activities of the period: a table on a desk (with a total row), cards on a phone. */
function ActivityList({
  list,
  loading,
  onEdit,
  onDelete,
}: {
  list: ActivityListView;
  loading: boolean;
  onEdit: (a: ActivityView) => void;
  onDelete: (a: ActivityView) => void;
}) {
  const { t, lang } = useActivityI18n();
  const countLabel = useCountLabel();
  const isMobile = useIsMobile();
  const { rows, totals } = list;
  const anyEditable = rows.some((a) => a.editable);
  // Partners and summary open under a row from a link in its title cell (no column of its own for the toggle).
  const [expanded, setExpanded] = useState<string[]>([]);
  const toggle = (id: string) =>
    setExpanded((keys) => (keys.includes(id) ? keys.filter((k) => k !== id) : [...keys, id]));
  const actions = (a: ActivityView) =>
    a.editable ? (
      <Flex gap={4} wrap>
        <Button size="small" onClick={() => onEdit(a)}>
          {t('activities.edit')}
        </Button>
        <Button size="small" danger onClick={() => onDelete(a)}>
          {t('activities.delete')}
        </Button>
      </Flex>
    ) : null;

  if (rows.length === 0)
    return (
      <EmptyState description={list.units.length > 0 ? t('activities.noneCanAdd') : t('activities.none')} />
    );

  if (isMobile)
    return (
      <CardList
        items={rows}
        rowKey={(a) => a.id}
        pageSize={20}
        render={(a) => {
          const by = heldBy(a, t);
          return (
            <Flex vertical gap={6} data-testid={`activity-${a.title}`}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {a.title}
                </Typography.Text>
                <TopicTag topic={a.topic} />
              </Flex>
              <Typography.Text type="secondary">
                {[
                  a.heldOn,
                  by.where ? t('common.nameWithCode', { name: by.name, code: by.where }) : by.name,
                ].join(' · ')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('common.labelValue', { label: t('activities.col.place'), value: a.place })}
              </Typography.Text>
              <CountGrid counts={a.counts} />
              <Details a={a} />
              {actions(a)}
            </Flex>
          );
        }}
      />
    );

  const columns: ColumnsType<ActivityView> = [
    { title: t('activities.col.date'), dataIndex: 'heldOn', width: W.date },
    {
      title: t('activities.col.title'),
      dataIndex: 'title',
      render: (v: string, a) => {
        const shown = expanded.includes(a.id);
        return (
          <Flex vertical align="flex-start">
            <Typography.Text strong>{v}</Typography.Text>
            {(a.partners || a.summary) && (
              <Typography.Link style={{ fontSize: 12 }} aria-expanded={shown} onClick={() => toggle(a.id)}>
                {shown ? t('activities.hideDetails') : t('activities.showDetails')}
              </Typography.Link>
            )}
          </Flex>
        );
      },
    },
    {
      title: t('activities.col.topic'),
      dataIndex: 'topic',
      width: W.topic,
      render: (v: string) => <TopicTag topic={v} />,
    },
    {
      title: t('activities.col.unit'),
      width: W.unit,
      render: (_, a) => {
        const by = heldBy(a, t);
        return (
          <Flex vertical>
            <span>{by.name}</span>
            {by.where && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {by.where}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    { title: t('activities.col.place'), dataIndex: 'place', width: W.place },
    {
      title: t('activities.col.counts'),
      children: ACTIVITY_COUNT_KEYS.map((k: ActivityCountKey) => ({
        title: <span title={countLabel(k)}>{t(`activities.short.${k}`)}</span>,
        key: k,
        align: 'right' as const,
        width: countWidth(k, lang),
        render: (_: unknown, a: ActivityView) => number(a.counts[k]),
      })),
    },
    ...(anyEditable
      ? [
          {
            title: t('activities.col.actions'),
            key: 'actions',
            width: W.actions,
            fixed: 'right' as const,
            render: (_: unknown, a: ActivityView) => actions(a),
          },
        ]
      : []),
  ];
  return (
    <Table<ActivityView>
      size="small"
      rowKey="id"
      dataSource={rows}
      columns={columns}
      loading={loading}
      scroll={{ x: tableWidth(anyEditable, lang) }}
      pagination={rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      onRow={(a) => ({ 'data-testid': `activity-${a.title}` }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        showExpandColumn: false,
        expandedRowKeys: expanded,
        expandedRowRender: (a) => <Details a={a} />,
      }}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0} colSpan={5}>
            {t('activities.totalRow', { count: totals.activities })}
          </Table.Summary.Cell>
          {ACTIVITY_COUNT_KEYS.map((k, i) => (
            <Table.Summary.Cell key={k} index={5 + i} align="right">
              {number(totals[k])}
            </Table.Summary.Cell>
          ))}
          {anyEditable && <Table.Summary.Cell index={11} />}
        </Table.Summary.Row>
      )}
    />
  );
}

/**
 * 宣传活动: the outreach events of a period the caller sees, with their counts summed (cards), per month and per
 * street (charts with tables), the list, and Excel; units record, edit and delete (with a reason) their own.
 */
export function ActivitiesPage() {
  const { t } = useActivityI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const campaignYear = chosen ? Number(chosen.year) : new Date().getFullYear();
  const wanted = params.get('period');
  const period = wanted && kindOf(wanted) ? wanted : String(campaignYear);
  const year = yearOf(period);
  const street = params.get('street') || undefined;
  const topic = params.get('topic') || undefined;
  // The default period is the campaign's year: wait for the campaigns unless the address names a period.
  const ready = Boolean(wanted && kindOf(wanted)) || !campaigns.isPending;
  const list = useActivities({ period, street, topic }, ready);
  // The same without the topic: every topic of the period, for the filter and the form's suggestions.
  const all = useActivities({ period, street }, ready);
  const [editing, setEditing] = useState<ActivityView | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [deleting, setDeleting] = useState<ActivityView | null>(null);
  const [importing, setImporting] = useState(false);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const years = useMemo(() => {
    const set = new Set<number>([new Date().getFullYear(), year]);
    for (const c of campaigns.data ?? []) set.add(Number(c.year));
    return [...set].sort((a, b) => b - a);
  }, [campaigns.data, year]);

  const topicCounts = all.data?.byTopic ?? list.data?.byTopic ?? [];
  const topics = useMemo(() => topicCounts.map((x) => x.topic), [topicCounts]);
  const data = list.data;
  const filter = { period, street, topic };

  const open = (a: ActivityView | null) => {
    setEditing(a);
    setFormOpen(true);
  };

  let body: ReactNode;
  if (!ready || list.isPending) body = <Loading />;
  else if (list.isError)
    body = (
      <Flex vertical gap={12} align="flex-start">
        <ErrorBox error={list.error} onRetry={() => list.refetch()} />
        {(street || topic) && (
          <Button onClick={() => update({ street: undefined, topic: undefined })}>
            {t('activities.filter.clear')}
          </Button>
        )}
      </Flex>
    );
  else if (data) {
    const showStreets = data.byStreet.length > 1;
    const showMonths = data.byMonth.length > 1;
    const hasCharts = data.totals.activities > 0 && (showStreets || showMonths);
    body = (
      <Flex vertical gap={16}>
        <TotalCards totals={data.totals} />
        {hasCharts && (
          <Row gutter={[12, 12]}>
            {showMonths && (
              <Col xs={24} lg={showStreets ? 12 : 24}>
                <MonthChart list={data} />
              </Col>
            )}
            {showStreets && (
              <Col xs={24} lg={showMonths ? 12 : 24}>
                <StreetChart list={data} onPick={(code) => update({ street: code })} />
              </Col>
            )}
          </Row>
        )}
        <Card
          size="small"
          title={t('activities.list.title')}
          extra={
            <Typography.Text type="secondary">
              {t('activities.list.count', { count: data.rows.length })}
            </Typography.Text>
          }
          styles={{ body: { padding: isMobile ? 8 : 0 } }}
        >
          <ActivityList list={data} loading={list.isFetching} onEdit={open} onDelete={setDeleting} />
        </Card>
      </Flex>
    );
  }

  const streets = data?.streets ?? [];
  const selectWidth = isMobile ? '100%' : 180;
  return (
    <>
      <PageHeader
        title={t('activities.title')}
        subtitle={t('activities.subtitle')}
        extra={
          <>
            {data && data.units.length > 0 && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
                {t('activities.add')}
              </Button>
            )}
            {data && data.units.length > 0 && (
              <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                {t('activities.import')}
              </Button>
            )}
            <DownloadMenu
              url={(format) => activityExportUrl(filter, format)}
              excelLabel={t('activities.export')}
              json={false}
            />
          </>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        {years.length > 1 && (
          <Select
            aria-label={t('activities.filter.year')}
            value={year}
            style={{ width: isMobile ? 110 : 100 }}
            onChange={(y: number) => {
              const kind = kindOf(period) ?? 'year';
              update({ period: currentPeriod(y, kind) });
            }}
            options={years.map((y) => ({ value: y, label: t('activities.filter.yearOption', { year: y }) }))}
          />
        )}
        <PeriodPicker year={year} value={period} onChange={(p) => update({ period: p })} />
        {streets.length > 1 && (
          <Select
            aria-label={t('activities.filter.street')}
            value={street ?? ''}
            onChange={(v: string) => update({ street: v || undefined })}
            style={{ width: selectWidth }}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('activities.filter.allStreets') },
              ...streets.map((s) => ({ value: s.code, label: s.name })),
            ]}
          />
        )}
        {(topics.length > 0 || topic) && (
          <Select
            aria-label={t('activities.filter.topic')}
            value={topic ?? ''}
            onChange={(v: string) => update({ topic: v || undefined })}
            style={{ width: selectWidth }}
            popupMatchSelectWidth={false}
            options={[
              { value: '', label: t('activities.filter.allTopics') },
              ...(topic && !topics.includes(topic) ? [{ value: topic, label: topic }] : []),
              ...topicCounts.map((x) => ({
                value: x.topic,
                label: t('activities.filter.topicOption', { topic: x.topic, count: x.totals.activities }),
              })),
            ]}
          />
        )}
      </Flex>
      {body}
      {data && (
        <ActivityModal
          open={formOpen}
          activity={editing}
          list={data}
          topics={topics}
          onClose={() => setFormOpen(false)}
        />
      )}
      <DeleteActivityModal activity={deleting} onClose={() => setDeleting(null)} />
      {data && (
        <ActivityImportModal open={importing} period={data.period} onClose={() => setImporting(false)} />
      )}
    </>
  );
}
