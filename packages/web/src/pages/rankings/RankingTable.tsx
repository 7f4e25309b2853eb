import { StarFilled, StarOutlined } from '@ant-design/icons';
import { Flex, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RankingRowView, RankingView } from '../../api/types';
import { CardList } from '../../components/CardList';
import type { DrillTarget } from '../../components/campaign/DrillDrawer';
import { namesOf, twoDecimals } from '../../components/campaign/labels';
import { ScoreChange } from '../../components/campaign/ScoreChange';
import { useI18n } from '../../i18n';
import { RatingBadge, RatingDetails } from './RatingView';

export interface RankingViewProps {
  ranking: RankingView;
  onDrill: (target: Omit<DrillTarget, 'period'>) => void;
  onOpenUnit: (unitCode: string) => void;
  onOpenStreet: (streetCode: string) => void;
  loading?: boolean;
}

const MEDALS = ['#d4a017', '#9e9e9e', '#b0703c'];

/** The rank in a small disc; the first three in gold, silver and bronze. */
function RankBadge({ rank }: { rank: number }) {
  const medal = MEDALS[rank - 1];
  return (
    <span
      className="wx-rank"
      style={medal ? { background: medal, color: '#fff', borderColor: medal } : undefined}
      data-rank={rank}
    >
      {rank}
    </span>
  );
}

/** A number that opens its drill-down (or, for a street, its villages). */
function DrillNumber({
  text,
  onClick,
  strong = false,
  label,
}: {
  text: string;
  onClick: () => void;
  strong?: boolean;
  label: string;
}) {
  return (
    <Typography.Link
      onClick={onClick}
      strong={strong}
      aria-label={label}
      className={strong ? 'wx-drill wx-drill-total' : 'wx-drill'}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {text}
    </Typography.Link>
  );
}

/** Shared behaviour of the table and the cards: what a click on a number opens. */
function useRowActions({ ranking, onDrill, onOpenStreet }: RankingViewProps) {
  const { t } = useI18n();
  const starName = namesOf(ranking.stars);
  const isStreet = ranking.level === 'street';
  const open = (row: RankingRowView, star: string | null) => {
    if (isStreet) onOpenStreet(row.unitCode);
    else onDrill({ unitCode: row.unitCode, unitName: row.unitName, star });
  };
  const label = (row: RankingRowView, star: string | null) =>
    isStreet
      ? t('ranking.openStreet', { street: row.unitName })
      : t('ranking.drillLabel', { unit: row.unitName, what: star ? starName(star) : t('ranking.score') });
  return { starName, isStreet, open, label };
}

/** A star's score in a row: the number, or a dash when the unit does not target the star. */
function StarCell({ row, star, props }: { row: RankingRowView; star: string; props: RankingViewProps }) {
  const { t } = useI18n();
  const { open, label } = useRowActions(props);
  const value = row.stars[star];
  if (value === null || value === undefined)
    return (
      <Typography.Text
        type="secondary"
        aria-label={t('ranking.notTargeted')}
        title={t('ranking.notTargeted')}
      >
        —
      </Typography.Text>
    );
  const rated = row.rating?.stars.find((s) => s.star === star);
  const text = twoDecimals(value);
  return (
    <Flex gap={4} align="center" justify="flex-end">
      {rated && (
        <Tooltip title={rated.earned ? t('rating.earned') : (rated.reason ?? t('rating.notEarned'))}>
          {rated.earned ? (
            <StarFilled style={{ color: '#d4a017' }} aria-label={t('rating.earned')} />
          ) : (
            <StarOutlined style={{ color: '#bfbfbf' }} aria-label={t('rating.notEarned')} />
          )}
        </Tooltip>
      )}
      <DrillNumber text={text} onClick={() => open(row, star)} label={label(row, star)} />
    </Flex>
  );
}

