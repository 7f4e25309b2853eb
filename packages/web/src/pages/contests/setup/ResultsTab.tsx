import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import type { ContestDetailView, ResultRowView } from '../../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../../components/Feedback';
import { formatDateTime } from '../../../components/format';
import { contestLinks, useResults } from '../api';
import { useContestI18n } from '../i18n';
import { points } from '../parts';

/** 结果: each group's ranking of closed units (judges' scores per unit, the dropped ones marked) and the export. */
export function ResultsTab({ view }: { view: ContestDetailView }) {
  const { t, lang } = useContestI18n();
  const code = view.contest.code;
  const results = useResults(code);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorBox error={results.error} onRetry={() => results.refetch()} />;
  const data = results.data;
  const any = data.groups.some((g) => g.rows.length > 0);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        {data.frozen ? (
          <Alert
            type="success"
            showIcon
            title={t('contest.results.locked', { at: formatDateTime(data.contest.announcedAt, lang) })}
          />
        ) : (
          <span />
        )}
        <Button icon={<DownloadOutlined />} href={contestLinks.resultsXlsx(code)} download disabled={!any}>
          {t('contest.results.export')}
        </Button>
      </Flex>
      {!any && <EmptyState description={t('contest.results.none')} />}
      {data.groups
        .filter((g) => g.rows.length > 0)
        .map((group) => (
          <div key={group.groupCode} data-testid={`results-${group.groupCode}`}>
            <Typography.Title level={5}>
              {group.groupName}（{group.rows.length}/{group.unitCount}）
            </Typography.Title>
            <Table<ResultRowView>
              size="small"
              rowKey="unitCode"
              dataSource={group.rows}
              pagination={false}
              scroll={{ x: 760 }}
              expandable={{
                rowExpandable: (row) => row.scores.length > 0,
                expandedRowRender: (row) => (
                  <Flex gap={6} wrap>
                    {row.scores.map((s) => (
                      <Tag key={s.userId} color={s.dropped ? 'default' : 'red'}>
                        <span style={s.dropped ? { textDecoration: 'line-through' } : undefined}>
                          {s.displayName} {s.score.toFixed(1)}
                        </span>
                      </Tag>
                    ))}
                  </Flex>
                ),
              }}
              columns={[
                { title: t('contest.results.rank'), dataIndex: 'rank', width: 70 },
                { title: t('contest.col.unit'), dataIndex: 'unitName' },
                {
                  title: t('contest.results.jury'),
                  dataIndex: 'jury',
                  width: 100,
                  align: 'right',
                  render: points,
                },
                {
                  title: t('contest.results.honour'),
                  dataIndex: 'honour',
                  width: 90,
                  align: 'right',
                  render: points,
                },
                {
                  title: t('contest.results.cadre'),
                  dataIndex: 'cadre',
                  width: 90,
                  align: 'right',
                  render: points,
                },
                {
                  title: t('contest.results.total'),
                  dataIndex: 'total',
                  width: 100,
                  align: 'right',
                  render: (v: number) => <strong>{points(v)}</strong>,
                },
                { title: t('contest.results.judges'), dataIndex: 'judgeCount', width: 80, align: 'right' },
              ]}
            />
          </div>
        ))}
    </Flex>
  );
}
