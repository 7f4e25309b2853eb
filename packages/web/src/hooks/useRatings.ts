import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type {
  CertificateListView,
  ConfirmedRatingView,
  FlagApproveBody,
  FlagCreateBody,
  FlagListView,
  FlagRejectBody,
  FlagResultView,
  RatingConfirmBody,
  RatingConfirmResultView,
  StarRatingListView,
  VetoCreateBody,
  VetoListView,
  VetoResultView,
  VetoRevokeBody,
} from '../api/types';
import { queryKeys } from './queryKeys';

const base = (code: string) => `/api/campaigns/${encodeURIComponent(code)}`;

/** Filters of the flag list as the page keeps them (strings from the address bar). */
export interface FlagFilters {
  status?: string;
  street?: string;
  unit?: string;
  star?: string;
}

/** Query keys: everything lives under the campaign's data key, so a flag or veto write refreshes rankings too. */
export const ratingKeys = {
  flags: (code: string, f: FlagFilters) => ['campaign', code, 'flags', f] as const,
  vetoes: (code: string) => ['campaign', code, 'vetoes'] as const,
  list: (code: string) => ['campaign', code, 'star-ratings'] as const,
  confirmed: (code: string, version: number | undefined) =>
    ['campaign', code, 'star-ratings', 'confirmed', version ?? 0] as const,
  certificates: (code: string) => ['campaign', code, 'star-ratings', 'certificates'] as const,
};

/** The flag awards in view, with the unit×star caps and the status counts. */
export function useFlags(code: string | undefined, filters: FlagFilters) {
  return useQuery({
    queryKey: ratingKeys.flags(code ?? '', filters),
    queryFn: () => api.get<FlagListView>(`${base(code ?? '')}/flags${query({ ...filters })}`),
    enabled: Boolean(code),
    placeholderData: (previous) => previous,
  });
}

/** The vetoes of a campaign (revoked ones included). */
export function useVetoes(code: string | undefined) {
  return useQuery({
    queryKey: ratingKeys.vetoes(code ?? ''),
    queryFn: () => api.get<VetoListView>(`${base(code ?? '')}/vetoes`),
    enabled: Boolean(code),
  });
}

/** The star rating as computed now, with the latest confirmation and what changed since. */
export function useStarRatings(code: string | undefined) {
  return useQuery({
    queryKey: ratingKeys.list(code ?? ''),
    queryFn: () => api.get<StarRatingListView>(`${base(code ?? '')}/star-ratings`),
    enabled: Boolean(code),
  });
}

/** A frozen confirmed version (the latest without a version). */
export function useConfirmedRating(code: string | undefined, version: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ratingKeys.confirmed(code ?? '', version),
    queryFn: () =>
      api.get<ConfirmedRatingView>(`${base(code ?? '')}/star-ratings/confirmed${query({ version })}`),
    enabled: Boolean(code) && enabled,
  });
}

/** The certificate list (confirmed, or computed while nothing is confirmed). */
export function useCertificates(code: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ratingKeys.certificates(code ?? ''),
    queryFn: () => api.get<CertificateListView>(`${base(code ?? '')}/star-ratings/certificates`),
    enabled: Boolean(code) && enabled,
  });
}

/** The export link of the star-rating list. */
export const starRatingExportUrl = (code: string, format: string) =>
  `${base(code)}/star-ratings/export${query({ format })}`;

function useRefresh(code: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.campaignData(code) });
}

/** Proposes a flag award. */
export function useCreateFlag(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: (body: FlagCreateBody) => api.post<FlagResultView>(`${base(code)}/flags`, body),
    onSuccess: refresh,
  });
}

type Decision =
  | { id: string; approve: true; body: FlagApproveBody }
  | { id: string; approve: false; body: FlagRejectBody };

/** Approves or rejects a flag award. */
export function useDecideFlag(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: (d: Decision) =>
      api.post<FlagResultView>(
        `${base(code)}/flags/${encodeURIComponent(d.id)}/${d.approve ? 'approve' : 'reject'}`,
        d.body,
      ),
    onSuccess: refresh,
  });
}

/** Records a veto on a unit's star. */
export function useCreateVeto(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: (body: VetoCreateBody) => api.post<VetoResultView>(`${base(code)}/vetoes`, body),
    onSuccess: refresh,
  });
}

/** Revokes a veto with a reason. */
export function useRevokeVeto(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: VetoRevokeBody }) =>
      api.post<VetoResultView>(`${base(code)}/vetoes/${encodeURIComponent(id)}/revoke`, body),
    onSuccess: refresh,
  });
}

/** Confirms the computed rating as a new version. */
export function useConfirmRatings(code: string) {
  const refresh = useRefresh(code);
  return useMutation({
    mutationFn: (body: RatingConfirmBody) =>
      api.post<RatingConfirmResultView>(`${base(code)}/star-ratings/confirm`, body),
    onSuccess: refresh,
  });
}
