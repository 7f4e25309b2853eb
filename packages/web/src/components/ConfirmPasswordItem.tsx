import { Form, Input } from 'antd';
import { useI18n } from '../i18n';

/** "确认新密码": must repeat the field named `of`; shared by the change- and reset-password forms. */
export function ConfirmPasswordItem({ of }: { of: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="confirm"
      label={t('password.confirm')}
      dependencies={[of]}
      rules={[
        { required: true, message: t('password.confirmRequired') },
        ({ getFieldValue }) => ({
          validator: (_, value: string | undefined) =>
            !value || value === getFieldValue(of)
              ? Promise.resolve()
              : Promise.reject(new Error(t('password.mismatch'))),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
