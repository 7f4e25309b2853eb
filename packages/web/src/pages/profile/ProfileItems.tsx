import { LockOutlined } from '@ant-design/icons';
import { Flex, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ProfileItemView, UnitProfileView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { EntriesDrawer, type EntriesTarget } from '../../components/campaign/EntriesDrawer';
import { namesOf } from '../../components/campaign/labels';
import { EmptyState } from '../../components/Feedback';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';

/** An item's score as the server displays it: points, 不适用, or 未评分. */
export function ItemPoints({ item }: { item: ProfileItemView }) {
  const { t } = useI18n();
  if (item.na) return <Tag style={{ marginInlineEnd: 0 }}>{t('entries.na')}</Tag>;
  if (item.display === null)
    return <Typography.Text type="secondary">{t('entries.notScored')}</Typography.Text>;
  return <Typography.Text strong>{item.display}</Typography.Text>;
}

/** The unit's items: item, max, points and the entries behind them (a click opens the ledger). */
export function ProfileItems({
  profile,
  stars,
  modules,
  canCorrect,
}: {
  profile: UnitProfileView;
  stars: readonly { code: string; name: string }[];
  modules: readonly { code: string; name: string }[];
  canCorrect: boolean;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const starName = namesOf(stars);
  const moduleName = namesOf(modules);
  const [star, setStar] = useState('');
  const [module, setModule] = useState('');
  const [open, setOpen] = useState<EntriesTarget | null>(null);
  const items = useMemo(
    () => profile.items.filter((i) => (!star || i.star === star) && (!module || i.module === module)),
    [profile.items, star, module],
  );
  const show = (item: ProfileItemView) =>
    setOpen({ unitCode: profile.unit.code, unitName: profile.unit.name, item });

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          value={star}
          onChange={setStar}
          aria-label={t('items.star')}
          style={{ width: isMobile ? 'calc(50% - 4px)' : 150 }}
          options={[
            { value: '', label: t('items.allStars') },
            ...profile.targets.map((code) => ({ value: code, label: starName(code) })),
          ]}
        />
        <Select
          value={module}
          onChange={setModule}
          aria-label={t('items.module')}
          style={{ width: isMobile ? 'calc(50% - 4px)' : 130 }}
          options={[
            { value: '', label: t('items.allModules') },
            ...modules.map((m) => ({ value: m.code, label: m.name })),
          ]}
        />
      </Flex>
      {items.length === 0 ? (
        <EmptyState description={t('items.empty')} />
      ) : isMobile ? (
        <CardList
          items={items}
          rowKey={(i) => i.code}
          onItemClick={show}
          pageSize={12}
          render={(i) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{i.name}</Typography.Text>
                <ItemPoints item={i} />
              </Flex>
              <Flex gap={4} wrap align="center">
                <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                  {starName(i.star)}
                </Tag>
                <Tag style={{ marginInlineEnd: 0 }}>{moduleName(i.module)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('drill.itemMeta', { month: i.month, max: i.max })}
                  {' · '}
                  {t('profile.entryCount', { count: i.entries })}
                </Typography.Text>
              </Flex>
            </Flex>
          )}
        />
      ) : (
        <Table<ProfileItemView>
          rowKey="code"
          size="small"
          dataSource={items}
          pagination={items.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
          scroll={{ x: 820 }}
          onRow={(i) => ({ onClick: () => show(i), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('items.month'), dataIndex: 'month', width: 90 },
            {
              title: t('items.name'),
              key: 'name',
              render: (_, i) => (
                <Flex vertical>
                  <span>{i.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.code}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('items.star'), dataIndex: 'star', width: 110, render: (v: string) => starName(v) },
            {
              title: t('items.module'),
              dataIndex: 'module',
              width: 100,
              render: (v: string) => moduleName(v),
            },
            { title: t('items.max'), dataIndex: 'max', width: 70, align: 'right' },
            {
              title: t('drill.points'),
              key: 'points',
              width: 90,
              align: 'right',
              render: (_, i) => <ItemPoints item={i} />,
            },
            {
              title: t('drill.entries'),
              dataIndex: 'entries',
              width: 90,
              align: 'right',
              render: (n: number, i) => (
                <Flex gap={4} justify="flex-end" align="center">
                  {i.locked && (
                    <LockOutlined style={{ color: 'rgba(0,0,0,0.35)' }} aria-label={t('locks.locked')} />
                  )}
                  <Typography.Link className="wx-drill">{n}</Typography.Link>
                </Flex>
              ),
            },
          ]}
        />
      )}
      <EntriesDrawer
        campaignCode={profile.campaign.code}
        target={open}
        starName={starName}
        moduleName={moduleName}
        canCorrect={canCorrect}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
