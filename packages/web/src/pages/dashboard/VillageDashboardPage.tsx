import { Card, Col, Flex, Row, Select, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { VillageDashboardView } from '../../api/types';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { EChart } from '../../components/charts/EChart';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useVillageDashboard } from './api';
import { LIGHT, lossesOption, monthLabel, rankTrendOption } from './charts';
import './dashboard.css';
import { useDashboardI18n } from './i18n';
import { ChartCard, SmallTable } from './parts';

type Loss = VillageDashboardView['losses'][number];
type RankPoint = VillageDashboardView['rankTrend'][number];

/**
 * 得分分析 (`/dashboard/village`): a village's own score, rank and movement as of a month, its rank month by
 * month, the items and problems costing it the most, and what is due next — phone first. District and street
 * admins open a village's with `?unit=`.
 */
export function VillageDashboardPage() {
  const { t } = useDashboardI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const isVillage = user.role === 'village_user';
  const [params, setParams] = useSearchParams();
  const unitParam = isVillage ? undefined : (params.get('unit') ?? undefined);
  const units = useUnits(!isVillage);
  const dashboard = useVillageDashboard(
    {
      campaign: params.get('campaign') ?? undefined,
      month: params.get('month') ?? undefined,
      unit: unitParam,
    },
    isVillage || Boolean(unitParam),
  );

  const villages = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.type === 'village' || u.type === 'community')
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

  const unitPicker = !isVillage && (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('dash.v.pickUnit')}
      placeholder={t('dash.v.pickUnit')}
      value={unitParam}
      loading={units.isPending}
      style={{ minWidth: isMobile ? '100%' : 180 }}
      options={villages}
      onChange={(unit) => update({ unit })}
    />
  );

  if (!isVillage && !unitParam)
    return (
      <>
        <PageHeader title={t('menu.villageDashboard')} extra={unitPicker} />
        <Card>
          <EmptyState description={t('dash.v.chooseUnit')} />
        </Card>
      </>
    );
  if (dashboard.isPending) return <Loading minHeight={400} />;
  if (dashboard.isError) return <ErrorBox error={dashboard.error} onRetry={() => dashboard.refetch()} />;
  const view = dashboard.data;

  return (
    <div className="wx-dash" style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
      <PageHeader
        title={t('dash.v.title', { unit: view.unit.name })}
        subtitle={t('dash.v.subtitle', {
          street: view.unit.streetName ? `${view.unit.streetName} · ` : '',
          campaign: view.campaign.name,
          month: monthLabel(t, view.month),
        })}
        extra={
          <>
            {unitPicker}
            <Select
              aria-label={t('dash.campaign')}
              value={view.campaign.code}
              style={{ minWidth: isMobile ? 'calc(50% - 4px)' : 180 }}
              options={view.campaigns.map((c) => ({ value: c.code, label: c.name }))}
              onChange={(code) => update({ campaign: code, month: undefined })}
            />
            <Select
              aria-label={t('dash.month')}
              value={view.month}
              style={{ minWidth: isMobile ? 'calc(50% - 4px)' : 120 }}
              options={[...view.months].reverse().map((m) => ({ value: m, label: monthLabel(t, m) }))}
              onChange={(month) => update({ month })}
            />
          </>
        }
      />
      <VillageBody view={view} />
    </div>
  );
}

