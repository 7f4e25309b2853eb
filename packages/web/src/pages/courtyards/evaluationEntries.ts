import type { CourtyardHouseholdView, SubmitCourtyardEvaluationBodyInput } from '../../api/types';
import { newIdempotencyKey } from '../../components/idempotency';
import type { SheetDraft } from '../../offline/drafts';
import type { QueueEntry } from '../../offline/queue';
import { photoEntries } from '../../offline/submit';
import { PHOTO_LINE } from './evaluationDraft';

/** Standards not scored yet on a draft, in the campaign's order. */
export function missingStandards(view: CourtyardHouseholdView, draft: SheetDraft | null): string[] {
  return view.campaign.standards
    .filter((s) => {
      const p = draft?.lines[s.code]?.points;
      return p === null || p === undefined;
    })
    .map((s) => s.code);
}

/**
 * Standards whose score the server would refuse (below 0, above the standard's maximum, more than one decimal),
 * in the campaign's order. Nothing is clamped on the way to the queue: a wrong score is shown, not changed.
 */
export function outOfRangeStandards(view: CourtyardHouseholdView, draft: SheetDraft | null): string[] {
  return view.campaign.standards
    .filter((s) => {
      const p = draft?.lines[s.code]?.points;
      if (p === null || p === undefined) return false;
      return !Number.isFinite(p) || p < 0 || p > s.maxPoints || Math.abs(Math.round(p * 10) - p * 10) > 1e-9;
    })
    .map((s) => s.code);
}

/**
 * The queue entries of an evaluation (or its correction): photos first, then the evaluation naming them by key,
 * with a fresh idempotency key so a re-sync counts once.
 */
export function evaluationEntries(
  owner: string,
  view: CourtyardHouseholdView,
  draft: SheetDraft,
  now = new Date(),
): QueueEntry[] {
  const key = newIdempotencyKey();
  const where = {
    owner,
    roundId: view.campaign.code,
    unitCode: view.household.code,
    unitName: view.household.name,
    detail: view.campaign.name,
  };
  const photos = draft.lines[PHOTO_LINE]?.photos ?? [];
  const scores: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const s of view.campaign.standards) {
    const line = draft.lines[s.code];
    scores[s.code] = line?.points ?? 0;
    const note = line?.note.trim();
    if (note) notes[s.code] = note;
  }
  const body: SubmitCourtyardEvaluationBodyInput = {
    idempotencyKey: key,
    scores,
    notes,
    photoKeys: photos.map((p) => p.key),
    correctionReason: draft.reason?.trim() ? draft.reason.trim() : undefined,
    evaluatedAt: draft.visitedAt,
  };
  return [
    ...photoEntries(where, photos, draft.location, now),
    {
      key,
      owner,
      createdAt: now.toISOString(),
      attempts: 0,
      lastError: null,
      lastStatus: null,
      state: 'waiting',
      nextAttemptAt: 0,
      roundId: view.campaign.code,
      unitCode: view.household.code,
      unitName: view.household.name,
      detail: view.campaign.name,
      kind: 'courtyard',
      payload: { campaignCode: view.campaign.code, householdCode: view.household.code, body },
      blobs: [],
    },
  ];
}
