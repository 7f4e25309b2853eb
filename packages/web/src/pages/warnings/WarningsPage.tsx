import { AlertOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { format2 } from '@wuxing/core/rounding';
import { Button, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { WarningListView, WarningView } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EChart } from '../../components/charts/EChart';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useWarningRules, useWarnings, type WarningFilters } from '../../hooks/useWarnings';
import { useUnitOptions } from '../problems/unitOptions';
import { EvaluateModal } from './EvaluateModal';
import { useWarningsI18n } from './i18n';
import { Figures, LEVEL_COLORS, LevelTag, quarterLabel, TalkTag, warningUrl } from './labels';
import './warnings.css';

const ALL = 'all';

/** Active warnings per street, yellow and red stacked. */
function StreetChart({ data }: { data: WarningListView['byStreet'] }) {
  const { t } = useWarningsI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 36, right: 12, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: data.map((s) => s.streetName) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['yellow', 'red'] as const).map((level) => ({
        name: t(`warnings.level.${level}`),
        type: 'bar',
        stack: 'w',
        barMaxWidth: 48,
        itemStyle: { color: LEVEL_COLORS[level] },
        data: data.map((s) => s[level]),
      })),
    }),
    [data, t],
  );
  return (
    <Card
      size="small"
      title={t('warnings.chartTitle')}
      style={{ marginBottom: 12 }}
      data-testid="street-chart"
    >
      {data.length === 0 ? (
        <Typography.Text type="secondary">{t('warnings.chartNone')}</Typography.Text>
      ) : (
        <EChart option={option} height={220} ariaLabel={t('warnings.chartAria')} />
      )}
    </Card>
  );
}

