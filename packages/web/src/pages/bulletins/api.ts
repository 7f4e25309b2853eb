import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { BulletinListView, BulletinView, CreateBulletinBody, UpdateBulletinBody } from '../../api/types';

/** Query keys of 月度通报: the lists start with `['bulletins']`, one bulletin is `['bulletin', id]`. */
export const bulletinKeys = {
  lists: ['bulletins'] as const,
  list: (campaign: string) => ['bulletins', campaign] as const,
  detail: (id: string) => ['bulletin', id] as const,
};

/** `/api/bulletins/:id…`. */
export const bulletinPath = (id: string, rest = '') => `/api/bulletins/${encodeURIComponent(id)}${rest}`;

/** The bulletins of a campaign the caller may read (district: drafts too; others: issued ones), newest first. */
export function useBulletins(campaign: string | undefined) {
  return useQuery({
    queryKey: bulletinKeys.list(campaign ?? ''),
    queryFn: () => api.get<BulletinListView>(`/api/bulletins${query({ campaign })}`),
    enabled: Boolean(campaign),
  });
}

/** One bulletin with its text, tables and figures. */
export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: bulletinKeys.detail(id ?? ''),
    queryFn: () => api.get<BulletinView>(bulletinPath(id ?? '')),
    enabled: Boolean(id),
  });
}

/** Puts a bulletin the server answered into the cache and marks the lists stale. */
function useStoreBulletin() {
  const client = useQueryClient();
  return (view: BulletinView) => {
    client.setQueryData(bulletinKeys.detail(view.id), view);
    void client.invalidateQueries({ queryKey: bulletinKeys.lists });
  };
}

/** Generates the draft bulletin of a campaign month (409 when that month already has one). */
export function useCreateBulletin() {
  const store = useStoreBulletin();
  return useMutation({
    mutationFn: (body: CreateBulletinBody) => api.post<BulletinView>('/api/bulletins', body),
    onSuccess: store,
  });
}

/** Saves the edited draft at the version it was edited from (409 `version` when someone saved in between). */
export function useSaveBulletin(id: string) {
  const store = useStoreBulletin();
  return useMutation({
    mutationFn: (body: UpdateBulletinBody) => api.put<BulletinView>(bulletinPath(id), body),
    onSuccess: store,
  });
}

/** Regenerates the draft's figures, tables and text from the ledger, or issues it (both at a version). */
export function useBulletinAction(id: string, action: 'regenerate' | 'issue') {
  const store = useStoreBulletin();
  return useMutation({
    mutationFn: (version: number) => api.post<BulletinView>(bulletinPath(id, `/${action}`), { version }),
    onSuccess: store,
  });
}
