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
  approve = false,
}: {
  campaignCode: string;
  unit: UnitTargetsView | null;
  onClose: () => void;
  /** Approve with a correction reason (months are locked) instead of rejecting. */
  approve?: boolean;
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
      title={unit ? t(approve ? 'targets.approveTitle' : 'targets.rejectTitle', { unit: unit.unitName }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(approve ? 'targets.approve' : 'targets.reject')}
      okButtonProps={{ danger: !approve }}
      confirmLoading={write.isPending}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        name={approve ? 'approve-targets' : 'reject-targets'}
        layout="vertical"
        requiredMark={false}
        onFinish={({ reason }) =>
          unit &&
          write.mutate(
            { kind: approve ? 'approve' : 'reject', unitCode: unit.unitCode, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(
                  t(approve ? 'targets.approved' : 'targets.rejected', { unit: unit.unitName }),
                );
                onClose();
              },
              onError: (error) => message.error(errorMessage(error, t('common.unknownError'))),
            },
          )
        }
      >
        {approve && <Typography.Paragraph type="warning">{t('targets.lockedHint')}</Typography.Paragraph>}
        <Form.Item
          name="reason"
          label={t(approve ? 'targets.correctionReason' : 'targets.rejectReason')}
          rules={[
            { required: true, whitespace: true, message: t('scores.reasonRequired') },
            { max: 500, message: t('scores.reasonTooLong') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t(approve ? 'targets.correctionPlaceholder' : 'targets.rejectPlaceholder')}
          />
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
  locked = false,
}: {
  campaignCode: string;
  stars: readonly StarView[];
  requiredStar: string | null;
  unit: UnitTargetsView | null;
  onClose: () => void;
  /** Months are locked: the change is a correction and needs a reason. */
  locked?: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const write = useTargetWrite(campaignCode);
  const [value, setValue] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (unit) {
      setValue(unit.declared.length > 0 ? unit.declared : unit.effective);
      setReason('');
    }
  }, [unit]);
  return (
    <Modal
      open={unit !== null}
      title={unit ? t('targets.setTitle', { unit: unit.unitName }) : ''}
      onCancel={onClose}
      okText={t('targets.setOk')}
      confirmLoading={write.isPending}
      okButtonProps={{ disabled: locked && reason.trim() === '' }}
      onOk={() =>
        unit &&
        write.mutate(
          { kind: 'set', unitCode: unit.unitCode, stars: value, reason: locked ? reason.trim() : undefined },
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
      {locked && (
        <>
          <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
            {t('targets.lockedHint')}
          </Typography.Paragraph>
          <Input.TextArea
            aria-label={t('targets.correctionReason')}
            rows={3}
            maxLength={500}
            showCount
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('targets.correctionPlaceholder')}
          />
        </>
      )}
    </Modal>
  );
}
