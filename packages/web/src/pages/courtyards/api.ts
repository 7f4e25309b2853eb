import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, query } from '../../api/client';
import type {
  ApplyCourtyardBodyInput,
  ApplyCourtyardResultView,
  CourtyardApplicationListView,
  CourtyardAwardBody,
  CourtyardCampaignListView,
  CourtyardCampaignView,
  CourtyardCeremonyView,
  CourtyardHouseholdView,
  CourtyardStatsView,
  CourtyardTodoView,
  CreateHouseholdBodyInput,
  DemoteCourtyardBodyInput,
  HouseholdListView,
  HouseholdView,
  NominateCourtyardBody,
  UnitView,
} from '../../api/types';
import { useUnits } from '../../hooks/useUnits';
import { type Cached, cachedGet } from '../../offline/cache';

/** Query keys of 五美庭院: every write invalidates `courtyard`, so lists, statistics and details follow. */
export const courtyardKeys = {
  all: ['courtyard'] as const,
  campaigns: ['courtyard', 'campaigns'] as const,
  households: (f: object) => ['courtyard', 'households', f] as const,
  applications: (code: string, f: object) => ['courtyard', code, 'applications', f] as const,
  stats: (code: string, street: string) => ['courtyard', code, 'stats', street] as const,
  ceremony: (code: string) => ['courtyard', code, 'ceremony'] as const,
  todo: (owner: string, code: string) => ['courtyard', code, 'todo', owner] as const,
  household: (owner: string, code: string, household: string) =>
    ['courtyard', code, 'household', owner, household] as const,
};

export const campaignPath = (code: string) => `/api/courtyard-campaigns/${encodeURIComponent(code)}`;
export const householdPath = (code: string, household: string) =>
  `${campaignPath(code)}/households/${encodeURIComponent(household)}`;
export const todoPath = (code: string) => `${campaignPath(code)}/evaluations/todo`;

/** The campaigns, newest year first (cached per user, so the evaluator's pages open offline). */
export function useCourtyardCampaigns(owner: string) {
  return useQuery({
    queryKey: [...courtyardKeys.campaigns, owner],
    queryFn: async () =>
      [...(await cachedGet<CourtyardCampaignListView>(owner, '/api/courtyard-campaigns')).value.rows].sort(
        (a, b) => b.year - a.year,
      ),
    staleTime: 60_000,
  });
}

/** The campaign the page shows: `?campaign=` when given and known, else the newest. */
export function useChosenCourtyardCampaign(owner: string, wanted: string | null) {
  const campaigns = useCourtyardCampaigns(owner);
  const rows = campaigns.data ?? [];
  const chosen: CourtyardCampaignView | undefined = rows.find((c) => c.code === wanted) ?? rows[0];
  return { campaigns, rows, chosen };
}

