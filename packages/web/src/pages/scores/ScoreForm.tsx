import { CheckCircleFilled, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { ProfileItemView } from '../../api/types';
import { canRetry, useScoreSubmit } from '../../components/campaign/useScoreSubmit';
import { errorMessage } from '../../components/Feedback';
import { useI18n } from '../../i18n';

/**
 * Entering one item's score: points limited to [0, the item's max] by the input itself, or N/A. A locked
 * month asks for the correction's reason first. A submission that got no answer can be retried with the
 * same idempotency key, so it counts once.
 */
export function ScoreForm({
  campaignCode,
  unitCode,
  item,
  compact = false,
}: {
  campaignCode: string;
  unitCode: string;
  item: ProfileItemView;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const submit = useScoreSubmit(campaignCode);
  const [points, setPoints] = useState<number | null>(item.mine?.points ?? null);
  const [na, setNa] = useState(item.mine?.na ?? false);
  const [askReason, setAskReason] = useState(false);
  const [reason, setReason] = useState('');
  const [lastReason, setLastReason] = useState<string | undefined>(undefined);
  const [reasonForm] = Form.useForm<{ reason: string }>();

  // A new own entry from the server (after saving, or another device) becomes the starting value.
  const mineKey = item.mine ? `${item.mine.entryId}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the own entry changes
  useEffect(() => {
    setPoints(item.mine?.points ?? null);
    setNa(item.mine?.na ?? false);
  }, [mineKey]);

  const send = (withReason: string | undefined) => {
    setLastReason(withReason);
    submit.mutate(
      {
        slot: `enter:${unitCode}:${item.code}`,
        submission: {
          kind: 'enter',
          body: { unitCode, itemCode: item.code, points: na ? null : points, na, reason: withReason },
        },
      },
      {
        onSuccess: (result) => {
          setAskReason(false);
          message.success(
            result.replayed
              ? t('scores.replayed', { item: item.name })
              : t('scores.saved', { item: item.name, score: result.itemDisplay }),
          );
        },
      },
    );
  };

  const onSave = () => {
    if (item.locked) setAskReason(true);
    else send(undefined);
  };

  const missing = !na && points === null;
  const unchanged =
    item.mine !== null && item.mine.na === na && (na || item.mine.points === points) && !submit.isError;
  const fieldError =
    submit.error instanceof ApiError && submit.error.field === 'points' ? submit.error.message : null;

  // Daily tasks score this item through their reviews: it is read here and corrected there.
  if (item.byTasks)
    return (
      <Typography.Text type="secondary" style={{ minWidth: compact ? undefined : 300 }}>
        {t('scores.byTasks')}{' '}
        <Link to={`/tasks?month=${item.month}&star=${item.star}`}>{t('scores.byTasksLink')}</Link>
      </Typography.Text>
    );

  return (
    <Flex vertical gap={6} style={{ minWidth: compact ? undefined : 300 }}>
      <Flex gap={8} align="center" wrap>
        <InputNumber
          min={0}
          max={item.max}
          value={na ? null : points}
          disabled={na}
          onChange={(v) => setPoints(typeof v === 'number' ? v : null)}
          placeholder={t('scores.pointsPlaceholder', { max: item.max })}
          aria-label={t('scores.pointsFor', { item: item.name, max: item.max })}
          status={fieldError ? 'error' : undefined}
          style={{ width: compact ? 130 : 120 }}
          inputMode="decimal"
        />
        <Flex gap={4} align="center">
          <Switch size="small" checked={na} onChange={setNa} aria-label={t('scores.na')} />
          <Typography.Text style={{ fontSize: 13 }}>{t('scores.na')}</Typography.Text>
        </Flex>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          onClick={submit.isError && canRetry(submit.error) ? () => send(lastReason) : onSave}
          loading={submit.isPending}
          disabled={missing || unchanged}
          size={compact ? 'middle' : 'small'}
        >
          {submit.isError && canRetry(submit.error)
            ? t('scores.retry')
            : item.locked
              ? t('scores.correct')
              : t('scores.submit')}
        </Button>
        {item.mine && !submit.isError && (
          <Typography.Text type="success" style={{ fontSize: 12 }}>
            <CheckCircleFilled />{' '}
            {item.mine.na ? t('scores.mineNa') : t('scores.mine', { points: item.mine.points ?? '—' })}
          </Typography.Text>
        )}
      </Flex>
      {fieldError && <Typography.Text type="danger">{fieldError}</Typography.Text>}
      {submit.isError && !fieldError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(submit.error, t('common.unknownError'))}
          description={canRetry(submit.error) ? t('scores.retryHint') : undefined}
        />
      )}
      <Modal
        open={askReason}
        title={t('scores.correctionTitle', { month: item.month })}
        onCancel={() => setAskReason(false)}
        onOk={() => reasonForm.submit()}
        okText={t('scores.correct')}
        confirmLoading={submit.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('scores.correctionHint', { month: item.month })}
        </Typography.Paragraph>
        <Form
          form={reasonForm}
          name={`correction-${unitCode}-${item.code}`}
          initialValues={{ reason }}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => {
            setReason(v.reason);
            send(v.reason.trim());
          }}
        >
          <Form.Item
            name="reason"
            label={t('scores.reason')}
            rules={[
              { required: true, whitespace: true, message: t('scores.reasonRequired') },
              { max: 500, message: t('scores.reasonTooLong') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('scores.reasonPlaceholder')} />
          </Form.Item>
        </Form>
        {submit.isError && askReason && (
          <Alert type="error" showIcon title={errorMessage(submit.error, t('common.unknownError'))} />
        )}
      </Modal>
    </Flex>
  );
}
