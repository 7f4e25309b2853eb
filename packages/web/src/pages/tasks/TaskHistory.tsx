import { FileTextOutlined } from '@ant-design/icons';
import { Flex, Timeline, Typography } from 'antd';
import type { DocumentView, TaskReviewView, TaskSubmissionView, TaskView } from '../../api/types';
import { formatDateTime, formatNumber } from '../../components/format';
import { PhotoGrid } from '../problems/PhotoGrid';
import { useTasksI18n } from './i18n';
import { LateTag, OutcomeTag, scoreText } from './labels';

type Entry =
  | { kind: 'submission'; at: string; submission: TaskSubmissionView }
  | { kind: 'review'; at: string; review: TaskReviewView };

/** "1.2 MB" / "350 KB". */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Links that download a submission's documents. */
export function DocumentLinks({ documents }: { documents: readonly DocumentView[] }) {
  if (documents.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {documents.map((d) => (
        <Typography.Link key={d.id} href={d.url} download={d.name} style={{ wordBreak: 'break-all' }}>
          <FileTextOutlined /> {d.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {size(d.bytes)}
          </Typography.Text>
        </Typography.Link>
      ))}
    </Flex>
  );
}

function SubmissionEntry({ s }: { s: TaskSubmissionView }) {
  const { t, lang } = useTasksI18n();
  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{t('tasks.history.submission', { version: s.version })}</Typography.Text>
        {s.late && <LateTag />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.by', { name: s.submittedByName, at: formatDateTime(s.submittedAt, lang) })}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph className="wx-task-text" style={{ margin: 0 }}>
        {s.text}
      </Typography.Paragraph>
      <PhotoGrid photos={s.photos} size={80} />
      <DocumentLinks documents={s.documents} />
    </Flex>
  );
}

function ReviewEntry({ r, task }: { r: TaskReviewView; task: TaskView }) {
  const { t, lang } = useTasksI18n();
  return (
    <Flex vertical gap={6}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>
          {r.correctionReason ? t('tasks.history.correction') : t('tasks.history.review')}
        </Typography.Text>
        <OutcomeTag outcome={r.outcome} />
        {r.effective !== null && (
          <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
            {scoreText(t, r.effective, task.points)}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tasks.by', { name: r.reviewerName, at: formatDateTime(r.reviewedAt, lang) })}
        </Typography.Text>
      </Flex>
      {r.awarded !== null && r.effective !== null && r.effective !== r.awarded && (
        <Typography.Text type="warning" style={{ fontSize: 13 }}>
          {t('tasks.history.lateApplied', {
            awarded: formatNumber(r.awarded),
            effective: formatNumber(r.effective),
          })}
        </Typography.Text>
      )}
      {r.reason && (
        <Typography.Paragraph className="wx-task-text" style={{ margin: 0 }}>
          <Typography.Text type="secondary">
            {r.outcome === 'returned' ? t('tasks.returnReasonLabel') : t('tasks.reviewReasonLabel')}
          </Typography.Text>
          {r.reason}
        </Typography.Paragraph>
      )}
      {r.correctionReason && (
        <Typography.Paragraph className="wx-task-text" style={{ margin: 0 }}>
          <Typography.Text type="secondary">{t('tasks.correctionReasonLabel')}</Typography.Text>
          {r.correctionReason}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/** Every submission and review of the unit on the task, newest first. */
export function TaskHistory({
  task,
  submissions,
  reviews,
}: {
  task: TaskView;
  submissions: readonly TaskSubmissionView[];
  reviews: readonly TaskReviewView[];
}) {
  const { t } = useTasksI18n();
  const entries: Entry[] = [
    ...submissions.map((s): Entry => ({ kind: 'submission', at: s.submittedAt, submission: s })),
    ...reviews.map((r): Entry => ({ kind: 'review', at: r.reviewedAt, review: r })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0)
    return <Typography.Text type="secondary">{t('tasks.history.empty')}</Typography.Text>;
  return (
    <Timeline
      items={entries.map((e) =>
        e.kind === 'submission'
          ? {
              key: `s-${e.submission.id}`,
              color: '#1677ff',
              content: <SubmissionEntry s={e.submission} />,
            }
          : {
              key: `r-${e.review.id}`,
              color: e.review.outcome === 'returned' ? '#c41d7f' : '#389e0d',
              content: <ReviewEntry r={e.review} task={task} />,
            },
      )}
    />
  );
}
