import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  ProblemDetailView,
  ProblemListView,
  ProblemStatsView,
  RaiseProblemBody,
  RectifyBody,
  ReviewBody,
  StartReviewBody,
} from '../api/types';
import { queryKeys } from './queryKeys';
import { roundKeys } from './useRounds';

/** Filters of the ledger as the page keeps them (strings from the address bar). */
export interface ProblemFilters {
  campaign?: string;
  status?: string;
  source?: string;
  severity?: string;
  street?: string;
  unit?: string;
  star?: string;
  round?: string;
  overdue?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Query keys of the problem ledger; every problem write refreshes everything under `problems`. */
export const problemKeys = {
  all: ['problems'] as const,
  list: (filters: ProblemFilters) => ['problems', 'list', filters] as const,
  detail: (id: string) => ['problems', 'detail', id] as const,
  stats: (campaign: string, level: string, round: string) =>
    ['problems', 'stats', campaign, level, round] as const,
};

const listParams = (f: ProblemFilters) => ({
  campaign: f.campaign,
  status: f.status,
  source: f.source,
  severity: f.severity,
  street: f.street,
  unit: f.unit,
  star: f.star,
  round: f.round,
  overdue: f.overdue,
  q: f.q,
  page: f.page,
  pageSize: f.pageSize,
});

/** One page of the ledger with the status counts over the whole filtered set. */
export function useProblems(filters: ProblemFilters, enabled = true) {
  return useQuery({
    queryKey: problemKeys.list(filters),
    queryFn: () => api.get<ProblemListView>(`/api/problems${query(listParams(filters))}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The export link of the ledger with the same filters (no paging). */
export function problemExportUrl(filters: ProblemFilters, format: 'xlsx' | 'csv'): string {
  return `/api/problems/export${query({ ...listParams(filters), page: undefined, pageSize: undefined, format })}`;
}

/** One problem with its history, photos, deductions and what the viewer may do. */
export function useProblem(id: string | undefined) {
  return useQuery({
    queryKey: problemKeys.detail(id ?? ''),
    queryFn: () => api.get<ProblemDetailView>(`/api/problems/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Notified / closed / overdue figures per street or village. */
export function useProblemStats(campaign: string | undefined, level: 'street' | 'village', round?: string) {
  return useQuery({
    queryKey: problemKeys.stats(campaign ?? '', level, round ?? ''),
    queryFn: () => api.get<ProblemStatsView>(`/api/problems/stats${query({ campaign, level, round })}`),
    enabled: Boolean(campaign),
    placeholderData: keepPreviousData,
  });
}

/** The Excel export of the statistics. */
export const problemStatsExportUrl = (campaign: string, level: string, round?: string) =>
  `/api/problems/stats/export${query({ campaign, level, round, format: 'xlsx' })}`;

/** After any problem write: the ledger, rounds (problem counts) and the campaign's rankings (deductions). */
function useRefreshAfterWrite() {
  const client = useQueryClient();
  return async (campaign?: string) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: problemKeys.all }),
      client.invalidateQueries({ queryKey: roundKeys.all }),
      campaign ? client.invalidateQueries({ queryKey: queryKeys.campaignData(campaign) }) : undefined,
    ]);
  };
}

/** Raises a problem at a unit. */
export function useRaiseProblem() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (body: RaiseProblemBody) => api.post<unknown>('/api/problems', body),
    onSuccess: (_answer, body) => refresh(body.campaign),
  });
}

type Step =
  | { action: 'rectify'; body: RectifyBody }
  | { action: 'start-review'; body: StartReviewBody }
  | { action: 'review'; body: ReviewBody };

/** One step of the rectification loop on a problem: rectify, start the look-back, or review. */
export function useProblemStep(id: string, campaign: string | undefined) {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (step: Step) =>
      api.post<unknown>(`/api/problems/${encodeURIComponent(id)}/${step.action}`, step.body),
    onSuccess: () => refresh(campaign),
  });
}
