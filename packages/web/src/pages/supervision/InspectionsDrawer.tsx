import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Collapse, Drawer, Flex, Table, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { InspectionView, SheetLineView, StarView } from '../../api/types';
import { EmptyState, ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useRoundInspections } from '../../hooks/useRounds';
import { useI18n } from '../../i18n';
import { PhotoGrid } from '../problems/PhotoGrid';

type Line = InspectionView['lines'][number];

/** One submitted version: when and where, the reason of a correction, and every line with its points. */
function VersionCard({
  inspection,
  latest,
  lineOf,
  starName,
}: {
  inspection: InspectionView;
  latest: boolean;
  lineOf: (id: string) => SheetLineView | undefined;
  starName: (code: string) => string;
}) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const totals = new Map<string, number>();
  for (const l of inspection.lines) {
    const star = lineOf(l.lineId)?.star ?? '';
    totals.set(star, (totals.get(star) ?? 0) + l.points);
  }
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('supervision.inspections.version', { version: inspection.version })}</span>
          {latest ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('supervision.inspections.current')}
            </Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }}>{t('supervision.inspections.superseded')}</Tag>
          )}
          {inspection.version > 1 && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('supervision.inspections.correction')}
            </Tag>
          )}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(inspection.submittedAt, lang)}
        </Typography.Text>
      }
    >
      <Flex vertical gap={8}>
        {inspection.reason && (
          <Typography.Text>
            <Typography.Text strong>{t('supervision.inspections.reason')}</Typography.Text>
            {inspection.reason}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('supervision.inspections.visited', { at: formatDateTime(inspection.visitedAt, lang) })}
          {inspection.location && (
            <>
              {' · '}
              <EnvironmentOutlined />{' '}
              {t('supervision.inspections.location', {
                lat: inspection.location.latitude.toFixed(5),
                lng: inspection.location.longitude.toFixed(5),
              })}
            </>
          )}
          {inspection.methods.length > 0 &&
            ` · ${t('supervision.inspections.methods', {
              methods: inspection.methods
                .map((m) => t(`onsite.method.${m}`))
                .join(lang === 'zh' ? '、' : ', '),
            })}`}
        </Typography.Text>
        {inspection.note && (
          <Typography.Paragraph style={{ margin: 0 }}>{inspection.note}</Typography.Paragraph>
        )}
        <Flex gap={6} wrap>
          {[...totals].map(([star, total]) => (
            <Tag key={star} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
              {t('supervision.inspections.starTotal', { star: starName(star), total: formatNumber(total) })}
            </Tag>
          ))}
        </Flex>
        <Table<Line>
          size="small"
          rowKey="lineId"
          pagination={false}
          dataSource={inspection.lines}
          scroll={isMobile ? { x: 'max-content' } : undefined}
          columns={[
            {
              title: t('supervision.template.line'),
              key: 'line',
              render: (_, l) => {
                const line = lineOf(l.lineId);
                return line ? (
                  <Flex vertical>
                    <span>{line.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {starName(line.star)}
                    </Typography.Text>
                  </Flex>
                ) : (
                  l.lineId
                );
              },
            },
            {
              title: t('supervision.inspections.points'),
              key: 'points',
              width: 90,
              align: 'right',
              render: (_, l) => {
                const max = lineOf(l.lineId)?.max;
                return max === undefined
                  ? formatNumber(l.points)
                  : t('supervision.inspections.pointsOf', {
                      points: formatNumber(l.points),
                      max: formatNumber(max),
                    });
              },
            },
            {
              title: t('supervision.inspections.note'),
              key: 'note',
              render: (_, l) => (
                <Flex vertical gap={4}>
                  {l.note ?? (l.photos.length ? null : '—')}
                  <PhotoGrid photos={l.photos} size={56} />
                </Flex>
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}

/** Every version of every inspector's sheet for one unit of a round, corrections and their reasons included. */
export function InspectionsDrawer({
  roundId,
  unit,
  lines,
  stars,
  onClose,
}: {
  roundId: string;
  unit: { code: string; name: string } | null;
  lines: readonly SheetLineView[];
  stars: readonly StarView[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const inspections = useRoundInspections(roundId, unit?.code);
  const byInspector = useMemo(() => {
    const groups = new Map<string, InspectionView[]>();
    for (const i of inspections.data ?? []) {
      const list = groups.get(i.inspectorName) ?? [];
      list.push(i);
      groups.set(i.inspectorName, list);
    }
    return [...groups].map(([name, list]) => ({
      name,
      versions: list.sort((a, b) => b.version - a.version),
    }));
  }, [inspections.data]);
  const lineById = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);
  const starName = (code: string) => stars.find((s) => s.code === code)?.name ?? code;

  let body: ReactNode;
  if (!unit) body = null;
  else if (inspections.isPending) body = <Loading />;
  else if (inspections.isError)
    body = <ErrorBox error={inspections.error} onRetry={() => inspections.refetch()} />;
  else if (byInspector.length === 0) body = <EmptyState description={t('supervision.inspections.none')} />;
  else
    body = (
      <Collapse
        defaultActiveKey={byInspector.map((g) => g.name)}
        items={byInspector.map((g) => ({
          key: g.name,
          label: t('supervision.inspections.inspector', { name: g.name, count: g.versions.length }),
          children: (
            <Flex vertical gap={12}>
              {g.versions.map((v, i) => (
                <VersionCard
                  key={v.id}
                  inspection={v}
                  latest={i === 0}
                  lineOf={(id) => lineById.get(id)}
                  starName={starName}
                />
              ))}
            </Flex>
          ),
        }))}
      />
    );

  return (
    <Drawer
      open={unit !== null}
      onClose={onClose}
      size={isMobile ? '100%' : 760}
      title={unit ? t('supervision.inspections.title', { unit: unit.name }) : ''}
    >
      {body}
    </Drawer>
  );
}
