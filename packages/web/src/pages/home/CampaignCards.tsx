import { BarChartOutlined, EditOutlined, FlagOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummaryView, RankingRowView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { namesOf, StarTags, TargetStatusTag } from '../../components/campaign/labels';
import { periodLabel } from '../../components/campaign/periodLabel';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { ErrorBox, Loading } from '../../components/Feedback';
import { currentPeriod, monthsOf } from '../../components/period';
import { useCampaign, useCampaigns, useRanking, useTargets } from '../../hooks/useCampaigns';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';

/** The campaign the home page talks about: the newest active one. */
function useCurrentCampaign() {
  const campaigns = useCampaigns();
  const current = campaigns.data?.find((c) => c.status === 'active') ?? campaigns.data?.[0];
  return { campaigns, current };
}

/** A compact ranking list: rank, name, parent, score as the server displays it, change. */
function TopList({ rows, showParent = true }: { rows: RankingRowView[]; showParent?: boolean }) {
  return (
    <Flex vertical gap={6}>
      {rows.map((r) => (
        <Flex key={r.unitCode} align="center" gap={10}>
          <span className="wx-rank" data-rank={r.rank}>
            {r.rank}
          </span>
          <Flex vertical style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong ellipsis>
              {r.unitName}
            </Typography.Text>
            {showParent && r.parentName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.parentName}
              </Typography.Text>
            )}
          </Flex>
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {r.display}
          </Typography.Text>
          <span style={{ width: 44, textAlign: 'right' }}>
            <ScoreChange change={r.change} />
          </span>
        </Flex>
      ))}
    </Flex>
  );
}

function rankingLink(c: CampaignSummaryView, period: string, extra = '') {
  return `/rankings?campaign=${encodeURIComponent(c.code)}&period=${encodeURIComponent(period)}${extra}`;
}

/** District admin: the current campaign at a glance and the quarter's top three. */
function AdminCampaignCards() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { campaigns, current } = useCurrentCampaign();
  const detail = useCampaign(current?.code);
  const quarter = current ? currentPeriod(current.year, 'quarter') : undefined;
  const ranking = useRanking(current?.code, quarter);

  if (campaigns.isPending) return <Loading minHeight={120} />;
  if (campaigns.isError) return <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  if (!current)
    return (
      <Card size="small" title={t('home.campaign')}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('home.noCampaign')}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns')}>
            {t('home.createCampaign')}
          </Button>
        </Flex>
      </Card>
    );
  const lastLocked = detail.data?.locks
    .map((l) => l.month)
    .sort()
    .pop();
  return (
    <Flex gap={16} wrap>
      <Card
        size="small"
        title={t('home.campaign')}
        style={{ flex: '1 1 320px' }}
        extra={
          <Button type="link" onClick={() => navigate(`/campaigns/${encodeURIComponent(current.code)}`)}>
            {t('home.openCampaign')} <RightOutlined />
          </Button>
        }
      >
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {current.name}
            </Typography.Title>
            {current.demo && <DemoTag subtle />}
          </Flex>
          <Typography.Text type="secondary">
            {t('home.campaignMeta', {
              year: current.year,
              units: current.unitCount,
              items: current.itemCount,
            })}
          </Typography.Text>
          <Typography.Text>
            {lastLocked ? t('home.lockedThrough', { month: lastLocked }) : t('home.noLock')}
          </Typography.Text>
          <Flex gap={8} wrap>
            <Button icon={<EditOutlined />} onClick={() => navigate('/scores')}>
              {t('home.scoreEntry')}
            </Button>
            <Button icon={<BarChartOutlined />} onClick={() => navigate(rankingLink(current, quarter ?? ''))}>
              {t('home.viewRanking')}
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card
        size="small"
        title={quarter ? t('home.top3', { period: periodLabel(quarter, t) }) : ''}
        style={{ flex: '1 1 320px' }}
        extra={
          <Button type="link" onClick={() => navigate(rankingLink(current, quarter ?? ''))}>
            {t('home.viewRanking')} <RightOutlined />
          </Button>
        }
      >
        {ranking.isPending ? (
          <Loading minHeight={100} />
        ) : ranking.isError ? (
          <ErrorBox error={ranking.error} onRetry={() => ranking.refetch()} />
        ) : (
          <TopList rows={ranking.data.rows.slice(0, 3)} />
        )}
      </Card>
    </Flex>
  );
}

