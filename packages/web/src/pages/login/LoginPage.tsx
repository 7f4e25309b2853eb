import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { LoginBody, Role } from '../../api/types';
import { DemoTag, Logo } from '../../components/Brand';
import { errorMessage } from '../../components/Feedback';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useMeta } from '../../hooks/useMeta';
import { useLogin, useSession } from '../../hooks/useSession';
import { useI18n } from '../../i18n';

/**
 * The demo logins the seed creates (packages/server/src/demo/district.ts), shown only when the
 * server says the data is demo data and does not list the logins itself.
 */
const DEMO_LOGINS: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'district_admin' },
  { username: 'street', role: 'street_admin' },
  { username: 'village', role: 'village_user' },
  { username: 'inspector', role: 'inspector' },
  { username: 'judge', role: 'judge' },
];
const DEMO_PASSWORD = 'wuxing2023';

/** Where to go after login: the remembered page when it is a local path, else home. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The login screen: a centred card with the product name, district and (for demo data) sample logins. */
export function LoginPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<LoginBody>();
  const meta = useMeta();
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [formError, setFormError] = useState<{ message: string; throttled: boolean } | null>(null);
  const next = safeNext(params.get('next'));

  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  const onFinish = (values: LoginBody) => {
    setFormError(null);
    login.mutate(values, {
      onSuccess: (result) => navigate(result.user.mustChangePassword ? '/password' : next, { replace: true }),
      onError: (error) => {
        const field = error instanceof ApiError ? error.field : undefined;
        if (field === 'username' || field === 'password') {
          form.setFields([{ name: field, errors: [error.message] }]);
          return;
        }
        setFormError({
          message: errorMessage(error, t('common.unknownError')),
          throttled: error instanceof ApiError && error.status === 429,
        });
      },
    });
  };

  const demo = meta.data?.demo ?? false;
  const logins = meta.data?.demoLogins?.length
    ? meta.data.demoLogins.map((d) => ({
        username: d.username,
        password: d.password,
        label: d.displayName ?? d.username,
      }))
    : DEMO_LOGINS.map((d) => ({ username: d.username, password: DEMO_PASSWORD, label: t(`role.${d.role}`) }));
  const samePassword = logins.every((d) => d.password === logins[0]?.password);
  const fillDemo = (username: string, password: string) => {
    form.setFieldsValue({ username, password });
    setFormError(null);
  };

  return (
    <main className="wx-login-bg">
      <div className="wx-login-lang">
        <LanguageSwitch dark />
      </div>
      {/* A plain panel rather than antd Card keeps the login bundle small. */}
      <section className="wx-login-card" aria-labelledby="wx-login-title">
        <Flex vertical align="center" gap={6} style={{ marginBottom: 24, textAlign: 'center' }}>
          <div style={{ background: '#c0392b', borderRadius: 14, padding: 8, lineHeight: 0 }}>
            <Logo size={40} />
          </div>
          <h1 id="wx-login-title" className="wx-login-title">
            {t('app.name')}
          </h1>
          <Flex align="center" gap={8} wrap justify="center">
            {meta.data?.districtName && (
              <span className="wx-muted" style={{ fontSize: 15 }}>
                {meta.data.districtName}
              </span>
            )}
            {demo && <DemoTag />}
          </Flex>
        </Flex>
        {formError && (
          <Alert
            type={formError.throttled ? 'warning' : 'error'}
            showIcon
            title={formError.message}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              placeholder={t('login.username')}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('login.password')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        {demo && (
          <Alert
            type="info"
            style={{ marginTop: 20 }}
            title={t('login.demoTitle')}
            description={
              <Flex vertical gap={6} style={{ marginTop: 4 }}>
                <Flex wrap gap={6}>
                  {logins.map((d) => (
                    <Button key={d.username} size="small" onClick={() => fillDemo(d.username, d.password)}>
                      {t('common.labelValue', { label: d.label, value: d.username })}
                    </Button>
                  ))}
                </Flex>
                <span className="wx-muted" style={{ fontSize: 12 }}>
                  {samePassword
                    ? t('login.demoHint', { password: logins[0]?.password ?? '' })
                    : t('login.demoHintClick')}
                </span>
              </Flex>
            }
          />
        )}
        <p className="wx-muted" style={{ margin: '20px 0 0', fontSize: 12, textAlign: 'center' }}>
          {t('login.footer')}
          {meta.data?.version ? ` · v${meta.data.version}` : ''}
        </p>
      </section>
    </main>
  );
}
