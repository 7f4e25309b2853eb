import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { MetaView } from '../api/types';
import { queryKeys } from './queryKeys';

/** A demo login the server may advertise next to the meta data (optional; not in every server version). */
export interface DemoLogin {
  username: string;
  password: string;
  role?: string;
  displayName?: string;
}

/** Meta data plus the optional list of demo logins. */
export type MetaWithDemo = MetaView & { demoLogins?: DemoLogin[] };

/** District name, demo flag and version; public, cached for the session. */
export function useMeta() {
  return useQuery({
    queryKey: queryKeys.meta,
    queryFn: () => api.get<MetaWithDemo>('/api/meta', { redirectOn401: false }),
    staleTime: 5 * 60_000,
  });
}
