import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignDetailView } from '../../api/types';
import { queryKeys } from '../../hooks/queryKeys';

/**
 * A write to a campaign's model that answers with the whole campaign: the answer replaces the cached
 * campaign, and everything computed from it (rankings, profiles, sheets) is refreshed.
 */
export function useCampaignWrite<V>(code: string, write: (vars: V) => Promise<CampaignDetailView>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (campaign) => {
      client.setQueryData(queryKeys.campaign(code), campaign);
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.campaigns }),
        client.invalidateQueries({
          queryKey: queryKeys.campaignData(code),
          predicate: (q) => q.queryKey[2] !== 'detail',
        }),
      ]);
    },
  });
}
