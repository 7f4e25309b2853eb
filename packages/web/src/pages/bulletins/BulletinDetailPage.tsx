import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  ReloadOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { BulletinView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { periodLabel } from '../../components/campaign/periodLabel';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useUser } from '../../hooks/useSession';
import { bulletinPath, useBulletin, useBulletinAction, useSaveBulletin } from './api';
import { BulletinDocument, type BulletinText } from './BulletinDocument';
import { useBulletinI18n } from './i18n';
import { StatusTag } from './labels';
import { useLeaveGuard } from './useLeaveGuard';
import './bulletin.css';

/** The editable text of a bulletin as the server has it. */
function textOf(view: BulletinView): BulletinText {
  return {
    title: view.title,
    docNumber: view.docNumber,
    sections: view.sections.map((s) => ({ heading: s.heading, text: s.text })),
  };
}

/** True when two texts are the same edit (title, 文号 and every section's heading and text). */
function sameText(a: BulletinText, b: BulletinText): boolean {
  return (
    a.title === b.title &&
    a.docNumber === b.docNumber &&
    a.sections.length === b.sections.length &&
    a.sections.every((s, i) => s.heading === b.sections[i]?.heading && s.text === b.sections[i]?.text)
  );
}

/** A 409 naming `version`: someone saved, regenerated or issued the bulletin since this page read it. */
function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && error.field === 'version';
}

/**
 * One 月度通报 (`/bulletins/:id`) as a page of an official notice. The district admin edits a draft in place
 * (title, 文号, each section's heading and text), saves it at the version it was read at, regenerates it from
 * the ledger or issues it; everyone who may read it downloads the Word and PDF files.
 */
export function BulletinDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useBulletinI18n();
  const user = useUser();
  const { message, modal } = App.useApp();
  const bulletin = useBulletin(id);
  const save = useSaveBulletin(id);
  const regenerate = useBulletinAction(id, 'regenerate');
  const issue = useBulletinAction(id, 'issue');
  const [edit, setEdit] = useState<BulletinText | null>(null);
  const [stale, setStale] = useState(false);

  const view = bulletin.data;
  const saved = view ? textOf(view) : null;
  const dirty = edit !== null && saved !== null && !sameText(edit, saved);
  useLeaveGuard(dirty, {
    title: t('bulletin.leaveTitle'),
    body: t('bulletin.leaveBody'),
    ok: t('bulletin.leaveOk'),
    cancel: t('bulletin.stay'),
  });

  if (bulletin.isPending) return <Loading />;
  if (bulletin.isError || !view || !saved)
    return <ErrorBox error={bulletin.error} onRetry={() => bulletin.refetch()} />;

  const editable = user.role === 'district_admin' && view.status === 'draft';
  const text = edit ?? saved;
  const busy = save.isPending || regenerate.isPending || issue.isPending;

  const failed = (error: unknown) => {
    if (isStale(error)) {
      setStale(true);
      message.error(t('bulletin.stale'));
    } else message.error(errorMessage(error, t('common.unknownError')));
  };
  const body = () => ({ ...text, version: view.version });
  const onSave = () =>
    save.mutate(body(), {
      onSuccess: () => {
        setEdit(null);
        message.success(t('bulletin.saved'));
      },
      onError: failed,
    });
  const refresh = () =>
    bulletin.refetch().then(() => {
      setEdit(null);
      setStale(false);
    });
  const onRegenerate = () =>
    modal.confirm({
      title: t('bulletin.regenerateTitle'),
      content: t('bulletin.regenerateBody'),
      okText: t('bulletin.regenerateOk'),
      okButtonProps: { danger: true },
      onOk: () =>
        regenerate
          .mutateAsync(view.version)
          .then(() => {
            setEdit(null);
            message.success(t('bulletin.regenerated'));
          })
          .catch(failed),
    });
  const onIssue = () =>
    modal.confirm({
      title: t('bulletin.issueTitle'),
      content: (
        <>
          <p style={{ margin: 0 }}>{t('bulletin.issueBody')}</p>
          {dirty && <p style={{ margin: '8px 0 0' }}>{t('bulletin.issueBodyUnsaved')}</p>}
        </>
      ),
      okText: t('bulletin.issueOk'),
      onOk: async () => {
        try {
          // Unsaved edits are saved first, so what is issued is what the admin sees.
          const version = dirty ? (await save.mutateAsync(body())).version : view.version;
          setEdit(null);
          await issue.mutateAsync(version);
          message.success(t('bulletin.issued'));
        } catch (error) {
          failed(error);
        }
      },
    });

  const download = (format: 'docx' | 'pdf') => {
    const label = format === 'docx' ? t('bulletin.downloadWord') : t('bulletin.downloadPdf');
    const icon = format === 'docx' ? <FileWordOutlined /> : <FilePdfOutlined />;
    const button = (
      <Button
        icon={icon}
        href={dirty ? undefined : bulletinPath(view.id, `/${format}`)}
        download
        disabled={dirty}
      >
        {label}
      </Button>
    );
    return dirty ? (
      <Tooltip key={format} title={t('bulletin.downloadSaveFirst')}>
        {button}
      </Tooltip>
    ) : (
      <span key={format}>{button}</span>
    );
  };

  return (
    <>
      <Link to="/bulletins" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('bulletin.back')}
      </Link>
      <PageHeader
        title={`${periodLabel(view.month, t)} ${t('bulletin.title')}`}
        subtitle={
          <Flex gap={8} wrap align="center" component="span">
            <span>{view.campaignName}</span>
            <StatusTag status={view.status} t={t} />
            {view.demo && <DemoTag subtle />}
            <span>{t('bulletin.generatedAt', { at: formatDateTime(view.generatedAt, lang) })}</span>
          </Flex>
        }
        extra={
          <>
            {editable && (
              <>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  onClick={onSave}
                  loading={save.isPending}
                  disabled={!dirty || busy}
                >
                  {t('bulletin.save')}
                </Button>
                <Button icon={<ReloadOutlined />} onClick={onRegenerate} disabled={busy}>
                  {t('bulletin.regenerate')}
                </Button>
                <Button icon={<SendOutlined />} onClick={onIssue} disabled={busy}>
                  {t('bulletin.issue')}
                </Button>
              </>
            )}
            {download('docx')}
            {download('pdf')}
          </>
        }
      />
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('bulletin.stale')}
          action={
            <Button size="small" onClick={refresh}>
              {t('bulletin.refresh')}
            </Button>
          }
        />
      )}
      {editable ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('bulletin.draftNote')}
        </Typography.Paragraph>
      ) : view.status === 'issued' ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="issued-note">
          <CheckCircleOutlined style={{ color: '#389e0d' }} />{' '}
          {t('bulletin.issuedNote', {
            at: formatDateTime(view.issuedAt, lang),
            name: view.issuedByName ?? '—',
          })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('bulletin.readonlyDraft')}
        </Typography.Paragraph>
      )}
      <div className="wx-bul-desk">
        <BulletinDocument view={view} text={text} onChange={editable ? setEdit : undefined} t={t} />
      </div>
      {editable && dirty && (
        <div className="wx-bul-savebar" role="status">
          <Typography.Text strong>{t('bulletin.unsaved')}</Typography.Text>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            onClick={onSave}
            loading={save.isPending}
            disabled={busy}
          >
            {t('bulletin.save')}
          </Button>
        </div>
      )}
    </>
  );
}
