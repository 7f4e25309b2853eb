import { LockOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ProfileItemView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { EntriesDrawer, type EntriesTarget } from '../../components/campaign/EntriesDrawer';
import { namesOf, StarTags } from '../../components/campaign/labels';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { monthsOf } from '../../components/period';
import { useCampaign, useChosenCampaign, useScoreSheet, useTargets } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { ItemPoints } from '../profile/ProfileItems';
import { ScoreForm } from './ScoreForm';

/**
 * 评分录入: choose a unit in scope and a month, then enter each item's score (its max enforced) or mark
 * it N/A. Locked months take corrections with a reason. Every item shows the entries already behind it.
 */
export function ScoreEntryPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const { campaigns, chosen } = useChosenCampaign();
  const campaign = useCampaign(chosen?.code);
  const targets = useTargets(chosen?.code);
  const [drawer, setDrawer] = useState<EntriesTarget | null>(null);

  const c = campaign.data;
  const starName = namesOf(c?.stars);
  const moduleName = namesOf(c?.modules);
  const locked = useMemo(() => new Set((c?.locks ?? []).map((l) => l.month)), [c]);
  const units = targets.data?.units ?? [];
  const unitCode = units.some((u) => u.unitCode === params.get('unit'))
    ? (params.get('unit') ?? undefined)
    : units[0]?.unitCode;
  const unit = units.find((u) => u.unitCode === unitCode);
  const months = c ? monthsOf(c.year) : [];
  const firstOpen = months.find((m) => !locked.has(m)) ?? months[months.length - 1];
  const month = months.includes(params.get('month') ?? '') ? (params.get('month') ?? undefined) : firstOpen;
  const sheet = useScoreSheet(chosen?.code, unitCode, month);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const unitOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const u of units) {
      const key = u.parentCode ?? '';
      const group = groups.get(key) ?? { label: u.parentName ?? t('inspections.otherUnits'), options: [] };
      group.options.push({ value: u.unitCode, label: u.unitName });
      groups.set(key, group);
    }
    return [...groups.values()];
  }, [units, t]);

  const entriesLink = (i: ProfileItemView) =>
    unit ? (
      <Typography.Link
        onClick={() => setDrawer({ unitCode: unit.unitCode, unitName: unit.unitName, item: i })}
        style={{ fontSize: 12 }}
      >
        {t('scores.entriesLink', { count: i.entries })}
      </Typography.Link>
    ) : null;

  let list: ReactNode = null;
  if (sheet.isPending) list = <Loading />;
  else if (sheet.isError) list = <ErrorBox error={sheet.error} onRetry={() => sheet.refetch()} />;
  else if (sheet.data.items.length === 0) list = <EmptyState description={t('scores.noItems')} />;
  else if (isMobile)
    list = (
      <CardList
        items={sheet.data.items}
        rowKey={(i) => i.code}
        render={(i) => (
          <Flex vertical gap={8}>
            <Flex justify="space-between" gap={8} align="flex-start">
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Flex gap={4} wrap style={{ marginTop: 4 }}>
                  <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                    {starName(i.star)}
                  </Tag>
                  <Tag style={{ marginInlineEnd: 0 }}>{moduleName(i.module)}</Tag>
                  <Tag style={{ marginInlineEnd: 0 }}>{t('items.maxShort', { max: i.max })}</Tag>
                </Flex>
              </Flex>
              <Flex vertical align="flex-end" style={{ flex: 'none' }}>
                <ItemPoints item={i} />
                {entriesLink(i)}
              </Flex>
            </Flex>
            {i.guidance && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.guidance}
              </Typography.Text>
            )}
            {unitCode && chosen && (
              <ScoreForm campaignCode={chosen.code} unitCode={unitCode} item={i} compact />
            )}
          </Flex>
        )}
      />
    );
  else
    list = (
      <Table<ProfileItemView>
        rowKey="code"
        size="middle"
        dataSource={sheet.data.items}
        pagination={false}
        scroll={{ x: 980 }}
        columns={[
          {
            title: t('items.name'),
            key: 'name',
            render: (_, i) => (
              <Flex vertical>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.code}
                  {i.guidance ? ` · ${i.guidance}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('items.star'), dataIndex: 'star', width: 110, render: (v: string) => starName(v) },
          { title: t('items.module'), dataIndex: 'module', width: 96, render: (v: string) => moduleName(v) },
          { title: t('items.max'), dataIndex: 'max', width: 64, align: 'right' },
          {
            title: t('scores.currentScore'),
            key: 'current',
            width: 110,
            align: 'right',
            render: (_, i) => (
              <Flex vertical align="flex-end">
                <ItemPoints item={i} />
                {entriesLink(i)}
              </Flex>
            ),
          },
          {
            title: t('scores.enter'),
            key: 'enter',
            width: 420,
            render: (_, i) =>
              unitCode && chosen ? (
                <ScoreForm campaignCode={chosen.code} unitCode={unitCode} item={i} />
              ) : null,
          },
        ]}
      />
    );

  let body: ReactNode;
  if (campaigns.isPending || (chosen && (campaign.isPending || targets.isPending))) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (campaign.isError) body = <ErrorBox error={campaign.error} onRetry={() => campaign.refetch()} />;
  else if (targets.isError) body = <ErrorBox error={targets.error} onRetry={() => targets.refetch()} />;
  else if (units.length === 0) body = <EmptyState description={t('scores.noUnits')} />;
  else
    body = (
      <Flex vertical gap={12}>
        <Flex gap={8} wrap align="center">
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={unitCode}
            onChange={(v) => set('unit', v)}
            options={unitOptions}
            aria-label={t('scores.unit')}
            placeholder={t('scores.unit')}
            style={{ width: isMobile ? '100%' : 240 }}
          />
          <Select
            value={month}
            onChange={(v) => set('month', v)}
            aria-label={t('items.month')}
            style={{ width: isMobile ? '100%' : 160 }}
            options={months.map((m) => ({
              value: m,
              label: (
                <Flex gap={6} align="center" justify="space-between">
                  <span>{m}</span>
                  {locked.has(m) && (
                    <LockOutlined style={{ color: 'rgba(0,0,0,0.45)' }} aria-label={t('locks.locked')} />
                  )}
                </Flex>
              ),
            }))}
          />
          {unit && (
            <Flex gap={6} align="center" wrap>
              <Typography.Text type="secondary">{t('targets.effective')}</Typography.Text>
              <StarTags codes={unit.effective} starName={starName} />
            </Flex>
          )}
        </Flex>
        {month && locked.has(month) && (
          <Alert type="warning" showIcon icon={<LockOutlined />} title={t('scores.lockedMonth', { month })} />
        )}
        {list}
      </Flex>
    );

  return (
    <>
      <PageHeader
        title={t('menu.scores')}
        subtitle={t('scores.subtitle')}
        extra={<CampaignPicker campaigns={campaigns.data} chosen={chosen} />}
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>{body}</Card>
      {chosen && (
        <EntriesDrawer
          campaignCode={chosen.code}
          target={drawer}
          starName={starName}
          moduleName={moduleName}
          canCorrect
          onClose={() => setDrawer(null)}
        />
      )}
    </>
  );
}
