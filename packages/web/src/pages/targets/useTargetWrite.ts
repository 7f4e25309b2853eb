import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { UnitTargetsView } from '../../api/types';
import { queryKeys } from '../../hooks/queryKeys';
import { campaignPath } from '../../hooks/useCampaigns';

/** What can be done to a unit's targets: declare or set them, approve, or reject with a reason. */
export type TargetAction =
  | { kind: 'set'; unitCode: string; stars: string[]; reason?: string }
  | { kind: 'approve'; unitCode: string; reason?: string }
  | { kind: 'reject'; unitCode: string; reason: string };

/** Writes a unit's targets; scores depend on targets, so the whole campaign's cache is refreshed. */
export function useTargetWrite(campaignCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: TargetAction) => {
      const base = `${campaignPath(campaignCode)}/targets/${encodeURIComponent(action.unitCode)}`;
      if (action.kind === 'set')
        return api.put<UnitTargetsView>(base, { stars: action.stars, reason: action.reason });
      if (action.kind === 'approve')
        return api.post<UnitTargetsView>(`${base}/approve`, { reason: action.reason });
      return api.post<UnitTargetsView>(`${base}/reject`, { reason: action.reason });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.campaignData(campaignCode) }),
  });
}
