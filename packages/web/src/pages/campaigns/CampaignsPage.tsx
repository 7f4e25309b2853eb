import { ImportOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CampaignSummaryView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { CardList } from '../../components/CardList';
import { CampaignStatus } from '../../components/campaign/CampaignStatus';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCampaigns } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { CampaignImportModal } from './CampaignImportModal';
import { CreateCampaignModal } from './CreateCampaignModal';

/** 考评方案: every campaign, with create (from the five-star template) and workbook import. */
export function CampaignsPage() {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const campaigns = useCampaigns();
  const [createOpen, setCreateOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const open = (c: CampaignSummaryView) => navigate(`/campaigns/${encodeURIComponent(c.code)}`);

  let body: ReactNode;
  if (campaigns.isPending) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (campaigns.data.length === 0)
    body = (
      <EmptyState description={t('campaigns.empty')}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
          {t('campaigns.create')}
        </Button>
      </EmptyState>
    );
  else if (isMobile)
    body = (
      <CardList
        items={campaigns.data}
        rowKey={(c) => c.id}
        onItemClick={open}
        render={(c) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{c.name}</Typography.Text>
              <RightOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
            </Flex>
            <Flex gap={8} wrap align="center">
              <CampaignStatus status={c.status} />
              {c.demo && <DemoTag subtle />}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('campaigns.cardMeta', { year: c.year, units: c.unitCount, items: c.itemCount })}
            </Typography.Text>
          </Flex>
        )}
      />
    );
  else
    body = (
      <Table<CampaignSummaryView>
        rowKey="id"
        dataSource={campaigns.data}
        pagination={false}
        onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('campaigns.field.name'),
            key: 'name',
            render: (_, c) => (
              <Flex vertical>
                <Flex gap={6} align="center">
                  <Typography.Link strong>{c.name}</Typography.Link>
                  {c.demo && <DemoTag subtle />}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.code}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('campaigns.field.year'), dataIndex: 'year', width: 90 },
          {
            title: t('campaigns.field.status'),
            key: 'status',
            width: 110,
            render: (_, c) => <CampaignStatus status={c.status} />,
          },
          { title: t('campaigns.field.units'), dataIndex: 'unitCount', width: 110, align: 'right' },
          { title: t('campaigns.field.items'), dataIndex: 'itemCount', width: 100, align: 'right' },
          {
            title: t('campaigns.field.starLine'),
            dataIndex: 'starLine',
            width: 100,
            align: 'right',
            render: (v: number) => formatNumber(v),
          },
          {
            title: t('campaigns.field.updatedAt'),
            dataIndex: 'updatedAt',
            width: 160,
            render: (v: string) => formatDateTime(v, lang),
          },
        ]}
      />
    );

  return (
    <>
      <PageHeader
        title={t('menu.campaigns')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <>
            <Button icon={<ImportOutlined />} onClick={() => setImportOpen(true)}>
              {t('campaigns.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)}>
              {t('campaigns.create')}
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>{body}</Card>
      <CreateCampaignModal
        open={createOpen}
        onClose={() => setCreateOpen(false)}
        takenYears={(campaigns.data ?? []).map((c) => c.year)}
      />
      <CampaignImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}
