import { Card, Flex, Segmented, Select, Typography } from 'antd';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import type { DrillTarget } from '../../components/campaign/DrillDrawer';
import { PeriodPicker } from '../../components/campaign/PeriodPicker';
import { periodLabel } from '../../components/campaign/periodLabel';
import { RankingExportButton } from '../../components/campaign/RankingExportButton';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { currentPeriod, kindOf, yearOf } from '../../components/period';
import { useCampaign, useChosenCampaign, useRanking } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';
import { RankingCards, RankingTable } from './RankingTable';

// The drill-down (with the ledger and its correction dialog) loads on the first click on a number.
const DrillDrawer = lazy(async () => ({
  default: (await import('../../components/campaign/DrillDrawer')).DrillDrawer,
}));

type Level = 'unit' | 'street';

/**
 * 排名: monthly, quarterly and annual rankings of villages or of streets, one column per star, rank change,
 * and every number drilling down to the entries behind it. The year adds star ratings (n星支部).
 */
export function RankingPage() {
  const { t } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const detail = useCampaign(chosen?.code);
  const isAdmin = user.role === 'district_admin';
  const units = useUnits(isAdmin);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [drilled, setDrilled] = useState(false);

  const year = chosen?.year ?? new Date().getFullYear();
  const wanted = params.get('period');
  const period =
    wanted && kindOf(wanted) && yearOf(wanted) === year ? wanted : currentPeriod(year, 'quarter');
  const canSeeStreets = user.role === 'district_admin' || user.role === 'street_admin';
  const level: Level = canSeeStreets && params.get('level') === 'street' ? 'street' : 'unit';
  const street = isAdmin && level === 'unit' ? (params.get('street') ?? '') : '';
  const ranking = useRanking(chosen?.code, period, level, street || undefined);

  const streets = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.type === 'street')
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((u) => ({ value: u.code, label: u.name })),
    [units.data],
  );

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const openProfile = (unitCode: string) =>
    navigate(
      `/profile/${encodeURIComponent(unitCode)}?campaign=${encodeURIComponent(chosen?.code ?? '')}&period=${encodeURIComponent(period)}`,
    );
  const openStreet = (streetCode: string) => update({ level: null, street: streetCode });

  const data = ranking.data;
  const kind = kindOf(period);
  const title =
    kind === 'month'
      ? t('ranking.titleMonth')
      : kind === 'quarter'
        ? t('ranking.titleQuarter')
        : t('ranking.titleYear');

  let body: ReactNode;
  if (campaigns.isPending || (chosen && ranking.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (ranking.isError) body = <ErrorBox error={ranking.error} onRetry={() => ranking.refetch()} />;
  else if (data && data.rows.length === 0)
    body = <EmptyState description={level === 'street' ? t('ranking.emptyStreets') : t('ranking.empty')} />;
  else if (data) {
    const props = {
      ranking: data,
      onDrill: (target: Omit<DrillTarget, 'period'>) => {
        setDrilled(true);
        setDrill({ ...target, period: data.period.key });
      },
      onOpenUnit: openProfile,
      onOpenStreet: openStreet,
      // The previous period stays on screen, dimmed, while the next one loads.
      loading: ranking.isPlaceholderData,
    };
    body = isMobile ? <RankingCards {...props} /> : <RankingTable {...props} />;
  }

  const summary =
    data &&
    (data.rows.length < data.total
      ? t('ranking.scopedCount', {
          shown: data.rows.length,
          total: data.total,
          what: level === 'street' ? t('ranking.streets') : t('ranking.units'),
        })
      : t('ranking.count', {
          total: data.total,
          what: level === 'street' ? t('ranking.streets') : t('ranking.units'),
        }));

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <CampaignSubtitle campaign={chosen} text={(c) => t('ranking.subtitle', { name: c.name })} />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {chosen && (
              <RankingExportButton
                campaignCode={chosen.code}
                period={period}
                level={level}
                street={street || undefined}
              />
            )}
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
          <PeriodPicker year={year} value={period} onChange={(p) => update({ period: p })} block={isMobile} />
          {canSeeStreets && (
            <Segmented<Level>
              value={level}
              onChange={(v) => update({ level: v === 'street' ? 'street' : null, street: null })}
              options={[
                { value: 'unit', label: t('ranking.levelUnits') },
                { value: 'street', label: t('ranking.levelStreets') },
              ]}
            />
          )}
          {isAdmin && level === 'unit' && streets.length > 0 && (
            <Select
              value={street}
              onChange={(v) => update({ street: v || null })}
              aria-label={t('ranking.street')}
              style={{ width: isMobile ? '100%' : 160 }}
              options={[{ value: '', label: t('ranking.allStreets') }, ...streets]}
            />
          )}
        </Flex>
        {data && (
          <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">
              {[
                periodLabel(data.period.key, t),
                summary,
                data.previousPeriod
                  ? t('ranking.comparedWith', { period: periodLabel(data.previousPeriod, t) })
                  : t('ranking.noPrevious'),
              ].join(t('common.listSeparator'))}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {level === 'street' ? t('ranking.hintStreet') : t('ranking.hintUnit')}
            </Typography.Text>
          </Flex>
        )}
        {body}
      </Card>
      {chosen && drilled && (
        <Suspense fallback={null}>
          <DrillDrawer
            campaignCode={chosen.code}
            stars={detail.data?.stars ?? data?.stars ?? []}
            modules={detail.data?.modules ?? []}
            target={drill}
            onClose={() => setDrill(null)}
          />
        </Suspense>
      )}
    </>
  );
}
