import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TaskView } from '../../api/types';
import { errorMessage } from '../../components/Feedback';
import { useCancelTask } from '../../hooks/useTasks';
import { useTasksI18n } from './i18n';

/** 取消任务 with a reason: the task leaves every computation (its points leave the units' 日常任务 item). */
export function CancelTaskModal({
  campaign,
  task,
  onClose,
}: {
  campaign: string;
  task: TaskView | null;
  onClose: () => void;
}) {
  const { t } = useTasksI18n();
  const { message } = App.useApp();
  const cancel = useCancelTask(campaign);
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (task) {
      form.resetFields();
      setError(null);
    }
  }, [task, form]);

  const onFinish = ({ reason }: { reason: string }) => {
    if (!task) return;
    setError(null);
    cancel.mutate(
      { id: task.id, body: { reason: reason.trim() } },
      {
        onSuccess: () => {
          message.success(t('tasks.cancelled', { number: task.number }));
          onClose();
        },
        onError: (e) => setError(errorMessage(e, t('common.unknownError'))),
      },
    );
  };

  return (
    <Modal
      open={task !== null}
      title={task ? t('tasks.cancelTitle', { title: task.title }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('tasks.cancel')}
      okButtonProps={{ danger: true }}
      cancelText={t('tasks.keep')}
      confirmLoading={cancel.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('tasks.cancelHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('tasks.cancelReason')}
          rules={[
            { required: true, whitespace: true, message: t('tasks.cancelReasonRequired') },
            { max: 500, message: t('tasks.reasonTooLong') },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
