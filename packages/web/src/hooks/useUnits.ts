import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ContestGroupView, UnitDetailView, UnitView } from '../api/types';
import { queryKeys } from './queryKeys';

/** Every unit the actor may see, as a flat list (the tree is built client-side). */
export function useUnits(enabled = true) {
  return useQuery({
    queryKey: queryKeys.units,
    queryFn: async () => (await api.get<{ units: UnitView[] }>('/api/units')).units,
    enabled,
    staleTime: 30_000,
  });
}

/** One unit with its path and change history. */
export function useUnitDetail(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.unit(id ?? ''),
    queryFn: () => api.get<UnitDetailView>(`/api/units/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** The arena-contest groups (赛组). */
export function useContestGroups(enabled = true) {
  return useQuery({
    queryKey: queryKeys.contestGroups,
    queryFn: async () => (await api.get<{ groups: ContestGroupView[] }>('/api/contest-groups')).groups,
    enabled,
    staleTime: 60_000,
  });
}
