import { EditOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ItemView, ScoreEntryView } from '../../api/types';
import { useItemEntries } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useI18n } from '../../i18n';
import { CardList } from '../CardList';
import { EmptyState, ErrorBox, Loading } from '../Feedback';
import { formatDateTime } from '../format';
import { CorrectionModal } from './CorrectionModal';
import { SourceTag } from './labels';

/** Points of an entry as a reader sees them: the number, or 不适用. */
function PointsText({ entry }: { entry: ScoreEntryView }) {
  const { t } = useI18n();
  const style = entry.current ? undefined : { textDecoration: 'line-through' };
  if (entry.na) return <Typography.Text style={style}>{t('entries.na')}</Typography.Text>;
  return (
    <Typography.Text strong={entry.current} style={style}>
      {entry.points ?? '—'}
    </Typography.Text>
  );
}

function StateTag({ entry }: { entry: ScoreEntryView }) {
  const { t } = useI18n();
  return entry.current ? (
    <Tag color="success" style={{ marginInlineEnd: 0 }}>
      {t('entries.current')}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }}>{t('entries.superseded')}</Tag>
  );
}

/**
 * Every ledger entry behind one unit's item score: scorer, points, source, reason, who entered it and
 * when, and whether a later correction superseded it. Those who may score the unit can correct a current
 * entry from here.
 */
export function ItemEntries({
  campaignCode,
  unitCode,
  item,
  canCorrect = false,
}: {
  campaignCode: string;
  unitCode: string;
  item: ItemView;
  canCorrect?: boolean;
}) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  const entries = useItemEntries(campaignCode, unitCode, item.code);
  const [correcting, setCorrecting] = useState<ScoreEntryView | null>(null);

  if (entries.isPending) return <Loading minHeight={80} />;
  if (entries.isError) return <ErrorBox error={entries.error} onRetry={() => entries.refetch()} />;
  const rows = entries.data.entries;
  const correct = (e: ScoreEntryView) =>
    canCorrect && e.current ? (
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setCorrecting(e)}>
        {t('entries.correct')}
      </Button>
    ) : null;

  const body =
    rows.length === 0 ? (
      <EmptyState description={t('entries.empty')} />
    ) : isMobile ? (
      <CardList
        items={rows}
        rowKey={(e) => e.id}
        render={(e) => (
          <Flex vertical gap={4} style={{ opacity: e.current ? 1 : 0.7 }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{e.scorerName}</Typography.Text>
              <Flex gap={4} align="center">
                <PointsText entry={e} />
                <StateTag entry={e} />
              </Flex>
            </Flex>
            <Flex gap={6} wrap align="center" style={{ fontSize: 12 }}>
              <SourceTag source={e.source} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.enteredAt, lang)}
                {e.enteredByName ? ` · ${e.enteredByName}` : ''}
              </Typography.Text>
            </Flex>
            {e.reason && (
              <Typography.Text style={{ fontSize: 13 }}>
                {t('common.labelValue', { label: t('entries.reason'), value: e.reason })}
              </Typography.Text>
            )}
            {correct(e)}
          </Flex>
        )}
      />
    ) : (
      <Table<ScoreEntryView>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={false}
        rowClassName={(e) => (e.current ? '' : 'wx-superseded')}
        columns={[
          { title: t('entries.scorer'), dataIndex: 'scorerName', width: 120 },
          {
            title: t('entries.points'),
            key: 'points',
            width: 80,
            align: 'right',
            render: (_, e) => <PointsText entry={e} />,
          },
          {
            title: t('entries.sourceCol'),
            key: 'source',
            width: 90,
            render: (_, e) => <SourceTag source={e.source} />,
          },
          {
            title: t('entries.reason'),
            dataIndex: 'reason',
            render: (v: string | null) => v ?? <span className="wx-muted">—</span>,
          },
          {
            title: t('entries.time'),
            key: 'time',
            width: 170,
            render: (_, e) => (
              <Flex vertical>
                <span>{formatDateTime(e.enteredAt, lang)}</span>
                {e.enteredByName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.enteredByName}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('entries.state'),
            key: 'state',
            width: canCorrect ? 150 : 90,
            render: (_, e) => (
              <Flex gap={4} align="center" wrap>
                <StateTag entry={e} />
                {correct(e)}
              </Flex>
            ),
          },
        ]}
      />
    );

  return (
    <>
      {body}
      {canCorrect && (
        <CorrectionModal
          campaignCode={campaignCode}
          item={item}
          entry={correcting}
          onClose={() => setCorrecting(null)}
        />
      )}
    </>
  );
}
