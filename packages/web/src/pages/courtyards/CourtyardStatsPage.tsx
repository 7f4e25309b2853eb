import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Row,
  Segmented,
  Select,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type {
  CourtyardCeremonyRowView,
  CourtyardFunnelStage,
  CourtyardLevelCode,
  CourtyardStatsRowView,
  CourtyardStatsView,
} from '../../api/types';
import { CardList } from '../../components/CardList';
import { EChart } from '../../components/charts/EChart';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import {
  ceremonyExportUrl,
  statsExportUrl,
  useApplications,
  useCeremony,
  useChosenCourtyardCampaign,
  useCourtyardStats,
} from './api';
import { CampaignSettingsDrawer } from './CampaignSettingsDrawer';
import type { CourtyardMessageKey } from './courtyard.zh';
import { type CourtyardTranslate, useCourtyardI18n } from './i18n';
import { CampaignSelect, CourtyardNav, LEVEL_CHART_COLORS, LevelTag, levelName, scoreText } from './labels';

const LEVELS: CourtyardLevelCode[] = ['village', 'street', 'district', 'city'];
type View = 'chart' | 'table';
type Drill = { unitCode: string; unitName: string; byStreet: boolean; level: CourtyardLevelCode };

/** A chart with its table beside it as a switch (图 | 表); the table is the fallback for every chart. */
function ChartCard({
  title,
  extra,
  chart,
  table,
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
}) {
  const { t } = useCourtyardI18n();
  const [view, setView] = useState<View>('chart');
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Flex gap={8} align="center">
          {extra}
          <Segmented<View>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: t('cy.stats.chart') },
              { value: 'table', label: t('cy.stats.table') },
            ]}
          />
        </Flex>
      }
    >
      {view === 'chart' ? chart : table}
    </Card>
  );
}

