import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  WarningDetailView,
  WarningEvaluateBody,
  WarningEvaluateResultView,
  WarningListView,
  WarningMeasureBody,
  WarningPreviewView,
  WarningRulesView,
  WarningTalkBody,
  WarningWriteResultView,
} from '../api/types';

const base = (code: string) => `/api/campaigns/${encodeURIComponent(code)}`;

/** Filters of the warning list as the page keeps them (strings from the address bar). */
export interface WarningFilters {
  period?: string;
  level?: string;
  street?: string;
  status?: string;
}

/** Query keys under the campaign's key, so a write refreshes every warning view of the campaign. */
export const warningKeys = {
  all: (code: string) => ['campaign', code, 'warnings'] as const,
  list: (code: string, f: WarningFilters) => ['campaign', code, 'warnings', 'list', f] as const,
  one: (code: string, id: string) => ['campaign', code, 'warnings', 'one', id] as const,
  rules: (code: string) => ['campaign', code, 'warnings', 'rules'] as const,
  preview: (code: string, period: string) => ['campaign', code, 'warnings', 'preview', period] as const,
};

/** The warnings in view, with counts, per-street figures and the evaluated quarters. */
export function useWarnings(code: string | undefined, filters: WarningFilters) {
  return useQuery({
    queryKey: warningKeys.list(code ?? '', filters),
    queryFn: () => api.get<WarningListView>(`${base(code ?? '')}/warnings${query({ ...filters })}`),
    enabled: Boolean(code),
    placeholderData: (previous) => previous,
  });
}

/** One warning with its talks, help measures and the unit's other warnings. */
export function useWarning(code: string | undefined, id: string | undefined) {
  return useQuery({
    queryKey: warningKeys.one(code ?? '', id ?? ''),
    queryFn: () => api.get<WarningDetailView>(`${base(code ?? '')}/warnings/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(code && id),
  });
}

/** The campaign's thresholds. */
export function useWarningRules(code: string | undefined) {
  return useQuery({
    queryKey: warningKeys.rules(code ?? ''),
    queryFn: () => api.get<WarningRulesView>(`${base(code ?? '')}/warning-rules`),
    enabled: Boolean(code),
  });
}

/** What evaluating a quarter would do (district admins), fetched while the dialog shows it. */
export function useWarningPreview(code: string | undefined, period: string | undefined) {
  return useQuery({
    queryKey: warningKeys.preview(code ?? '', period ?? ''),
    queryFn: () => api.get<WarningPreviewView>(`${base(code ?? '')}/warnings/preview${query({ period })}`),
    enabled: Boolean(code && period),
    staleTime: 0,
    gcTime: 0,
  });
}

/** Commits a quarter's evaluation. */
export function useEvaluateWarnings(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WarningEvaluateBody) =>
      api.post<WarningEvaluateResultView>(`${base(code)}/warnings/evaluate`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: warningKeys.all(code) }),
  });
}

/** Records a reminder talk on a warning. */
export function useRecordTalk(code: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WarningTalkBody) =>
      api.post<WarningWriteResultView>(`${base(code)}/warnings/${encodeURIComponent(id)}/talks`, body),
    onSuccess: (res) => {
      client.setQueryData(warningKeys.one(code, id), res.detail);
      return client.invalidateQueries({ queryKey: warningKeys.all(code) });
    },
  });
}

/** Notes a help measure on a warning. */
export function useAddMeasure(code: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WarningMeasureBody) =>
      api.post<WarningWriteResultView>(`${base(code)}/warnings/${encodeURIComponent(id)}/measures`, body),
    onSuccess: (res) => {
      client.setQueryData(warningKeys.one(code, id), res.detail);
      return client.invalidateQueries({ queryKey: warningKeys.all(code) });
    },
  });
}