/** Villages and communities the viewer sees (for filters and the household form). */
export function useVillages() {
  const units = useUnits();
  const villages = useMemo(() => {
    const list = units.data ?? [];
    const byId = new Map(list.map((u) => [u.id, u]));
    return list
      .filter((u) => u.type === 'village' || u.type === 'community')
      .map((u): UnitView & { streetName: string | null } => ({
        ...u,
        streetName: u.parentId ? (byId.get(u.parentId)?.name ?? null) : null,
      }))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [units.data]);
  return { ...units, villages };
}

export interface HouseholdFilters {
  villageCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** One page of households (server-side paging: there are more than a thousand). */
export function useHouseholds(filters: HouseholdFilters, enabled = true) {
  return useQuery({
    queryKey: courtyardKeys.households(filters),
    queryFn: () => api.get<HouseholdListView>(`/api/households${query({ ...filters })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSaveHousehold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string | null; body: CreateHouseholdBodyInput }) =>
      input.code
        ? api.patch<HouseholdView>(`/api/households/${encodeURIComponent(input.code)}`, {
            headName: input.body.headName,
            address: input.body.address,
            memberCount: input.body.memberCount,
            members: input.body.members,
            phone: input.body.phone,
          })
        : api.post<HouseholdView>('/api/households', input.body),
    onSuccess: () => client.invalidateQueries({ queryKey: courtyardKeys.all }),
  });
}

export interface ApplicationFilters {
  status?: string;
  streetCode?: string;
  villageCode?: string;
  level?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** One page of a campaign's applications, with the counts per status. */
export function useApplications(code: string | undefined, filters: ApplicationFilters) {
  return useQuery({
    queryKey: courtyardKeys.applications(code ?? '', filters),
    queryFn: () =>
      api.get<CourtyardApplicationListView>(
        `${campaignPath(code ?? '')}/applications${query({ ...filters })}`,
      ),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
}

/** Writes on applications, households' levels and awards; each refreshes everything courtyard. */
export function useCourtyardWrites(code: string | undefined) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: courtyardKeys.all });
  const base = campaignPath(code ?? '');
  const hh = (household: string) => householdPath(code ?? '', household);
  return {
    apply: useMutation({
      mutationFn: (body: ApplyCourtyardBodyInput) =>
        api.post<ApplyCourtyardResultView>(`${base}/applications`, body),
      onSuccess: done,
    }),
    confirm: useMutation({
      mutationFn: (input: { householdCode: string; stage: 'village' | 'street' }) =>
        api.post(`${base}/applications/${encodeURIComponent(input.householdCode)}/confirm`, {
          stage: input.stage,
        }),
      onSuccess: done,
    }),
    reject: useMutation({
      mutationFn: (input: { householdCode: string; reason: string }) =>
        api.post(`${base}/applications/${encodeURIComponent(input.householdCode)}/reject`, {
          reason: input.reason,
        }),
      onSuccess: done,
    }),
    nominate: useMutation({
      mutationFn: (input: { householdCode: string; body: NominateCourtyardBody }) =>
        api.post(`${hh(input.householdCode)}/nominate`, input.body),
      onSuccess: done,
    }),
    demote: useMutation({
      mutationFn: (input: { householdCode: string; body: DemoteCourtyardBodyInput }) =>
        api.post(`${hh(input.householdCode)}/demote`, input.body),
      onSuccess: done,
    }),
    award: useMutation({
      mutationFn: (input: { householdCode: string; body: CourtyardAwardBody }) =>
        api.post(`${hh(input.householdCode)}/awards`, input.body),
      onSuccess: done,
    }),
  };
}

/** Statistics of a campaign over the viewer's part of the district. */
export function useCourtyardStats(code: string | undefined, streetCode: string | undefined) {
  return useQuery({
    queryKey: courtyardKeys.stats(code ?? '', streetCode ?? ''),
    queryFn: () => api.get<CourtyardStatsView>(`${campaignPath(code ?? '')}/stats${query({ streetCode })}`),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
}

export function useCeremony(code: string | undefined, streetCode: string | undefined) {
  return useQuery({
    queryKey: [...courtyardKeys.ceremony(code ?? ''), streetCode ?? ''],
    queryFn: () =>
      api.get<CourtyardCeremonyView>(`${campaignPath(code ?? '')}/ceremony${query({ streetCode })}`),
    enabled: Boolean(code),
  });
}

/** The evaluator's households (cached on the phone, so the list opens offline once seen). */
export function useCourtyardTodo(owner: string, code: string | undefined) {
  return useQuery({
    queryKey: courtyardKeys.todo(owner, code ?? ''),
    queryFn: () => cachedGet<CourtyardTodoView>(owner, todoPath(code ?? '')),
    enabled: Boolean(code),
  });
}

/** One household in a campaign (cached per user: the scoring page opens offline once seen). */
export function useCourtyardHousehold(owner: string, code: string | undefined, household: string) {
  return useQuery<Cached<CourtyardHouseholdView>>({
    queryKey: courtyardKeys.household(owner, code ?? '', household),
    queryFn: () => cachedGet<CourtyardHouseholdView>(owner, householdPath(code ?? '', household)),
    enabled: Boolean(code && household),
  });
}

/** Export links (plain downloads). */
export const statsExportUrl = (code: string, streetCode?: string) =>
  `${campaignPath(code)}/stats${query({ streetCode, format: 'xlsx' })}`;
export const ceremonyExportUrl = (code: string, streetCode?: string) =>
  `${campaignPath(code)}/ceremony${query({ streetCode, format: 'xlsx' })}`;
export const TEMPLATE_URL = '/api/households/template';