/** Households at each level per street (or village), stacked; a click opens the households behind the bar. */
function LevelsChart({
  rows,
  byStreet,
  onDrill,
}: {
  rows: CourtyardStatsRowView[];
  byStreet: boolean;
  onDrill: (d: Drill) => void;
}) {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const horizontal = isMobile || rows.length > 12;
  const option = useMemo(() => {
    const names = rows.map((r) => r.name);
    const minLabel = Math.max(
      1,
      Math.ceil(Math.max(0, ...rows.map((r) => LEVELS.reduce((a, l) => a + r.levels[l], 0))) * 0.045),
    );
    const category = {
      type: 'category',
      data: names,
      inverse: horizontal,
      axisLabel: { interval: 0, fontSize: 11, rotate: !horizontal && rows.length > 6 ? 30 : 0 },
    };
    const value = { type: 'value', minInterval: 1 };
    return {
      color: LEVELS.map((l) => LEVEL_CHART_COLORS[l]),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: LEVELS.map((l) => levelName(t, l)) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: LEVELS.map((l) => ({
        name: levelName(t, l),
        type: 'bar',
        stack: 'levels',
        barMaxWidth: 36,
        emphasis: { focus: 'series' },
        data: rows.map((r) => r.levels[l]),
        label: {
          show: !isMobile,
          fontSize: 10,
          // Segments too thin for their number stay unlabelled (the tooltip and the table have it).
          formatter: (p: { value: number }) => (p.value >= minLabel ? String(p.value) : ''),
        },
      })),
    };
  }, [rows, horizontal, isMobile, t]);
  return (
    <>
      <EChart
        option={option}
        height={horizontal ? Math.max(260, rows.length * 30 + 60) : 340}
        ariaLabel={t('cy.stats.chartLabel', { unit: byStreet ? t('cy.street') : t('cy.village') })}
        testId="levels-chart"
        onClick={({ dataIndex, seriesIndex }) => {
          const row = rows[dataIndex];
          const level = LEVELS[seriesIndex];
          if (row && level) onDrill({ unitCode: row.code, unitName: row.name, byStreet, level });
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('cy.stats.clickHint')}
      </Typography.Text>
    </>
  );
}

function LevelsTable({
  rows,
  total,
  byStreet,
  onDrill,
}: {
  rows: CourtyardStatsRowView[];
  total: CourtyardStatsRowView;
  byStreet: boolean;
  onDrill: (d: Drill) => void;
}) {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const cell = (r: CourtyardStatsRowView, l: CourtyardLevelCode) =>
    r.levels[l] > 0 ? (
      <Typography.Link onClick={() => onDrill({ unitCode: r.code, unitName: r.name, byStreet, level: l })}>
        {r.levels[l]}
      </Typography.Link>
    ) : (
      0
    );
  if (isMobile)
    return (
      <CardList
        items={rows}
        rowKey={(r) => r.code}
        render={(r) => (
          <Flex vertical gap={4}>
            <Flex justify="space-between">
              <Typography.Text strong>{r.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cy.stats.households')} {r.households} · {t('cy.stats.applications')} {r.applications} ·{' '}
                {t('cy.stats.evaluated')} {r.evaluated}
              </Typography.Text>
            </Flex>
            <Flex gap={12} wrap style={{ fontSize: 13 }}>
              {LEVELS.map((l) => (
                <span key={l}>
                  {levelName(t, l)} {cell(r, l)}
                </span>
              ))}
            </Flex>
          </Flex>
        )}
      />
    );
  const columns: ColumnsType<CourtyardStatsRowView> = [
    { title: byStreet ? t('cy.street') : t('cy.village'), dataIndex: 'name' },
    ...(byStreet
      ? []
      : [
          {
            title: t('cy.street'),
            key: 'street',
            render: (_: unknown, r: CourtyardStatsRowView) => r.streetName ?? '—',
          },
        ]),
    { title: t('cy.stats.households'), dataIndex: 'households', align: 'right' },
    { title: t('cy.stats.applications'), dataIndex: 'applications', align: 'right' },
    { title: t('cy.stats.evaluated'), dataIndex: 'evaluated', align: 'right' },
    ...LEVELS.map((l) => ({
      title: levelName(t, l),
      key: l,
      align: 'right' as const,
      render: (_: unknown, r: CourtyardStatsRowView) => cell(r, l),
    })),
    { title: t('cy.stats.named'), dataIndex: 'named', align: 'right' },
  ];
  const offset = byStreet ? 1 : 2;
  return (
    <Table<CourtyardStatsRowView>
      rowKey="code"
      size="small"
      dataSource={rows}
      columns={columns}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      summary={() => (
        <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0} colSpan={offset}>
            {t('cy.stats.totalRow')}
          </Table.Summary.Cell>
          {(
            [
              ['households', total.households],
              ['applications', total.applications],
              ['evaluated', total.evaluated],
              ...LEVELS.map((l) => [l, total.levels[l]] as const),
              ['named', total.named],
            ] as const
          ).map(([key, v], i) => (
            <Table.Summary.Cell key={key} index={offset + i} align="right">
              {v}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      )}
    />
  );
}

const FUNNEL_LABEL: Record<CourtyardFunnelStage, CourtyardMessageKey> = {
  applied: 'cy.stats.funnel.applied',
  villageConfirmed: 'cy.stats.funnel.villageConfirmed',
  streetConfirmed: 'cy.stats.funnel.streetConfirmed',
  evaluated: 'cy.stats.funnel.evaluated',
  named: 'cy.stats.funnel.named',
  street: 'cy.stats.funnel.street',
  district: 'cy.stats.funnel.district',
  city: 'cy.stats.funnel.city',
};

const FUNNEL_COLORS = [
  '#c0392b',
  '#c0392b',
  '#c0392b',
  '#c0392b',
  '#73d13d',
  '#4096ff',
  '#fa8c16',
  '#cf1322',
];

const funnelName = (t: CourtyardTranslate, stage: CourtyardFunnelStage) => t(FUNNEL_LABEL[stage]);

function FunnelChart({ stats }: { stats: CourtyardStatsView }) {
  const { t } = useCourtyardI18n();
  const option = useMemo(() => {
    const max = Math.max(1, ...stats.funnel.map((f) => f.count));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max, show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: stats.funnel.map((f) => funnelName(t, f.stage)),
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: t('cy.stats.funnel.count'),
          barMaxWidth: 26,
          data: stats.funnel.map((f, i) => ({ value: f.count, itemStyle: { color: FUNNEL_COLORS[i] } })),
          label: { show: true, position: 'right', fontSize: 12 },
        },
      ],
    };
  }, [stats, t]);
  return <EChart option={option} height={300} ariaLabel={t('cy.stats.funnelLabel')} testId="funnel-chart" />;
}

function FunnelTable({ stats }: { stats: CourtyardStatsView }) {
  const { t } = useCourtyardI18n();
  return (
    <Table
      rowKey="stage"
      size="small"
      pagination={false}
      dataSource={stats.funnel}
      data-testid="funnel-table"
      columns={[
        { title: t('cy.stats.funnel.stage'), key: 'stage', render: (_, f) => funnelName(t, f.stage) },
        { title: t('cy.stats.funnel.count'), dataIndex: 'count', align: 'right' },
        {
          title: t('cy.stats.funnel.rate'),
          key: 'rate',
          align: 'right',
          render: (_, f) => (f.rate === null ? '—' : `${f.rate.toFixed(1)}%`),
        },
      ]}
    />
  );
}

function Delta({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return (
    <Typography.Text type={value > 0 ? 'success' : 'danger'} style={{ whiteSpace: 'nowrap' }}>
      {value > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(value)}
    </Typography.Text>
  );
}

type ChangeRow = {
  level: CourtyardLevelCode | 'named';
  current: number;
  previous: number | null;
  delta: number | null;
};

function ChangeCard({ stats }: { stats: CourtyardStatsView }) {
  const { t } = useCourtyardI18n();
  const c = stats.change;
  const prevYear = c.previous?.year ?? stats.campaign.year - 1;
  const rows: ChangeRow[] = [
    ...c.levels,
    {
      level: 'named',
      current: c.named,
      previous: c.previousNamed,
      delta: c.previousNamed === null ? null : c.named - c.previousNamed,
    },
  ];
  return (
    <Card size="small" title={t('cy.stats.yearChange')} data-testid="change-card">
      {!c.previous && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          {t('cy.stats.noPrevious')}
        </Typography.Text>
      )}
      <Table<ChangeRow>
        rowKey="level"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('cy.hh.level'),
            key: 'level',
            render: (_, r) => (r.level === 'named' ? t('cy.stats.named') : <LevelTag level={r.level} />),
          },
          {
            title: t('cy.stats.previous', { year: prevYear }),
            key: 'p',
            align: 'right',
            render: (_, r) => r.previous ?? '—',
          },
          {
            title: t('cy.stats.current', { year: stats.campaign.year }),
            dataIndex: 'current',
            align: 'right',
          },
          {
            title: t('cy.stats.delta'),
            key: 'd',
            align: 'right',
            render: (_, r) => <Delta value={r.delta} />,
          },
        ]}
      />
      <Flex gap={16} wrap style={{ marginTop: 8 }}>
        <Typography.Text>
          {t('cy.stats.promoted')} <Typography.Text strong>{c.newlyNamed}</Typography.Text>
        </Typography.Text>
        <Typography.Text>
          {t('cy.stats.dropped')} <Typography.Text strong>{c.dropped ?? '—'}</Typography.Text>
        </Typography.Text>
        <Typography.Text>
          {t('cy.stats.demoted')} <Typography.Text strong>{c.demoted}</Typography.Text>
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The households behind one bar (unit × level): the applications list, filtered, in a drawer. */
function DrillDrawer({ code, drill, onClose }: { code: string; drill: Drill | null; onClose: () => void }) {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const list = useApplications(drill ? code : undefined, {
    level: drill?.level,
    streetCode: drill?.byStreet ? drill.unitCode : undefined,
    villageCode: drill && !drill.byStreet ? drill.unitCode : undefined,
    page: 1,
    pageSize: 200,
  });
  const rows = list.data?.rows ?? [];
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={drill ? t('cy.stats.drill', { unit: drill.unitName, level: levelName(t, drill.level) }) : ''}
      destroyOnHidden
    >
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState description={t('cy.stats.drillEmpty')} />
      ) : (
        <Flex vertical gap={0} data-testid="drill-list">
          <Typography.Text type="secondary">
            {t('cy.total', { count: list.data?.total ?? 0 })}
          </Typography.Text>
          {rows.map((r) => (
            <Flex
              key={r.householdCode}
              justify="space-between"
              gap={8}
              style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Link
                  onClick={() =>
                    navigate(
                      `/courtyards/h/${encodeURIComponent(r.householdCode)}?campaign=${encodeURIComponent(code)}`,
                    )
                  }
                >
                  {r.headName}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                  {r.villageName} · {r.address}
                </Typography.Text>
              </Flex>
              <Typography.Text strong>{scoreText(t, r.score)}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}

function CeremonyTab({ code, streetCode }: { code: string; streetCode: string | undefined }) {
  const { t, lang } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const ceremony = useCeremony(code, streetCode);
  if (ceremony.isPending) return <Loading />;
  if (ceremony.isError) return <ErrorBox error={ceremony.error} onRetry={() => void ceremony.refetch()} />;
  const c = ceremony.data;
  const open = (r: CourtyardCeremonyRowView) =>
    navigate(`/courtyards/h/${encodeURIComponent(r.householdCode)}?campaign=${encodeURIComponent(code)}`);
  const plaque = (r: CourtyardCeremonyRowView) =>
    r.plaque ? (
      <Tag color="gold" style={{ marginInlineEnd: 0 }}>
        {t('cy.ceremony.plaqued')}
        {r.plaqueGivenOn ? ` ${r.plaqueGivenOn}` : ''}
      </Tag>
    ) : (
      <Tag style={{ marginInlineEnd: 0 }}>{t('cy.ceremony.notPlaqued')}</Tag>
    );
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" gap={8} wrap align="center">
        <Typography.Text data-testid="ceremony-count">
          {t('cy.ceremony.count', { district: c.district, city: c.city, plaqued: c.withPlaque })}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} href={ceremonyExportUrl(code, streetCode)} download>
          {t('cy.stats.exportCeremony')}
        </Button>
      </Flex>
      {c.rows.length === 0 ? (
        <EmptyState description={t('cy.ceremony.empty')} />
      ) : isMobile ? (
        <CardList
          items={c.rows}
          rowKey={(r) => r.householdCode}
          onItemClick={open}
          pageSize={30}
          render={(r) => (
            <Flex vertical gap={4}>
              <Flex gap={6} align="center" wrap>
                <LevelTag level={r.level} />
                <Typography.Text strong>{r.headName}</Typography.Text>
                {plaque(r)}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.streetName} · {r.villageName} · {scoreText(t, r.score)}
              </Typography.Text>
            </Flex>
          )}
        />
      ) : (
        <Table<CourtyardCeremonyRowView>
          rowKey="householdCode"
          size="small"
          dataSource={c.rows}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('cy.hh.level'), key: 'level', render: (_, r) => <LevelTag level={r.level} /> },
            {
              title: t('cy.hh.head'),
              key: 'head',
              render: (_, r) => <Typography.Link onClick={() => open(r)}>{r.headName}</Typography.Link>,
            },
            { title: t('cy.street'), dataIndex: 'streetName' },
            { title: t('cy.village'), dataIndex: 'villageName' },
            { title: t('cy.hh.address'), dataIndex: 'address', ellipsis: true },
            { title: t('cy.score'), key: 'score', align: 'right', render: (_, r) => scoreText(t, r.score) },
            { title: t('cy.detail.approvedBy'), key: 'ap', render: (_, r) => r.approvedBy ?? '—' },
            {
              title: t('cy.ceremony.namedAt'),
              key: 'at',
              render: (_, r) => formatDateTime(r.namedAt, lang).slice(0, 10) || '—',
            },
            { title: t('cy.ceremony.plaque'), key: 'plaque', render: (_, r) => plaque(r) },
          ]}
        />
      )}
    </Flex>
  );
}