/** The ranking as a table (desktop): rank, unit, parent, score, one column per star, rate, change, rating. */
export function RankingTable(props: RankingViewProps) {
  const { t } = useI18n();
  const { ranking, onOpenUnit, onOpenStreet } = props;
  const { isStreet, open, label } = useRowActions(props);
  const isYear = ranking.period.kind === 'year' && !isStreet;
  const hasChange = ranking.previousPeriod !== null;
  // One street's villages (a street admin, or a street filter) need no street column.
  const oneParent = new Set(ranking.rows.map((r) => r.parentCode)).size <= 1;
  const ratingColumn = {
    title: t('rating.title'),
    key: 'rating',
    width: 104,
    render: (_: unknown, r: RankingRowView) => (r.rating ? <RatingBadge rating={r.rating} /> : '—'),
  };

  const columns: ColumnsType<RankingRowView> = [
    {
      title: t('ranking.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (rank: number) => <RankBadge rank={rank} />,
    },
    {
      title: isStreet ? t('ranking.streetCol') : t('ranking.unit'),
      key: 'unit',
      width: isYear ? 170 : 150,
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Link
            strong
            onClick={() => (isStreet ? onOpenStreet(r.unitCode) : onOpenUnit(r.unitCode))}
          >
            {r.unitName}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isYear && r.parentName ? `${r.parentName} · ${r.unitCode}` : r.unitCode}
          </Typography.Text>
        </Flex>
      ),
    },
    // The annual view needs room for the ratings: its street goes under the unit's name.
    ...(isStreet || isYear || oneParent
      ? []
      : [
          {
            title: t('ranking.parent'),
            key: 'parent',
            width: 110,
            render: (_: unknown, r: RankingRowView) => r.parentName ?? '—',
          },
        ]),
    {
      title: t('ranking.score'),
      key: 'score',
      width: 90,
      align: 'right',
      render: (_, r) => (
        <DrillNumber text={r.display} strong onClick={() => open(r, null)} label={label(r, null)} />
      ),
    },
    ...(isYear ? [ratingColumn] : []),
    ...ranking.stars.map((s) => ({
      title: s.name,
      key: `star-${s.code}`,
      width: isYear ? 112 : 104,
      align: 'right' as const,
      render: (_: unknown, r: RankingRowView) => <StarCell row={r} star={s.code} props={props} />,
    })),
    ...(isStreet
      ? []
      : [
          {
            title: (
              <Tooltip title={t('ranking.rateHint')}>
                <span>{t('ranking.rate')}</span>
              </Tooltip>
            ),
            key: 'rate',
            width: 90,
            align: 'right' as const,
            render: (_: unknown, r: RankingRowView) =>
              r.rate === null ? '—' : t('ranking.percent', { value: twoDecimals(r.rate) }),
          },
        ]),
    ...(hasChange
      ? [
          {
            title: t('ranking.change'),
            key: 'change',
            width: 80,
            align: 'center' as const,
            render: (_: unknown, r: RankingRowView) => <ScoreChange change={r.change} />,
          },
        ]
      : []),
  ];

  return (
    <Table<RankingRowView>
      rowKey="unitCode"
      size="middle"
      className="wx-ranking"
      dataSource={ranking.rows}
      columns={columns}
      loading={props.loading}
      pagination={ranking.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      expandable={
        isYear
          ? {
              expandedRowRender: (r) =>
                r.rating ? <RatingDetails rating={r.rating} starName={namesOf(ranking.stars)} /> : null,
              rowExpandable: (r) => Boolean(r.rating),
            }
          : undefined
      }
    />
  );
}

const PAGE = 50;

/** The ranking as cards (phones): rank, name, score and change on top, then each star's score. */
export function RankingCards(props: RankingViewProps) {
  const { t } = useI18n();
  const { ranking, onOpenUnit, onOpenStreet } = props;
  const { starName, isStreet, open, label } = useRowActions(props);
  return (
    <div style={{ opacity: props.loading ? 0.5 : 1, transition: 'opacity 0.2s' }} aria-busy={props.loading}>
      <CardList
        items={ranking.rows}
        rowKey={(r) => r.unitCode}
        pageSize={PAGE}
        render={(r) => (
          <Flex vertical gap={8}>
            <Flex align="center" gap={10}>
              <RankBadge rank={r.rank} />
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Link
                  strong
                  onClick={() => (isStreet ? onOpenStreet(r.unitCode) : onOpenUnit(r.unitCode))}
                  ellipsis
                >
                  {r.unitName}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {isStreet ? r.unitCode : (r.parentName ?? '')}
                  {!isStreet && r.rate !== null
                    ? ` · ${t('ranking.rateShort', { value: twoDecimals(r.rate) })}`
                    : ''}
                </Typography.Text>
              </Flex>
              <Flex vertical align="flex-end">
                <span style={{ fontSize: 20, lineHeight: 1.2 }}>
                  <DrillNumber text={r.display} strong onClick={() => open(r, null)} label={label(r, null)} />
                </span>
                {r.rating ? (
                  <RatingBadge rating={r.rating} />
                ) : (
                  r.change !== null && <ScoreChange change={r.change} />
                )}
              </Flex>
            </Flex>
            <div className="wx-star-grid">
              {ranking.stars
                .filter((s) => r.stars[s.code] !== null && r.stars[s.code] !== undefined)
                .map((s) => (
                  <Flex key={s.code} justify="space-between" gap={6} className="wx-star-chip">
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                      {s.name}
                    </Typography.Text>
                    <StarCell row={r} star={s.code} props={props} />
                  </Flex>
                ))}
            </div>
            {r.rating?.stars.some((s) => !s.earned) && (
              <RatingDetails rating={r.rating} starName={starName} onlyMissed />
            )}
          </Flex>
        )}
      />
    </div>
  );
}
