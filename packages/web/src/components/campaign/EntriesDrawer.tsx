import { LockOutlined } from '@ant-design/icons';
import { Descriptions, Drawer, Flex, Tag, Typography } from 'antd';
import type { ItemView } from '../../api/types';
import { useItemEntries } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { ItemEntries } from './ItemEntries';

/** What the drawer shows: one unit's item. */
export interface EntriesTarget {
  unitCode: string;
  unitName: string;
  item: ItemView;
}

/** A drawer with the ledger behind one unit's item score (how the number came about). */
export function EntriesDrawer({
  campaignCode,
  target,
  starName,
  moduleName,
  canCorrect = false,
  onClose,
}: {
  campaignCode: string;
  target: EntriesTarget | null;
  starName: (code: string) => string;
  moduleName: (code: string) => string;
  canCorrect?: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const entries = useItemEntries(campaignCode, target?.unitCode, target?.item.code);
  const item = target?.item;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 760}
      title={
        target ? (
          <Flex vertical>
            <span>{t('entries.title', { unit: target.unitName })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {target.item.name}
            </Typography.Text>
          </Flex>
        ) : null
      }
      destroyOnHidden
    >
      {target && item && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={isMobile ? 1 : 2}
            items={[
              { key: 'code', label: t('items.code'), children: item.code },
              { key: 'star', label: t('items.star'), children: starName(item.star) },
              { key: 'module', label: t('items.module'), children: moduleName(item.module) },
              {
                key: 'month',
                label: t('items.month'),
                children: (
                  <Flex gap={6} align="center">
                    {item.month}
                    {entries.data?.locked && (
                      <Tag icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
                        {t('locks.locked')}
                      </Tag>
                    )}
                  </Flex>
                ),
              },
              { key: 'max', label: t('items.max'), children: item.max },
              {
                key: 'score',
                label: t('entries.itemScore'),
                children: entries.data ? (
                  entries.data.na ? (
                    t('entries.na')
                  ) : (
                    <Typography.Text strong>{entries.data.display ?? t('entries.notScored')}</Typography.Text>
                  )
                ) : (
                  '…'
                ),
              },
            ]}
          />
          {item.guidance && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('common.labelValue', { label: t('items.guidance'), value: item.guidance })}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entries.rule')}
          </Typography.Text>
          <ItemEntries
            campaignCode={campaignCode}
            unitCode={target.unitCode}
            item={item}
            canCorrect={canCorrect}
          />
        </Flex>
      )}
    </Drawer>
  );
}
