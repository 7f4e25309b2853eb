import { Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import type { PublicationSnapshot, SnapshotStreetRow, SnapshotUnitRow } from '../../api/types';
import { CardList } from '../../components/CardList';
import { useIsMobile } from '../../hooks/useIsMobile';
import { type PublicationsTranslate, usePublicationsI18n } from './i18n';

const two = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));

function unitColumns(snapshot: PublicationSnapshot, t: PublicationsTranslate): ColumnsType<SnapshotUnitRow> {
  return [
    { title: t('pub.col.rank'), dataIndex: 'rank', width: 64, align: 'center', fixed: 'left' },
    {
      title: t('pub.col.unit'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (name: string) => <strong>{name}</strong>,
    },
    { title: t('pub.col.street'), dataIndex: 'streetName', width: 110 },
    {
      title: t('pub.col.score'),
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (v: number) => <strong>{two(v)}</strong>,
    },
    ...snapshot.stars.map((s) => ({
      title: s.name,
      key: s.code,
      width: 96,
      align: 'right' as const,
      render: (_: unknown, r: SnapshotUnitRow) => two(r.stars[s.code]),
    })),
  ];
}

function streetColumns(
  snapshot: PublicationSnapshot,
  t: PublicationsTranslate,
): ColumnsType<SnapshotStreetRow> {
  return [
    { title: t('pub.col.rank'), dataIndex: 'rank', width: 64, align: 'center' },
    {
      title: t('pub.col.streetName'),
      dataIndex: 'name',
      width: 120,
      render: (n: string) => <strong>{n}</strong>,
    },
    {
      title: t('pub.col.score'),
      dataIndex: 'score',
      width: 80,
      align: 'right',
      render: (v: number) => two(v),
    },
    ...snapshot.stars.map((s) => ({
      title: s.name,
      key: s.code,
      width: 96,
      align: 'right' as const,
      render: (_: unknown, r: SnapshotStreetRow) => two(r.stars[s.code]),
    })),
  ];
}

/** One unit as a phone card: rank, name, street, score, and each targeted star's score. */
function UnitCard({ row, snapshot }: { row: SnapshotUnitRow; snapshot: PublicationSnapshot }) {
  return (
    <Flex vertical gap={4} data-unit={row.code}>
      <Flex justify="space-between" align="baseline" gap={8}>
        <span>
          <Tag color={row.rank <= 3 ? 'red' : 'default'} style={{ marginInlineEnd: 8 }}>
            {row.rank}
          </Tag>
          <strong style={{ fontSize: 16 }}>{row.name}</strong>
        </span>
        <strong style={{ fontSize: 18, color: '#a93226' }}>{two(row.score)}</strong>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {row.streetName}
      </Typography.Text>
      <Flex wrap gap={4}>
        {snapshot.stars
          .filter((s) => row.stars[s.code] !== null && row.stars[s.code] !== undefined)
          .map((s) => (
            <Tag key={s.code} bordered={false}>
              {s.name} {two(row.stars[s.code])}
            </Tag>
          ))}
      </Flex>
    </Flex>
  );
}

/** A frozen snapshot as tabs: villages, streets, and one table per star (cards on a phone). */
export function SnapshotTables({
  snapshot,
  extraTabs = [],
  activeKey,
  onTabChange,
}: {
  snapshot: PublicationSnapshot;
  extraTabs?: { key: string; label: string; children: ReactNode }[];
  activeKey?: string;
  onTabChange?: (key: string) => void;
}) {
  const { t } = usePublicationsI18n();
  const mobile = useIsMobile();
  const units = mobile ? (
    <CardList
      items={snapshot.units}
      rowKey={(r) => r.code}
      pageSize={30}
      render={(r) => <UnitCard row={r} snapshot={snapshot} />}
    />
  ) : (
    <Table
      size="small"
      rowKey="code"
      columns={unitColumns(snapshot, t)}
      dataSource={snapshot.units}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
  const streets = mobile ? (
    <CardList
      items={snapshot.streets}
      rowKey={(r) => r.code}
      render={(r) => (
        <Flex justify="space-between" align="baseline">
          <span>
            <Tag style={{ marginInlineEnd: 8 }}>{r.rank}</Tag>
            <strong>{r.name}</strong>
          </span>
          <strong>{two(r.score)}</strong>
        </Flex>
      )}
    />
  ) : (
    <Table
      size="small"
      rowKey="code"
      columns={streetColumns(snapshot, t)}
      dataSource={snapshot.streets}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
  const stars = (
    <Tabs
      size="small"
      items={snapshot.perStar.map((s) => ({
        key: s.star,
        label: s.starName,
        children: (
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={s.rows}
            columns={[
              { title: t('pub.col.rank'), dataIndex: 'rank', width: 56, align: 'center' },
              { title: t('pub.col.unit'), dataIndex: 'name' },
              ...(mobile ? [] : [{ title: t('pub.col.street'), dataIndex: 'streetName' }]),
              {
                title: t('pub.col.score'),
                dataIndex: 'score',
                width: 80,
                align: 'right' as const,
                render: (v: number) => two(v),
              },
            ]}
          />
        ),
      }))}
    />
  );
  return (
    <Tabs
      activeKey={activeKey}
      onChange={onTabChange}
      items={[
        { key: 'units', label: t('pub.tab.units'), children: units },
        { key: 'streets', label: t('pub.tab.streets'), children: streets },
        { key: 'stars', label: t('pub.tab.stars'), children: stars },
        ...extraTabs,
      ]}
    />
  );
}
