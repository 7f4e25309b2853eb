import { taskEffectivePoints } from '@wuxing/core/tasks';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { ReviewOutcome, UnitTaskDetailView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { formatNumber } from '../../components/format';
import { applyFieldError } from '../../components/formErrors';
import { isRetryable, newIdempotencyKey } from '../../components/idempotency';
import { useReviewTask } from '../../hooks/useTasks';
import { useTasksI18n } from './i18n';
import { LateTag, REVIEW_OUTCOMES } from './labels';

/** True when the latest submission has a score (a review other than a return): a new review corrects it. */
export function scoredAlready(detail: UnitTaskDetailView): boolean {
  const latest = detail.submissions[0];
  return Boolean(
    latest && detail.reviews.some((r) => r.submissionId === latest.id && r.outcome !== 'returned'),
  );
}

interface Values {
  outcome: ReviewOutcome;
  points?: number;
  reason?: string;
  correctionReason?: string;
}

const FIELDS = ['outcome', 'points', 'reason', 'correctionReason'];

/**
 * 评分 (district admin, or the unit's street admin): of the latest submission only — full marks, part of them
 * with a reason, none with a reason, or back to the unit to complete. Shows, as it is filled in, what will count
 * after the late rule (core's taskEffectivePoints). A second review after a score, or any review in a locked
 * month, is a correction and needs its reason.
 */
export function ReviewTaskForm({ detail }: { detail: UnitTaskDetailView }) {
  const { t } = useTasksI18n();
  const { message } = App.useApp();
  const { task, row } = detail;
  const latest = detail.submissions[0];
  const review = useReviewTask(task.campaignCode, task.id, row.unitCode);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const points = Form.useWatch('points', form);
  const [error, setError] = useState<string | null>(null);
  // The server may ask for a correction reason the page did not foresee: the field appears then.
  const [askedCorrection, setAskedCorrection] = useState(false);
  const key = useRef(newIdempotencyKey());

  if (!latest) return <Typography.Text type="secondary">{t('tasks.review.nothingYet')}</Typography.Text>;
  // The latest submission already scored (not just returned): this review corrects that score.
  const correcting = scoredAlready(detail) || task.locked || askedCorrection;
  const late = latest.late;

  const awarded =
    outcome === 'full'
      ? task.points
      : outcome === 'zero'
        ? 0
        : outcome === 'partial' && typeof points === 'number'
          ? points
          : null;
  const effective =
    awarded === null ? null : taskEffectivePoints(awarded, task.points, late, task.lateRule, task.lateDeduct);

  const onFinish = (v: Values) => {
    setError(null);
    // The form is remounted once the new review is in (its key follows the reviews), so the outcome is
    // handled on the promise, not in per-call callbacks that an unmounted form would never run.
    review
      .mutateAsync({
        idempotencyKey: key.current,
        submissionId: latest.id,
        outcome: v.outcome,
        ...(v.outcome === 'partial' ? { points: v.points } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(correcting && v.correctionReason?.trim() ? { correctionReason: v.correctionReason.trim() } : {}),
      })
      .then(() => {
        key.current = newIdempotencyKey();
        message.success(v.outcome === 'returned' ? t('tasks.review.returned') : t('tasks.review.scored'));
      })
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && isRetryable(e.status))) key.current = newIdempotencyKey();
        if (e instanceof ApiError && e.field === 'correctionReason' && !correcting) {
          setAskedCorrection(true);
          setError(e.message);
          return;
        }
        if (!applyFieldError(form, e, FIELDS)) setError(errorMessage(e, t('common.unknownError')));
      });
  };

  const needsReason = outcome !== undefined && outcome !== 'full';
  let preview: string | null = null;
  if (outcome === 'returned') preview = t('tasks.review.previewReturned');
  else if (effective !== null && awarded !== null)
    preview =
      late && effective !== awarded
        ? t('tasks.review.previewLate', {
            effective: formatNumber(effective),
            awarded: formatNumber(awarded),
            points: formatNumber(task.points),
          })
        : t('tasks.review.preview', {
            effective: formatNumber(effective),
            points: formatNumber(task.points),
          });

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} name="review-task">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {t('tasks.review.of', { version: latest.version, name: latest.submittedByName })}
        </Typography.Text>
        {late && <LateTag />}
      </Flex>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="outcome"
        label={t('tasks.review.outcome')}
        rules={[{ required: true, message: t('tasks.review.outcomeRequired') }]}
      >
        <Radio.Group>
          <Flex vertical gap={8}>
            {REVIEW_OUTCOMES.map((o) => (
              <Radio key={o} value={o}>
                {t(`tasks.review.outcome.${o}`, { points: formatNumber(task.points) })}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      {outcome === 'partial' && (
        <Form.Item
          name="points"
          label={t('tasks.review.points')}
          rules={[
            { required: true, message: t('tasks.review.pointsRequired') },
            {
              validator: (_, value: number | undefined) =>
                value === undefined || (value > 0 && value < task.points)
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('tasks.review.pointsRange', { points: formatNumber(task.points) })),
                    ),
            },
          ]}
        >
          <InputNumber
            min={0}
            max={task.points}
            step={0.5}
            suffix={t('tasks.unitPoints')}
            style={{ width: 160 }}
          />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={needsReason ? t('tasks.review.reason') : t('tasks.review.reasonOptional')}
        rules={[
          { required: needsReason, whitespace: true, message: t('tasks.review.reasonRequired') },
          { max: 500, message: t('tasks.reasonTooLong') },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={500}
          placeholder={
            outcome === 'returned' ? t('tasks.review.returnPlaceholder') : t('tasks.review.reasonPlaceholder')
          }
        />
      </Form.Item>
      {correcting && (
        <Form.Item
          name="correctionReason"
          label={t('tasks.review.correctionReason')}
          extra={task.locked ? t('tasks.review.correctionLocked') : t('tasks.review.correctionHint')}
          rules={[
            { required: true, whitespace: true, message: t('tasks.review.correctionRequired') },
            { max: 500, message: t('tasks.reasonTooLong') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      )}
      {preview && (
        <Alert
          type={outcome === 'returned' ? 'info' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={preview}
          data-testid="review-preview"
        />
      )}
      <Button
        type="primary"
        htmlType="submit"
        block
        danger={outcome === 'returned'}
        loading={review.isPending}
      >
        {outcome === 'returned' ? t('tasks.review.submitReturn') : t('tasks.review.submit')}
      </Button>
    </Form>
  );
}
