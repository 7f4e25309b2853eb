import { useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { SessionView } from '../../api/types';
import { queryKeys } from '../../hooks/queryKeys';
import { useContestI18n } from './i18n';

/**
 * A judge's one-time link (`/j/:token`, from the QR code): trades the token for a session and goes straight
 * to the scoring page. A used or expired link says so and offers the ordinary login.
 */
export function JudgeLinkPage() {
  const { token = '' } = useParams();
  const { t } = useContestI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(false);

  useEffect(() => {
    // The token is single use: send it once, even when React runs effects twice in development.
    if (sent.current) return;
    sent.current = true;
    api
      .post<SessionView>('/api/auth/judge-link', { token }, { redirectOn401: false })
      .then((session) => {
        setCsrfToken(session.csrfToken);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
        client.setQueryData(queryKeys.session, session);
        navigate('/judge', { replace: true });
      })
      .catch((cause: unknown) => {
        // 410 says which: used, expired, or the judge left the jury; an unknown token gets the general words.
        if (cause instanceof ApiError && cause.status === 410) setError(cause.message);
        else if (cause instanceof ApiError && cause.status >= 400 && cause.status < 500)
          setError(t('link.usedOrExpired'));
        else setError(cause instanceof Error ? cause.message : t('link.failed'));
      });
  }, [token, client, navigate, t]);

  if (!error) {
    return (
      <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" description={t('link.signingIn')} />
      </main>
    );
  }
  return (
    <main style={{ maxWidth: 480, margin: '0 auto', padding: '48px 16px' }}>
      <Result
        status="warning"
        title={t('link.failed')}
        subTitle={<span role="alert">{error}</span>}
        extra={
          <Button type="primary" size="large" onClick={() => navigate('/login', { replace: true })}>
            {t('link.toLogin')}
          </Button>
        }
      />
    </main>
  );
}