/** 预警管理: the quarter's warnings with their figures and talk status; district admins evaluate a quarter. */
export function WarningsPage() {
  const { t, lang } = useWarningsI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const isDistrict = user.role === 'district_admin';
  const isVillage = user.role === 'village_user';
  const units = useUnitOptions(isDistrict);
  const rules = useWarningRules(chosen?.code);
  const [evaluating, setEvaluating] = useState(false);

  const overview = useWarnings(chosen?.code, {});
  const periods = overview.data?.periods ?? [];
  const wanted = params.get('period');
  const period = wanted === ALL ? undefined : (wanted ?? (isVillage ? undefined : periods[0]));
  const filters: WarningFilters = {
    period,
    level: params.get('level') ?? undefined,
    street: params.get('street') ?? undefined,
  };
  // The default quarter is the latest evaluated one: wait for it rather than show every quarter first.
  const ready = wanted !== null || isVillage || overview.isSuccess;
  const list = useWarnings(ready ? chosen?.code : undefined, filters);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const r = rules.data;
  const rulesLine = r && !isVillage && (
    <Typography.Paragraph
      type="secondary"
      style={{ marginBottom: 12, fontSize: 13 }}
      data-testid="warning-rules"
    >
      <InfoCircleOutlined />{' '}
      {t('warnings.rulesLine', {
        bottomN: r.bottomN,
        overdueMin: r.overdueMin,
        redRateBelow: r.redRateBelow,
        talkDays: r.talkDays,
      })}
      {r.isDefault ? ` ${t('warnings.rulesDefault')}` : ''}
      <br />
      {t('warnings.tieNote', { bottomN: r.bottomN })}
    </Typography.Paragraph>
  );

  const open = (w: WarningView) => warningUrl(w.campaignCode, w.id);
  const unitCell = (w: WarningView) => (
    <Flex vertical>
      <Link to={open(w)}>
        <Typography.Text strong>{w.unitName}</Typography.Text>
      </Link>
      {!isVillage && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {w.streetName ?? ''}
        </Typography.Text>
      )}
    </Flex>
  );
  const talkCell = (w: WarningView) => (
    <Flex vertical gap={2} align="flex-start">
      <TalkTag w={w} />
      {(w.talkStatus === 'pending' || w.talkStatus === 'overdue') && (
        <Typography.Text type={w.talkStatus === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('warnings.dueOn', { date: w.talkDueOn })}
        </Typography.Text>
      )}
    </Flex>
  );
  const action = (w: WarningView) => (
    <Link to={open(w)}>
      {w.can.followUp && (w.talkStatus === 'pending' || w.talkStatus === 'overdue')
        ? t('warnings.recordTalk')
        : t('warnings.view')}
    </Link>
  );

  let body: ReactNode;
  const data = list.data;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else if (data && data.rows.length === 0)
    body = (
      <EmptyState
        description={
          filters.level || filters.street
            ? t('warnings.emptyFiltered')
            : isVillage
              ? t('warnings.emptyVillage')
              : t('warnings.empty')
        }
      />
    );
  else if (data && isMobile)
    body = (
      <Flex vertical gap={10} data-testid="warning-cards">
        {data.rows.map((w) => (
          <Card
            key={w.id}
            size="small"
            className={`wx-warning-card${w.talkStatus === 'overdue' ? ' wx-warning-overdue' : ''}`}
            data-level={w.level}
          >
            <Flex justify="space-between" align="flex-start" gap={8}>
              {unitCell(w)}
              <LevelTag level={w.level} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {quarterLabel(w.period, lang)} ·{' '}
              {t('warnings.scoreLine', { score: format2(w.score), rank: w.rank })}
              {w.status === 'lifted' ? ` · ${t('warnings.status.lifted')}` : ''}
            </Typography.Text>
            <div style={{ margin: '6px 0' }}>
              <Figures w={w} />
            </div>
            <Flex justify="space-between" align="center" gap={8}>
              {talkCell(w)}
              {action(w)}
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  else if (data)
    body = (
      <Table
        rowKey="id"
        size="middle"
        loading={list.isPlaceholderData}
        dataSource={data.rows}
        pagination={data.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        rowClassName={(w) => (w.talkStatus === 'overdue' ? 'wx-warning-overdue' : '')}
        data-testid="warning-table"
        columns={[
          { title: t('warnings.col.unit'), render: unitCell },
          {
            title: t('warnings.col.period'),
            dataIndex: 'period',
            width: 120,
            render: (p: string) => quarterLabel(p, lang),
          },
          {
            title: t('warnings.col.level'),
            width: 100,
            render: (w: WarningView) => <LevelTag level={w.level} />,
          },
          { title: t('warnings.col.figures'), render: (w: WarningView) => <Figures w={w} /> },
          {
            title: t('warnings.col.score'),
            width: 90,
            align: 'right' as const,
            render: (w: WarningView) => format2(w.score),
          },
          { title: t('warnings.col.talk'), width: 170, render: talkCell },
          {
            title: t('warnings.col.status'),
            width: 96,
            render: (w: WarningView) =>
              w.status === 'lifted' ? (
                <Typography.Text type="secondary" title={w.liftReason ?? ''}>
                  {t('warnings.status.lifted')}
                </Typography.Text>
              ) : (
                t('warnings.status.active')
              ),
          },
          { title: t('warnings.col.actions'), width: 90, render: action },
        ]}
      />
    );

  const counts = data?.counts;
  return (
    <>
      <PageHeader
        title={t('warnings.title')}
        subtitle={
          <CampaignSubtitle
            campaign={chosen}
            text={(c) =>
              isVillage
                ? t('warnings.villageSubtitle', { name: c.name })
                : t('warnings.subtitle', { name: c.name, days: r?.talkDays ?? 10 })
            }
          />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {chosen && overview.data?.can.evaluate && (
              <Button type="primary" icon={<AlertOutlined />} onClick={() => setEvaluating(true)}>
                {t('warnings.evaluate')}
              </Button>
            )}
          </>
        }
      />
      {rulesLine}
      {!isVillage && data && <StreetChart data={data.byStreet} />}
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Select
            value={wanted === ALL || !period ? ALL : period}
            onChange={(v: string) => update({ period: v })}
            aria-label={t('warnings.filter.period')}
            style={{ width: isMobile ? '48%' : 160 }}
            options={[
              { value: ALL, label: t('warnings.filter.allPeriods') },
              ...periods.map((p) => ({ value: p, label: quarterLabel(p, lang) })),
            ]}
          />
          <Segmented
            value={filters.level ?? ALL}
            onChange={(v) => update({ level: v === ALL ? undefined : String(v) })}
            aria-label={t('warnings.filter.level')}
            options={[
              { value: ALL, label: t('warnings.filter.allLevels') },
              { value: 'yellow', label: t('warnings.level.yellow') },
              { value: 'red', label: t('warnings.level.red') },
            ]}
          />
          {isDistrict && (
            <Select
              allowClear
              placeholder={t('warnings.filter.street')}
              aria-label={t('warnings.filter.street')}
              value={filters.street}
              onChange={(v?: string) => update({ street: v })}
              style={{ width: isMobile ? '100%' : 160 }}
              options={units.streets.map((u) => ({ value: u.code, label: u.name }))}
            />
          )}
        </Flex>
        {counts && data && data.rows.length > 0 && (
          <Typography.Text
            type="secondary"
            style={{ display: 'block', marginBottom: 8 }}
            data-testid="warning-counts"
          >
            {t('warnings.count', {
              count: data.rows.length,
              yellow: counts.yellow,
              red: counts.red,
              overdue: counts.talkOverdue,
            })}
          </Typography.Text>
        )}
        {body}
      </Card>
      {isDistrict && overview.data && overview.data.evaluations.length > 0 && (
        <Card size="small" title={t('warnings.eval.history')} style={{ marginTop: 12 }}>
          <Flex vertical gap={4}>
            {overview.data.evaluations.slice(0, 8).map((e) => (
              <Typography.Text key={e.id} type="secondary" style={{ fontSize: 13 }}>
                {t('warnings.eval.historyLine', {
                  period: quarterLabel(e.period, lang),
                  sequence: e.sequence,
                  name: e.evaluatedByName,
                  at: formatDateTime(e.evaluatedAt, lang),
                  raised: e.raised,
                  updated: e.updated,
                  kept: e.kept,
                  lifted: e.lifted,
                })}
              </Typography.Text>
            ))}
          </Flex>
        </Card>
      )}
      {chosen && isDistrict && (
        <EvaluateModal
          open={evaluating}
          onClose={() => setEvaluating(false)}
          campaign={chosen.code}
          year={chosen.year}
          initialPeriod={periods[0]}
          onDone={(p) => {
            setEvaluating(false);
            update({ period: p });
          }}
        />
      )}
    </>
  );
}
