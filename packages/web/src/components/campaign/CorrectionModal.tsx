import { Alert, App, Form, Input, InputNumber, Modal, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import type { ItemView, ScoreEntryView } from '../../api/types';
import { useI18n } from '../../i18n';
import { errorMessage } from '../Feedback';
import { applyFieldError } from '../formErrors';
import { canRetry, useScoreSubmit } from './useScoreSubmit';

interface Values {
  points: number | null;
  na: boolean;
  reason: string;
}

/** Corrects one ledger entry: new points (or N/A) and a reason; the old entry stays readable. */
export function CorrectionModal({
  campaignCode,
  item,
  entry,
  onClose,
}: {
  campaignCode: string;
  item: ItemView;
  entry: ScoreEntryView | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useScoreSubmit(campaignCode);
  const na = Form.useWatch('na', form);

  useEffect(() => {
    if (entry) {
      form.setFieldsValue({ points: entry.points, na: entry.na, reason: '' });
      submit.reset();
    }
  }, [entry, form, submit.reset]);

  const onFinish = (values: Values) => {
    if (!entry) return;
    submit.mutate(
      {
        slot: `correct:${entry.id}`,
        submission: {
          kind: 'correct',
          entryId: entry.id,
          body: { points: values.na ? null : values.points, na: values.na, reason: values.reason.trim() },
        },
      },
      {
        onSuccess: () => {
          message.success(t('entries.corrected'));
          onClose();
        },
        onError: (error) => applyFieldError(form, error, ['points', 'reason']),
      },
    );
  };

  return (
    <Modal
      open={entry !== null}
      title={t('entries.correctTitle', { item: item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={submit.isError && canRetry(submit.error) ? t('scores.retry') : t('entries.correctOk')}
      confirmLoading={submit.isPending}
      destroyOnHidden
      forceRender
    >
      <Form form={form} name="entry-correction" layout="vertical" onFinish={onFinish} requiredMark={false}>
        {entry && (
          <Typography.Paragraph type="secondary">
            {t('entries.correctFrom', {
              scorer: entry.scorerName,
              points: entry.na ? t('entries.na') : String(entry.points ?? '—'),
            })}
          </Typography.Paragraph>
        )}
        <Form.Item name="na" label={t('scores.na')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('scores.pointsOf', { max: item.max })}
          rules={na ? [] : [{ required: true, message: t('scores.pointsRequired') }]}
        >
          <InputNumber min={0} max={item.max} disabled={Boolean(na)} style={{ width: '100%' }} />
        </Form.Item>
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
        {submit.isError && (
          <Alert
            type="error"
            showIcon
            title={errorMessage(submit.error, t('common.unknownError'))}
            description={canRetry(submit.error) ? t('scores.retryHint') : undefined}
          />
        )}
      </Form>
    </Modal>
  );
}
