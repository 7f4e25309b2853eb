import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ResetPasswordBody, UserView } from '../../api/types';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwordRules';
import { ConfirmPasswordItem } from '../../components/ConfirmPasswordItem';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { useI18n } from '../../i18n';

interface ResetForm {
  password: string;
  confirm: string;
}

/** Sets a new password for another user (who must then change it at next login, if the server says so). */
export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetForm>();
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResetPasswordBody }) =>
      api.post<{ ok: true }>(`/api/users/${encodeURIComponent(id)}/reset-password`, body),
  });
  const submit = (values: ResetForm) => {
    if (!user) return;
    setError(null);
    reset.mutate(
      { id: user.id, body: { password: values.password } },
      {
        onSuccess: () => {
          message.success(t('users.resetDone', { name: user.displayName }));
          onClose();
        },
        onError: (e) => {
          if (!applyFieldError(form, e, ['password'])) setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };
  return (
    <Modal
      open={user !== null}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      okText={t('users.resetOk')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule', { min: PASSWORD_MIN })}
          rules={[
            { required: true, message: t('password.newRequired') },
            { min: PASSWORD_MIN, message: t('password.tooShort', { min: PASSWORD_MIN }) },
            { max: PASSWORD_MAX, message: t('password.tooLong', { max: PASSWORD_MAX }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <ConfirmPasswordItem of="password" />
      </Form>
    </Modal>
  );
}
