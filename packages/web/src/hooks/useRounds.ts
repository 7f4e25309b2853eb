import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  CreateRoundBody,
  InspectionView,
  NoticeView,
  ReplaceAssignmentsBody,
  RoundDetailView,
  RoundSummaryView,
  SheetTemplateBody,
  SheetTemplateView,
} from '../api/types';
import { queryKeys } from './queryKeys';

/** Query keys of supervision rounds and sheet templates; every round write refreshes everything under `rounds`. */
export const roundKeys = {
  all: ['rounds'] as const,
  list: (campaign: string) => ['rounds', 'list', campaign] as const,
  detail: (id: string) => ['rounds', 'detail', id] as const,
  inspections: (id: string, unit: string) => ['rounds', 'inspections', id, unit] as const,
  notice: (id: string) => ['rounds', 'notice', id] as const,
  templates: (campaign: string) => ['sheet-templates', campaign] as const,
};

const templatesPath = (campaign: string) => `/api/campaigns/${encodeURIComponent(campaign)}/sheet-templates`;

/** Answers may be a bare list or wrapped in an object (`{ rounds: [...] }`); this takes either. */
function listOf<T>(answer: unknown, field: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  if (answer && typeof answer === 'object') {
    const inner = (answer as Record<string, unknown>)[field];
    if (Array.isArray(inner)) return inner as T[];
  }
  return [];
}

/** The rounds of a campaign the viewer may see, newest month first. */
export function useRounds(campaign: string | undefined) {
  return useQuery({
    queryKey: roundKeys.list(campaign ?? ''),
    queryFn: async () => {
      const rounds = listOf<RoundSummaryView>(
        await api.get<unknown>(`/api/rounds${query({ campaign })}`),
        'rounds',
      );
      return [...rounds].sort((a, b) => b.month.localeCompare(a.month) || b.number.localeCompare(a.number));
    },
    enabled: Boolean(campaign),
  });
}

/** One round with its coverage per street and its units. */
export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: roundKeys.detail(id ?? ''),
    queryFn: () => api.get<RoundDetailView>(`/api/rounds/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Every version of every inspector's sheet for one unit of a round. */
export function useRoundInspections(id: string | undefined, unitCode: string | undefined) {
  return useQuery({
    queryKey: roundKeys.inspections(id ?? '', unitCode ?? ''),
    queryFn: async () =>
      listOf<InspectionView>(
        await api.get<unknown>(
          `/api/rounds/${encodeURIComponent(id ?? '')}/units/${encodeURIComponent(unitCode ?? '')}/inspections`,
        ),
        'inspections',
      ),
    enabled: Boolean(id && unitCode),
  });
}

/** The round's notice (通报): the problems it found. */
export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: roundKeys.notice(id ?? ''),
    queryFn: () => api.get<NoticeView>(`/api/rounds/${encodeURIComponent(id ?? '')}/notice`),
    enabled: Boolean(id),
  });
}

/** The scoring-sheet templates (评分表) of a campaign. */
export function useSheetTemplates(campaign: string | undefined, enabled = true) {
  return useQuery({
    queryKey: roundKeys.templates(campaign ?? ''),
    queryFn: async () =>
      listOf<SheetTemplateView>(await api.get<unknown>(templatesPath(campaign ?? '')), 'templates'),
    enabled: Boolean(campaign) && enabled,
  });
}

/** Creates a round; the list, and everything computed from the campaign, refresh. */
export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoundBody) => api.post<unknown>('/api/rounds', body),
    onSuccess: async (_answer, body) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: roundKeys.all }),
        client.invalidateQueries({ queryKey: roundKeys.templates(body.campaign) }),
      ]);
    },
  });
}

/** Replaces a round's assignments. */
export function useReplaceAssignments(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplaceAssignmentsBody) =>
      api.put<unknown>(`/api/rounds/${encodeURIComponent(id)}/assignments`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: roundKeys.all }),
  });
}

/** Closes a round: no more sheets are taken. */
export function useCloseRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>(`/api/rounds/${encodeURIComponent(id)}/close`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: roundKeys.all }),
  });
}

/** Creates (code null) or replaces a sheet template. */
export function useSaveTemplate(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string | null; body: SheetTemplateBody }) =>
      code
        ? api.put<unknown>(`${templatesPath(campaign)}/${encodeURIComponent(code)}`, body)
        : api.post<unknown>(templatesPath(campaign), body),
    onSuccess: () => client.invalidateQueries({ queryKey: roundKeys.templates(campaign) }),
  });
}

/** Creates a default template of a module: DD-SHEET 督导观摩评分表 (DD, the default) or ND-SHEET 年度验收评分表 (ND). */
export function useCreateDefaultTemplate(campaign: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (module: 'DD' | 'ND' = 'DD') =>
      api.post<SheetTemplateView>(`${templatesPath(campaign)}/default?module=${module}`, {}),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: roundKeys.templates(campaign) }),
        client.invalidateQueries({ queryKey: queryKeys.campaignData(campaign) }),
      ]);
    },
  });
}

/** The Excel download of a round's notice. */
export const noticeExportUrl = (id: string) => `/api/rounds/${encodeURIComponent(id)}/notice/export`;
