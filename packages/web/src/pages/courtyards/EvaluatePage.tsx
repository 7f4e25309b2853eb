import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloudDownloadOutlined,
  EditOutlined,
  LockOutlined,
  MinusOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { evaluationTotal } from '@wuxing/core/courtyard';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CourtyardEvaluationView, CourtyardHouseholdView, CourtyardStandardView } from '../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useRefreshOnSync } from '../../hooks/useInspections';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import type { DraftLine, SheetDraft } from '../../offline/drafts';
import { enqueue } from '../../offline/engine';
import { useDraft } from '../../offline/useDraft';
import { HeldEntryAlert } from '../inspector/HeldEntryAlert';
import { PhotoPicker } from '../inspector/PhotoPicker';
import { QueueBadge, SyncPanel, useMyQueue } from '../inspector/SyncPanel';
import { useChosenCourtyardCampaign, useCourtyardHousehold } from './api';
import { courtyardDraftId, PHOTO_LINE } from './evaluationDraft';
import { evaluationEntries, missingStandards, outOfRangeStandards } from './evaluationEntries';
import { type CourtyardTranslate, useCourtyardI18n } from './i18n';
import { LevelTag, StatusTag, scoreText } from './labels';

const EMPTY: DraftLine = { points: null, note: '', photos: [] };

/** Keeps points within [0, max] with at most one decimal. */
function clamp(value: number | null, max: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.round(Math.min(max, Math.max(0, value)) * 10) / 10;
}

