import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { CampaignDetailView, ItemView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { namesOf } from '../../components/campaign/labels';
import { EmptyState, errorMessage } from '../../components/Feedback';
import { monthsOf } from '../../components/period';
import { campaignPath } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { ItemDialog } from './ItemDialog';
import { useCampaignWrite } from './useCampaignWrite';

const ALL = '';

/** 指标: the campaign's items by star, module and month, with add, edit and delete. */
export function ItemsTab({ campaign, editable }: { campaign: CampaignDetailView; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [star, setStar] = useState(ALL);
  const [module, setModule] = useState(ALL);
  const [month, setMonth] = useState(ALL);
  const [dialog, setDialog] = useState<{ open: boolean; item: ItemView | null }>({ open: false, item: null });
  // Once a month is locked items can be renamed but not added, deleted, moved or rescaled.
  const structural = editable && campaign.locks.length === 0;
  const starName = namesOf(campaign.stars);
  const moduleName = namesOf(campaign.modules);
  const remove = useCampaignWrite(campaign.code, (code: string) =>
    api.delete<CampaignDetailView>(`${campaignPath(campaign.code)}/items/${encodeURIComponent(code)}`),
  );

  const items = useMemo(
    () =>
      campaign.items.filter(
        (i) =>
          (star === ALL || i.star === star) &&
          (module === ALL || i.module === module) &&
          (month === ALL || i.month === month),
      ),
    [campaign.items, star, module, month],
  );

  const onDelete = (item: ItemView) =>
    remove.mutate(item.code, {
      onSuccess: () => message.success(t('items.deleted', { name: item.name })),
      onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
    });

  const actions = (item: ItemView) =>
    editable ? (
      <Flex gap={4}>
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setDialog({ open: true, item })}
        >
          {t('common.edit')}
        </Button>
        {structural && (
          <Popconfirm
            title={t('items.deleteConfirm', { name: item.name })}
            description={t('items.deleteHint')}
            onConfirm={() => onDelete(item)}
            okText={t('items.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />}>
              {t('items.delete')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    ) : null;

  const filters = (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Select
        value={star}
        onChange={setStar}
        aria-label={t('items.star')}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 150 }}
        options={[
          { value: ALL, label: t('items.allStars') },
          ...campaign.stars.map((s) => ({ value: s.code, label: s.name })),
        ]}
      />
      <Select
        value={module}
        onChange={setModule}
        aria-label={t('items.module')}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 130 }}
        options={[
          { value: ALL, label: t('items.allModules') },
          ...campaign.modules.filter((m) => m.kind === 'plan').map((m) => ({ value: m.code, label: m.name })),
        ]}
      />
      <Select
        value={month}
        onChange={setMonth}
        aria-label={t('items.month')}
        style={{ width: isMobile ? 'calc(50% - 4px)' : 130 }}
        options={[
          { value: ALL, label: t('items.allMonths') },
          ...monthsOf(campaign.year).map((m) => ({ value: m, label: m })),
        ]}
      />
      <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
        {t('items.count', { count: items.length })}
      </Typography.Text>
      {structural && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ open: true, item: null })}
          style={{ marginInlineStart: isMobile ? 0 : 'auto' }}
        >
          {t('items.add')}
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      {filters}
      {items.length === 0 ? (
        <EmptyState description={t('items.empty')} />
      ) : isMobile ? (
        <CardList
          items={items}
          rowKey={(i) => i.code}
          pageSize={20}
          render={(i) => (
            <Flex vertical gap={4}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Typography.Text>{t('items.maxShort', { max: i.max })}</Typography.Text>
              </Flex>
              <Flex gap={4} wrap>
                <Tag color="red" variant="outlined">
                  {starName(i.star)}
                </Tag>
                <Tag>{moduleName(i.module)}</Tag>
                <Tag>{i.month}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.code}
              </Typography.Text>
              {actions(i)}
            </Flex>
          )}
        />
      ) : (
        <Table<ItemView>
          rowKey="code"
          size="small"
          dataSource={items}
          pagination={items.length > 25 ? { pageSize: 25, showSizeChanger: false } : false}
          scroll={{ x: 860 }}
          columns={[
            { title: t('items.code'), dataIndex: 'code', width: 120 },
            {
              title: t('items.name'),
              dataIndex: 'name',
              render: (v: string, i) => (
                <Flex vertical>
                  <span>{v}</span>
                  {i.guidance && (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      ellipsis={{ tooltip: i.guidance }}
                    >
                      {i.guidance}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('items.star'),
              dataIndex: 'star',
              width: 120,
              render: (v: string) => starName(v),
            },
            {
              title: t('items.module'),
              dataIndex: 'module',
              width: 100,
              render: (v: string) => moduleName(v),
            },
            { title: t('items.month'), dataIndex: 'month', width: 90 },
            { title: t('items.max'), dataIndex: 'max', width: 70, align: 'right' },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 150,
                    render: (_: unknown, i: ItemView) => actions(i),
                  },
                ]
              : []),
          ]}
        />
      )}
      <ItemDialog
        campaign={campaign}
        structural={structural}
        item={dialog.item}
        open={dialog.open}
        onClose={() => setDialog((d) => ({ ...d, open: false }))}
      />
    </>
  );
}
