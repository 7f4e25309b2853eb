import { RightOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { BonusView, ProfileItemView, StarView } from '../../api/types';
import { useUnitProfile } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { CardList } from '../CardList';
import { EmptyState, ErrorBox, Loading } from '../Feedback';
import { formatDateTime } from '../format';
import { periodEnd } from '../period';
import { ItemEntries } from './ItemEntries';
import { namesOf, twoDecimals } from './labels';
import { periodLabel } from './periodLabel';

/** The number being drilled into: a unit's score (star null) or one star's score, as of a period. */
export interface DrillTarget {
  unitCode: string;
  unitName: string;
  /** A star code, or null for the unit score (the mean over its target stars). */
  star: string | null;
  period: string;
}

/** The score of an item as the server displays it: points, 不适用, or 未评分 (counts 0). */
function ItemScore({ item }: { item: ProfileItemView }) {
  const { t } = useI18n();
  if (item.na) return <Tag style={{ marginInlineEnd: 0 }}>{t('entries.na')}</Tag>;
  if (item.display === null)
    return <Typography.Text type="secondary">{t('entries.notScored')}</Typography.Text>;
  return <Typography.Text strong>{item.display}</Typography.Text>;
}

/**
 * Drill-down behind a ranking number: the star's module points, every item due by the period's end with
 * its score, and — one click further — the ledger entries behind each item (scorer, points, time,
 * source, reason, superseded). For a unit score, its target stars lead to the same view per star.
 */
export function DrillDrawer({
  campaignCode,
  stars,
  modules,
  target,
  onClose,
}: {
  campaignCode: string;
  stars: readonly StarView[];
  modules: readonly { code: string; name: string }[];
  target: DrillTarget | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const profile = useUnitProfile(campaignCode, target?.unitCode, target?.period);
  const [starOverride, setStarOverride] = useState<{ for: DrillTarget; star: string } | null>(null);
  const [openItems, setOpenItems] = useState<string[]>([]);
  const starName = namesOf(stars);
  const moduleName = namesOf(modules);
  const star = starOverride && starOverride.for === target ? starOverride.star : (target?.star ?? null);
  const end = target ? periodEnd(target.period) : '';

  const data = profile.data;
  const starView = data?.stars.find((s) => s.code === star);
  const items = useMemo(
    () =>
      (data?.items ?? [])
        .filter((i) => i.month <= end && (star === null ? true : i.star === star))
        .sort((a, b) => a.month.localeCompare(b.month) || a.star.localeCompare(b.star)),
    [data, end, star],
  );
  const bonuses = (data?.bonuses ?? []).filter((b) => b.month <= end && (star === null || b.star === star));

  const toggle = (code: string) =>
    setOpenItems((open) => (open.includes(code) ? open.filter((c) => c !== code) : [...open, code]));

  const itemCards = (
    <CardList
      items={items}
      rowKey={(i) => i.code}
      pageSize={12}
      render={(i) => (
        <Flex vertical gap={6}>
          <Flex justify="space-between" gap={8} align="center">
            <Typography.Text strong>{i.name}</Typography.Text>
            <ItemScore item={i} />
          </Flex>
          <Flex gap={4} wrap align="center">
            {star === null && (
              <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                {starName(i.star)}
              </Tag>
            )}
            <Tag style={{ marginInlineEnd: 0 }}>{moduleName(i.module)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('drill.itemMeta', { month: i.month, max: i.max })}
            </Typography.Text>
          </Flex>
          <Button
            size="small"
            type="link"
            style={{ alignSelf: 'flex-start', paddingInline: 0 }}
            onClick={() => toggle(i.code)}
          >
            {openItems.includes(i.code)
              ? t('drill.hideEntries')
              : t('drill.showEntries', { count: i.entries })}
          </Button>
          {openItems.includes(i.code) && target && (
            <ItemEntries campaignCode={campaignCode} unitCode={target.unitCode} item={i} />
          )}
        </Flex>
      )}
    />
  );

  const itemTable = (
    <Table<ProfileItemView>
      rowKey="code"
      size="small"
      dataSource={items}
      pagination={items.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      expandable={{
        expandedRowKeys: openItems,
        onExpand: (_, i) => toggle(i.code),
        expandedRowRender: (i) =>
          target ? <ItemEntries campaignCode={campaignCode} unitCode={target.unitCode} item={i} /> : null,
        rowExpandable: (i) => i.entries > 0,
      }}
      columns={[
        { title: t('items.month'), dataIndex: 'month', width: 84 },
        {
          title: t('items.name'),
          key: 'name',
          render: (_, i) => (
            <Flex vertical>
              <span>{i.name}</span>
              {star === null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {starName(i.star)}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        { title: t('items.module'), dataIndex: 'module', width: 90, render: (v: string) => moduleName(v) },
        { title: t('items.max'), dataIndex: 'max', width: 60, align: 'right' },
        {
          title: t('drill.points'),
          key: 'score',
          width: 80,
          align: 'right',
          render: (_, i) => <ItemScore item={i} />,
        },
        {
          title: t('drill.entries'),
          dataIndex: 'entries',
          width: 70,
          align: 'right',
          render: (n: number, i) =>
            n > 0 ? (
              <Typography.Link onClick={() => toggle(i.code)}>{n}</Typography.Link>
            ) : (
              <span className="wx-muted">0</span>
            ),
        },
      ]}
    />
  );

  const bonusList = (list: BonusView[]) => (
    <Flex vertical gap={6}>
      {list.map((b) => (
        <Flex key={b.id} gap={8} wrap align="baseline" className="wx-diff-item">
          <Typography.Text strong>{t('drill.bonusPoints', { points: b.points })}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{starName(b.star)}</Tag>
          <span>{b.month}</span>
          <span>{b.reason}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[b.enteredByName, formatDateTime(b.enteredAt, lang)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );

  return (
    <Drawer
      open={target !== null}
      onClose={() => {
        setOpenItems([]);
        setStarOverride(null);
        onClose();
      }}
      size={isMobile ? '100%' : 820}
      title={
        target ? (
          <Flex vertical>
            <span>
              {t('drill.title', {
                unit: target.unitName,
                what: star ? starName(star) : t('ranking.score'),
              })}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {t('drill.asOf', { period: periodLabel(target.period, t), end })}
            </Typography.Text>
          </Flex>
        ) : null
      }
      destroyOnHidden
    >
      {profile.isPending ? (
        <Loading />
      ) : profile.isError ? (
        <ErrorBox error={profile.error} onRetry={() => profile.refetch()} />
      ) : (
        data &&
        target && (
          <Flex vertical gap={16}>
            <Flex gap={8} wrap align="center">
              <Segmented<string>
                value={star ?? ''}
                onChange={(v) => setStarOverride({ for: target, star: v })}
                options={[
                  { value: '', label: t('ranking.score') },
                  ...data.targets.map((code) => ({ value: code, label: starName(code) })),
                ]}
                style={{ maxWidth: '100%', overflowX: 'auto' }}
              />
            </Flex>
            {star === null ? (
              <Descriptions
                size="small"
                bordered
                column={isMobile ? 1 : 2}
                items={[
                  {
                    key: 'score',
                    label: t('ranking.score'),
                    children: <Typography.Text strong>{data.display}</Typography.Text>,
                  },
                  {
                    key: 'rank',
                    label: t('ranking.rank'),
                    children: t('profile.rankOf', { rank: data.rank, total: data.total }),
                  },
                  ...data.stars
                    .filter((s) => s.targeted)
                    .map((s) => ({
                      key: s.code,
                      label: s.name,
                      children: (
                        <Typography.Link onClick={() => setStarOverride({ for: target, star: s.code })}>
                          {s.display ?? '—'} <RightOutlined style={{ fontSize: 10 }} />
                        </Typography.Link>
                      ),
                    })),
                ]}
              />
            ) : (
              <Flex gap={8} wrap align="center" className="wx-breakdown">
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {starName(star)}
                  </Typography.Text>
                  <Typography.Text strong style={{ fontSize: 22, color: '#a93226' }}>
                    {starView?.display ?? '—'}
                  </Typography.Text>
                </Flex>
                {modules.map((m, i) => (
                  <Flex key={m.code} gap={8} align="center">
                    <span className="wx-muted">{i === 0 ? '＝' : '＋'}</span>
                    <Flex vertical className="wx-breakdown-part">
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.name}
                      </Typography.Text>
                      <Typography.Text strong>
                        {starView && starView.modules[m.code] !== undefined
                          ? twoDecimals(starView.modules[m.code] ?? 0)
                          : '—'}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                ))}
              </Flex>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {star === null ? t('drill.ruleUnit') : t('drill.ruleStar')}
            </Typography.Text>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('drill.itemsTitle', { count: items.length })}
            </Typography.Title>
            {items.length === 0 ? (
              <EmptyState description={t('drill.noItems')} />
            ) : isMobile ? (
              itemCards
            ) : (
              itemTable
            )}
            {bonuses.length > 0 && (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('drill.bonusesTitle')}
                </Typography.Title>
                {bonusList(bonuses)}
              </>
            )}
          </Flex>
        )
      )}
    </Drawer>
  );
}