/** Street admin: its street's place among streets, its villages, and declarations waiting for review. */
function StreetCampaignCards() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { current } = useCurrentCampaign();
  const quarter = current ? currentPeriod(current.year, 'quarter') : undefined;
  const streets = useRanking(current?.code, quarter, 'street');
  const villages = useRanking(current?.code, quarter, 'unit');
  const targets = useTargets(current?.code);
  if (!current) return null;
  const own = streets.data?.rows[0];
  const pending = (targets.data?.units ?? []).filter((u) => u.status === 'declared').length;
  return (
    <Flex gap={16} wrap>
      <Card
        size="small"
        title={t('home.streetRank', { period: periodLabel(quarter ?? '', t) })}
        style={{ flex: '1 1 280px' }}
      >
        {streets.isPending ? (
          <Loading minHeight={100} />
        ) : own ? (
          <Flex vertical gap={4}>
            <Statistic title={own.unitName} value={own.display} styles={{ content: { color: '#a93226' } }} />
            <Flex gap={8} align="center">
              <Typography.Text>
                {t('home.streetRankValue', { rank: own.rank, total: streets.data?.total ?? 0 })}
              </Typography.Text>
              <ScoreChange change={own.change} />
            </Flex>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('ranking.emptyStreets')}</Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={t('home.villagesTop', { period: periodLabel(quarter ?? '', t) })}
        style={{ flex: '2 1 320px' }}
        extra={
          <Button type="link" onClick={() => navigate(rankingLink(current, quarter ?? ''))}>
            {t('home.viewRanking')} <RightOutlined />
          </Button>
        }
      >
        {villages.isPending ? (
          <Loading minHeight={100} />
        ) : (
          <TopList rows={(villages.data?.rows ?? []).slice(0, 5)} showParent={false} />
        )}
      </Card>
      <Card size="small" title={t('home.pendingTargets')} style={{ flex: '1 1 240px' }}>
        <Flex vertical gap={8} align="flex-start">
          <Typography.Text>
            {pending > 0 ? t('home.pendingCount', { count: pending }) : t('home.noPending')}
          </Typography.Text>
          <Button
            type={pending > 0 ? 'primary' : 'default'}
            icon={<FlagOutlined />}
            onClick={() => navigate('/targets')}
          >
            {t('home.review')}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}

/** Village user: its score and district rank this quarter, and its target stars. */
function VillageCampaignCards() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { current } = useCurrentCampaign();
  const detail = useCampaign(current?.code);
  const quarter = current ? currentPeriod(current.year, 'quarter') : undefined;
  const ranking = useRanking(current?.code, quarter);
  const targets = useTargets(current?.code);
  if (!current) return null;
  const own = ranking.data?.rows[0];
  const unitTargets = targets.data?.units[0];
  const starName = namesOf(detail.data?.stars);
  return (
    <Flex gap={16} wrap>
      <Card
        size="small"
        title={t('home.myScore', { period: periodLabel(quarter ?? '', t) })}
        style={{ flex: '1 1 280px' }}
        extra={
          <Button type="link" onClick={() => navigate('/profile')}>
            {t('home.seeProfile')} <RightOutlined />
          </Button>
        }
      >
        {ranking.isPending ? (
          <Loading minHeight={100} />
        ) : own ? (
          <Flex vertical gap={4}>
            <Statistic title={own.unitName} value={own.display} styles={{ content: { color: '#a93226' } }} />
            <Flex gap={8} align="center" wrap>
              <Typography.Text>
                {t('home.myRank', { rank: own.rank, total: ranking.data?.total ?? 0 })}
              </Typography.Text>
              <ScoreChange change={own.change} />
            </Flex>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('ranking.empty')}</Typography.Text>
        )}
      </Card>
      <Card
        size="small"
        title={t('home.myTargets')}
        style={{ flex: '1 1 280px' }}
        extra={
          <Button type="link" onClick={() => navigate('/targets')}>
            {t('menu.targets')} <RightOutlined />
          </Button>
        }
      >
        {unitTargets ? (
          <Flex vertical gap={8}>
            <span>
              <TargetStatusTag status={unitTargets.status} />
            </span>
            <StarTags codes={unitTargets.effective} starName={starName} />
          </Flex>
        ) : (
          <Loading minHeight={60} />
        )}
      </Card>
    </Flex>
  );
}

/** Inspector: the month open for scoring and a way into score entry. */
function InspectorCampaignCards() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { current } = useCurrentCampaign();
  const detail = useCampaign(current?.code);
  if (!current) return null;
  const locked = new Set((detail.data?.locks ?? []).map((l) => l.month));
  const open = monthsOf(current.year).find((m) => !locked.has(m));
  return (
    <Card size="small" title={t('home.campaign')}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical>
          <Typography.Text strong>{current.name}</Typography.Text>
          {open && <Typography.Text type="secondary">{t('home.openMonth', { month: open })}</Typography.Text>}
        </Flex>
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/scores')}>
          {t('home.scoreEntry')}
        </Button>
      </Flex>
    </Card>
  );
}

/** The campaign part of the home page, per role. */
export function CampaignCards() {
  const user = useUser();
  if (user.role === 'district_admin') return <AdminCampaignCards />;
  if (user.role === 'street_admin') return <StreetCampaignCards />;
  if (user.role === 'village_user') return <VillageCampaignCards />;
  if (user.role === 'inspector') return <InspectorCampaignCards />;
  return null;
}
