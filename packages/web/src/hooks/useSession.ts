import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../api/client';
import type { LoginBody, SessionView } from '../api/types';
import { queryKeys } from './queryKeys';

const LAST_SESSION = 'wuxing.lastSession';

/** Remembers who is logged in, so the app (on-site scoring) can start without a network. */
function remember(session: SessionView | null): void {
  try {
    if (session) window.localStorage.setItem(LAST_SESSION, JSON.stringify({ ...session, csrfToken: '' }));
    else window.localStorage.removeItem(LAST_SESSION);
  } catch {
    // Private mode: no offline start.
  }
}

function remembered(): SessionView | null {
  try {
    const text = window.localStorage.getItem(LAST_SESSION);
    return text ? (JSON.parse(text) as SessionView) : null;
  } catch {
    return null;
  }
}

async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await api.get<SessionView>('/api/auth/me', { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    remember(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      remember(null);
      return null;
    }
    // No network: carry on as the last user (their pages use data kept on this device); the server still
    // checks the session on every call once it is reachable.
    const last = error instanceof ApiError && error.status === 0 ? remembered() : null;
    if (last) return last;
    throw error;
  }
}

/** The current session (user and CSRF token), or null when nobody is logged in. */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The logged-in user; only call below RequireAuth, where a session is guaranteed. */
export function useUser() {
  const { data } = useSession();
  if (!data) throw new Error('useUser called without a session');
  return data.user;
}

/** Logs in and stores the session; errors (401 bad credentials, 429 throttled) reach the caller. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<SessionView>('/api/auth/login', body, { redirectOn401: false }),
    onSuccess: (session) => {
      loggedOutOnPurpose = false;
      setCsrfToken(session.csrfToken);
      remember(session);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' });
      client.setQueryData(queryKeys.session, session);
    },
  });
}

let loggedOutOnPurpose = false;

/** True after the user logged out themselves (so the login page should not offer to return). */
export function wasLoggedOutOnPurpose(): boolean {
  return loggedOutOnPurpose;
}

/**
 * Logs out and forgets every cached answer; RequireAuth then shows the login page. Unlike an
 * expired session, the current page is not remembered as the place to return to.
 */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout', {}, { redirectOn401: false }),
    onSettled: () => {
      loggedOutOnPurpose = true;
      setCsrfToken(null);
      remember(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'meta' && q.queryKey[0] !== 'session' });
      client.setQueryData(queryKeys.session, null);
    },
  });
}
