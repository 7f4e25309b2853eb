import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession, wasLoggedOutOnPurpose } from '../hooks/useSession';
import { ErrorBox, Loading } from './Feedback';

/**
 * Renders children only for a logged-in user. Sends everyone else to /login (remembering where
 * they were going), and a user who must change the password to /password first.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading minHeight={400} />;
  if (session.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: 16 }}>
        <ErrorBox error={session.error} onRetry={() => session.refetch()} />
      </div>
    );
  }
  if (!session.data) {
    const next = location.pathname + location.search;
    const remember = next !== '/' && !wasLoggedOutOnPurpose();
    return <Navigate to={remember ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (session.data.user.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to="/password" replace />;
  }
  return <>{children}</>;
}
