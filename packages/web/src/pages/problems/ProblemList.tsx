import { Flex, Pagination, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ProblemView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { useI18n } from '../../i18n';
import { OverdueTag, SeverityTag, SourceTag, StatusTag } from './labels';

export interface ProblemListProps {
  rows: readonly ProblemView[];
  starName: (code: string) => string;
  onOpen: (problem: ProblemView) => void;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  loading?: boolean;
  /** Hide the unit column (a village sees only its own problems). */
  oneUnit?: boolean;
}

/** The ledger as a table (desktop); overdue rows stand out in red. */
export function ProblemTable(props: ProblemListProps) {
  const { t } = useI18n();
  const { starName, onOpen } = props;
  const columns: ColumnsType<ProblemView> = [
    {
      title: t('problems.col.number'),
      key: 'number',
      width: 124,
      fixed: 'left',
      render: (_, p) => (
        <Typography.Link strong onClick={() => onOpen(p)} style={{ whiteSpace: 'nowrap' }}>
          {p.number}
        </Typography.Link>
      ),
    },
    ...(props.oneUnit
      ? []
      : [
          {
            title: t('problems.col.unit'),
            key: 'unit',
            width: 110,
            render: (_: unknown, p: ProblemView) => (
              <Flex vertical>
                <span>{p.unitName}</span>
                {p.streetName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.streetName}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
        ]),
    {
      title: t('problems.col.star'),
      key: 'star',
      width: 100,
      render: (_, p) => starName(p.star),
    },
    {
      title: t('problems.col.description'),
      key: 'description',
      render: (_, p) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ margin: 0 }}>
          {p.description}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('problems.col.source'),
      key: 'source',
      width: 92,
      render: (_, p) => <SourceTag source={p.source} />,
    },
    {
      title: t('problems.col.severity'),
      key: 'severity',
      width: 84,
      render: (_, p) => <SeverityTag severity={p.severity} />,
    },
    {
      title: t('problems.col.deadline'),
      key: 'deadline',
      width: 116,
      render: (_, p) => (
        <Flex vertical gap={2} align="flex-start">
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.deadline}</span>
          <OverdueTag problem={p} />
        </Flex>
      ),
    },
    {
      title: t('problems.col.responsible'),
      key: 'responsible',
      width: 136,
      render: (_, p) => p.responsible ?? '—',
    },
    {
      title: t('problems.col.status'),
      key: 'status',
      width: 100,
      render: (_, p) => <StatusTag status={p.status} />,
    },
  ];
  return (
    <Table<ProblemView>
      rowKey="id"
      size="middle"
      className="wx-problem-table"
      dataSource={[...props.rows]}
      columns={columns}
      loading={props.loading}
      rowClassName={(p) => (p.overdue ? 'wx-row-overdue' : '')}
      onRow={(p) => ({ onDoubleClick: () => onOpen(p) })}
      scroll={{ x: 1080 }}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: false,
        onChange: props.onPage,
        showTotal: (total) => t('problems.total', { total }),
      }}
    />
  );
}

/** The ledger as cards (phones): number and state on top, then unit, description and deadline. */
export function ProblemCards(props: ProblemListProps) {
  const { t } = useI18n();
  const { starName, onOpen } = props;
  return (
    <div style={{ opacity: props.loading ? 0.5 : 1, transition: 'opacity 0.2s' }} aria-busy={props.loading}>
      <CardList
        items={props.rows}
        rowKey={(p) => p.id}
        onItemClick={onOpen}
        render={(p) => (
          <Flex vertical gap={6} className={p.overdue ? 'wx-card-overdue' : undefined}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                {p.number}
              </Typography.Text>
              <Flex gap={4} wrap justify="flex-end">
                <OverdueTag problem={p} />
                <StatusTag status={p.status} />
              </Flex>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                props.oneUnit ? null : p.unitName,
                p.streetName && !props.oneUnit ? p.streetName : null,
                starName(p.star),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {p.description}
            </Typography.Paragraph>
            <Flex justify="space-between" align="center" wrap gap={6}>
              <Flex gap={4} wrap>
                <SourceTag source={p.source} />
                <SeverityTag severity={p.severity} />
              </Flex>
              <Typography.Text type={p.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                {t('problems.deadlineShort', { date: p.deadline })}
              </Typography.Text>
            </Flex>
          </Flex>
        )}
      />
      {props.total > props.pageSize && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination
            simple
            current={props.page}
            pageSize={props.pageSize}
            total={props.total}
            onChange={props.onPage}
          />
        </Flex>
      )}
    </div>
  );
}
