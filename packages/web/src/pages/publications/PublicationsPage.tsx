import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { PublicationSummaryView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useCampaigns } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { usePublications } from '../../hooks/usePublications';
import { useUser } from '../../hooks/useSession';
import { usePublicationsI18n } from './i18n';
import { ScopeTag, WindowTag } from './labels';
import { PublishModal } from './PublishModal';

/** 结果公示: every publication, newest first; the district admin publishes from here. */
export function PublicationsPage() {
  const { t } = usePublicationsI18n();
  const user = useUser();
  const admin = user.role === 'district_admin';
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const list = usePublications();
  const campaigns = useCampaigns(admin);
  const [publishing, setPublishing] = useState(false);

  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} onRetry={() => list.refetch()} />;
  const rows = list.data.rows;
  const open = (p: PublicationSummaryView) => navigate(`/publications/${p.id}`);

  return (
    <>
      <PageHeader
        title={t('pub.title')}
        subtitle={t('pub.subtitle')}
        extra={
          admin && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setPublishing(true)}
              disabled={!campaigns.data?.length}
            >
              {t('pub.publish')}
            </Button>
          )
        }
      />
      {rows.length === 0 ? (
        <EmptyState description={t('pub.empty')} />
      ) : mobile ? (
        <CardList
          items={rows}
          rowKey={(p) => p.id}
          onItemClick={open}
          render={(p) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{p.title}</Typography.Text>
              <Typography.Text type="secondary">
                {p.number} · {p.periodLabel} · {t('pub.version', { n: p.currentVersion })}
              </Typography.Text>
              <Flex wrap gap={4}>
                <ScopeTag scope={p.scope} t={t} />
                <WindowTag open={p.windowOpen} end={p.windowEnd} t={t} />
                {p.pendingObjections > 0 && (
                  <Tag color="gold">
                    {t('pub.col.objections')} {p.pendingObjections}
                  </Tag>
                )}
              </Flex>
            </Flex>
          )}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<PublicationSummaryView>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            onRow={(p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('pub.col.number'), dataIndex: 'number', width: 130 },
              {
                title: t('pub.col.title'),
                dataIndex: 'title',
                render: (title: string, p) => (
                  <Flex gap={6} align="center" wrap>
                    <Link to={`/publications/${p.id}`} onClick={(e) => e.stopPropagation()}>
                      {title}
                    </Link>
                    {p.demo && <Tag>{t('pub.demo')}</Tag>}
                  </Flex>
                ),
              },
              { title: t('pub.col.period'), dataIndex: 'periodLabel', width: 140 },
              {
                title: t('pub.col.scope'),
                dataIndex: 'scope',
                width: 80,
                render: (_: unknown, p) => <ScopeTag scope={p.scope} t={t} />,
              },
              { title: t('pub.col.publishedOn'), dataIndex: 'publishedOn', width: 110 },
              {
                title: t('pub.col.window'),
                key: 'window',
                width: 190,
                render: (_: unknown, p) => <WindowTag open={p.windowOpen} end={p.windowEnd} t={t} />,
              },
              {
                title: t('pub.col.version'),
                dataIndex: 'currentVersion',
                width: 70,
                render: (n: number) => t('pub.version', { n }),
              },
              {
                title: t('pub.col.objections'),
                dataIndex: 'pendingObjections',
                width: 120,
                align: 'center',
                render: (n: number) => (n > 0 ? <Badge count={n} /> : '—'),
              },
            ]}
          />
        </Card>
      )}
      {admin && campaigns.data && (
        <PublishModal campaigns={campaigns.data} open={publishing} onClose={() => setPublishing(false)} />
      )}
    </>
  );
}
