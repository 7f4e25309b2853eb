import { Alert, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { DiffRowView, PublicationVersionView } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Feedback';
import { usePublicationDiff } from '../../hooks/usePublications';
import { type PublicationsTranslate, usePublicationsI18n } from './i18n';

const show = (field: string, v: number | null) =>
  v === null ? '—' : field === 'rank' ? String(v) : field === 'rate' ? `${v.toFixed(2)}%` : v.toFixed(2);

function fieldLabel(field: string, label: string, t: PublicationsTranslate) {
  if (field === 'rank' || field === 'score' || field === 'rate') return t(`pub.diff.field.${field}`);
  return label;
}

/** 版本对比: two versions side by side, the rows whose figures changed and the later version's reason. */
export function VersionDiff({
  publicationId,
  versions,
  from,
  to,
  onChange,
}: {
  publicationId: string;
  versions: readonly PublicationVersionView[];
  from: number;
  to: number;
  onChange: (from: number, to: number) => void;
}) {
  const { t } = usePublicationsI18n();
  const diff = usePublicationDiff(publicationId, from, to, versions.length > 1);
  if (versions.length < 2) return <Empty description={t('pub.diff.oneVersion')} />;
  const options = versions.map((v) => ({ value: v.version, label: t('pub.version', { n: v.version }) }));
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <span>{t('pub.diff.from')}</span>
        <Select value={from} options={options} onChange={(v) => onChange(v, to)} style={{ width: 96 }} />
        <span>→ {t('pub.diff.to')}</span>
        <Select value={to} options={options} onChange={(v) => onChange(from, v)} style={{ width: 96 }} />
      </Flex>
      {diff.isPending ? (
        <Loading minHeight={120} />
      ) : diff.isError ? (
        <ErrorBox error={diff.error} />
      ) : (
        <>
          {diff.data.reasons.map((r) => (
            <Alert
              key={r.version}
              type="warning"
              showIcon
              message={`${t('pub.version', { n: r.version })} · ${t('pub.diff.reason')}：${r.reason ?? t('pub.detail.firstVersion')}`}
            />
          ))}
          {diff.data.rows.length === 0 ? (
            <Empty description={t('pub.diff.none')} />
          ) : (
            <Table<DiffRowView>
              size="small"
              rowKey={(r) => `${r.level}-${r.code}`}
              dataSource={diff.data.rows}
              pagination={false}
              columns={[
                {
                  title: t('pub.col.unit'),
                  key: 'unit',
                  width: 160,
                  render: (_: unknown, r) => (
                    <Flex vertical>
                      <Typography.Text strong>{r.name}</Typography.Text>
                      <span>
                        <Tag bordered={false}>{t(`pub.diff.level.${r.level}`)}</Tag>
                        {r.kind !== 'changed' && <Tag color="orange">{t(`pub.diff.kind.${r.kind}`)}</Tag>}
                      </span>
                    </Flex>
                  ),
                },
                {
                  title: `${t('pub.diff.field')}：${t('pub.diff.fromValue')} → ${t('pub.diff.toValue')}`,
                  key: 'fields',
                  render: (_: unknown, r) => (
                    <Flex vertical gap={2}>
                      {r.fields.map((f) => (
                        <span key={f.field} data-field={f.field}>
                          <Typography.Text type="secondary">
                            {fieldLabel(f.field, f.label, t)}
                          </Typography.Text>{' '}
                          <Typography.Text delete>{show(f.field, f.from)}</Typography.Text> →{' '}
                          <Typography.Text strong style={{ color: '#a93226' }}>
                            {show(f.field, f.to)}
                          </Typography.Text>
                        </span>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}
