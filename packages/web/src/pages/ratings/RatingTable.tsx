import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RatedVetoView, RatingView, StarRatingRowView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { twoDecimals } from '../../components/campaign/labels';
import { useI18n } from '../../i18n';
import { RatingBadge, RatingDetails } from '../rankings/RatingView';

/** The row as the ranking's RatingView, so RatingBadge and RatingDetails serve both. */
export function asRating(row: StarRatingRowView): RatingView {
  return {
    count: row.count,
    earned: row.stars.filter((s) => s.earned).map((s) => s.star),
    stars: row.stars.map((s) => ({ star: s.star, score: s.score, earned: s.earned, reason: s.reason })),
  };
}

export interface RatingListProps {
  rows: readonly StarRatingRowView[];
  stars: readonly { code: string; name: string }[];
  /** Revoking a veto (district admin, on the live computation only). */
  onRevoke?: (row: StarRatingRowView, veto: RatedVetoView) => void;
}

/** 一票否决 in red, the reason on hover, and 撤销 for the district admin. */
function VetoTag({
  row,
  veto,
  onRevoke,
}: {
  row: StarRatingRowView;
  veto: RatedVetoView;
  onRevoke?: RatingListProps['onRevoke'];
}) {
  const { t } = useI18n();
  return (
    <Flex gap={4} align="center" wrap>
      <Tooltip title={veto.reason}>
        <Tag color="red" variant="solid" style={{ marginInlineEnd: 0 }} data-testid="veto-tag">
          {t('ratings.veto')}
        </Tag>
      </Tooltip>
      {onRevoke && (
        <Button
          size="small"
          type="link"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => onRevoke(row, veto)}
        >
          {t('ratings.revoke')}
        </Button>
      )}
    </Flex>
  );
}

/** One target star's December score, earned or not (the reason on hover), and a veto if any. */
function StarCell({
  row,
  star,
  onRevoke,
}: {
  row: StarRatingRowView;
  star: string;
  onRevoke?: RatingListProps['onRevoke'];
}) {
  const { t } = useI18n();
  const s = row.stars.find((x) => x.star === star);
  if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
  const veto = row.vetoes.find((v) => v.star === star);
  return (
    <Flex vertical gap={2} align="flex-start">
      <Tooltip title={s.earned ? t('rating.earned') : (s.reason ?? t('rating.notEarned'))}>
        <Flex gap={4} align="center" data-testid={`star-${row.unitCode}-${star}`} data-earned={s.earned}>
          {s.earned ? (
            <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('rating.earned')} />
          ) : (
            <CloseCircleFilled
              style={{ color: veto ? '#cf1322' : '#bfbfbf' }}
              aria-label={t('rating.notEarned')}
            />
          )}
          <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: s.earned ? 600 : 400 }}>
            {twoDecimals(s.score)}
          </span>
        </Flex>
      </Tooltip>
      {veto && <VetoTag row={row} veto={veto} onRevoke={onRevoke} />}
      {veto && (
        <Typography.Text
          type="danger"
          ellipsis={{ tooltip: veto.reason }}
          style={{ fontSize: 12, maxWidth: 96 }}
        >
          {veto.reason}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The star-rating list as a table (desktop), each row expandable to its stars' reasons. */
export function RatingTable({ rows, stars, onRevoke }: RatingListProps) {
  const { t } = useI18n();
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;
  const columns: ColumnsType<StarRatingRowView> = [
    { title: t('ratings.col.rank'), dataIndex: 'rank', width: 64, align: 'center' },
    {
      title: t('ratings.col.unit'),
      key: 'unit',
      width: 150,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.unitName}</Typography.Text>
          {r.streetName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.streetName}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('ratings.col.rating'),
      key: 'rating',
      width: 110,
      render: (_, r) => <RatingBadge rating={asRating(r)} />,
    },
    {
      title: t('ratings.col.score'),
      key: 'score',
      width: 80,
      align: 'right',
      render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{twoDecimals(r.score)}</span>,
    },
    ...stars.map((s) => ({
      title: s.name,
      key: s.code,
      width: 104,
      render: (_: unknown, r: StarRatingRowView) => <StarCell row={r} star={s.code} onRevoke={onRevoke} />,
    })),
  ];
  return (
    <Table<StarRatingRowView>
      rowKey="unitCode"
      size="middle"
      dataSource={[...rows]}
      columns={columns}
      scroll={{ x: 420 + stars.length * 104 }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (r) => <RatingDetails rating={asRating(r)} starName={starName} />,
      }}
      data-testid="rating-table"
    />
  );
}

/** The list as cards (phones): rank, unit and badge, then the stars with their scores and vetoes. */
export function RatingCards({ rows, stars, onRevoke }: RatingListProps) {
  const { t } = useI18n();
  return (
    <CardList
      items={rows}
      rowKey={(r) => r.unitCode}
      pageSize={30}
      render={(r) => (
        <Flex vertical gap={6}>
          <Flex justify="space-between" align="center" gap={8}>
            <Flex gap={8} align="baseline">
              <Typography.Text type="secondary">{t('ratings.rankNo', { rank: r.rank })}</Typography.Text>
              <Typography.Text strong>{r.unitName}</Typography.Text>
              {r.streetName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.streetName}
                </Typography.Text>
              )}
            </Flex>
            <RatingBadge rating={asRating(r)} />
          </Flex>
          <Flex vertical gap={4}>
            {r.stars.map((s) => {
              const veto = r.vetoes.find((v) => v.star === s.star);
              return (
                <Flex key={s.star} gap={6} align="baseline" wrap>
                  {s.earned ? (
                    <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('rating.earned')} />
                  ) : (
                    <CloseCircleFilled
                      style={{ color: veto ? '#cf1322' : '#bfbfbf' }}
                      aria-label={t('rating.notEarned')}
                    />
                  )}
                  <Typography.Text strong={s.earned}>
                    {stars.find((x) => x.code === s.star)?.name ?? s.starName}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {twoDecimals(s.score)}
                  </Typography.Text>
                  {veto ? (
                    <VetoTag row={r} veto={veto} onRevoke={onRevoke} />
                  ) : (
                    !s.earned &&
                    s.reason && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.reason}
                      </Typography.Text>
                    )
                  )}
                </Flex>
              );
            })}
            {r.vetoes.map((v) => (
              <Typography.Text key={v.id} type="danger" style={{ fontSize: 12 }}>
                {t('ratings.vetoReason', { reason: v.reason })}
              </Typography.Text>
            ))}
          </Flex>
        </Flex>
      )}
    />
  );
}
