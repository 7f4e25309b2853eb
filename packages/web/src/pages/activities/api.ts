import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActivityImportResultView } from '@wuxing/server/contracts/activities';
import { useCallback } from 'react';
import { api, query, uploadFile } from '../../api/client';
import type { ActivityListView, ActivityView, CreateActivityBody, UpdateActivityBody } from '../../api/types';

export type { ActivityImportResultView };

/** The filters of the activity list and its export: a period, and optionally one street group and one topic. */
export interface ActivityFilter {
  period: string;
  street?: string;
  topic?: string;
}

const keys = {
  all: ['activities'] as const,
  list: (f: ActivityFilter) => ['activities', 'list', f.period, f.street ?? '', f.topic ?? ''] as const,
};

/** The activities of a period the caller sees, with their sums per street, month and topic. */
export function useActivities(filter: ActivityFilter, enabled = true) {
  return useQuery({
    queryKey: keys.list(filter),
    queryFn: () => api.get<ActivityListView>(`/api/activities${query({ ...filter })}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The workbook (活动明细, 按街道汇总, 按月汇总, 按主题汇总) of the same filters. */
export const activityExportUrl = (filter: ActivityFilter, format: string) =>
  `/api/activities/export${query({ ...filter, format })}`;

/** The import workbook: the 宣传活动 sheet's headers, the units the caller may record for, how to fill it in. */
export const ACTIVITY_TEMPLATE_URL = '/api/activities/template';

/** Sends a 宣传活动 workbook (.xlsx, .csv or .json); all rows are written or none. */
export const importActivities = (file: File, onProgress: (percent: number) => void) =>
  uploadFile<ActivityImportResultView>('/api/activities/import', file, onProgress);

/** Refetches every activity view (list, totals, charts), e.g. after an import. */
export function useRefreshActivities() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: keys.all }), [client]);
}

/** Records an activity (id null) or changes one; every activity view refetches after. */
export function useSaveActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateActivityBody | UpdateActivityBody }) =>
      id === null
        ? api.post<ActivityView>('/api/activities', body)
        : api.put<ActivityView>(`/api/activities/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

/** Deletes an activity with a reason (the server keeps the record, out of every list and sum). */
export function useDeleteActivity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ ok: true }>(`/api/activities/${encodeURIComponent(id)}/delete`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
