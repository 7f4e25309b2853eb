import {
  AimOutlined,
  ArrowLeftOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  CloudDownloadOutlined,
  EditOutlined,
  FileTextOutlined,
  LockOutlined,
} from '@ant-design/icons';
import { sheetItemPoints } from '@wuxing/core/sheet';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Flex,
  Form,
  Input,
  Modal,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { ProblemSeverity, SheetStarView, SheetView, VisitMethod } from '../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useRefreshOnSync, useSheet } from '../../hooks/useInspections';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { type DraftLine, draftId, type SheetDraft } from '../../offline/drafts';
import { enqueue } from '../../offline/engine';
import { missingLines, sheetEntries } from '../../offline/submit';
import { useDraft } from '../../offline/useDraft';
import { HeldEntryAlert } from './HeldEntryAlert';
import { RoundTags, scoredLabel } from './labels';
import { ProblemSheet, type ProblemTarget } from './ProblemSheet';
import { EMPTY_LINE, SheetLine } from './SheetLine';
import { QueueBadge, SyncPanel, useMyQueue } from './SyncPanel';

type Geo = 'idle' | 'asking' | 'done' | 'unavailable';

function starLinesTotal(star: SheetStarView, lines: Record<string, DraftLine>) {
  let got = 0;
  let max = 0;
  for (const l of star.lines) {
    max += l.max;
    got += lines[l.id]?.points ?? 0;
  }
  const item =
    star.itemMax !== null
      ? sheetItemPoints(
          star.lines.map((l) => ({ points: lines[l.id]?.points ?? 0, max: l.max })),
          star.itemMax,
        )
      : null;
  return { got, max, item };
}

/** The reason a correction of a submitted sheet needs (required, at most 500 characters). */
function CorrectionReasonItem({ rows }: { rows: number }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="reason"
      label={t('onsite.sheet.reason')}
      rules={[
        { required: true, whitespace: true, message: t('onsite.sheet.reasonRequired') },
        { max: 500, message: t('onsite.sheet.reasonTooLong') },
      ]}
    >
      <Input.TextArea rows={rows} maxLength={500} placeholder={t('onsite.sheet.reasonPlaceholder')} />
    </Form.Item>
  );
}

/** The submitted version's values as draft lines (for the read-only view and to start a correction). */
function linesOfMine(sheet: SheetView): Record<string, DraftLine> {
  const lines: Record<string, DraftLine> = {};
  for (const l of sheet.mine?.lines ?? [])
    lines[l.lineId] = {
      points: l.points,
      note: l.note ?? '',
      photos: l.photos.map((p) => ({ key: p.key, blob: null, thumbUrl: p.thumbUrl, takenAt: p.takenAt })),
    };
  return lines;
}

const SEVERITY_COLORS: Record<ProblemSeverity, string> = { minor: 'default', major: 'orange', severe: 'red' };

/**
 * The on-site scoring sheet of one unit, made for a phone: stars as sections, line by line with the max
 * enforced, notes and photos, running totals and the item points each star gives, 提出问题 from any line.
 * Works offline from the cached sheet; drafts save as one types; submitting queues the sheet and locks it,
 * and only a correction with a reason opens it again.
 */
/** 查阅资料、座谈走访、实地查看, in this order (the server keeps them so). */
const VISIT_METHODS: readonly VisitMethod[] = ['documents', 'interviews', 'site'];

