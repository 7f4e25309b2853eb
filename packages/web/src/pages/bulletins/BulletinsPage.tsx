import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { BulletinSummaryView } from '../../api/types';
import { CampaignSubtitle } from '../../components/CampaignSubtitle';
import { CardList } from '../../components/CardList';
import { CampaignPicker } from '../../components/campaign/CampaignPicker';
import { periodLabel } from '../../components/campaign/periodLabel';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useBulletins } from './api';
import { GenerateModal } from './GenerateModal';
import { useBulletinI18n } from './i18n';
import { StatusTag } from './labels';

/**
 * 月度通报 list (`/bulletins`): the chosen campaign's bulletins, newest month first. District admins see drafts
 * and generate a month's bulletin here; street admins and village users see the issued ones.
 */
export function BulletinsPage() {
  const { t, lang } = useBulletinI18n();
  const user = useUser();
  const admin = user.role === 'district_admin';
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { campaigns, chosen } = useChosenCampaign();
  const list = useBulletins(chosen?.code);
  const [generating, setGenerating] = useState(false);
  const open = (b: BulletinSummaryView) => navigate(`/bulletins/${b.id}`);
  const updated = (b: BulletinSummaryView) =>
    t('bulletin.updatedBy', { name: b.updatedByName, at: formatDateTime(b.updatedAt, lang) });

  let body: ReactNode;
  if (campaigns.isPending || (chosen && list.isPending)) body = <Loading />;
  else if (campaigns.isError) body = <ErrorBox error={campaigns.error} onRetry={() => campaigns.refetch()} />;
  else if (!chosen) body = <EmptyState description={t('campaigns.none')} />;
  else if (list.isError) body = <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  else {
    const rows = [...(list.data?.bulletins ?? [])].sort((a, b) => b.month.localeCompare(a.month));
    body =
      rows.length === 0 ? (
        <EmptyState description={admin ? t('bulletin.empty') : t('bulletin.emptyReader')} />
      ) : mobile ? (
        <CardList
          items={rows}
          rowKey={(b) => b.id}
          onItemClick={open}
          render={(b) => (
            <Flex vertical gap={4} data-bulletin={b.month}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{periodLabel(b.month, t)}</Typography.Text>
                <StatusTag status={b.status} t={t} />
              </Flex>
              <Typography.Text>{b.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.docNumber ? `${b.docNumber} · ` : ''}
                {b.issuedAt ? formatDateTime(b.issuedAt, lang) : updated(b)}
              </Typography.Text>
            </Flex>
          )}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<BulletinSummaryView>
            rowKey="id"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={(b) => ({
              onClick: () => open(b),
              style: { cursor: 'pointer' },
              'data-bulletin': b.month,
            })}
            columns={[
              {
                title: t('bulletin.col.month'),
                dataIndex: 'month',
                width: 120,
                render: (m: string) => periodLabel(m, t),
              },
              {
                title: t('bulletin.col.title'),
                dataIndex: 'title',
                render: (title: string, b) => (
                  <Link to={`/bulletins/${b.id}`} onClick={(e) => e.stopPropagation()}>
                    {title}
                  </Link>
                ),
              },
              { title: t('bulletin.col.docNumber'), dataIndex: 'docNumber', width: 170 },
              {
                title: t('bulletin.col.status'),
                dataIndex: 'status',
                width: 90,
                render: (_: unknown, b) => <StatusTag status={b.status} t={t} />,
              },
              ...(admin
                ? [
                    {
                      title: t('bulletin.col.updated'),
                      key: 'updated',
                      width: 250,
                      render: (_: unknown, b: BulletinSummaryView) => updated(b),
                    },
                  ]
                : []),
              {
                title: t('bulletin.col.issued'),
                dataIndex: 'issuedAt',
                width: 150,
                render: (at: string | null) => (at ? formatDateTime(at, lang) : '—'),
              },
            ]}
          />
        </Card>
      );
  }

  return (
    <>
      <PageHeader
        title={t('bulletin.title')}
        subtitle={
          <CampaignSubtitle
            campaign={chosen}
            text={(c) => `${c.name} · ${admin ? t('bulletin.subtitle') : t('bulletin.subtitleReader')}`}
          />
        }
        extra={
          <>
            <CampaignPicker campaigns={campaigns.data} chosen={chosen} />
            {admin && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setGenerating(true)}
                disabled={!campaigns.data?.length}
              >
                {t('bulletin.generate')}
              </Button>
            )}
          </>
        }
      />
      {body}
      {admin && campaigns.data && (
        <GenerateModal
          campaigns={campaigns.data}
          initialCampaign={chosen?.code}
          open={generating}
          onClose={() => setGenerating(false)}
        />
      )}
    </>
  );
}
