import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type { CandidateListView, InboxView, StreetSummaryView } from '../api/types';

/** The inbox (what needs the user now) and the 结果运用 reads. */
export const inboxKeys = {
  inbox: ['inbox'] as const,
  candidates: (code: string, rules: AwardRules) =>
    ['campaign', code, 'results', 'candidates', rules] as const,
  streets: (code: string) => ['campaign', code, 'results', 'streets'] as const,
};

/** The inbox, refreshed every minute and whenever a page using it mounts (the bell and the inbox page). */
export function useInbox(enabled = true) {
  return useQuery({
    queryKey: inboxKeys.inbox,
    queryFn: () => api.get<InboxView>('/api/inbox'),
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** Marks items read (or all of them); the answer is the new inbox. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keys: string[] | 'all') =>
      keys === 'all'
        ? api.post<InboxView>('/api/inbox/read-all', {})
        : api.post<InboxView>('/api/inbox/read', { keys }),
    onSuccess: (inbox) => client.setQueryData(inboxKeys.inbox, inbox),
  });
}

/** The rules of a 两优一先 candidate list as the page keeps them. */
export interface AwardRules {
  minStars: number;
  topK: number | null;
  excludeVetoed: boolean;
  excludeRedWarning: boolean;
}

const base = (code: string) => `/api/campaigns/${encodeURIComponent(code)}/results`;
const rulesQuery = (r: AwardRules, format?: string) =>
  query({
    minStars: r.minStars,
    topK: r.topK,
    excludeVetoed: String(r.excludeVetoed),
    excludeRedWarning: String(r.excludeRedWarning),
    format,
  });

export const candidatesExportUrl = (code: string, rules: AwardRules, format: string) =>
  `${base(code)}/candidates/export${rulesQuery(rules, format)}`;
export const streetsExportUrl = (code: string, format: string) =>
  `${base(code)}/streets/export${query({ format })}`;

export function useCandidates(code: string | undefined, rules: AwardRules) {
  return useQuery({
    queryKey: inboxKeys.candidates(code ?? '', rules),
    queryFn: () => api.get<CandidateListView>(`${base(code ?? '')}/candidates${rulesQuery(rules)}`),
    enabled: Boolean(code),
  });
}

export function useStreetSummary(code: string | undefined) {
  return useQuery({
    queryKey: inboxKeys.streets(code ?? ''),
    queryFn: () => api.get<StreetSummaryView>(`${base(code ?? '')}/streets`),
    enabled: Boolean(code),
  });
}