export function SheetPage() {
  const { roundId = '', unitCode = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const user = useUser();
  const owner = user.username;
  useRefreshOnSync();
  const query = useSheet(owner, roundId, unitCode);
  const sheet = query.data?.value;
  const { sync, entries } = useMyQueue(owner);
  const id = draftId(owner, roundId, unitCode);
  const { draft, loaded, savedAt, update, replace, flush, reread } = useDraft(id);
  const [geo, setGeo] = useState<Geo>('idle');
  const [problemTarget, setProblemTarget] = useState<ProblemTarget | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [askCorrection, setAskCorrection] = useState(false);
  const [confirmForm] = Form.useForm<{ reason: string }>();
  const [correctionForm] = Form.useForm<{ reason: string }>();

  const here = useCallback(
    (e: { roundId: string | null; unitCode: string }) => e.roundId === roundId && e.unitCode === unitCode,
    [roundId, unitCode],
  );
  const queuedSheets = entries.filter((e) => e.kind === 'sheet' && here(e));
  const queuedProblems = entries.filter((e) => e.kind === 'problem' && here(e));
  const heldSheet = queuedSheets[queuedSheets.length - 1];

  // A draft whose queued sheet left the queue: the engine deleted it (synced) or put it back (discarded).
  useEffect(() => {
    if (!sync.loaded || !draft?.queuedKey) return;
    if (entries.some((e) => e.key === draft.queuedKey)) return;
    void reread();
  }, [sync.loaded, draft, entries, reread]);

  const stars = sheet?.stars ?? [];
  const allLines = useMemo(() => stars.flatMap((s) => s.lines), [stars]);
  const mineLines = useMemo(() => (sheet ? linesOfMine(sheet) : {}), [sheet]);
  // A closed round takes no first sheets (a submitted one may still be corrected, with a reason).
  const closed = sheet?.round.status === 'closed';
  const editing = !heldSheet && (draft ? draft.queuedKey === null : !sheet?.mine && !closed);
  const heldLines = useMemo(() => {
    const lines: Record<string, DraftLine> = {};
    if (heldSheet?.kind === 'sheet')
      for (const l of heldSheet.payload.lines)
        lines[l.lineId] = { points: l.points, note: l.note ?? '', photos: [] };
    return lines;
  }, [heldSheet]);
  const values: Record<string, DraftLine> = draft ? draft.lines : heldSheet ? heldLines : mineLines;
  const shownMethods: VisitMethod[] = draft?.methods ?? sheet?.mine?.methods ?? [];
  const lockedMonth = stars.some((s) => s.locked && s.itemCode !== null);

  const askLocation = useCallback(
    (base: SheetDraft) => {
      if (geo !== 'idle') return;
      if (!('geolocation' in navigator)) {
        setGeo('unavailable');
        return;
      }
      setGeo('asking');
      navigator.geolocation.getCurrentPosition(
        (pos) => {
          setGeo('done');
          update({
            ...base,
            location: {
              latitude: pos.coords.latitude,
              longitude: pos.coords.longitude,
              accuracy: Number.isFinite(pos.coords.accuracy) ? Math.min(100000, pos.coords.accuracy) : null,
            },
          });
        },
        () => setGeo('unavailable'),
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 120_000 },
      );
    },
    [geo, update],
  );

  /** The draft to change: the current one, or a fresh first submission stamped now. */
  const workingDraft = (): SheetDraft | null => {
    if (draft) return draft;
    if (!sheet || sheet.mine || closed) return null;
    const fresh: SheetDraft = {
      id,
      owner,
      roundId,
      unitCode,
      baseVersion: 0,
      reason: null,
      note: '',
      visitedAt: new Date().toISOString(),
      location: null,
      lines: {},
      updatedAt: new Date().toISOString(),
      queuedKey: null,
    };
    askLocation(fresh);
    return fresh;
  };

  const changeLine = (lineId: string, next: DraftLine) => {
    const base = workingDraft();
    if (!base) return;
    update({ ...base, lines: { ...base.lines, [lineId]: next } });
  };
  const changeNote = (note: string) => {
    const base = workingDraft();
    if (base) update({ ...base, note });
  };
  const changeMethods = (methods: VisitMethod[]) => {
    const base = workingDraft();
    if (base) update({ ...base, methods: VISIT_METHODS.filter((m) => methods.includes(m)) });
  };

  const problemCount = (lineId: string) =>
    (sheet?.problems ?? []).filter((p) => p.lineId === lineId).length +
    queuedProblems.filter((e) => e.kind === 'problem' && e.payload.lineId === lineId).length;

  const startSubmit = async () => {
    if (!sheet) return;
    const base = workingDraft();
    if (!base) return;
    const missing = missingLines(sheet, base);
    if (missing.length > 0) {
      message.error(t('onsite.sheet.missing', { count: missing.length }));
      document.getElementById(`line-${missing[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    if (!base.methods?.length) {
      message.error(t('onsite.sheet.methodsMissing'));
      document.getElementById('visit-methods')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    await flush();
    confirmForm.setFieldsValue({ reason: base.reason ?? '' });
    setConfirming(true);
  };

  const needsReason = (draft?.baseVersion ?? 0) > 0 || lockedMonth;

  const submit = async (reason: string | undefined) => {
    if (!sheet || !draft) return;
    const ready: SheetDraft = { ...draft, reason: reason?.trim() || draft.reason };
    const queued = sheetEntries(owner, sheet, ready);
    const sheetEntry = queued[queued.length - 1];
    try {
      await replace({ ...ready, queuedKey: sheetEntry?.key ?? null, updatedAt: new Date().toISOString() });
      await enqueue(queued);
      setConfirming(false);
      message.success(navigator.onLine ? t('onsite.sheet.queued') : t('onsite.sheet.queuedOffline'));
    } catch (error) {
      message.error(errorMessage(error, t('onsite.sync.saveFailed')));
    }
  };

  const startCorrection = async (reason: string) => {
    if (!sheet?.mine) return;
    const now = new Date().toISOString();
    const fresh: SheetDraft = {
      id,
      owner,
      roundId,
      unitCode,
      baseVersion: sheet.mine.version,
      reason: reason.trim(),
      note: sheet.mine.note ?? '',
      visitedAt: now,
      methods: sheet.mine.methods,
      location: null,
      lines: linesOfMine(sheet),
      updatedAt: now,
      queuedKey: null,
    };
    await replace(fresh);
    setAskCorrection(false);
    askLocation(fresh);
  };

  const title = sheet ? sheet.unit.name : t('menu.myInspections');
  const header = (
    <PageHeader
      title={
        <Flex gap={8} align="center" wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('onsite.sheet.back')}
            onClick={() => navigate('/inspections')}
            style={{ marginInlineStart: -8 }}
          />
          <span>{title}</span>
        </Flex>
      }
      subtitle={sheet ? [sheet.unit.streetName, sheet.round.number].filter(Boolean).join(' · ') : undefined}
      extra={
        <Flex gap={8} align="center">
          {sheet && (
            <Button
              size="small"
              icon={<FileTextOutlined />}
              onClick={() =>
                navigate(
                  `/creation-file/${encodeURIComponent(sheet.unit.code)}?campaign=${encodeURIComponent(sheet.round.campaignCode)}`,
                )
              }
            >
              {t('onsite.sheet.creationFile')}
            </Button>
          )}
          <QueueBadge owner={owner} />
        </Flex>
      }
    />
  );

  if (query.isPending || !loaded)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (query.isError || !sheet)
    return (
      <>
        {header}
        <ErrorBox
          error={sync.online ? query.error : new Error(t('onsite.sheet.notCached'))}
          onRetry={() => query.refetch()}
        />
      </>
    );

  const submitted = sheet.mine;
  let state: ReactNode = null;
  if (heldSheet)
    state = (
      <HeldEntryAlert
        entry={heldSheet}
        online={sync.online}
        labels={{
          refused: t('onsite.sheet.refused'),
          retry: t('onsite.sync.retry'),
          backToDraft: t('onsite.sheet.backToDraft'),
          queued: t('onsite.sheet.queued'),
          queuedOffline: t('onsite.sheet.queuedOffline'),
          pending: t('onsite.sheet.pendingLock'),
        }}
      />
    );
  else if (draft && draft.baseVersion > 0)
    state = (
      <Alert
        type="info"
        showIcon
        icon={<EditOutlined />}
        title={t('onsite.sheet.correcting', { version: draft.baseVersion + 1 })}
        description={t('onsite.sheet.correctingReason', { reason: draft.reason ?? '' })}
        action={
          <Button size="small" onClick={() => void replace(null)}>
            {t('onsite.sheet.cancelCorrection')}
          </Button>
        }
      />
    );
  else if (submitted && !draft)
    state = (
      <Alert
        type="success"
        showIcon
        icon={<LockOutlined />}
        title={t('onsite.sheet.locked')}
        description={t('onsite.sheet.lockedVersion', {
          version: submitted.version,
          time: formatDateTime(submitted.submittedAt, lang),
        })}
        action={
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              correctionForm.resetFields();
              setAskCorrection(true);
            }}
          >
            {t('onsite.sheet.correct')}
          </Button>
        }
      />
    );

  const done = allLines.filter(
    (l) => values[l.id]?.points !== null && values[l.id]?.points !== undefined,
  ).length;
  const location = draft?.location ?? null;

  return (
    <div style={{ maxWidth: 920 }}>
      {header}
      <Flex vertical gap={12} style={{ paddingBottom: editing ? 72 : 0 }}>
        <Card size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
          <Flex vertical gap={6}>
            <Flex gap={6} wrap align="center">
              <RoundTags kind={sheet.round.kind} mode={sheet.round.mode} />
              <Tag style={{ marginInlineEnd: 0 }}>{scoredLabel(t, sheet.round)}</Tag>
              {closed ? (
                <Tag style={{ marginInlineEnd: 0 }}>{t('onsite.closedTag')}</Tag>
              ) : (
                <Tag icon={<CloudDownloadOutlined />} color="success" style={{ marginInlineEnd: 0 }}>
                  {t('onsite.sheet.offlineReady')}
                </Tag>
              )}
            </Flex>
            <Typography.Text>{sheet.round.name}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('onsite.sheet.template', { name: sheet.templateName })} · {t(`onsite.rule.${sheet.rule}`)}
            </Typography.Text>
            {query.data.fromCache && (
              <Typography.Text type="warning" style={{ fontSize: 12 }}>
                {t('onsite.fromCache', { time: formatDateTime(query.data.savedAt, lang) })}
              </Typography.Text>
            )}
            {sheet.submittedCount > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(
                  sheet.round.kind === 'acceptance'
                    ? 'onsite.sheet.othersSubmittedAcceptance'
                    : 'onsite.sheet.othersSubmitted',
                  { count: sheet.submittedCount },
                )}
              </Typography.Text>
            )}
            {closed && !draft && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="round-closed">
                {t('onsite.sheet.roundClosed', { time: formatDateTime(sheet.round.closedAt, lang) })}
              </Typography.Text>
            )}
            {draft && (
              <Flex gap={12} wrap style={{ fontSize: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <ClockCircleOutlined />{' '}
                  {t('onsite.sheet.visitedAt', { time: formatDateTime(draft.visitedAt, lang) })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <AimOutlined />{' '}
                  {location
                    ? t('onsite.sheet.location', {
                        lat: location.latitude.toFixed(5),
                        lng: location.longitude.toFixed(5),
                      })
                    : geo === 'asking'
                      ? t('onsite.sheet.locating')
                      : t('onsite.sheet.noLocation')}
                </Typography.Text>
              </Flex>
            )}
          </Flex>
        </Card>
        {state}
        {lockedMonth && editing && <Alert type="warning" showIcon title={t('onsite.sheet.lockedMonth')} />}
        <Collapse
          defaultActiveKey={stars.map((s) => s.star)}
          style={{ background: '#fff' }}
          items={stars.map((star) => {
            const total = starLinesTotal(star, values);
            return {
              key: star.star,
              label: (
                <Flex vertical gap={2}>
                  <Typography.Text strong>{star.starName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('onsite.sheet.starTotal', {
                      got: formatNumber(total.got),
                      max: formatNumber(total.max),
                    })}
                    {total.item !== null && star.itemMax !== null
                      ? ` · ${t('onsite.sheet.itemPoints', {
                          points: total.item.toFixed(1),
                          max: formatNumber(star.itemMax),
                        })}`
                      : ''}
                  </Typography.Text>
                </Flex>
              ),
              styles: { body: { paddingTop: 0, paddingBottom: 4 } },
              children: star.lines.map((line, i) => (
                <div key={line.id} id={`line-${line.id}`}>
                  <SheetLine
                    index={i + 1}
                    line={line}
                    value={values[line.id] ?? EMPTY_LINE}
                    readOnly={!editing}
                    problemCount={problemCount(line.id)}
                    onChange={(next) => changeLine(line.id, next)}
                    onRaise={() => setProblemTarget({ star: star.star, starName: star.starName, line })}
                  />
                </div>
              )),
            };
          })}
        />
        {editing ? (
          <Card size="small" id="visit-methods">
            <Typography.Text strong>{t('onsite.sheet.methods')}</Typography.Text>
            <Checkbox.Group
              value={draft?.methods ?? []}
              onChange={(v) => changeMethods(v as VisitMethod[])}
              options={VISIT_METHODS.map((m) => ({ value: m, label: t(`onsite.method.${m}`) }))}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }}
              aria-label={t('onsite.sheet.methods')}
            />
          </Card>
        ) : (
          shownMethods.length > 0 && (
            <Card size="small" data-testid="visit-methods">
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{t('onsite.sheet.methods')}</Typography.Text>
                {shownMethods.map((m) => (
                  <Tag key={m}>{t(`onsite.method.${m}`)}</Tag>
                ))}
              </Flex>
            </Card>
          )
        )}
        {editing && (
          <Card size="small">
            <Typography.Text strong>{t('onsite.sheet.sheetNote')}</Typography.Text>
            <Input.TextArea
              value={draft?.note ?? ''}
              onChange={(e) => changeNote(e.target.value)}
              maxLength={1000}
              rows={2}
              style={{ marginTop: 8 }}
              aria-label={t('onsite.sheet.sheetNote')}
            />
          </Card>
        )}
        <Card
          size="small"
          title={t('onsite.sheet.problemsTitle', { count: sheet.problems.length + queuedProblems.length })}
        >
          {sheet.problems.length + queuedProblems.length === 0 ? (
            <Typography.Text type="secondary">{t('onsite.sheet.noProblems')}</Typography.Text>
          ) : (
            <Flex vertical gap={8}>
              {queuedProblems.map((e) =>
                e.kind === 'problem' ? (
                  <Flex
                    key={e.key}
                    vertical
                    gap={2}
                    style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
                  >
                    <Flex gap={6} wrap align="center">
                      <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                        {e.state === 'attention' ? t('onsite.status.attention') : t('onsite.status.pending')}
                      </Tag>
                      <Tag color={SEVERITY_COLORS[e.payload.severity]} style={{ marginInlineEnd: 0 }}>
                        {t(`onsite.severity.${e.payload.severity}`)}
                      </Tag>
                      {e.payload.itemLabel && (
                        <Typography.Text type="secondary">{e.payload.itemLabel}</Typography.Text>
                      )}
                    </Flex>
                    <Typography.Text>{e.payload.description}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('onsite.problem.deadlineOn', { date: e.payload.deadline })}
                    </Typography.Text>
                  </Flex>
                ) : null,
              )}
              {sheet.problems.map((p) => (
                <Flex
                  key={p.id}
                  vertical
                  gap={2}
                  style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
                >
                  <Flex gap={6} wrap align="center">
                    <Typography.Link onClick={() => navigate(`/problems/${encodeURIComponent(p.id)}`)}>
                      {p.number}
                    </Typography.Link>
                    <Tag
                      color={p.overdue ? 'error' : p.status === 'closed' ? 'success' : 'processing'}
                      style={{ marginInlineEnd: 0 }}
                    >
                      {p.overdue ? t('onsite.problem.overdue') : t(`onsite.problemStatus.${p.status}`)}
                    </Tag>
                    <Tag color={SEVERITY_COLORS[p.severity]} style={{ marginInlineEnd: 0 }}>
                      {t(`onsite.severity.${p.severity}`)}
                    </Tag>
                    {p.itemLabel && <Typography.Text type="secondary">{p.itemLabel}</Typography.Text>}
                  </Flex>
                  <Typography.Text>{p.description}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('onsite.problem.deadlineOn', { date: p.deadline })}
                    {p.photoCount > 0 ? ` · ${t('onsite.problem.photoCount', { count: p.photoCount })}` : ''}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
        <SyncPanel owner={owner} filter={here} />
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
              <Typography.Text strong>
                {t('onsite.sheet.filled', { done, total: allLines.length })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {savedAt ? (
                  <>
                    <CheckCircleFilled style={{ color: '#52c41a' }} />{' '}
                    {t('onsite.sheet.draftSaved', { time: formatDateTime(savedAt, lang).slice(11) })}
                  </>
                ) : (
                  t('onsite.sheet.draftHint')
                )}
              </Typography.Text>
            </Flex>
            <Button type="primary" size="large" onClick={() => void startSubmit()}>
              {draft && draft.baseVersion > 0 ? t('onsite.sheet.submitCorrection') : t('onsite.sheet.submit')}
            </Button>
          </Flex>
        </div>
      )}
      <Modal
        open={confirming}
        title={t('onsite.sheet.confirmTitle', { unit: sheet.unit.name })}
        okText={
          draft && draft.baseVersion > 0 ? t('onsite.sheet.submitCorrection') : t('onsite.sheet.submit')
        }
        cancelText={t('common.cancel')}
        onCancel={() => setConfirming(false)}
        onOk={() => (needsReason ? confirmForm.submit() : void submit(undefined))}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('onsite.sheet.confirmBody')}</Typography.Paragraph>
        <Flex vertical gap={4} style={{ marginBottom: needsReason ? 12 : 0 }}>
          {stars.map((star) => {
            const total = starLinesTotal(star, values);
            return (
              <Flex key={star.star} justify="space-between" gap={8}>
                <Typography.Text>{star.starName}</Typography.Text>
                <Typography.Text strong>
                  {formatNumber(total.got)} / {formatNumber(total.max)}
                </Typography.Text>
              </Flex>
            );
          })}
        </Flex>
        {needsReason && (
          <Form
            form={confirmForm}
            name="sheet-confirm"
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => void submit(v.reason)}
          >
            <CorrectionReasonItem rows={2} />
          </Form>
        )}
      </Modal>
      <Modal
        open={askCorrection}
        title={t('onsite.sheet.correctTitle')}
        okText={t('onsite.sheet.correct')}
        cancelText={t('common.cancel')}
        onCancel={() => setAskCorrection(false)}
        onOk={() => correctionForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('onsite.sheet.correctHint', { version: (submitted?.version ?? 0) + 1 })}
        </Typography.Paragraph>
        <Form
          form={correctionForm}
          name="sheet-correction"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void startCorrection(v.reason)}
        >
          <CorrectionReasonItem rows={3} />
        </Form>
      </Modal>
      <ProblemSheet
        owner={owner}
        sheet={sheet}
        target={problemTarget}
        location={location}
        onClose={() => setProblemTarget(null)}
      />
    </div>
  );
}
