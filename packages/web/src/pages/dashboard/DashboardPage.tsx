import { DesktopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DashboardRankRow, DashboardView } from '../../api/types';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { EChart } from '../../components/charts/EChart';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useDashboard } from './api';
import {
  distributionOption,
  FUNNEL_STAGES,
  type FunnelStage,
  funnelOption,
  LIGHT,
  monthLabel,
  ratingsOption,
  starsLabel,
  starsOption,
  streetsOption,
  trendOption,
} from './charts';
import './dashboard.css';
import { StarHeatmap } from './Heatmap';
import { type DashboardTranslate, useDashboardI18n } from './i18n';
import {
  ChartCard,
  ContestSummary,
  CourtyardSummary,
  KpiTile,
  RankList,
  SmallTable,
  UnitsDrawer,
  WarningsList,
} from './parts';
import { ScreenLinkDialog } from './ScreenLinkDialog';

type Bucket = DashboardView['distribution'][number];
type StarRow = DashboardView['stars'][number];
type Rating = DashboardView['ratings'][number];

/** Where each figure of a dashboard leads: the existing lists, filtered to what the figure counts. */
export interface DashboardLinks {
  profile: (unit: string, month?: string) => string;
  ranking: (opts?: { street?: string; month?: string }) => string;
  problems: (filter: { status?: string; overdue?: boolean }) => string;
  warnings: () => string;
  warning: (id: string) => string;
  targets: () => string;
  supervision: () => string;
  contest: (code: string) => string;
  courtyard: (code: string) => string;
  streetDashboard: (street: string) => string;
}

/** The links of a dashboard as of its campaign and month; `street` is passed on only where it filters. */
function linksOf(view: DashboardView, streetFilter: string | undefined): DashboardLinks {
  const campaign = view.head.campaign.code;
  const month = view.head.month;
  const q = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
    return search.toString();
  };
  return {
    profile: (unit, at) => `/profile/${encodeURIComponent(unit)}?${q({ campaign, period: at ?? month })}`,
    ranking: (opts = {}) =>
      `/rankings?${q({ campaign, period: opts.month ?? month, street: opts.street ?? streetFilter })}`,
    problems: ({ status, overdue }) =>
      `/problems?${q({ campaign, street: streetFilter, status, overdue: overdue ? 'true' : undefined })}`,
    warnings: () => `/warnings?${q({ campaign, period: view.head.quarter, street: streetFilter })}`,
    warning: (id) => `/warnings/${encodeURIComponent(id)}?${q({ campaign })}`,
    targets: () => `/targets?${q({ campaign })}`,
    supervision: () => '/supervision',
    contest: (code) => `/contests/${encodeURIComponent(code)}`,
    courtyard: (code) => `/courtyards?${q({ campaign: code })}`,
    streetDashboard: (street) => `/dashboard?${q({ campaign, month, street })}`,
  };
}

/** The current-status filter of the problem list behind a funnel stage. */
const STAGE_FILTER: Record<FunnelStage, { status?: string; overdue?: boolean }> = {
  notified: {},
  submitted: { status: 'submitted' },
  reviewed: { status: 'reviewing' },
  closed: { status: 'closed' },
  overdue: { overdue: true },
};

/**
 * 数据看板 (`/dashboard`): the district's (or, through the street picker, one street's) figures as of a month —
 * KPI tiles, score distribution, star targets and ratings, top and bottom ten, streets, the monthly trend, the
 * problem funnel, warnings, the contest and courtyards; a street admin sees its street with the heat map.
 * Every chart has a table and clicks through to the list behind it.
 */
