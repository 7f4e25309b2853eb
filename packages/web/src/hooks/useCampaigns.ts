import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, query } from '../api/client';
import type {
  CampaignDetailView,
  CampaignSummaryView,
  ItemEntriesView,
  RankingView,
  ScoreSheetView,
  TargetsView,
  UnitProfileView,
} from '../api/types';
import { queryKeys } from './queryKeys';

const path = (code: string) => `/api/campaigns/${encodeURIComponent(code)}`;

/** Every campaign, newest year first. */
export function useCampaigns(enabled = true) {
  return useQuery({
    queryKey: queryKeys.campaigns,
    queryFn: async () => {
      const { campaigns } = await api.get<{ campaigns: CampaignSummaryView[] }>('/api/campaigns');
      return [...campaigns].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code));
    },
    enabled,
    staleTime: 60_000,
  });
}

/**
 * The campaign a page works on: `?campaign=CODE` when given, else the newest active one (else the newest).
 * Returns the list query too, so pages can show its loading and error states.
 */
export function useChosenCampaign(enabled = true) {
  const [params] = useSearchParams();
  const campaigns = useCampaigns(enabled);
  const wanted = params.get('campaign');
  const chosen = useMemo(() => {
    const list = campaigns.data ?? [];
    return (
      list.find((c) => c.code === wanted) ?? list.find((c) => c.status === 'active') ?? list[0] ?? undefined
    );
  }, [campaigns.data, wanted]);
  return { campaigns, chosen };
}

/** One campaign with its stars, modules, items and locked months. */
export function useCampaign(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.campaign(code ?? ''),
    queryFn: () => api.get<CampaignDetailView>(path(code ?? '')),
    enabled: Boolean(code),
    staleTime: 30_000,
  });
}

/** Target stars of the assessed units the caller may see. */
export function useTargets(code: string | undefined) {
  return useQuery({
    queryKey: queryKeys.targets(code ?? ''),
    queryFn: () => api.get<TargetsView>(`${path(code ?? '')}/targets`),
    enabled: Boolean(code),
  });
}

/** A ranking as the server computes it (the page never computes a score). */
export function useRanking(
  code: string | undefined,
  period: string | undefined,
  level: 'unit' | 'street' = 'unit',
  street?: string,
) {
  return useQuery({
    queryKey: queryKeys.ranking(code ?? '', period ?? '', level, street ?? ''),
    queryFn: () => api.get<RankingView>(`${path(code ?? '')}/ranking${query({ period, level, street })}`),
    enabled: Boolean(code && period),
    placeholderData: (previous) => previous,
  });
}

/** A unit's profile: score and rank by month, per-star scores at the period's end, items, bonuses, rating. */
export function useUnitProfile(code: string | undefined, unitCode: string | undefined, period?: string) {
  return useQuery({
    queryKey: queryKeys.profile(code ?? '', unitCode ?? '', period ?? ''),
    queryFn: () =>
      api.get<UnitProfileView>(
        `${path(code ?? '')}/units/${encodeURIComponent(unitCode ?? '')}/profile${query({ period })}`,
      ),
    enabled: Boolean(code && unitCode),
  });
}

/** A unit's items of one month for the score entry page. */
export function useScoreSheet(
  code: string | undefined,
  unitCode: string | undefined,
  month: string | undefined,
) {
  return useQuery({
    queryKey: queryKeys.scoreSheet(code ?? '', unitCode ?? '', month ?? ''),
    queryFn: () =>
      api.get<ScoreSheetView>(
        `${path(code ?? '')}/units/${encodeURIComponent(unitCode ?? '')}/items${query({ month })}`,
      ),
    enabled: Boolean(code && unitCode && month),
  });
}

/** Every ledger entry behind one unit's item score, corrections included. */
export function useItemEntries(
  code: string | undefined,
  unitCode: string | undefined,
  itemCode: string | undefined,
) {
  return useQuery({
    queryKey: queryKeys.itemEntries(code ?? '', unitCode ?? '', itemCode ?? ''),
    queryFn: () =>
      api.get<ItemEntriesView>(
        `${path(code ?? '')}/units/${encodeURIComponent(unitCode ?? '')}/items/${encodeURIComponent(itemCode ?? '')}/entries`,
      ),
    enabled: Boolean(code && unitCode && itemCode),
  });
}

/** The API path of a campaign, for mutations and downloads. */
export const campaignPath = path;
