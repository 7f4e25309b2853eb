import {
  CopyOutlined,
  ExportOutlined,
  PlusOutlined,
  PrinterOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { newIdempotencyKey } from '../../components/idempotency';
import { PageHeader } from '../../components/PageHeader';
import { useNewVersion, usePublication } from '../../hooks/usePublications';
import { usePublicationsI18n } from './i18n';
import { ScopeTag, WindowTag } from './labels';
import { ObjectionList } from './ObjectionList';
import { ObjectionModal } from './ObjectionModal';
import { absoluteUrl, QrCode } from './QrCode';
import { SnapshotTables } from './SnapshotTables';
import { VersionDiff } from './VersionDiff';

/** One publication: its facts and public link with QR code, versions, the snapshot, objections and the diff. */
export function PublicationDetailPage() {
  const { id } = useParams();
  const { t, lang } = usePublicationsI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const asked = params.get('version');
  const detail = usePublication(id, asked ? Number(asked) : undefined);
  const [objecting, setObjecting] = useState(false);
  const [versioning, setVersioning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const newVersion = useNewVersion(id ?? '');
  const versionKey = useRef(newIdempotencyKey());

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />;
  const { publication: p, versions, snapshot, objections, canObjectFor, canManage } = detail.data;
  const shown = versions.find((v) => v.version === detail.data.version);
  const link = absoluteUrl(p.publicPath);
  const current = p.currentVersion;
  const diffFrom = Number(params.get('from') ?? Math.max(1, current - 1));
  const diffTo = Number(params.get('to') ?? current);
  const setParam = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const pending = objections.filter((o) => o.status === 'pending').length;

  const copy = () =>
    navigator.clipboard
      ?.writeText(link)
      .then(() => message.success(t('pub.detail.copied')))
      .catch(() => undefined);

  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={
          <Flex gap={6} wrap align="center">
            <span>{p.number}</span>
            <ScopeTag scope={p.scope} t={t} />
            <WindowTag open={p.windowOpen} end={p.windowEnd} t={t} />
            <Tag color="red">{t('pub.version', { n: current })}</Tag>
            {p.demo && <Tag>{t('pub.demo')}</Tag>}
          </Flex>
        }
        extra={
          <>
            {canObjectFor.length > 0 && (
              <Button type="primary" icon={<WarningOutlined />} onClick={() => setObjecting(true)}>
                {t('pub.objections.file')}
              </Button>
            )}
            <Button icon={<ExportOutlined />} href={p.publicPath} target="_blank">
              {t('pub.detail.open')}
            </Button>
            <Button icon={<PrinterOutlined />} href={`${p.publicPath}/print`} target="_blank">
              {t('pub.detail.print')}
            </Button>
            {canManage && (
              <Button icon={<PlusOutlined />} onClick={() => setVersioning(true)}>
                {t('pub.detail.newVersion')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={24} wrap>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            style={{ flex: 1, minWidth: 280 }}
            items={[
              { key: 'period', label: t('pub.col.period'), children: p.periodLabel },
              { key: 'publisher', label: t('pub.detail.publisher'), children: p.publisher },
              { key: 'on', label: t('pub.col.publishedOn'), children: p.publishedOn },
              {
                key: 'window',
                label: t('pub.col.window'),
                children: `${t('pub.window.range', { from: p.publishedOn, to: p.windowEnd })} ${t('pub.window.days', { n: p.windowDays })}`,
              },
              {
                key: 'by',
                label: t('pub.detail.publishedBy'),
                children: `${p.publishedByName} · ${formatDateTime(p.publishedAt, lang)}`,
              },
              { key: 'contact', label: t('pub.detail.contact'), children: p.contact },
              {
                key: 'link',
                label: t('pub.detail.publicLink'),
                span: 'filled',
                children: (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="public-link">
                      {link}
                    </Typography.Text>
                    <Button size="small" icon={<CopyOutlined />} onClick={copy}>
                      {t('pub.detail.copy')}
                    </Button>
                  </Flex>
                ),
              },
            ]}
          />
          <Flex vertical align="center" gap={4}>
            <QrCode text={link} size={132} alt={t('pub.detail.qr')} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('pub.detail.qr')}
            </Typography.Text>
          </Flex>
        </Flex>
      </Card>

      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('pub.detail.showing')}</Typography.Text>
        <Select
          value={detail.data.version}
          style={{ width: 150 }}
          onChange={(v) => setParam({ version: v === current ? null : String(v) })}
          options={versions.map((v) => ({
            value: v.version,
            label: `${t('pub.version', { n: v.version })}${v.version === current ? ` · ${t('pub.detail.current')}` : ''}`,
          }))}
        />
        {shown && (
          <Typography.Text type="secondary">
            {shown.reason ?? t('pub.detail.firstVersion')} · {shown.createdByName} ·{' '}
            {formatDateTime(shown.createdAt, lang)}
          </Typography.Text>
        )}
      </Flex>
      {detail.data.version !== current && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('pub.public.oldVersion', { n: detail.data.version })}
        />
      )}
      <Card size="small">
        <SnapshotTables
          snapshot={snapshot}
          activeKey={params.get('tab') ?? undefined}
          onTabChange={(tab) => setParam({ tab })}
          extraTabs={[
            {
              key: 'objections',
              label: `${t('pub.tab.objections')}${pending > 0 ? ` (${pending})` : objections.length > 0 ? ` · ${objections.length}` : ''}`,
              children: <ObjectionList publicationId={p.id} objections={objections} canManage={canManage} />,
            },
            {
              key: 'diff',
              label: t('pub.tab.diff'),
              children: (
                <VersionDiff
                  publicationId={p.id}
                  versions={versions}
                  from={diffFrom}
                  to={diffTo}
                  onChange={(from, to) => setParam({ from: String(from), to: String(to) })}
                />
              ),
            },
          ]}
        />
      </Card>
      {canObjectFor.length > 0 && (
        <ObjectionModal
          publicationId={p.id}
          snapshot={snapshot}
          unitCodes={canObjectFor}
          open={objecting}
          onClose={() => setObjecting(false)}
        />
      )}
      <Modal
        open={versioning}
        title={t('pub.detail.newVersion')}
        onCancel={() => setVersioning(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: newVersion.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('pub.detail.newVersionHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={({ reason }) =>
            newVersion.mutate(
              { idempotencyKey: versionKey.current, reason },
              {
                onSuccess: (res) => {
                  message.success(t('pub.detail.versionPublished', { n: res.publication.currentVersion }));
                  versionKey.current = newIdempotencyKey();
                  setVersioning(false);
                  setParam({ version: null });
                },
                onError: (error) => message.error(errorMessage(error, '')),
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('pub.detail.reason')}
            rules={[{ required: true, whitespace: true, message: t('pub.detail.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
