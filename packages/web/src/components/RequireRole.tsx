import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Role } from '../api/types';
import { useSession } from '../hooks/useSession';
import { useI18n } from '../i18n';

/** Renders children only for the given roles; others see a 403 result with a way home. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { data } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (!data || !roles.includes(data.user.role)) {
    return (
      <Result
        status="403"
        title={t('error.forbiddenTitle')}
        subTitle={t('error.forbiddenText')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}