export function DashboardPage() {
  const { t, lang } = useDashboardI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const isDistrict = user.role === 'district_admin';
  const [params, setParams] = useSearchParams();
  const streetParam = isDistrict ? (params.get('street') ?? undefined) : undefined;
  const dashboard = useDashboard({
    campaign: params.get('campaign') ?? undefined,
    month: params.get('month') ?? undefined,
    street: streetParam,
  });
  const units = useUnits();
  const [linkOpen, setLinkOpen] = useState(false);

  const streets = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.type === 'street')
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.code, label: u.name })),
    [units.data],
  );

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const view = dashboard.data;
  if (dashboard.isPending) return <Loading minHeight={400} />;
  if (dashboard.isError || !view)
    return <ErrorBox error={dashboard.error} onRetry={() => dashboard.refetch()} />;

  const head = view.head;
  return (
    <div className="wx-dash" style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
      <PageHeader
        title={t('dash.title', { scope: head.scope.name })}
        subtitle={t('dash.subtitle', {
          campaign: head.campaign.name,
          month: monthLabel(t, head.month),
          time: formatDateTime(head.computedAt, lang),
        })}
        extra={
          <>
            <Select
              aria-label={t('dash.campaign')}
              value={head.campaign.code}
              style={{ minWidth: isMobile ? 'calc(50% - 4px)' : 180 }}
              options={head.campaigns.map((c) => ({ value: c.code, label: c.name }))}
              onChange={(code) => update({ campaign: code, month: undefined })}
            />
            <Select
              aria-label={t('dash.month')}
              data-testid="month-picker"
              value={head.month}
              style={{ minWidth: isMobile ? 'calc(50% - 4px)' : 120 }}
              options={[...head.months].reverse().map((m) => ({ value: m, label: monthLabel(t, m) }))}
              onChange={(month) => update({ month })}
            />
            {isDistrict && (
              <Select
                aria-label={t('dash.street')}
                data-testid="street-picker"
                value={streetParam ?? ''}
                style={{ minWidth: isMobile ? 'calc(50% - 4px)' : 140 }}
                options={[{ value: '', label: t('dash.wholeDistrict') }, ...streets]}
                onChange={(street) => update({ street: street || undefined })}
              />
            )}
            {isDistrict && (
              <Button icon={<DesktopOutlined />} onClick={() => setLinkOpen(true)}>
                {t('dash.screen')}
              </Button>
            )}
          </>
        }
      />
      <DashboardBody view={view} links={linksOf(view, streetParam)} unitsList={units.data ?? []} />
      {isDistrict && <ScreenLinkDialog open={linkOpen} onClose={() => setLinkOpen(false)} />}
    </div>
  );
}

