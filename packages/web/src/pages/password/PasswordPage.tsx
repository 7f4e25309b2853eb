import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { ChangePasswordBody } from '../../api/types';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwordRules';
import { ConfirmPasswordItem } from '../../components/ConfirmPasswordItem';
import { errorMessage } from '../../components/Feedback';
import { applyFieldError } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { queryKeys } from '../../hooks/queryKeys';
import { useUser } from '../../hooks/useSession';
import { useI18n } from '../../i18n';

interface PasswordForm extends ChangePasswordBody {
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;

/** Change-password form; a user flagged mustChangePassword is held here until it is done. */
export function PasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<PasswordForm>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<{ ok: true }>('/api/auth/password', body),
  });

  const onFinish = ({ currentPassword, newPassword }: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: async () => {
          message.success(t('password.done'));
          form.resetFields();
          await client.refetchQueries({ queryKey: queryKeys.session });
          navigate('/', { replace: true });
        },
        onError: (e) => {
          if (!applyFieldError(form, e, FIELDS)) setError(errorMessage(e, t('common.unknownError')));
        },
      },
    );
  };

  return (
    <div style={{ maxWidth: 520 }}>
      <PageHeader title={t('password.title')} subtitle={t('password.subtitle', { min: PASSWORD_MIN })} />
      {user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <Card>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.currentRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rule', { min: PASSWORD_MIN })}
            rules={[
              { required: true, message: t('password.newRequired') },
              { min: PASSWORD_MIN, message: t('password.tooShort', { min: PASSWORD_MIN }) },
              { max: PASSWORD_MAX, message: t('password.tooLong', { max: PASSWORD_MAX }) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t('password.sameAsOld')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <ConfirmPasswordItem of="newPassword" />
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
