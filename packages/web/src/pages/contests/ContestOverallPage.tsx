import { DownloadOutlined, LeftOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import type { OverallRowView } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { contestLinks, useOverall } from './api';
import { useContestI18n } from './i18n';
import { points } from './parts';

/** 年终总评 (`/contests/overall/:year`): per group, each unit's mean quarterly total over the year's contests. */
export function ContestOverallPage() {
  const { year: yearText = '' } = useParams();
  const year = Number(yearText);
  const { t } = useContestI18n();
  const navigate = useNavigate();
  const overall = useOverall(year);

  return (
    <>
      <Button
        type="link"
        icon={<LeftOutlined />}
        onClick={() => navigate('/contests')}
        style={{ paddingInline: 0 }}
      >
        {t('contest.setup.back')}
      </Button>
      <PageHeader
        title={t('contest.overall.title', { year })}
        subtitle={t('contest.overall.help')}
        extra={
          <Button icon={<DownloadOutlined />} href={contestLinks.overallXlsx(year)} download>
            {t('contest.results.export')}
          </Button>
        }
      />
      {overall.isPending ? (
        <Loading />
      ) : overall.isError ? (
        <ErrorBox error={overall.error} onRetry={() => overall.refetch()} />
      ) : overall.data.contests.length === 0 ? (
        <EmptyState description={t('contest.overall.none')} />
      ) : (
        <Flex vertical gap={16}>
          {overall.data.groups.map((group) => (
            <Card
              key={group.groupCode}
              title={group.groupName}
              size="small"
              styles={{ body: { padding: 0 } }}
            >
              <Table<OverallRowView>
                size="small"
                rowKey="unitCode"
                dataSource={group.rows}
                pagination={false}
                scroll={{ x: 600 + overall.data.contests.length * 110 }}
                columns={[
                  { title: t('contest.results.rank'), dataIndex: 'rank', width: 70, fixed: 'left' },
                  { title: t('contest.col.unit'), dataIndex: 'unitName', width: 200, fixed: 'left' },
                  ...overall.data.contests.map((c) => ({
                    title: c.period,
                    key: c.code,
                    width: 110,
                    align: 'right' as const,
                    render: (_: unknown, row: OverallRowView) => points(row.totals[c.code]),
                  })),
                  { title: t('contest.overall.taken'), dataIndex: 'contests', width: 100, align: 'right' },
                  {
                    title: t('contest.overall.mean'),
                    dataIndex: 'mean',
                    width: 120,
                    align: 'right',
                    render: (v: number) => <Typography.Text strong>{points(v)}</Typography.Text>,
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