function VillageBody({ view }: { view: VillageDashboardView }) {
  const { t } = useDashboardI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const campaign = view.campaign.code;
  const profile = (month: string) =>
    `/profile/${encodeURIComponent(view.unit.code)}?campaign=${encodeURIComponent(campaign)}&period=${month}`;
  const ranking = (month: string) =>
    `/rankings?campaign=${encodeURIComponent(campaign)}&period=${encodeURIComponent(month)}`;

  const options = useMemo(
    () => ({
      rank: rankTrendOption(view.rankTrend, view.total, LIGHT, t),
      losses: lossesOption(view.losses, LIGHT, isMobile),
    }),
    [view, t, isMobile],
  );

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8} md={6}>
          <Card size="small" className="wx-dash-kpi" data-testid="v-score">
            <div className="wx-dash-kpi-title">{t('dash.v.score')}</div>
            <div className="wx-dash-kpi-value">{view.score === null ? '—' : view.score.toFixed(2)}</div>
          </Card>
        </Col>
        <Col xs={8} md={6}>
          <Link to={ranking(view.month)} style={{ display: 'block', height: '100%' }}>
            <Card size="small" hoverable className="wx-dash-kpi" data-testid="v-rank">
              <div className="wx-dash-kpi-title">{t('dash.v.rank')}</div>
              <div className="wx-dash-kpi-value">
                {view.rank === null ? '—' : view.rank}
                <span className="wx-dash-kpi-unit">/{view.total}</span>
              </div>
            </Card>
          </Link>
        </Col>
        <Col xs={8} md={6}>
          <Card size="small" className="wx-dash-kpi" data-testid="v-change">
            <div className="wx-dash-kpi-title">{t('dash.v.change')}</div>
            <div className="wx-dash-kpi-value">
              <ScoreChange change={view.change} />
            </div>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card size="small" className="wx-dash-kpi" title={undefined}>
            <div className="wx-dash-kpi-title">{t('dash.v.stars')}</div>
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              {view.stars.map((s) => (
                <Tag key={s.code} color={s.targeted ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                  {s.name}{' '}
                  {s.targeted ? (s.score === null ? '—' : s.score.toFixed(2)) : t('dash.v.notTargeted')}
                </Tag>
              ))}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.v.rankTrend')}
            testId="card-rank-trend"
            note={t('dash.clickHint')}
            chart={
              <EChart
                option={options.rank}
                height={isMobile ? 220 : 280}
                ariaLabel={t('dash.v.rankTrend')}
                testId="chart-rank-trend"
                onClick={({ dataIndex }) => {
                  const p = view.rankTrend[dataIndex];
                  if (p) navigate(ranking(p.month));
                }}
              />
            }
            table={
              <SmallTable<RankPoint>
                rows={view.rankTrend}
                rowKey={(r) => r.month}
                columns={[
                  {
                    title: t('dash.col.month'),
                    key: 'month',
                    render: (_, r) => <Link to={ranking(r.month)}>{monthLabel(t, r.month)}</Link>,
                  },
                  { title: t('dash.col.rank'), key: 'rank', align: 'right', render: (_, r) => r.rank ?? '—' },
                  {
                    title: t('dash.col.score'),
                    key: 'score',
                    align: 'right',
                    render: (_, r) => (r.score === null ? '—' : r.score.toFixed(2)),
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('dash.v.losses')}
            testId="card-losses"
            note={t('dash.clickHint')}
            chart={
              view.losses.length === 0 ? (
                <EmptyState description={t('dash.v.noLosses')} />
              ) : (
                <EChart
                  option={options.losses}
                  height={Math.max(200, view.losses.length * 40 + 24)}
                  ariaLabel={t('dash.v.losses')}
                  testId="chart-losses"
                  onClick={() => navigate(profile(view.month))}
                />
              )
            }
            table={
              <SmallTable<Loss>
                rows={view.losses}
                rowKey={(r) => `${r.star}-${r.item}`}
                columns={[
                  {
                    title: t('dash.v.item'),
                    key: 'item',
                    render: (_, r) => (
                      <Flex vertical>
                        <Link to={profile(view.month)}>{r.itemName}</Link>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.starName}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                  { title: t('dash.v.max'), key: 'max', align: 'right', render: (_, r) => r.max.toFixed(2) },
                  { title: t('dash.v.got'), key: 'got', align: 'right', render: (_, r) => r.got.toFixed(2) },
                  {
                    title: t('dash.v.lost'),
                    key: 'lost',
                    align: 'right',
                    render: (_, r) => <Typography.Text type="danger">{r.lost.toFixed(2)}</Typography.Text>,
                  },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.v.problems')} className="wx-dash-card" data-testid="v-problems">
            {view.problems.length === 0 ? (
              <EmptyState description={t('dash.v.noProblems')} />
            ) : (
              view.problems.map((p) => (
                <Link key={p.id} to={`/problems/${encodeURIComponent(p.id)}`} className="wx-dash-list-item">
                  <Flex justify="space-between" gap={8} align="baseline">
                    <Typography.Text strong>{p.number}</Typography.Text>
                    {p.deduction > 0 && (
                      <Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>
                        {t('dash.v.deduction', { value: p.deduction.toFixed(2) })}
                      </Typography.Text>
                    )}
                  </Flex>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {p.description}
                  </Typography.Paragraph>
                  <Flex gap={8} wrap style={{ fontSize: 12 }}>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`dash.v.status.${p.status}`)}</Tag>
                    <Typography.Text type={p.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                      {t('dash.v.deadline', { date: p.deadline })}
                      {p.overdue ? ` · ${t('dash.v.overdue')}` : ''}
                    </Typography.Text>
                  </Flex>
                </Link>
              ))
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dash.v.due')} className="wx-dash-card" data-testid="v-due">
            {view.due.length === 0 ? (
              <EmptyState description={t('dash.v.noDue')} />
            ) : (
              view.due.map((d) => (
                <Link key={`${d.kind}-${d.link}-${d.due}`} to={d.link} className="wx-dash-list-item">
                  <Flex gap={8} align="center">
                    <Tag color={d.overdue ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
                      {t(`dash.v.kind.${d.kind}`)}
                    </Tag>
                    <Typography.Text style={{ flex: 1, minWidth: 0 }} ellipsis>
                      {d.title}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type={d.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {t('dash.v.dueOn', { date: d.due })}
                    {d.overdue ? ` · ${t('dash.v.overdue')}` : ''}
                  </Typography.Text>
                </Link>
              ))
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
