import { LeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DemoTag } from '../../components/Brand';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { namesOf, StarTags, twoDecimals } from '../../components/campaign/labels';
import { PeriodPicker } from '../../components/campaign/PeriodPicker';
import { periodLabel } from '../../components/campaign/periodLabel';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { kindOf, yearOf } from '../../components/period';
import { useCampaign, useChosenCampaign, useUnitProfile } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { RatingBadge, RatingDetails } from '../rankings/RatingView';
import { StarsRadar, TrendChart } from './ProfileCharts';
import { ProfileItems } from './ProfileItems';

/**
 * 单位画像: a unit's score and rank, a radar of its stars, its score and rank month by month, and the item
 * table with the entries behind every number. A village user sees its own unit here (本村得分).
 */
export function UnitProfilePage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { unitCode: routeUnit } = useParams<{ unitCode: string }>();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const detail = useCampaign(chosen?.code);
  const needOwnUnit = !routeUnit;
  const units = useUnits(needOwnUnit);
  const ownCode = units.data?.find((u) => u.id === user.scopeUnitId)?.code;
  const unitCode = routeUnit ?? ownCode;

  const year = chosen?.year ?? new Date().getFullYear();
  const wanted = params.get('period');
  const period = wanted && kindOf(wanted) && yearOf(wanted) === year ? wanted : String(year);
  const profile = useUnitProfile(chosen?.code, unitCode, period);
  const stars = detail.data?.stars ?? [];
  const modules = useMemo(() => detail.data?.modules ?? [], [detail.data]);
  const starName = namesOf(stars.length ? stars : profile.data?.stars);
  const canCorrect = user.role === 'district_admin' || user.role === 'inspector';

  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };

  if (campaigns.isPending || (needOwnUnit && units.isPending)) return <Loading />;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  if (!chosen || !unitCode)
    return (
      <Card>
        <EmptyState description={!chosen ? t('campaigns.none') : t('targets.notAssessed')} />
      </Card>
    );

  const p = profile.data;
  const statSize = isMobile ? 20 : 24;
  const latestMonth = p?.months.find((m) => m.month === p.period.end);
  const deductions = (p?.stars ?? []).flatMap((s) => s.deductions.map((d) => ({ ...d, star: s.code })));
  const title = routeUnit ? (p?.unit.name ?? routeUnit) : t('menu.myScore');

  return (
    <>
      {routeUnit && (
        <Button
          type="link"
          icon={<LeftOutlined />}
          onClick={() => navigate(-1)}
          style={{ paddingInline: 0, marginBottom: 4 }}
        >
          {t('common.back')}
        </Button>
      )}
      <PageHeader
        title={title}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span>
              {[p?.unit.name && !routeUnit ? p.unit.name : null, p?.unit.parentName, chosen.name]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {chosen.demo && <DemoTag subtle />}
          </Flex>
        }
        extra={<CampaignPicker campaigns={campaigns.data} chosen={chosen} />}
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <PeriodPicker year={year} value={period} onChange={setPeriod} block={isMobile} />
        </Card>
        {profile.isPending ? (
          <Loading />
        ) : profile.isError ? (
          <ErrorBox error={profile.error} onRetry={() => profile.refetch()} />
        ) : (
          p && (
            <>
              <Row gutter={[12, 12]}>
                <Col xs={12} lg={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={t('profile.scoreAt', { period: periodLabel(p.period.key, t) })}
                      value={p.display}
                      styles={{ content: { color: '#a93226', fontWeight: 600, fontSize: statSize } }}
                    />
                  </Card>
                </Col>
                <Col xs={12} lg={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={t('ranking.rank')}
                      value={t('profile.rankOf', { rank: p.rank, total: p.total })}
                      styles={{ content: { fontSize: statSize } }}
                    />
                    {latestMonth && latestMonth.change !== null && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('profile.monthChange', { month: latestMonth.month })}{' '}
                        <ScoreChange change={latestMonth.change} />
                      </Typography.Text>
                    )}
                  </Card>
                </Col>
                <Col xs={12} lg={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Statistic
                      title={t('ranking.rate')}
                      value={p.rate === null ? '—' : t('ranking.percent', { value: twoDecimals(p.rate) })}
                      styles={{ content: { fontSize: statSize } }}
                    />
                  </Card>
                </Col>
                <Col xs={12} lg={6}>
                  <Card size="small" style={{ height: '100%' }}>
                    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
                      {t('targets.effective')}
                    </Typography.Text>
                    <StarTags codes={p.targets} starName={starName} />
                  </Card>
                </Col>
              </Row>
              {p.rating && (
                <Card size="small" title={t('rating.title')} extra={<RatingBadge rating={p.rating} />}>
                  <RatingDetails rating={p.rating} starName={starName} />
                </Card>
              )}
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <StarsRadar profile={p} moduleNames={modules} />
                </Col>
                <Col xs={24} xl={14}>
                  <TrendChart profile={p} />
                </Col>
              </Row>
              <Card size="small" title={t('profile.itemsTitle', { count: p.items.length })}>
                <ProfileItems
                  profile={p}
                  stars={stars.length ? stars : p.stars}
                  modules={modules}
                  canCorrect={canCorrect}
                />
              </Card>
              {deductions.length > 0 && (
                <Card
                  size="small"
                  title={t('profile.deductionsTitle', {
                    count: deductions.length,
                    points: twoDecimals(deductions.reduce((sum, d) => sum + d.points, 0)),
                  })}
                >
                  <Flex vertical gap={6}>
                    {deductions.map((d) => (
                      <Flex
                        key={`${d.problemId}-${d.month}`}
                        gap={8}
                        wrap
                        align="baseline"
                        className="wx-diff-item"
                      >
                        <Typography.Text strong type="danger">
                          {t('profile.deductionPoints', { points: twoDecimals(d.points) })}
                        </Typography.Text>
                        <span>{starName(d.star)}</span>
                        <span>{t('profile.deductionMonth', { month: d.month })}</span>
                        <Link to={`/problems/${d.problemId}`}>{d.title}</Link>
                      </Flex>
                    ))}
                  </Flex>
                </Card>
              )}
              {p.bonuses.length > 0 && (
                <Card size="small" title={t('drill.bonusesTitle')}>
                  <Flex vertical gap={6}>
                    {p.bonuses.map((b) => (
                      <Flex key={b.id} gap={8} wrap align="baseline" className="wx-diff-item">
                        <Typography.Text strong>
                          {t('drill.bonusPoints', { points: b.points })}
                        </Typography.Text>
                        <span>{starName(b.star)}</span>
                        <span>{b.month}</span>
                        <span>{b.reason}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {[b.enteredByName, formatDateTime(b.enteredAt, lang)].filter(Boolean).join(' · ')}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                </Card>
              )}
            </>
          )
        )}
      </Flex>
    </>
  );
}