/** The KPI tiles and cards of a dashboard view. */
function DashboardBody({
  view,
  links,
  unitsList,
}: {
  view: DashboardView;
  links: DashboardLinks;
  unitsList: { code: string; name: string; parentCode: string | null }[];
}) {
  const { t } = useDashboardI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState<{ title: string; units: string[] } | null>(null);
  const district = view.head.level === 'district';
  const k = view.kpis;
  const h = isMobile ? 240 : 280;

  const nameOf = useMemo(() => {
    const byCode = new Map(unitsList.map((u) => [u.code, u]));
    return (code: string) => {
      const unit = byCode.get(code);
      const parent = unit?.parentCode ? byCode.get(unit.parentCode) : undefined;
      return { name: unit?.name ?? code, parent: parent?.name ?? null };
    };
  }, [unitsList]);

  const openBucket = (b: Bucket) =>
    setDrawer({ title: t('dash.drawer.bucket', { label: b.label, count: b.count }), units: b.units });
  const openRating = (r: Rating) =>
    setDrawer({
      title: t('dash.drawer.rating', { stars: starsLabel(t, r.stars), count: r.count }),
      units: r.units,
    });

  const options = useMemo(
    () => ({
      distribution: distributionOption(view.distribution, LIGHT),
      stars: starsOption(view.stars, LIGHT, t),
      ratings: ratingsOption(view.ratings, LIGHT, t),
      streets: streetsOption(view.streets, LIGHT),
      trend: trendOption(view.trend, LIGHT, t, isMobile),
      funnel: funnelOption(view.funnel, LIGHT, t),
    }),
    [view, t, isMobile],
  );

  const kpis = [
    {
      id: 'units',
      title: t('dash.kpi.units'),
      value: String(k.units),
      unit: t('dash.kpi.unitsUnit'),
      to: links.ranking(),
    },
    {
      id: 'avgScore',
      title: t('dash.kpi.avgScore'),
      value: k.avgScore === null ? '—' : k.avgScore.toFixed(2),
      to: links.ranking(),
    },
    {
      id: 'rounds',
      title: t('dash.kpi.rounds'),
      value: String(k.roundsInMonth),
      unit: t('dash.kpi.roundsUnit'),
      hint: t('dash.kpi.roundsToDate', { count: k.roundsToDate }),
      to: links.supervision(),
    },
    {
      id: 'problemsOpen',
      title: t('dash.kpi.problemsOpen'),
      value: String(k.problemsOpen),
      unit: t('dash.kpi.problemsUnit'),
      to: links.problems({}),
    },
    {
      id: 'problemsOverdue',
      title: t('dash.kpi.problemsOverdue'),
      value: String(k.problemsOverdue),
      unit: t('dash.kpi.problemsUnit'),
      to: links.problems({ overdue: true }),
      danger: k.problemsOverdue > 0,
    },
    {
      id: 'warningsActive',
      title: t('dash.kpi.warningsActive'),
      value: String(k.warningsActive),
      unit: t('dash.kpi.warningsUnit'),
      to: links.warnings(),
      danger: k.warningsActive > 0,
    },
  ];

  const rankColumns: ColumnsType<DashboardRankRow> = [
    { title: t('dash.col.rank'), dataIndex: 'rank', width: 56 },
    {
      title: district ? t('dash.col.street') : t('dash.col.unit'),
      key: 'name',
      render: (_, r) => <Link to={links.ranking({ street: r.code })}>{r.name}</Link>,
    },
    { title: t('dash.col.score'), key: 'score', align: 'right', render: (_, r) => r.score.toFixed(2) },
    { title: t('dash.col.change'), key: 'change', render: (_, r) => <ScoreChange change={r.change} /> },
    {
      title: '',
      key: 'dash',
      render: (_, r) => <Link to={links.streetDashboard(r.code)}>{t('menu.dashboard')}</Link>,
    },
  ];

  const trendRows = view.trend.months.map((m, i) => ({ month: m, i }));
  const trendLines = [view.trend.overall, ...view.trend.series];
  const trendColumns: ColumnsType<{ month: string; i: number }> = [
    {
      title: t('dash.col.month'),
      key: 'month',
      fixed: 'left',
      render: (_, r) => <Link to={links.ranking({ month: r.month })}>{monthLabel(t, r.month)}</Link>,
    },
    ...trendLines.map((line) => ({
      title: line.name,
      key: line.code,
      align: 'right' as const,
      render: (_: unknown, r: { i: number }) => {
        const v = line.scores[r.i];
        return v === null || v === undefined ? '—' : v.toFixed(2);
      },
    })),
  ];
  const openTrend = (seriesIndex: number, dataIndex: number) => {
    const month = view.trend.months[dataIndex];
    const line = trendLines[seriesIndex];
    if (!month || !line) return;
    if (seriesIndex === 0) navigate(links.ranking({ month }));
    else if (district) navigate(links.ranking({ month, street: line.code }));
    else navigate(links.profile(line.code, month));
  };

  const funnelRows = FUNNEL_STAGES.map((stage, i) => {
    const f = view.funnel;
    // How many are in this state now: the cumulative stages minus the next one.
    const current =
      stage === 'notified'
        ? f.notified - f.submitted
        : stage === 'submitted'
          ? f.submitted - f.reviewed
          : stage === 'reviewed'
            ? f.reviewed - f.closed
            : f[stage];
    return { stage, i, total: f[stage], current };
  });

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {kpis.map((kpi) => (
          <Col key={kpi.id} xs={12} sm={8} xl={4}>
            <KpiTile {...kpi} />
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.card.distribution')}
            testId="card-distribution"
            note={t('dash.clickHint')}
            chart={
              <EChart
                option={options.distribution}
                height={h}
                ariaLabel={t('dash.card.distribution')}
                testId="chart-distribution"
                onClick={({ dataIndex }) => {
                  const b = view.distribution[dataIndex];
                  if (b) openBucket(b);
                }}
              />
            }
            table={
              <SmallTable<Bucket>
                rows={view.distribution}
                rowKey={(b) => b.label}
                columns={[
                  { title: t('dash.col.bucket'), dataIndex: 'label' },
                  {
                    title: t('dash.col.count'),
                    key: 'count',
                    align: 'right',
                    render: (_, b) => (
                      <Typography.Link onClick={() => openBucket(b)} data-testid={`bucket-${b.label}`}>
                        {b.count}
                      </Typography.Link>
                    ),
                  },
                ]}
              />
            }
          />
        </Col>
        {district ? (
          <Col xs={24} lg={12}>
            <ChartCard
              title={t('dash.card.streets')}
              testId="card-streets"
              note={t('dash.clickHint')}
              chart={
                view.streets.length === 0 ? (
                  <EmptyState description={t('dash.empty')} />
                ) : (
                  <EChart
                    option={options.streets}
                    height={Math.max(h, view.streets.length * 40 + 24)}
                    ariaLabel={t('dash.card.streets')}
                    testId="chart-streets"
                    onClick={({ dataIndex }) => {
                      const s = view.streets[dataIndex];
                      if (s) navigate(links.ranking({ street: s.code }));
                    }}
                  />
                )
              }
              table={<SmallTable rows={view.streets} rowKey={(r) => r.code} columns={rankColumns} />}
            />
          </Col>
        ) : (
          <Col xs={24} lg={12}>
            {view.heatmap && (
              <StarHeatmap heatmap={view.heatmap} profileLink={links.profile} testId="card-heatmap" />
            )}
          </Col>
        )}
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.card.trend')}
            testId="card-trend"
            note={t('dash.clickHint')}
            chart={
              <EChart
                option={options.trend}
                height={h + 20}
                ariaLabel={t('dash.card.trend')}
                testId="chart-trend"
                onClick={({ seriesIndex, dataIndex }) => openTrend(seriesIndex, dataIndex)}
              />
            }
            table={<SmallTable rows={trendRows} rowKey={(r) => r.month} columns={trendColumns} />}
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.card.funnel')}
            testId="card-funnel"
            note={
              view.funnel.closureRate === null
                ? t('dash.funnel.rateNone')
                : t('dash.funnel.rate', { rate: view.funnel.closureRate.toFixed(1) })
            }
            chart={
              <EChart
                option={options.funnel}
                height={h}
                ariaLabel={t('dash.card.funnel')}
                testId="chart-funnel"
                onClick={({ dataIndex }) => {
                  const stage = FUNNEL_STAGES[dataIndex];
                  if (stage) navigate(links.problems(STAGE_FILTER[stage]));
                }}
              />
            }
            table={
              <SmallTable
                rows={funnelRows}
                rowKey={(r) => r.stage}
                columns={[
                  { title: t('dash.col.stage'), key: 'stage', render: (_, r) => t(`dash.funnel.${r.stage}`) },
                  {
                    title: t('dash.col.cumulative'),
                    key: 'total',
                    align: 'right',
                    render: (_, r) => <span data-testid={`funnel-${r.stage}`}>{r.total}</span>,
                  },
                  {
                    title: t('dash.col.current'),
                    key: 'current',
                    align: 'right',
                    render: (_, r) =>
                      r.stage === 'notified' ? (
                        <Link to={links.problems({ status: 'open' })}>
                          {t('dash.funnel.openNow', { n: r.current })}
                        </Link>
                      ) : (
                        <Link to={links.problems(STAGE_FILTER[r.stage])}>{r.current}</Link>
                      ),
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.card.stars')}
            testId="card-stars"
            note={t('dash.clickHint')}
            chart={
              <EChart
                option={options.stars}
                height={h}
                ariaLabel={t('dash.card.stars')}
                testId="chart-stars"
                onClick={({ seriesIndex }) => navigate(seriesIndex === 0 ? links.targets() : links.ranking())}
              />
            }
            table={
              <SmallTable<StarRow>
                rows={view.stars}
                rowKey={(s) => s.code}
                columns={[
                  { title: t('dash.col.star'), dataIndex: 'name' },
                  {
                    title: t('dash.col.targeted'),
                    key: 'targeted',
                    align: 'right',
                    render: (_, s) => <Link to={links.targets()}>{s.targeted}</Link>,
                  },
                  {
                    title: t('dash.col.reached'),
                    key: 'reached',
                    align: 'right',
                    render: (_, s) => <Link to={links.ranking()}>{s.reached}</Link>,
                  },
                  {
                    title: t('dash.col.avgStar'),
                    key: 'avg',
                    align: 'right',
                    render: (_, s) => (s.avgScore === null ? '—' : s.avgScore.toFixed(2)),
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.card.ratings')}
            testId="card-ratings"
            note={t('dash.card.ratingsNote')}
            chart={
              <EChart
                option={options.ratings}
                height={h}
                ariaLabel={t('dash.card.ratings')}
                testId="chart-ratings"
                onClick={({ dataIndex }) => {
                  const r = view.ratings[dataIndex];
                  if (r) openRating(r);
                }}
              />
            }
            table={
              <SmallTable<Rating>
                rows={view.ratings}
                rowKey={(r) => String(r.stars)}
                columns={[
                  { title: t('dash.col.stars'), key: 'stars', render: (_, r) => starsLabel(t, r.stars) },
                  {
                    title: t('dash.col.count'),
                    key: 'count',
                    align: 'right',
                    render: (_, r) => (
                      <Typography.Link onClick={() => openRating(r)}>{r.count}</Typography.Link>
                    ),
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t(view.bottom.length === 0 ? 'dash.card.allRanked' : 'dash.card.top')}
            className="wx-dash-card"
            extra={<Link to={links.ranking()}>{t('dash.viewAll')}</Link>}
          >
            <RankList rows={view.top} showParent={district} profileLink={links.profile} testId="rank-top" />
          </Card>
        </Col>
        {/* A scope of ten units or fewer has them all in the first list (the server never repeats a unit). */}
        {view.bottom.length > 0 && (
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={t('dash.card.bottom')}
              className="wx-dash-card"
              extra={<Link to={links.ranking()}>{t('dash.viewAll')}</Link>}
            >
              <RankList
                rows={view.bottom}
                showParent={district}
                profileLink={links.profile}
                testId="rank-bottom"
              />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('dash.card.warnings')}
            className="wx-dash-card"
            extra={<Link to={links.warnings()}>{t('dash.viewList')}</Link>}
          >
            <WarningsList warnings={view.warnings} link={links.warning} />
          </Card>
        </Col>
        {(view.contest || view.courtyard) && (
          <Col xs={24} lg={12}>
            <Row gutter={[12, 12]}>
              {view.contest && (
                <Col span={24}>
                  <Card
                    size="small"
                    title={t('dash.card.contest')}
                    className="wx-dash-card"
                    extra={<ContestLink t={t} to={links.contest(view.contest.code)} />}
                  >
                    <ContestSummary contest={view.contest} />
                  </Card>
                </Col>
              )}
              {view.courtyard && (
                <Col span={24}>
                  <Card
                    size="small"
                    title={t('dash.card.courtyard')}
                    className="wx-dash-card"
                    extra={<Link to={links.courtyard(view.courtyard.code)}>{t('dash.viewList')}</Link>}
                  >
                    <CourtyardSummary courtyard={view.courtyard} />
                  </Card>
                </Col>
              )}
            </Row>
          </Col>
        )}
      </Row>
      <UnitsDrawer
        title={drawer?.title ?? ''}
        units={drawer?.units ?? []}
        open={drawer !== null}
        onClose={() => setDrawer(null)}
        nameOf={nameOf}
        profileLink={links.profile}
      />
    </>
  );
}

/** The contest card's link (the contest pages are the district admin's). */
function ContestLink({ t, to }: { t: DashboardTranslate; to: string }) {
  const user = useUser();
  if (user.role !== 'district_admin') return null;
  return <Link to={to}>{t('dash.viewList')}</Link>;
}
