import { LeftOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Steps, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ProblemDetailView, ProblemEventView, ProblemStatus } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { namesOf } from '../../components/campaign/labels';
import { ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useProblem } from '../../hooks/useProblems';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';
import { OverdueTag, SeverityTag, SourceTag, StatusTag } from './labels';
import { PhotoGrid } from './PhotoGrid';
import { ProblemActions } from './ProblemActions';

const STEP_OF: Record<ProblemStatus, number> = { open: 0, submitted: 1, reviewing: 2, closed: 3 };
const EVENT_COLORS: Record<ProblemEventView['action'], string> = {
  raise: 'red',
  rectify: 'blue',
  startReview: 'purple',
  pass: 'green',
  fail: 'red',
};

/** The history of a problem, oldest first: who did what, when, with their note and photos. */
function EventTimeline({ events }: { events: readonly ProblemEventView[] }) {
  const { t, lang } = useI18n();
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: EVENT_COLORS[e.action],
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{t(`problems.event.${e.action}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problems.eventBy', { actor: e.actorName, at: formatDateTime(e.at, lang) })}
              </Typography.Text>
            </Flex>
            {e.note && (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            )}
            <PhotoGrid photos={e.photos} size={72} />
          </Flex>
        ),
      }))}
    />
  );
}

/** The four states as steps; a failed look-back shows as an error on 回头看 while the problem is open again. */
function StateSteps({ detail, vertical }: { detail: ProblemDetailView; vertical: boolean }) {
  const { t } = useI18n();
  const current = STEP_OF[detail.problem.status];
  const lastFailed = detail.problem.status === 'open' && detail.events.at(-1)?.action === 'fail';
  return (
    <Steps
      size="small"
      responsive={false}
      titlePlacement={vertical ? 'vertical' : 'horizontal'}
      current={lastFailed ? 2 : current}
      status={lastFailed ? 'error' : detail.problem.status === 'closed' ? 'finish' : 'process'}
      items={[
        { title: t('problems.status.open') },
        { title: t('problems.status.submitted') },
        { title: lastFailed ? t('problems.reviewFailedStep') : t('problems.status.reviewing') },
        { title: t('problems.status.closed') },
      ]}
    />
  );
}

/** 问题详情: facts, photos, the state steps and history, deduction lines, and the viewer's next action. */
export function ProblemDetailPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const detail = useProblem(id);
  const campaign = useCampaign(detail.data?.problem.campaignCode);

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />;
  const d = detail.data;
  const p = d.problem;
  const starName = namesOf(campaign.data?.stars);
  const canOpenRound = user.role !== 'village_user' && p.roundId;

  return (
    <>
      <Flex vertical style={{ marginBottom: 4 }}>
        <Typography.Link onClick={() => navigate(-1)} style={{ alignSelf: 'flex-start' }}>
          <LeftOutlined /> {t('problems.back')}
        </Typography.Link>
      </Flex>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('problems.detailTitle', { number: p.number })}</span>
            <StatusTag status={p.status} />
            <OverdueTag problem={p} />
            {p.demo && <DemoTag subtle />}
          </Flex>
        }
        subtitle={[p.streetName, p.unitName, starName(p.star)].filter(Boolean).join(' · ')}
        extra={<ProblemActions detail={d} />}
      />
      <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <StateSteps detail={d} vertical={isMobile} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('problems.facts')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>
                {p.description}
              </Typography.Paragraph>
              <Descriptions
                size="small"
                column={isMobile ? 1 : 2}
                items={[
                  { key: 'unit', label: t('problems.field.unit'), children: p.unitName },
                  { key: 'street', label: t('problems.field.street'), children: p.streetName ?? '—' },
                  { key: 'star', label: t('problems.field.star'), children: starName(p.star) },
                  { key: 'item', label: t('problems.field.item'), children: p.itemLabel ?? '—' },
                  {
                    key: 'source',
                    label: t('problems.field.source'),
                    children: <SourceTag source={p.source} />,
                  },
                  {
                    key: 'severity',
                    label: t('problems.field.severity'),
                    children: <SeverityTag severity={p.severity} />,
                  },
                  {
                    key: 'deadline',
                    label: t('problems.field.deadline'),
                    children: (
                      <Flex gap={6} wrap>
                        <span>{p.deadline}</span>
                        <OverdueTag problem={p} />
                      </Flex>
                    ),
                  },
                  {
                    key: 'responsible',
                    label: t('problems.field.responsible'),
                    children: p.responsible ?? '—',
                  },
                  {
                    key: 'round',
                    label: t('problems.field.round'),
                    children: p.roundNumber ? (
                      canOpenRound ? (
                        <Link to={`/supervision/rounds/${encodeURIComponent(p.roundId ?? '')}`}>
                          {p.roundNumber}
                        </Link>
                      ) : (
                        p.roundNumber
                      )
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'raised',
                    label: t('problems.field.raised'),
                    children: t('problems.eventBy', {
                      actor: p.raisedByName,
                      at: formatDateTime(p.raisedAt, lang),
                    }),
                  },
                  {
                    key: 'closed',
                    label: t('problems.field.closedAt'),
                    children: p.closedAt ? formatDateTime(p.closedAt, lang) : '—',
                  },
                ]}
              />
            </Card>
            <Card size="small" title={t('problems.photosTitle', { count: d.photos.length })}>
              {d.photos.length > 0 ? (
                <PhotoGrid photos={d.photos} size={isMobile ? 96 : 120} />
              ) : (
                <Typography.Text type="secondary">{t('problems.noPhotos')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('problems.deductions')}>
              {d.deductions.length === 0 ? (
                <Typography.Text type="secondary">{t('problems.noDeductions')}</Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {d.deductions.map((line) => (
                    <Flex key={line.month} justify="space-between" gap={12} align="baseline">
                      <span>
                        {t('problems.deductionLine', {
                          year: line.month.slice(0, 4),
                          month: Number(line.month.slice(5, 7)),
                          number: p.number,
                        })}
                      </span>
                      <Typography.Text
                        type="danger"
                        strong
                        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                      >
                        {t('problems.deductionPoints', { points: formatNumber(Math.abs(line.points)) })}
                      </Typography.Text>
                    </Flex>
                  ))}
                  {d.deductions.length > 1 && (
                    <Flex justify="space-between" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 6 }}>
                      <Typography.Text strong>{t('problems.deductionTotal')}</Typography.Text>
                      <Typography.Text type="danger" strong style={{ whiteSpace: 'nowrap' }}>
                        {t('problems.deductionPoints', {
                          points: formatNumber(Math.abs(d.deductions.reduce((sum, l) => sum + l.points, 0))),
                        })}
                      </Typography.Text>
                    </Flex>
                  )}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('problems.history')}>
            <EventTimeline events={d.events} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
