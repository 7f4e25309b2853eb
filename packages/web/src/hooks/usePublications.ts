import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  AcceptObjectionBody,
  NewVersionBody,
  ObjectionBody,
  ObjectionResultView,
  PublicationDetailView,
  PublicationDiffView,
  PublicationListView,
  PublicationResultView,
  PublicPublicationView,
  PublishBody,
  RejectObjectionBody,
} from '../api/types';

/** Query keys of 公示: every write refreshes everything under `publications`. */
export const publicationKeys = {
  all: ['publications'] as const,
  list: (campaign: string | undefined) => ['publications', 'list', campaign ?? ''] as const,
  detail: (id: string, version: number | undefined) => ['publications', 'detail', id, version ?? 0] as const,
  diff: (id: string, from: number, to: number) => ['publications', 'diff', id, from, to] as const,
  public: (token: string, version: number | undefined) =>
    ['publications', 'public', token, version ?? 0] as const,
};

const base = (id: string) => `/api/publications/${encodeURIComponent(id)}`;

export function usePublications(campaign?: string) {
  return useQuery({
    queryKey: publicationKeys.list(campaign),
    queryFn: () => api.get<PublicationListView>(`/api/publications${query({ campaign })}`),
  });
}

/** A publication with its versions, a version's snapshot (current by default) and the objections in view. */
export function usePublication(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: publicationKeys.detail(id ?? '', version),
    queryFn: () => api.get<PublicationDetailView>(`${base(id ?? '')}${query({ version })}`),
    enabled: Boolean(id),
    placeholderData: (previous) => previous,
  });
}

export function usePublicationDiff(id: string | undefined, from: number, to: number, enabled: boolean) {
  return useQuery({
    queryKey: publicationKeys.diff(id ?? '', from, to),
    queryFn: () => api.get<PublicationDiffView>(`${base(id ?? '')}/diff${query({ from, to })}`),
    enabled: Boolean(id) && enabled && from !== to,
  });
}

/** The public page's data; a 401 (internal publication) reaches the page instead of the login redirect. */
export function usePublicPublication(token: string | undefined, version?: number) {
  return useQuery({
    queryKey: publicationKeys.public(token ?? '', version),
    queryFn: () =>
      api.get<PublicPublicationView>(
        `/api/public/publications/${encodeURIComponent(token ?? '')}${query({ version })}`,
        { redirectOn401: false },
      ),
    enabled: Boolean(token),
    placeholderData: (previous) => previous,
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: publicationKeys.all });
}

export function usePublish() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: PublishBody) => api.post<PublicationResultView>('/api/publications', body),
    onSuccess: invalidate,
  });
}

export function useNewVersion(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: NewVersionBody) => api.post<PublicationResultView>(`${base(id)}/versions`, body),
    onSuccess: invalidate,
  });
}

export function useFileObjection(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ObjectionBody) => api.post<ObjectionResultView>(`${base(id)}/objections`, body),
    onSuccess: invalidate,
  });
}

export function useRejectObjection(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ objectionId, body }: { objectionId: string; body: RejectObjectionBody }) =>
      api.post<ObjectionResultView>(`${base(id)}/objections/${objectionId}/reject`, body),
    onSuccess: invalidate,
  });
}

export function useAcceptObjection(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ objectionId, body }: { objectionId: string; body: AcceptObjectionBody }) =>
      api.post<ObjectionResultView>(`${base(id)}/objections/${objectionId}/accept`, body),
    onSuccess: invalidate,
  });
}
