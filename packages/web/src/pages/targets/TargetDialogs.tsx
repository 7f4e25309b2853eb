import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { StarView, UnitTargetsView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { useI18n } from '../../i18n';
import { StarPicker } from './StarPicker';
import { useTargetWrite } from './useTargetWrite';

/** Asks a street admin for the reason a declaration is rejected (the village sees it). */
export function RejectTargetsModal({
  campaignCode,
  unit,
  onClose,
}: {
  campaignCode: string;
  unit: UnitTargetsView | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const write = useTargetWrite(campaignCode);
  useEffect(() => {
    if (unit) form.resetFields();
  }, [unit, form]);
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('targets.rejectTitle', { unit: unit.unitName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('targets.reject')}
      okButtonProps={{ danger: true }}
      confirmLoading={write.isPending}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        name="reject-targets"
        layout="vertical"
        requiredMark={false}
        onFinish={({ reason }) =>
          unit &&
          write.mutate(
            { kind: 'reject', unitCode: unit.unitCode, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(t('targets.rejected', { unit: unit.unitName }));
                onClose();
              },
              onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('targets.rejectReason')}
          rules={[
            { required: true, whitespace: true, message: t('scores.reasonRequired') },
            { max: 500, message: t('scores.reasonTooLong') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('targets.rejectPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A district admin sets a unit's target stars directly (approved at once). */
export function SetTargetsModal({
  campaignCode,
  stars,
  requiredStar,
  unit,
  onClose,
}: {
  campaignCode: string;
  stars: readonly StarView[];
  requiredStar: string | null;
  unit: UnitTargetsView | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const write = useTargetWrite(campaignCode);
  const [value, setValue] = useState<string[]>([]);
  useEffect(() => {
    if (unit) setValue(unit.declared.length > 0 ? unit.declared : unit.effective);
  }, [unit]);
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('targets.setTitle', { unit: unit.unitName }) : ''}
      onCancel={onClose}
      okText={t('targets.setOk')}
      confirmLoading={write.isPending}
      onOk={() =>
        unit &&
        write.mutate(
          { kind: 'set', unitCode: unit.unitCode, stars: value },
          {
            onSuccess: () => {
              message.success(t('targets.setDone', { unit: unit.unitName }));
              onClose();
            },
            onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
          },
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('targets.setHint')}</Typography.Paragraph>
      <StarPicker stars={stars} requiredStar={requiredStar} value={value} onChange={setValue} />
    </Modal>
  );
}