/** One standard (整洁美 …): name, guidance, a stepper 0..max, a note. Read-only once submitted. */
function StandardCard({
  index,
  standard,
  value,
  readOnly,
  onChange,
}: {
  index: number;
  standard: CourtyardStandardView;
  value: DraftLine;
  readOnly: boolean;
  onChange: (next: DraftLine) => void;
}) {
  const { t } = useCourtyardI18n();
  const set = (patch: Partial<DraftLine>) => onChange({ ...value, ...patch });
  const step = (delta: number) =>
    set({ points: clamp((value.points ?? standard.maxPoints) + delta, standard.maxPoints) });
  return (
    <Card size="small" data-testid={`standard-${standard.code}`} styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {index}. {standard.name}
          </Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>
            {t('cy.standard.max', { max: formatNumber(standard.maxPoints) })}
          </Tag>
        </Flex>
        {standard.guidance && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
            {standard.guidance}
          </Typography.Paragraph>
        )}
        {readOnly ? (
          <Flex gap={8} align="baseline" wrap>
            <Typography.Text strong style={{ fontSize: 20 }}>
              {value.points === null ? '—' : formatNumber(value.points)}
            </Typography.Text>
            <Typography.Text type="secondary">/ {formatNumber(standard.maxPoints)}</Typography.Text>
            {value.note && <Typography.Text style={{ flexBasis: '100%' }}>{value.note}</Typography.Text>}
          </Flex>
        ) : (
          <>
            <Flex gap={8} align="center">
              <Button
                size="large"
                icon={<MinusOutlined />}
                aria-label={`${standard.name} ${t('cy.eval.decrease')}`}
                disabled={value.points === 0}
                onClick={() => step(-1)}
              />
              <InputNumber
                min={0}
                max={standard.maxPoints}
                step={1}
                value={value.points}
                onChange={(v) => set({ points: clamp(typeof v === 'number' ? v : null, standard.maxPoints) })}
                aria-label={`${standard.name} ${t('cy.score')}`}
                inputMode="decimal"
                size="large"
                controls={false}
                style={{ width: 88, textAlign: 'center' }}
              />
              <Button
                size="large"
                icon={<PlusOutlined />}
                aria-label={`${standard.name} ${t('cy.eval.increase')}`}
                disabled={value.points === standard.maxPoints}
                onClick={() => step(1)}
              />
              <Button size="large" onClick={() => set({ points: standard.maxPoints })}>
                {t('cy.eval.full')}
              </Button>
            </Flex>
            <Input
              value={value.note}
              maxLength={500}
              onChange={(e) => set({ note: e.target.value })}
              placeholder={t('cy.eval.notePlaceholder')}
              aria-label={`${standard.name} ${t('cy.eval.note')}`}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** Earlier evaluations of the household, newest first (every evaluator's versions). */
export function EvaluationList({
  evaluations,
  t,
  lang,
}: {
  evaluations: CourtyardEvaluationView[];
  t: CourtyardTranslate;
  lang: 'zh' | 'en';
}) {
  if (evaluations.length === 0)
    return <Typography.Text type="secondary">{t('cy.eval.noEarlier')}</Typography.Text>;
  return (
    <Flex vertical gap={0}>
      {evaluations.map((e) => (
        <Flex
          key={e.id}
          vertical
          gap={4}
          style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0', opacity: e.current ? 1 : 0.6 }}
        >
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong>
              {e.evaluatorName}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cy.eval.version', { version: e.version })}
              </Typography.Text>
            </Typography.Text>
            <Typography.Text strong>{formatNumber(e.total)}</Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.scores.map((s) => `${s.standardName} ${formatNumber(s.points)}`).join(' · ')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(e.evaluatedAt, lang)}
            {e.photos.length > 0 ? ` · ${t('cy.eval.photoCount', { count: e.photos.length })}` : ''}
          </Typography.Text>
          {e.correctionReason && (
            <Typography.Text style={{ fontSize: 12 }}>
              {t('cy.eval.correctingReason', { reason: e.correctionReason })}
            </Typography.Text>
          )}
          {e.photos.length > 0 && (
            <Flex gap={6} wrap>
              {e.photos.map((p) => (
                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                  <img
                    src={p.thumbUrl}
                    alt={e.evaluatorName}
                    style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4 }}
                  />
                </a>
              ))}
            </Flex>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/** The evaluator's own latest evaluation (the server marks the viewer's own: two evaluators may share a name). */
function mineOf(view: CourtyardHouseholdView): CourtyardEvaluationView | undefined {
  return view.evaluations.find((e) => e.current && e.mine);
}

function linesOf(
  view: CourtyardHouseholdView,
  mine: CourtyardEvaluationView | undefined,
): Record<string, DraftLine> {
  const lines: Record<string, DraftLine> = {};
  if (!mine) return lines;
  for (const s of mine.scores) lines[s.standardCode] = { points: s.points, note: s.note ?? '', photos: [] };
  lines[PHOTO_LINE] = {
    points: null,
    note: '',
    photos: mine.photos.map((p) => ({ key: p.key, blob: null, thumbUrl: p.thumbUrl, takenAt: p.takenAt })),
  };
  void view;
  return lines;
}

/**
 * The phone scoring page of one household: the five standards with steppers and their guidance, photos, the
 * live total, and submit. Works offline from the cached household; drafts save as one types; submitting queues
 * the evaluation (photos first) with its idempotency key and locks it until synced; a correction needs a reason.
 */
export function EvaluatePage() {
  const { householdCode = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useCourtyardI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const user = useUser();
  const owner = user.username;
  useRefreshOnSync();
  const { campaigns, chosen } = useChosenCourtyardCampaign(owner, params.get('campaign'));
  const campaignCode = chosen?.code;
  const query = useCourtyardHousehold(owner, campaignCode, householdCode);
  const view = query.data?.value;
  const { sync, entries } = useMyQueue(owner);
  const id = courtyardDraftId(owner, campaignCode ?? '', householdCode);
  const { draft, loaded, savedAt, update, replace, flush, reread } = useDraft(id);
  const [confirming, setConfirming] = useState(false);
  const [askCorrection, setAskCorrection] = useState(false);
  const [confirmForm] = Form.useForm<{ reason: string }>();
  const [correctionForm] = Form.useForm<{ reason: string }>();

  const queued = entries.filter(
    (e) => e.kind === 'courtyard' && e.roundId === campaignCode && e.unitCode === householdCode,
  );
  const held = queued[queued.length - 1];

  // A draft whose queued evaluation left the queue: the engine deleted it (synced) or put it back (discarded).
  useEffect(() => {
    if (!sync.loaded || !draft?.queuedKey) return;
    if (entries.some((e) => e.key === draft.queuedKey)) return;
    void reread();
  }, [sync.loaded, draft, entries, reread]);

  const mine = view ? mineOf(view) : undefined;
  const mineLines = useMemo(() => (view ? linesOf(view, mine) : {}), [view, mine]);
  const evaluable = Boolean(view?.may.evaluate && view.application?.status === 'street_confirmed');
  const editing = !held && (draft ? draft.queuedKey === null : !mine && evaluable);
  const heldLines = useMemo(() => {
    const lines: Record<string, DraftLine> = {};
    if (held?.kind === 'courtyard')
      for (const [code, points] of Object.entries(held.payload.body.scores))
        lines[code] = { points, note: held.payload.body.notes?.[code] ?? '', photos: [] };
    return lines;
  }, [held]);
  const values: Record<string, DraftLine> = draft ? draft.lines : held ? heldLines : mineLines;
  const standards = view?.campaign.standards ?? [];
  const total = evaluationTotal(standards.map((s) => values[s.code]?.points ?? 0));
  const done = standards.filter((s) => values[s.code]?.points != null).length;

  const fresh = (): SheetDraft | null => {
    if (draft) return draft;
    if (!view || mine || !evaluable) return null;
    const now = new Date().toISOString();
    return {
      id,
      owner,
      roundId: `courtyard:${view.campaign.code}`,
      unitCode: householdCode,
      baseVersion: 0,
      reason: null,
      note: '',
      visitedAt: now,
      location: null,
      lines: {},
      updatedAt: now,
      queuedKey: null,
    };
  };
  const changeLine = (code: string, next: DraftLine) => {
    const base = fresh();
    if (base) update({ ...base, lines: { ...base.lines, [code]: next } });
  };

  const startSubmit = async () => {
    if (!view) return;
    const base = fresh();
    if (!base) return;
    const missing = missingStandards(view, base);
    if (missing.length > 0) {
      message.error(t('cy.eval.missing', { count: missing.length }));
      document
        .querySelector(`[data-testid="standard-${missing[0]}"]`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    const wrong = outOfRangeStandards(view, base);
    if (wrong.length > 0) {
      message.error(t('cy.eval.outOfRange', { count: wrong.length }));
      document
        .querySelector(`[data-testid="standard-${wrong[0]}"]`)
        ?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    await flush();
    confirmForm.setFieldsValue({ reason: base.reason ?? '' });
    setConfirming(true);
  };

  const needsReason = (draft?.baseVersion ?? 0) > 0;

  const submit = async (reason: string | undefined) => {
    if (!view || !draft) return;
    const ready: SheetDraft = { ...draft, reason: reason?.trim() || draft.reason };
    const list = evaluationEntries(owner, view, ready);
    const last = list[list.length - 1];
    try {
      await replace({ ...ready, queuedKey: last?.key ?? null, updatedAt: new Date().toISOString() });
      await enqueue(list);
      setConfirming(false);
      message.success(navigator.onLine ? t('cy.eval.queued') : t('cy.eval.queuedOffline'));
    } catch (error) {
      message.error(errorMessage(error, t('onsite.sync.saveFailed')));
    }
  };

  const startCorrection = async (reason: string) => {
    if (!view || !mine) return;
    const now = new Date().toISOString();
    await replace({
      id,
      owner,
      roundId: `courtyard:${view.campaign.code}`,
      unitCode: householdCode,
      baseVersion: mine.version,
      reason: reason.trim(),
      note: '',
      visitedAt: now,
      location: null,
      lines: linesOf(view, mine),
      updatedAt: now,
      queuedKey: null,
    });
    setAskCorrection(false);
  };

  const back = () =>
    navigate(
      campaignCode
        ? `/courtyards/evaluate?campaign=${encodeURIComponent(campaignCode)}`
        : '/courtyards/evaluate',
    );
  const header = (
    <PageHeader
      title={
        <Flex gap={8} align="center" wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('cy.back')}
            onClick={back}
            style={{ marginInlineStart: -8 }}
          />
          <span>{view ? view.household.name : t('cy.eval.title')}</span>
        </Flex>
      }
      subtitle={
        view
          ? [view.household.villageName, view.household.streetName, view.household.code].join(' · ')
          : undefined
      }
      extra={<QueueBadge owner={owner} />}
    />
  );

  if (campaigns.isPending || (campaignCode && query.isPending) || !loaded)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (campaigns.isError || query.isError || !view)
    return (
      <>
        {header}
        <ErrorBox
          error={sync.online ? (query.error ?? campaigns.error) : new Error(t('cy.eval.notCached'))}
          onRetry={() => void query.refetch()}
        />
      </>
    );

  let state: ReactNode = null;
  if (held)
    state = (
      <HeldEntryAlert
        entry={held}
        online={sync.online}
        labels={{
          refused: t('cy.eval.refused'),
          retry: t('onsite.sync.retry'),
          backToDraft: t('cy.eval.backToDraft'),
          queued: t('cy.eval.queued'),
          queuedOffline: t('cy.eval.queuedOffline'),
          pending: t('cy.eval.pending'),
        }}
      />
    );
  else if (draft && draft.baseVersion > 0)
    state = (
      <Alert
        type="info"
        showIcon
        icon={<EditOutlined />}
        title={t('cy.eval.correcting', { version: draft.baseVersion + 1 })}
        description={t('cy.eval.correctingReason', { reason: draft.reason ?? '' })}
        action={
          <Button size="small" onClick={() => void replace(null)}>
            {t('cy.eval.cancelCorrection')}
          </Button>
        }
      />
    );
  else if (mine && !draft)
    state = (
      <Alert
        type="success"
        showIcon
        icon={<LockOutlined />}
        title={t('cy.eval.locked', { version: mine.version, time: formatDateTime(mine.evaluatedAt, lang) })}
        action={
          view.may.evaluate ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => {
                correctionForm.resetFields();
                setAskCorrection(true);
              }}
            >
              {t('cy.eval.correct')}
            </Button>
          ) : undefined
        }
      />
    );
  else if (!evaluable) state = <Alert type="warning" showIcon title={t('cy.eval.notEvaluable')} />;

  const app = view.application;
  const photos = values[PHOTO_LINE]?.photos ?? [];

  return (
    <div style={{ maxWidth: 720 }}>
      {header}
      <Flex vertical gap={12} style={{ paddingBottom: editing ? 72 : 0 }}>
        <Card size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
          <Flex vertical gap={6}>
            <Flex gap={6} wrap align="center">
              {app && <LevelTag level={app.level} />}
              {app && <StatusTag status={app.status} />}
              <Tag icon={<CloudDownloadOutlined />} color="success" style={{ marginInlineEnd: 0 }}>
                {t('cy.eval.offlineReady')}
              </Tag>
            </Flex>
            <Typography.Text>
              {t('cy.hh.head')}：{view.household.headName} ·{' '}
              {t('cy.hh.people', { count: view.household.memberCount })}
            </Typography.Text>
            <Typography.Text type="secondary">{view.household.address}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {view.campaign.name} · {t('cy.eval.householdScore', { score: scoreText(t, app?.score) })}
            </Typography.Text>
            {query.data?.fromCache && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('cy.eval.fromCache', { time: formatDateTime(query.data?.savedAt, lang) })}
              </Typography.Text>
            )}
          </Flex>
        </Card>
        {state}
        {standards.map((s, i) => (
          <StandardCard
            key={s.code}
            index={i + 1}
            standard={s}
            value={values[s.code] ?? EMPTY}
            readOnly={!editing}
            onChange={(next) => changeLine(s.code, next)}
          />
        ))}
        {(editing || photos.length > 0) && (
          <Card size="small" title={t('cy.eval.photos')} styles={{ body: { padding: 12 } }}>
            {editing && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cy.eval.photosHint')}
              </Typography.Text>
            )}
            <PhotoPicker
              photos={photos}
              onChange={(next) => changeLine(PHOTO_LINE, { ...(values[PHOTO_LINE] ?? EMPTY), photos: next })}
              label={t('cy.eval.photos')}
              disabled={!editing}
              testId="courtyard-photo-input"
            />
          </Card>
        )}
        <Card size="small" title={t('cy.eval.earlier')}>
          <EvaluationList evaluations={view.evaluations} t={t} lang={lang} />
        </Card>
        <SyncPanel
          owner={owner}
          filter={(e) => e.roundId === view.campaign.code && e.unitCode === householdCode}
        />
      </Flex>
      {editing && (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            margin: isMobile ? '0 -12px -12px' : '0 -24px -24px',
            padding: isMobile ? '10px 12px' : '12px 24px',
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
          }}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text strong data-testid="live-total" style={{ fontSize: 16 }}>
                {t('cy.eval.total')} {formatNumber(total)} / {formatNumber(view.campaign.maxTotal)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('cy.eval.filled', { done, total: standards.length })} ·{' '}
                {savedAt ? (
                  <>
                    <CheckCircleFilled style={{ color: '#52c41a' }} />{' '}
                    {t('cy.eval.draftSaved', { time: formatDateTime(savedAt, lang).slice(11) })}
                  </>
                ) : (
                  t('cy.eval.draftHint')
                )}
              </Typography.Text>
            </Flex>
            <Button type="primary" size="large" onClick={() => void startSubmit()}>
              {needsReason ? t('cy.eval.submitCorrection') : t('cy.eval.submit')}
            </Button>
          </Flex>
        </div>
      )}
      <Modal
        open={confirming}
        title={t('cy.eval.confirmTitle', { name: view.household.name })}
        okText={needsReason ? t('cy.eval.submitCorrection') : t('cy.eval.submit')}
        cancelText={t('common.cancel')}
        onCancel={() => setConfirming(false)}
        onOk={() => (needsReason ? confirmForm.submit() : void submit(undefined))}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('cy.eval.confirmBody')}</Typography.Paragraph>
        <Flex vertical gap={4} style={{ marginBottom: 12 }}>
          {standards.map((s) => (
            <Flex key={s.code} justify="space-between" gap={8}>
              <Typography.Text>{s.name}</Typography.Text>
              <Typography.Text strong>
                {formatNumber(values[s.code]?.points ?? 0)} / {formatNumber(s.maxPoints)}
              </Typography.Text>
            </Flex>
          ))}
          <Flex justify="space-between" gap={8} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 4 }}>
            <Typography.Text strong>{t('cy.eval.total')}</Typography.Text>
            <Typography.Text strong>
              {formatNumber(total)} / {formatNumber(view.campaign.maxTotal)}
            </Typography.Text>
          </Flex>
        </Flex>
        {needsReason && (
          <Form
            form={confirmForm}
            name="courtyard-confirm"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => void submit(v.reason)}
          >
            <ReasonItem t={t} />
          </Form>
        )}
      </Modal>
      <Modal
        open={askCorrection}
        title={t('cy.eval.correctTitle')}
        okText={t('cy.eval.correct')}
        cancelText={t('common.cancel')}
        onCancel={() => setAskCorrection(false)}
        onOk={() => correctionForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('cy.eval.correctHint', { version: (mine?.version ?? 0) + 1 })}
        </Typography.Paragraph>
        <Form
          form={correctionForm}
          name="courtyard-correction"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void startCorrection(v.reason)}
        >
          <ReasonItem t={t} />
        </Form>
      </Modal>
    </div>
  );
}

function ReasonItem({ t }: { t: CourtyardTranslate }) {
  return (
    <Form.Item
      name="reason"
      label={t('cy.reason')}
      rules={[
        { required: true, whitespace: true, message: t('cy.reasonRequired') },
        { max: 500, message: t('onsite.sheet.reasonTooLong') },
      ]}
    >
      <Input.TextArea rows={2} maxLength={500} placeholder={t('cy.eval.reasonPlaceholder')} />
    </Form.Item>
  );
}
