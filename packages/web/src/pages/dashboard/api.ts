import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  BigScreenLinkView,
  BigScreenView,
  DashboardQuery,
  DashboardView,
  VillageDashboardQuery,
  VillageDashboardView,
} from '../../api/types';

/** Query keys of the 数据看板 screens; every dashboard query starts with `dashboard`. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  district: (q: DashboardQuery) => ['dashboard', 'district', q] as const,
  village: (q: VillageDashboardQuery) => ['dashboard', 'village', q] as const,
  link: ['dashboard', 'screen-link'] as const,
  screen: (token: string) => ['bigscreen', token] as const,
};

/** The district or street dashboard as the server computes it (the page never computes a figure). */
export function useDashboard(q: DashboardQuery) {
  return useQuery({
    queryKey: dashboardKeys.district(q),
    queryFn: () => api.get<DashboardView>(`/api/dashboard${query(q)}`),
    // The previous month stays on screen, dimmed, while the next one loads.
    placeholderData: keepPreviousData,
  });
}

/** A village's own view (`unit` lets an admin open a village's). */
export function useVillageDashboard(q: VillageDashboardQuery, enabled = true) {
  return useQuery({
    queryKey: dashboardKeys.village(q),
    queryFn: () => api.get<VillageDashboardView>(`/api/dashboard/village${query(q)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Whether a big-screen link exists, when and by whom it was made (never the token). */
export function useScreenLink(enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.link,
    queryFn: () => api.get<BigScreenLinkView>('/api/dashboard/screen-link'),
    enabled,
  });
}

/** Makes a new big-screen link (the old one stops working); the answer carries the token once. */
export function useMakeScreenLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<BigScreenLinkView>('/api/dashboard/screen-link'),
    onSuccess: (view) => client.setQueryData(dashboardKeys.link, { ...view, token: null }),
  });
}

/** The public big screen's figures (no login: the token decides). */
export function useBigScreen(token: string) {
  return useQuery({
    queryKey: dashboardKeys.screen(token),
    queryFn: () =>
      api.get<BigScreenView>(`/api/bigscreen/${encodeURIComponent(token)}`, { redirectOn401: false }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The web path of the big screen of a token. */
export const bigScreenPath = (token: string) => `/bigscreen/${encodeURIComponent(token)}`;
