import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { UserView } from '../api/types';
import { queryKeys } from './queryKeys';

/** All user accounts (district admins only). */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await api.get<{ users: UserView[] }>('/api/users')).users,
    enabled,
  });
}
