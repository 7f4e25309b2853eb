import { Card, Col, Flex, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { UnitView } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { UnitTypeTag } from '../../components/Labels';
import { PageHeader } from '../../components/PageHeader';
import { indexUnits } from '../../components/unitTree';
import { useUnits } from '../../hooks/useUnits';
import { useI18n } from '../../i18n';

/** An inspector's assigned units, grouped by their street (or other parent), searchable. */
export function InspectionsPage() {
  const { t } = useI18n();
  const units = useUnits();
  const [text, setText] = useState('');
  const groups = useMemo(() => {
    const index = indexUnits(units.data ?? []);
    const needle = text.trim().toLowerCase();
    // Assessed units are villages, communities and departments; a street assigned as a whole becomes
    // the heading of its villages.
    const items = (units.data ?? []).filter((u) => u.type !== 'district' && u.type !== 'household');
    const hasChildItems = new Set(items.map((u) => u.parentId).filter((id): id is string => id !== null));
    const byParent = new Map<string, { title: string; units: UnitView[] }>();
    for (const unit of items) {
      if (hasChildItems.has(unit.id)) continue;
      if (needle && !unit.name.toLowerCase().includes(needle) && !unit.code.toLowerCase().includes(needle))
        continue;
      const parent = unit.parentId ? index.byId.get(unit.parentId) : undefined;
      const key = parent?.id ?? '';
      const entry = byParent.get(key) ?? { title: parent?.name ?? t('inspections.otherUnits'), units: [] };
      entry.units.push(unit);
      byParent.set(key, entry);
    }
    for (const entry of byParent.values()) entry.units.sort((a, b) => a.code.localeCompare(b.code));
    return [...byParent.values()];
  }, [units.data, text, t]);
  const total = groups.reduce((n, g) => n + g.units.length, 0);

  return (
    <>
      <PageHeader
        title={t('menu.myInspections')}
        subtitle={units.data ? t('inspections.subtitle', { count: total }) : undefined}
      />
      <Input.Search
        allowClear
        placeholder={t('units.searchPlaceholder')}
        aria-label={t('units.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {units.isPending ? (
        <Loading />
      ) : units.isError ? (
        <ErrorBox error={units.error} onRetry={() => units.refetch()} />
      ) : groups.length === 0 ? (
        <Card>
          <EmptyState description={text ? t('units.searchEmpty') : t('inspections.empty')} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          {groups.map((group) => (
            <Card
              key={group.title}
              size="small"
              title={t('inspections.group', { name: group.title, count: group.units.length })}
            >
              <Row gutter={[12, 12]}>
                {group.units.map((u) => (
                  <Col key={u.id} xs={24} sm={12} lg={8} xl={6}>
                    <Card size="small" styles={{ body: { padding: '10px 12px' } }}>
                      <Flex justify="space-between" align="center" gap={8}>
                        <Typography.Text strong ellipsis>
                          {u.name}
                        </Typography.Text>
                        <UnitTypeTag type={u.type} />
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('inspections.meta', { code: u.code, weight: formatNumber(u.weight) })}
                      </Typography.Text>
                    </Card>
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
        </Flex>
      )}
    </>
  );
}
