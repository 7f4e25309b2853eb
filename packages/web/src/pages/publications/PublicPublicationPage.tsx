import { PrinterOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { Logo } from '../../components/Brand';
import { ErrorBox, Loading } from '../../components/Feedback';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { usePublication, usePublicPublication } from '../../hooks/usePublications';
import { useSession } from '../../hooks/useSession';
import { usePublicationsI18n } from './i18n';
import { WindowTag } from './labels';
import { ObjectionModal } from './ObjectionModal';
import { absoluteUrl, QrCode } from './QrCode';
import { SnapshotTables } from './SnapshotTables';
import './publication.css';

/** Logged-in village users and street admins may object from the public page (their units only). */
function ObjectButton({ id }: { id: string }) {
  const { t } = usePublicationsI18n();
  const detail = usePublication(id);
  const [open, setOpen] = useState(false);
  const units = detail.data?.canObjectFor ?? [];
  if (!detail.data || units.length === 0) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        message={t('pub.public.objectHint')}
        action={
          <Button type="primary" size="small" onClick={() => setOpen(true)}>
            {t('pub.objections.file')}
          </Button>
        }
      />
      <ObjectionModal
        publicationId={id}
        snapshot={detail.data.snapshot}
        unitCodes={units}
        open={open}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/**
 * The public page /p/:token, for phones and notice boards: the frozen snapshot only (no user names), the
 * publication's facts, corrections, a QR code of this address and the print view. No login for public ones.
 */
export function PublicPublicationPage() {
  const { token } = useParams();
  const { t } = usePublicationsI18n();
  const [params] = useSearchParams();
  const asked = params.get('version');
  const pub = usePublicPublication(token, asked ? Number(asked) : undefined);
  const session = useSession();

  let body: React.ReactNode;
  if (pub.isPending) body = <Loading />;
  else if (pub.isError) {
    const status = pub.error instanceof ApiError ? pub.error.status : 0;
    body =
      status === 404 ? (
        <Result status="404" title={t('pub.public.notFound')} />
      ) : status === 401 ? (
        <Result
          status="403"
          title={t('pub.public.needLogin')}
          extra={
            <Link to={`/login?next=${encodeURIComponent(`/p/${token ?? ''}`)}`}>
              <Button type="primary">{t('pub.public.login')}</Button>
            </Link>
          }
        />
      ) : (
        <ErrorBox error={pub.error} onRetry={() => pub.refetch()} />
      );
  } else {
    const p = pub.data;
    const url = absoluteUrl(p.publicPath);
    const corrections = p.versions.filter((v) => v.version > 1);
    body = (
      <Flex vertical gap={12}>
        <div className="wx-pub-head">
          <div className="wx-pub-publisher">{p.publisher}</div>
          <h1 className="wx-pub-title">{p.title}</h1>
        </div>
        <Card size="small">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'n', label: t('pub.public.number'), children: p.number },
              { key: 'p', label: t('pub.public.period'), children: p.periodLabel },
              { key: 'on', label: t('pub.public.publishedOn'), children: p.publishedOn },
              {
                key: 'w',
                label: t('pub.public.window'),
                children: (
                  <Flex gap={6} wrap align="center">
                    <span>{t('pub.window.range', { from: p.publishedOn, to: p.windowEnd })}</span>
                    <WindowTag open={p.windowOpen} end={p.windowEnd} t={t} />
                  </Flex>
                ),
              },
              { key: 'c', label: t('pub.public.contact'), children: p.contact },
            ]}
          />
        </Card>
        {p.version !== p.currentVersion ? (
          <Alert
            type="warning"
            showIcon
            message={
              <span>
                {t('pub.public.oldVersion', { n: p.version })}
                <Link to={p.publicPath}>{t('pub.public.toCurrent')}</Link>
              </span>
            }
          />
        ) : (
          corrections.length > 0 && (
            <Collapse
              size="small"
              items={[
                {
                  key: 'c',
                  label: t('pub.public.versionNote', { n: p.currentVersion }),
                  children: (
                    <Flex vertical gap={6}>
                      {corrections.map((v) => (
                        <div key={v.version}>
                          <Typography.Text strong>{t('pub.version', { n: v.version })}</Typography.Text>{' '}
                          <Typography.Text type="secondary">{v.createdAt.slice(0, 10)}</Typography.Text>
                          <div>{v.reason}</div>
                          <Link to={`${p.publicPath}?version=${v.version - 1}`}>
                            {t('pub.version', { n: v.version - 1 })}
                          </Link>
                        </div>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          )
        )}
        {session.data && p.windowOpen && <ObjectButton id={p.id} />}
        <Card size="small" styles={{ body: { padding: '4px 12px 12px' } }}>
          <SnapshotTables snapshot={p.snapshot} />
        </Card>
        <Card size="small">
          <Flex gap={16} align="center" wrap justify="center">
            <QrCode text={url} size={128} alt={t('pub.detail.qr')} />
            <Flex vertical gap={8} style={{ maxWidth: 420 }}>
              <Typography.Text type="secondary">
                {t('pub.public.footer', { publisher: p.publisher })}
              </Typography.Text>
              <Link
                to={`${p.publicPath}/print${p.version !== p.currentVersion ? `?version=${p.version}` : ''}`}
              >
                <Button icon={<PrinterOutlined />}>{t('pub.detail.print')}</Button>
              </Link>
            </Flex>
          </Flex>
        </Card>
      </Flex>
    );
  }

  return (
    <div className="wx-pub">
      <header className="wx-pub-bar">
        <Flex align="center" gap={8}>
          <Logo size={26} />
          <span>{t('app.name')}</span>
        </Flex>
        <LanguageSwitch dark />
      </header>
      <main className="wx-pub-main">{body}</main>
    </div>
  );
}
