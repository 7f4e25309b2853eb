import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { FlagAwardView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { formatDateTime, formatNumber } from '../../components/format';
import { useI18n } from '../../i18n';
import { PhotoGrid } from '../problems/PhotoGrid';
import { CapIndicator, FlagStatusTag } from './labels';

export interface FlagListProps {
  rows: readonly FlagAwardView[];
  /** The district admin decides pending awards. */
  canDecide: boolean;
  onApprove: (award: FlagAwardView) => void;
  onReject: (award: FlagAwardView) => void;
  busyId?: string | null;
  loading?: boolean;
  oneUnit?: boolean;
}

function Decision({ award }: { award: FlagAwardView }) {
  const { t, lang } = useI18n();
  const when = (iso: string) => (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {formatDateTime(iso, lang)}
    </span>
  );
  return (
    <Flex vertical gap={2}>
      <Typography.Text style={{ fontSize: 12 }}>
        {t('flags.proposedBy', { name: award.proposedByName })} {when(award.proposedAt)}
      </Typography.Text>
      {award.decidedByName && award.decidedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(award.status === 'rejected' ? 'flags.rejectedBy' : 'flags.approvedBy', {
            name: award.decidedByName,
          })}{' '}
          {when(award.decidedAt)}
        </Typography.Text>
      )}
      {award.note && (
        <Typography.Text type={award.status === 'rejected' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {t('flags.note', { note: award.note })}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Actions({ award, props }: { award: FlagAwardView; props: FlagListProps }) {
  const { t } = useI18n();
  if (!props.canDecide || award.status !== 'pending') return null;
  const busy = props.busyId === award.id;
  return (
    <Flex gap={6} wrap>
      <Button
        size="small"
        type="primary"
        icon={<CheckOutlined />}
        loading={busy}
        onClick={(e) => {
          e.stopPropagation();
          props.onApprove(award);
        }}
      >
        {t('flags.approve')}
      </Button>
      <Button
        size="small"
        danger
        icon={<CloseOutlined />}
        disabled={busy}
        onClick={(e) => {
          e.stopPropagation();
          props.onReject(award);
        }}
      >
        {t('flags.reject')}
      </Button>
    </Flex>
  );
}

/** The awards as a table (desktop). */
export function FlagTable(props: FlagListProps) {
  const { t } = useI18n();
  const columns: ColumnsType<FlagAwardView> = [
    {
      title: t('flags.col.status'),
      key: 'status',
      width: props.canDecide ? 150 : 92,
      render: (_, a) => (
        <Flex vertical gap={6} align="flex-start">
          <FlagStatusTag status={a.status} />
          <Actions award={a} props={props} />
        </Flex>
      ),
    },
    ...(props.oneUnit
      ? []
      : [
          {
            title: t('flags.col.unit'),
            key: 'unit',
            width: 110,
            render: (_: unknown, a: FlagAwardView) => (
              <Flex vertical>
                <span>{a.unitName}</span>
                {a.streetName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.streetName}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
        ]),
    { title: t('flags.col.star'), key: 'star', width: 104, render: (_, a) => a.starName },
    {
      title: t('flags.col.month'),
      key: 'month',
      width: 84,
      render: (_, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{a.month}</span>,
    },
    {
      title: t('flags.col.title'),
      key: 'title',
      render: (_, a) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{a.title}</Typography.Text>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: a.reason }}
            style={{ margin: 0, fontSize: 12 }}
          >
            {a.reason}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('flags.col.points'),
      key: 'points',
      width: 170,
      render: (_, a) => (
        <Flex vertical gap={4} align="flex-start">
          <Typography.Text strong>
            {t('flags.pointsValue', { points: formatNumber(a.points) })}
          </Typography.Text>
          {a.status !== 'rejected' && <CapIndicator cap={a.cap} />}
        </Flex>
      ),
    },
    {
      title: t('flags.col.photos'),
      key: 'photos',
      width: 96,
      render: (_, a) => (a.photos.length ? <PhotoGrid photos={a.photos} size={44} /> : '—'),
    },
    { title: t('flags.col.people'), key: 'people', width: 230, render: (_, a) => <Decision award={a} /> },
  ];
  return (
    <Table<FlagAwardView>
      rowKey="id"
      size="middle"
      dataSource={[...props.rows]}
      columns={columns}
      loading={props.loading}
      scroll={{ x: 1140 }}
      pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
      data-testid="flag-table"
    />
  );
}

/** The awards as cards (phones). */
export function FlagCards(props: FlagListProps) {
  const { t } = useI18n();
  return (
    <div style={{ opacity: props.loading ? 0.5 : 1 }} aria-busy={props.loading}>
      <CardList
        items={props.rows}
        rowKey={(a) => a.id}
        pageSize={20}
        render={(a) => (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Typography.Text strong>{a.title}</Typography.Text>
              <FlagStatusTag status={a.status} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[props.oneUnit ? null : a.unitName, props.oneUnit ? null : a.streetName, a.starName, a.month]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>
                {t('flags.pointsValue', { points: formatNumber(a.points) })}
              </Typography.Text>
              {a.status !== 'rejected' && <CapIndicator cap={a.cap} />}
            </Flex>
            <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3 }}>
              {a.reason}
            </Typography.Paragraph>
            <PhotoGrid photos={a.photos} size={56} />
            <Decision award={a} />
            <Actions award={a} props={props} />
          </Flex>
        )}
      />
    </div>
  );
}
