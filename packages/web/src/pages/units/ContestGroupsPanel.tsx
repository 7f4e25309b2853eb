import { Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { UnitView } from '../../api/types';
import { CardList } from '../../components/CardList';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { UnitTypeTag } from '../../components/Labels';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useContestGroups } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';

/** The arena-contest groups (赛组) with their unit counts, and the units of the chosen group. */
export function ContestGroupsPanel({
  units,
  onOpenUnit,
}: {
  units: readonly UnitView[];
  onOpenUnit: (id: string) => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const groups = useContestGroups();
  const [chosen, setChosen] = useState<string | null>(null);
  const activeId = chosen ?? groups.data?.[0]?.id ?? null;
  const members = useMemo(
    () => units.filter((u) => u.contestGroupId === activeId).sort((a, b) => a.code.localeCompare(b.code)),
    [units, activeId],
  );

  if (groups.isPending) return <Loading />;
  if (groups.isError) return <ErrorBox error={groups.error} onRetry={() => groups.refetch()} />;
  if (groups.data.length === 0) return <EmptyState description={t('groups.empty')} />;
  const active = groups.data.find((g) => g.id === activeId);

  return (
    <Flex vertical gap={16}>
      <Row gutter={[12, 12]}>
        {groups.data.map((group) => (
          <Col key={group.id} xs={12} md={12} lg={6}>
            <Card
              hoverable
              size="small"
              onClick={() => setChosen(group.id)}
              style={
                group.id === activeId ? { borderColor: '#c0392b', boxShadow: '0 0 0 1px #c0392b' } : undefined
              }
            >
              <Statistic
                title={<span style={{ color: 'rgba(0,0,0,0.75)', fontWeight: 500 }}>{group.name}</span>}
                value={group.unitCount}
                suffix={t('groups.unitSuffix')}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={active ? t('groups.members', { name: active.name, count: members.length }) : ''}
      >
        {members.length === 0 ? (
          <EmptyState description={t('groups.noMembers')} />
        ) : isMobile ? (
          <CardList
            items={members}
            rowKey={(u) => u.id}
            onItemClick={(u) => onOpenUnit(u.id)}
            render={(u) => (
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Link>{u.name}</Typography.Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.code}
                  </Typography.Text>
                </Flex>
                <UnitTypeTag type={u.type} />
              </Flex>
            )}
          />
        ) : (
          <Table<UnitView>
            size="small"
            rowKey="id"
            dataSource={members}
            pagination={members.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            onRow={(row) => ({ onClick: () => onOpenUnit(row.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '#', width: 56, render: (_, __, i) => i + 1 },
              { title: t('units.field.code'), dataIndex: 'code', width: 160 },
              {
                title: t('units.field.name'),
                dataIndex: 'name',
                render: (v: string) => <Typography.Link>{v}</Typography.Link>,
              },
              {
                title: t('units.field.type'),
                dataIndex: 'type',
                width: 100,
                render: (_, u) => <UnitTypeTag type={u.type} />,
              },
              {
                title: t('units.field.weight'),
                dataIndex: 'weight',
                width: 90,
                align: 'right',
                render: (v: number) => formatNumber(v),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
