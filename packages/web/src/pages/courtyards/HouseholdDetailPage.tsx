import { ArrowLeftOutlined, EditOutlined, FallOutlined, GiftOutlined, RiseOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CourtyardAwardKind, CourtyardHouseholdView, CourtyardStanding } from '../../api/types';
import { ErrorBox, errorMessage, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import type { DraftPhoto } from '../../offline/drafts';
import { PhotoPicker } from '../inspector/PhotoPicker';
import { useChosenCourtyardCampaign, useCourtyardHousehold, useCourtyardWrites } from './api';
import { EvaluationList } from './EvaluatePage';
import { type CourtyardTranslate, useCourtyardI18n } from './i18n';
import { CampaignSelect, DemoTag, LevelTag, levelName, StatusTag, scoreText } from './labels';
import { uploadPhotos } from './photoUpload';

const STANDINGS: CourtyardStanding[] = ['none', 'village', 'street', 'district', 'city'];

function NominateModal({
  view,
  open,
  onClose,
}: {
  view: CourtyardHouseholdView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const writes = useCourtyardWrites(view.campaign.code);
  const [form] = Form.useForm<{ approvedBy?: string; reason?: string }>();
  const next = view.nextLevel;
  if (!next) return null;
  const city = next.level === 'city';
  const left = next.quota === null ? null : Math.max(0, next.quota - next.used);
  const score = view.application?.score ?? null;
  return (
    <Modal
      open={open}
      title={t('cy.detail.nominateTitle', { level: levelName(t, next.level) })}
      okText={t('cy.detail.nominate', { level: levelName(t, next.level) })}
      cancelText={t('common.cancel')}
      confirmLoading={writes.nominate.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('cy.detail.threshold', { threshold: formatNumber(next.threshold), score: scoreText(t, score) })}
        </Typography.Text>
        <Typography.Text>
          {left === null ? t('cy.detail.noQuota') : t('cy.detail.quota', { quota: next.quota ?? 0, left })}
        </Typography.Text>
        {!next.eligible && (
          <Alert
            type="warning"
            showIcon
            title={
              left === 0
                ? t('cy.detail.quotaFull', { level: levelName(t, next.level) })
                : t('cy.detail.belowThreshold', {
                    level: levelName(t, next.level),
                    threshold: formatNumber(next.threshold),
                  })
            }
          />
        )}
      </Flex>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        name="courtyard-nominate"
        onFinish={(v) =>
          writes.nominate
            .mutateAsync({
              householdCode: view.household.code,
              body: {
                level: next.level,
                approvedBy: v.approvedBy?.trim() || undefined,
                reason: v.reason?.trim() || undefined,
              },
            })
            .then(() => {
              message.success(t('cy.detail.nominated', { level: levelName(t, next.level) }));
              onClose();
            })
            .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))))
        }
      >
        {city && (
          <Form.Item
            name="approvedBy"
            label={t('cy.detail.approvedBy')}
            rules={[{ required: true, whitespace: true, message: t('cy.detail.approvedByRequired') }]}
          >
            <Input maxLength={100} placeholder={t('cy.detail.approvedByPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('cy.reason')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DemoteModal({
  view,
  open,
  onClose,
}: {
  view: CourtyardHouseholdView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const writes = useCourtyardWrites(view.campaign.code);
  const [form] = Form.useForm<{ level: CourtyardStanding; reason: string }>();
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const current = view.application?.level ?? 'none';
  const lower = STANDINGS.slice(0, STANDINGS.indexOf(current));
  return (
    <Modal
      open={open}
      title={t('cy.detail.demoteTitle', { level: levelName(t, current) })}
      okText={t('cy.detail.demote')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        name="courtyard-demote"
        initialValues={{ level: lower[lower.length - 1] }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            const photoKeys = await uploadPhotos(photos, view.household.code);
            await writes.demote.mutateAsync({
              householdCode: view.household.code,
              body: { level: v.level, reason: v.reason.trim(), photoKeys },
            });
            message.success(t('cy.detail.demoted', { level: levelName(t, v.level) }));
            setPhotos([]);
            onClose();
          } catch (error) {
            message.error(errorMessage(error, t('common.unknownError')));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="level" label={t('cy.detail.demoteTo')}>
          <Select options={lower.map((l) => ({ value: l, label: levelName(t, l) }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('cy.reason')}
          rules={[{ required: true, whitespace: true, message: t('cy.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('cy.detail.demoteEvidence')}>
          <PhotoPicker photos={photos} onChange={setPhotos} label={t('cy.detail.demoteEvidence')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AwardModal({
  view,
  open,
  onClose,
}: {
  view: CourtyardHouseholdView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useCourtyardI18n();
  const { message } = App.useApp();
  const writes = useCourtyardWrites(view.campaign.code);
  const [form] = Form.useForm<{
    kind: CourtyardAwardKind;
    description: string;
    amount?: number | null;
    givenOn: Dayjs;
    givenBy?: string;
  }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Modal
      open={open}
      title={t('cy.detail.awardTitle')}
      okText={t('cy.detail.award')}
      cancelText={t('common.cancel')}
      confirmLoading={writes.award.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        name="courtyard-award"
        initialValues={{
          kind: 'plaque',
          description: t('cy.detail.awardDefault', {
            campaign: view.campaign.name,
            level: levelName(t, view.application?.level ?? 'none'),
          }),
          givenOn: dayjs(),
        }}
        onFinish={(v) =>
          writes.award
            .mutateAsync({
              householdCode: view.household.code,
              body: {
                kind: v.kind,
                description: v.description.trim(),
                amount: v.kind === 'material' ? (v.amount ?? null) : null,
                givenOn: v.givenOn.format('YYYY-MM-DD'),
                givenBy: v.givenBy?.trim() || undefined,
              },
            })
            .then(() => {
              message.success(t('cy.detail.awarded'));
              onClose();
            })
            .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))))
        }
      >
        <Form.Item name="kind" label={t('cy.detail.awardKind')}>
          <Select
            options={(['plaque', 'material'] as const).map((k) => ({
              value: k,
              label: t(`cy.detail.award.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('cy.detail.awardDescription')}
          rules={[{ required: true, whitespace: true, message: t('cy.detail.awardDescriptionRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'material' && (
          <Form.Item name="amount" label={t('cy.detail.awardAmount')}>
            <InputNumber min={0} max={1000000} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item
          name="givenOn"
          label={t('cy.detail.awardGivenOn')}
          rules={[{ required: true, message: t('cy.detail.awardGivenOnRequired') }]}
        >
          <DatePicker style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function eventTitle(
  t: CourtyardTranslate,
  kind: 'nominate' | 'demote',
  from: CourtyardStanding,
  to: CourtyardStanding,
) {
  return t(kind === 'nominate' ? 'cy.detail.event.nominate' : 'cy.detail.event.demote', {
    from: levelName(t, from),
    to: levelName(t, to),
  });
}

/**
 * One household in a campaign: profile, application, evaluations, the level history as a timeline, awards, and
 * what the viewer may do: nominate one level up (threshold and quota shown; the city level asks for the approver),
 * demote with a reason and evidence photos, record a plaque or reward.
 */
export function HouseholdDetailPage() {
  const { householdCode = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useCourtyardI18n();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const user = useUser();
  const { campaigns, rows, chosen } = useChosenCourtyardCampaign(user.username, params.get('campaign'));
  const query = useCourtyardHousehold(user.username, chosen?.code, householdCode);
  const writes = useCourtyardWrites(chosen?.code);
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'nominate' | 'demote' | 'award' | null>(null);
  const view = query.data?.value;

  const header = (
    <PageHeader
      title={
        <Flex gap={8} align="center" wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('cy.back')}
            onClick={() => navigate(-1)}
            style={{ marginInlineStart: -8 }}
          />
          <span>{view?.household.name ?? householdCode}</span>
          {view && <DemoTag demo={view.household.demo} />}
        </Flex>
      }
      subtitle={
        view
          ? [view.household.villageName, view.household.streetName, view.household.code].join(' · ')
          : undefined
      }
      extra={<CampaignSelect rows={rows} value={chosen?.code} />}
    />
  );
  if (campaigns.isPending || (chosen && query.isPending))
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
        <ErrorBox error={query.error ?? campaigns.error} onRetry={() => void query.refetch()} />
      </>
    );

  const app = view.application;
  const level = app?.level ?? 'none';
  const next = view.nextLevel;
  const run = (p: Promise<unknown>, ok: string) =>
    p
      .then(() => message.success(ok))
      .catch((error: unknown) => message.error(errorMessage(error, t('common.unknownError'))));

  const actions = (
    <Flex gap={8} wrap>
      {view.may.evaluate && app?.status === 'street_confirmed' && (
        <Button
          icon={<EditOutlined />}
          onClick={() =>
            navigate(
              `/courtyards/evaluate/${encodeURIComponent(householdCode)}?campaign=${encodeURIComponent(view.campaign.code)}`,
            )
          }
        >
          {t('cy.detail.evaluate')}
        </Button>
      )}
      {view.may.apply && (
        <Button
          type="primary"
          onClick={() =>
            void run(
              writes.apply.mutateAsync({ householdCodes: [householdCode], confirm: true }),
              t('cy.app.applied', { count: 1 }),
            )
          }
        >
          {t('cy.app.apply')}
        </Button>
      )}
      {view.may.confirmVillage && app?.status === 'applied' && (
        <Button
          onClick={() =>
            void run(writes.confirm.mutateAsync({ householdCode, stage: 'village' }), t('cy.app.confirmed'))
          }
        >
          {t('cy.app.confirmVillage')}
        </Button>
      )}
      {view.may.confirmStreet && app?.status === 'village_confirmed' && (
        <Button
          onClick={() =>
            void run(writes.confirm.mutateAsync({ householdCode, stage: 'street' }), t('cy.app.confirmed'))
          }
        >
          {t('cy.app.confirmStreet')}
        </Button>
      )}
      {view.may.nominate && next && (
        <Button
          type={next.eligible ? 'primary' : 'default'}
          icon={<RiseOutlined />}
          onClick={() => setDialog('nominate')}
          data-testid="nominate"
        >
          {t('cy.detail.nominate', { level: levelName(t, next.level) })}
        </Button>
      )}
      {view.may.demote && level !== 'none' && (
        <Button danger icon={<FallOutlined />} onClick={() => setDialog('demote')}>
          {t('cy.detail.demote')}
        </Button>
      )}
      {view.may.award && level !== 'none' && (
        <Button icon={<GiftOutlined />} onClick={() => setDialog('award')}>
          {t('cy.detail.award')}
        </Button>
      )}
    </Flex>
  );

  const hh = view.household;
  return (
    <div style={{ maxWidth: 1100 }}>
      {header}
      <Flex vertical gap={12}>
        <Card size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
          <Flex vertical gap={10}>
            <Flex gap={8} wrap align="center">
              <LevelTag level={level} />
              {app ? <StatusTag status={app.status} /> : <Tag>{t('cy.detail.noApplication')}</Tag>}
              {app && (
                <Typography.Text strong data-testid="household-score">
                  {app.score === null
                    ? t('cy.noScore')
                    : t('cy.detail.score', { score: formatNumber(app.score), count: app.evaluatorCount })}
                </Typography.Text>
              )}
            </Flex>
            {next && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {levelName(t, next.level)} ·{' '}
                {t('cy.detail.threshold', {
                  threshold: formatNumber(next.threshold),
                  score: scoreText(t, app?.score),
                })}{' '}
                ·{' '}
                {next.quota === null
                  ? t('cy.detail.noQuota')
                  : t('cy.detail.quota', { quota: next.quota, left: Math.max(0, next.quota - next.used) })}
                {view.may.nominate ? '' : ` · ${t('cy.detail.namedByOthers')}`}
              </Typography.Text>
            )}
            {app?.rejectReason && (
              <Alert
                type="error"
                showIcon
                title={t('cy.app.rejectedBecause', { reason: app.rejectReason })}
              />
            )}
            {actions}
          </Flex>
        </Card>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={10}>
            <Flex vertical gap={12}>
              <Card size="small" title={t('cy.detail.profile')}>
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'head', label: t('cy.hh.head'), children: hh.headName },
                    { key: 'address', label: t('cy.hh.address'), children: hh.address },
                    {
                      key: 'size',
                      label: t('cy.hh.size'),
                      children: t('cy.hh.people', { count: hh.memberCount }),
                    },
                    {
                      key: 'members',
                      label: t('cy.hh.members'),
                      children:
                        hh.members.length > 0
                          ? hh.members
                              .map((m) => (m.relation ? `${m.name}(${m.relation})` : m.name))
                              .join('、')
                          : '—',
                    },
                    { key: 'phone', label: t('cy.hh.phone'), children: hh.phone ?? '—' },
                    { key: 'code', label: t('cy.hh.code'), children: hh.code },
                  ]}
                />
              </Card>
              {app && (
                <Card size="small" title={t('cy.detail.application')}>
                  <Timeline
                    items={[
                      {
                        key: 'a',
                        content: `${t('cy.status.applied')} · ${app.appliedByName} · ${formatDateTime(app.appliedAt, lang)}`,
                      },
                      ...(app.villageConfirmedAt
                        ? [
                            {
                              key: 'v',
                              content: `${t('cy.status.village_confirmed')} · ${app.villageConfirmedByName ?? ''} · ${formatDateTime(app.villageConfirmedAt, lang)}`,
                            },
                          ]
                        : []),
                      ...(app.streetConfirmedAt
                        ? [
                            {
                              key: 's',
                              color: 'green',
                              content: `${t('cy.status.street_confirmed')} · ${app.streetConfirmedByName ?? ''} · ${formatDateTime(app.streetConfirmedAt, lang)}`,
                            },
                          ]
                        : []),
                      ...(app.rejectedAt
                        ? [
                            {
                              key: 'r',
                              color: 'red',
                              content: `${t('cy.status.rejected')} · ${app.rejectedByName ?? ''} · ${formatDateTime(app.rejectedAt, lang)}`,
                            },
                          ]
                        : []),
                    ]}
                  />
                </Card>
              )}
              <Card size="small" title={t('cy.detail.awards')}>
                {view.awards.length === 0 ? (
                  <Typography.Text type="secondary">{t('cy.detail.noAwards')}</Typography.Text>
                ) : (
                  <Flex vertical gap={8}>
                    {view.awards.map((a) => (
                      <Flex
                        key={a.id}
                        vertical
                        gap={2}
                        style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}
                      >
                        <Flex gap={6} wrap align="center">
                          <Tag color={a.kind === 'plaque' ? 'gold' : 'green'} style={{ marginInlineEnd: 0 }}>
                            {t(`cy.detail.award.${a.kind}`)}
                          </Tag>
                          <LevelTag level={a.level} />
                          <Typography.Text>{a.description}</Typography.Text>
                          {a.amount !== null && (
                            <Typography.Text strong>¥{formatNumber(a.amount)}</Typography.Text>
                          )}
                        </Flex>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('cy.detail.givenBy', { who: a.givenBy, date: a.givenOn })}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={14}>
            <Flex vertical gap={12}>
              <Card size="small" title={t('cy.detail.history')}>
                {view.levelEvents.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cy.detail.noHistory')} />
                ) : (
                  <Timeline
                    data-testid="level-history"
                    items={view.levelEvents.map((e) => ({
                      key: e.id,
                      color: e.kind === 'nominate' ? 'green' : 'red',
                      content: (
                        <Flex vertical gap={2}>
                          <Typography.Text strong>
                            {eventTitle(t, e.kind, e.fromLevel, e.toLevel)}
                          </Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('cy.detail.event.by', {
                              actor: e.actorName,
                              time: formatDateTime(e.at, lang),
                            })}
                            {e.score !== null ? ` · ${t('cy.score')} ${formatNumber(e.score)}` : ''}
                          </Typography.Text>
                          {e.approvedBy && (
                            <Typography.Text style={{ fontSize: 12 }}>
                              {t('cy.detail.event.approvedBy', { who: e.approvedBy })}
                            </Typography.Text>
                          )}
                          {e.reason && <Typography.Text style={{ fontSize: 13 }}>{e.reason}</Typography.Text>}
                          {e.photos.length > 0 && (
                            <Flex gap={6} wrap>
                              {e.photos.map((p) => (
                                <a key={p.id} href={p.url} target="_blank" rel="noreferrer">
                                  <img
                                    src={p.thumbUrl}
                                    alt={e.reason ?? ''}
                                    style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4 }}
                                  />
                                </a>
                              ))}
                            </Flex>
                          )}
                        </Flex>
                      ),
                    }))}
                  />
                )}
              </Card>
              <Card size="small" title={t('cy.detail.evaluations')}>
                <EvaluationList evaluations={view.evaluations} t={t} lang={lang} />
              </Card>
            </Flex>
          </Col>
        </Row>
      </Flex>
      <NominateModal view={view} open={dialog === 'nominate'} onClose={() => setDialog(null)} />
      <DemoteModal view={view} open={dialog === 'demote'} onClose={() => setDialog(null)} />
      <AwardModal view={view} open={dialog === 'award'} onClose={() => setDialog(null)} />
    </div>
  );
}
