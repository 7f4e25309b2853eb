import { LeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { UnitTaskDetailView } from '../../api/types';
import { DemoTag } from '../../components/Brand';
import { ErrorBox, Loading } from '../../components/Feedback';
import { formatDateTime, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useChosenCampaign } from '../../hooks/useCampaigns';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useUser } from '../../hooks/useSession';
import { useUnitTask } from '../../hooks/useTasks';
import { useTasksI18n } from './i18n';
import { DaysLeft, LateTag, monthLabel, OutcomeTag, scoreText, TaskStateTag, taskUrl } from './labels';
import { ReviewTaskForm, scoredAlready } from './ReviewTaskForm';
import { SubmitTaskForm } from './SubmitTaskForm';
import { TaskFacts } from './TaskFacts';
import { TaskHistory } from './TaskHistory';
import './tasks.css';

/** Where the unit stands, in one box: its score and the reviewer's reason, a return, or the time left. */
function StandingCard({ detail }: { detail: UnitTaskDetailView }) {
  const { t, lang } = useTasksI18n();
  const { row, task } = detail;
  const latest = detail.reviews[0];
  let body: ReactNode;
  if (row.state === 'scored' && row.effective !== null) {
    body = (
      <Flex vertical gap={6}>
        <Flex align="center" gap={10} wrap>
          <Typography.Text
            style={{ fontSize: 26, fontWeight: 600, color: '#a93226' }}
            data-testid="task-score"
          >
            {scoreText(t, row.effective, row.points)}
          </Typography.Text>
          {row.outcome && <OutcomeTag outcome={row.outcome} />}
          {row.late && <LateTag />}
        </Flex>
        {latest &&
          latest.awarded !== null &&
          latest.effective !== null &&
          latest.awarded !== latest.effective && (
            <Typography.Text type="warning">
              {t('tasks.history.lateApplied', {
                awarded: formatNumber(latest.awarded),
                effective: formatNumber(latest.effective),
              })}
            </Typography.Text>
          )}
        {row.reason && (
          <Typography.Paragraph className="wx-task-text" style={{ margin: 0 }} data-testid="task-reason">
            <Typography.Text type="secondary">{t('tasks.reviewReasonLabel')}</Typography.Text>
            {row.reason}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.reviewedBy', { name: row.reviewerName ?? '', at: formatDateTime(row.reviewedAt, lang) })}
        </Typography.Text>
      </Flex>
    );
  } else if (row.state === 'returned') {
    body = (
      <Flex vertical gap={6}>
        <Typography.Text strong>{t('tasks.standing.returned')}</Typography.Text>
        {row.reason && (
          <Typography.Paragraph className="wx-task-text" style={{ margin: 0 }} data-testid="task-reason">
            <Typography.Text type="secondary">{t('tasks.returnReasonLabel')}</Typography.Text>
            {row.reason}
          </Typography.Paragraph>
        )}
        <Flex gap={8} wrap>
          <Typography.Text>{t('tasks.deadlineOn', { date: task.deadline })}</Typography.Text>
          <DaysLeft row={row} />
        </Flex>
      </Flex>
    );
  } else if (row.state === 'submitted') {
    body = (
      <Flex vertical gap={4}>
        <Typography.Text strong>{t('tasks.standing.submitted')}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">
            {t('tasks.submittedAt', { at: formatDateTime(row.lastSubmittedAt, lang) })}
          </Typography.Text>
          {row.late && <LateTag />}
        </Flex>
      </Flex>
    );
  } else {
    body = (
      <Flex vertical gap={4}>
        <Typography.Text strong>
          {row.state === 'overdue' ? t('tasks.standing.overdue') : t('tasks.standing.pending')}
        </Typography.Text>
        <Flex gap={8} wrap>
          <Typography.Text>{t('tasks.deadlineOn', { date: task.deadline })}</Typography.Text>
          <DaysLeft row={row} />
        </Flex>
      </Flex>
    );
  }
  return (
    <Card
      size="small"
      className={`wx-task-standing wx-task-standing-${row.state}`}
      title={
        <Flex justify="space-between" align="center" gap={8}>
          <span>{t('tasks.standingTitle')}</span>
          <TaskStateTag state={row.state} />
        </Flex>
      }
    >
      {body}
    </Card>
  );
}

/**
 * One unit's task: the requirements, where it stands, the village's submission form (text, photos, documents)
 * when it may submit, the reviewer's form when the viewer may review, and every version of both.
 */
export function UnitTaskPage() {
  const { t } = useTasksI18n();
  const user = useUser();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { id, unitCode } = useParams<{ id: string; unitCode: string }>();
  const [params] = useSearchParams();
  const { chosen } = useChosenCampaign();
  const code = params.get('campaign') ?? chosen?.code;
  const detail = useUnitTask(code, id, unitCode);
  // A fresh form (empty uploaders) after each submission.
  const [formRound, setFormRound] = useState(0);
  // A correction form opened at this many reviews; it folds away again once the correction is in.
  const [correctingAt, setCorrectingAt] = useState<number | null>(null);
  const isVillage = user.role === 'village_user';

  if (!code || detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />;
  const d = detail.data;
  const { task, row, can } = d;
  const back = isVillage ? () => navigate('/my-tasks') : () => navigate(taskUrl(task.campaignCode, task.id));

  const submitCard = can.submit && (
    <Card
      size="small"
      title={d.submissions.length > 0 ? t('tasks.submit.titleAgain') : t('tasks.submit.title')}
      data-testid="submit-card"
    >
      <SubmitTaskForm key={formRound} detail={d} onDone={() => setFormRound((n) => n + 1)} />
    </Card>
  );
  // The latest submission already reviewed (scored, or returned and not resubmitted): the form waits behind
  // a button, so a second review is a deliberate act.
  const reviewed = d.reviews[0] !== undefined && d.reviews[0].submissionId === d.submissions[0]?.id;
  const scored = scoredAlready(d);
  const correcting = reviewed && correctingAt === d.reviews.length;
  const reviewCard = can.review && d.submissions.length > 0 && (
    <Card
      size="small"
      title={correcting && scored ? t('tasks.review.titleCorrect') : t('tasks.review.title')}
      data-testid="review-card"
    >
      {reviewed && !correcting ? (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text type="secondary">
            {scored ? t('tasks.review.doneHint') : t('tasks.review.returnedHint')}
          </Typography.Text>
          <Button onClick={() => setCorrectingAt(d.reviews.length)}>
            {scored ? t('tasks.review.startCorrect') : t('tasks.review.startAgain')}
          </Button>
        </Flex>
      ) : (
        <ReviewTaskForm key={`${d.reviews.length}-${d.submissions.length}`} detail={d} />
      )}
    </Card>
  );
  const history = (
    <Card
      size="small"
      title={
        d.submissions.length > 0
          ? t('tasks.historyTitle', { count: d.submissions.length })
          : t('tasks.historyTitleEmpty')
      }
    >
      <TaskHistory task={task} submissions={d.submissions} reviews={d.reviews} />
    </Card>
  );
  const main = (
    <Flex vertical gap={16}>
      <StandingCard detail={d} />
      {task.status === 'cancelled' && (
        <Alert type="warning" showIcon title={t('tasks.cancelledAlert')} description={task.cancelReason} />
      )}
      <Card size="small" title={t('tasks.requirements')}>
        <TaskFacts task={task} brief />
      </Card>
      {submitCard}
      {history}
    </Flex>
  );

  return (
    <div style={reviewCard ? undefined : { maxWidth: 880 }}>
      <Flex vertical style={{ marginBottom: 4 }}>
        <Typography.Link onClick={back} style={{ alignSelf: 'flex-start' }}>
          <LeftOutlined /> {isVillage ? t('tasks.backToMine') : t('tasks.backToTask')}
        </Typography.Link>
      </Flex>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span>{task.title}</span>
            {task.demo && <DemoTag subtle />}
          </Flex>
        }
        subtitle={[row.unitName, task.number, task.starName, monthLabel(t, task.month)].join(' · ')}
      />
      {reviewCard ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            {main}
          </Col>
          <Col xs={24} lg={10}>
            <div style={isMobile ? undefined : { position: 'sticky', top: 88 }}>{reviewCard}</div>
          </Col>
        </Row>
      ) : (
        main
      )}
    </div>
  );
}