function Kpis({ stats }: { stats: CourtyardStatsView }) {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const total = stats.total;
  const change = new Map(stats.change.levels.map((l) => [l.level, l.delta]));
  const quota = new Map(stats.quotas.map((q) => [q.level, q]));
  const items: { key: string; title: string; value: number; foot?: ReactNode; color?: string }[] = [
    { key: 'households', title: t('cy.stats.households'), value: total.households },
    { key: 'applications', title: t('cy.stats.applications'), value: total.applications },
    { key: 'evaluated', title: t('cy.stats.evaluated'), value: total.evaluated },
    ...LEVELS.map((l) => {
      const q = quota.get(l);
      const delta = change.get(l) ?? null;
      return {
        key: l,
        title: t('cy.stats.kpiLevel', { level: levelName(t, l) }),
        value: total.levels[l],
        color: LEVEL_CHART_COLORS[l],
        foot: (
          <Flex vertical gap={0} style={{ fontSize: 12 }}>
            {delta !== null && (
              <span>{t('cy.stats.change', { sign: delta > 0 ? '+' : '', value: formatNumber(delta) })}</span>
            )}
            {q?.quota !== null && q?.quota !== undefined && stats.scope === 'district' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cy.detail.quota', { quota: q.quota, left: Math.max(0, q.quota - q.used) })}
              </Typography.Text>
            )}
          </Flex>
        ),
      };
    }),
  ];
  return (
    <Row gutter={isMobile ? [8, 8] : [12, 12]}>
      {items.map((s) => (
        <Col
          key={s.key}
          xs={LEVELS.includes(s.key as CourtyardLevelCode) ? 12 : 8}
          sm={8}
          lg={{ flex: '14.28%' }}
        >
          <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${s.key}`}>
            <Statistic
              title={s.title}
              value={s.value}
              styles={{ content: { fontSize: isMobile ? 20 : 26, color: s.color } }}
            />
            {s.foot}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 五美庭院 statistics: KPIs, named levels per street (or village) as stacked bars with a click-through to the
 * households, the application-to-award funnel, the change against last year, every chart with its table, the
 * Excel export, and the award-ceremony list (district and city levels with plaque status).
 */
export function CourtyardStatsPage() {
  const { t } = useCourtyardI18n();
  const isMobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const {
    campaigns,
    rows: campaignRows,
    chosen,
  } = useChosenCourtyardCampaign(user.username, params.get('campaign'));
  const streetCode = params.get('streetCode') ?? undefined;
  const stats = useCourtyardStats(chosen?.code, streetCode);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [unitView, setUnitView] = useState<'street' | 'village'>('street');
  const [settings, setSettings] = useState(false);
  const tab = params.get('tab') === 'ceremony' ? 'ceremony' : 'overview';

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const data = stats.data;
  const byStreet = data?.scope === 'district' && !streetCode && unitView === 'street';
  const rows = data ? (byStreet ? data.streets : data.villages) : [];

  let body: ReactNode;
  if (campaigns.isPending || (chosen && stats.isPending)) body = <Loading />;
  else if (campaigns.isError)
    body = <ErrorBox error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('cy.noCampaign')} />;
  else if (stats.isError) body = <ErrorBox error={stats.error} onRetry={() => void stats.refetch()} />;
  else if (data)
    body = (
      <Flex vertical gap={12}>
        <Kpis stats={data} />
        <ChartCard
          testId="levels-card"
          title={byStreet ? t('cy.stats.byStreet') : t('cy.stats.byVillage')}
          extra={
            data.scope === 'district' && !streetCode && !isMobile ? (
              <Segmented
                size="small"
                value={unitView}
                onChange={(v) => setUnitView(v as 'street' | 'village')}
                options={[
                  { value: 'street', label: t('cy.stats.viewStreets') },
                  { value: 'village', label: t('cy.stats.viewVillages') },
                ]}
              />
            ) : undefined
          }
          chart={<LevelsChart rows={rows} byStreet={byStreet} onDrill={setDrill} />}
          table={<LevelsTable rows={rows} total={data.total} byStreet={byStreet} onDrill={setDrill} />}
        />
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <ChartCard
              testId="funnel-card"
              title={t('cy.stats.funnel')}
              chart={<FunnelChart stats={data} />}
              table={<FunnelTable stats={data} />}
            />
          </Col>
          <Col xs={24} lg={12}>
            <ChangeCard stats={data} />
          </Col>
        </Row>
      </Flex>
    );

  const streets = data?.scope === 'district' ? data.streets : [];
  return (
    <div>
      <CourtyardNav />
      <PageHeader
        title={t('cy.title')}
        subtitle={
          chosen
            ? `${t('cy.stats.subtitle', { name: chosen.name })}${chosen.demo ? ` · ${t('cy.demo')}` : ''}`
            : undefined
        }
        extra={
          <>
            <CampaignSelect rows={campaignRows} value={chosen?.code} />
            {(streets.length > 0 || streetCode) && (
              <Select
                allowClear
                aria-label={t('cy.street')}
                placeholder={t('cy.allStreets')}
                value={streetCode}
                style={{ minWidth: 140 }}
                onChange={(v: string | undefined) => set('streetCode', v)}
                options={streets.map((s) => ({ value: s.code, label: s.name }))}
              />
            )}
            {chosen && user.role === 'district_admin' && (
              <Button icon={<SettingOutlined />} onClick={() => setSettings(true)}>
                {t('cy.settings.open')}
              </Button>
            )}
            {chosen && (
              <Button icon={<DownloadOutlined />} href={statsExportUrl(chosen.code, streetCode)} download>
                {t('cy.stats.export')}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set('tab', k === 'ceremony' ? 'ceremony' : undefined)}
        items={[
          { key: 'overview', label: t('cy.stats.tab.overview'), children: body },
          {
            key: 'ceremony',
            label: t('cy.stats.tab.ceremony'),
            children: chosen ? <CeremonyTab code={chosen.code} streetCode={streetCode} /> : null,
          },
        ]}
      />
      {chosen && <DrillDrawer code={chosen.code} drill={drill} onClose={() => setDrill(null)} />}
      {chosen && user.role === 'district_admin' && (
        <CampaignSettingsDrawer campaign={chosen} open={settings} onClose={() => setSettings(false)} />
      )}
    </div>
  );
}
