import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { CorrectionBody, ScoreEntryBody, ScoreEntryResultView } from '../../api/types';
import { queryKeys } from '../../hooks/queryKeys';
import { campaignPath } from '../../hooks/useCampaigns';
import { isRetryable, newIdempotencyKey } from '../idempotency';

/** A score submission: a new entry, or a correction of one ledger entry. */
export type ScoreSubmission =
  | { kind: 'enter'; body: Omit<ScoreEntryBody, 'idempotencyKey'> }
  | { kind: 'correct'; entryId: string; body: Omit<CorrectionBody, 'idempotencyKey'> };

/**
 * Keys of submissions still waiting for a definite answer, by campaign and slot (unit, item, entry). Kept
 * for the whole session, so a retry after leaving the page and coming back still reuses its key.
 */
const pending = new Map<string, { fingerprint: string; key: string }>();

/**
 * Submits scores with an idempotency key per submission. A submission that got no answer (network
 * failure, server error) keeps its key, so retrying the same content is counted once by the server even
 * if the first attempt did arrive; any other content, or a settled answer, starts a new key.
 */
export function useScoreSubmit(campaignCode: string) {
  const client = useQueryClient();

  return useMutation({
    mutationFn: async ({ slot, submission }: { slot: string; submission: ScoreSubmission }) => {
      const slotKey = `${campaignCode}|${slot}`;
      const fingerprint = JSON.stringify(submission);
      const held = pending.get(slotKey);
      const key = held && held.fingerprint === fingerprint ? held.key : newIdempotencyKey();
      pending.set(slotKey, { fingerprint, key });
      try {
        const url =
          submission.kind === 'enter'
            ? `${campaignPath(campaignCode)}/scores`
            : `${campaignPath(campaignCode)}/scores/${encodeURIComponent(submission.entryId)}/correct`;
        const result = await api.post<ScoreEntryResultView>(url, { ...submission.body, idempotencyKey: key });
        pending.delete(slotKey);
        return result;
      } catch (error) {
        if (!(error instanceof ApiError) || !isRetryable(error.status)) pending.delete(slotKey);
        throw error;
      }
    },
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.campaignData(campaignCode) }),
  });
}

/** True when a failed submission can be retried safely with the same key. */
export function canRetry(error: unknown): boolean {
  return error instanceof ApiError && isRetryable(error.status);
}
