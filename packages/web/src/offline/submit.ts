import type { RaiseProblemBody, SheetView, SubmitSheetBody } from '../api/types';
import { newIdempotencyKey } from '../components/idempotency';
import type { DraftPhoto, GeoStamp, SheetDraft } from './drafts';
import type { QueueEntry } from './queue';

/** Turns what the inspector did into queue entries: photos first, then the sheet or problem that uses them. */

interface Where {
  owner: string;
  roundId: string | null;
  unitCode: string;
  unitName: string;
  detail: string | null;
}

function base(where: Where, key: string, now: Date) {
  return {
    key,
    owner: where.owner,
    createdAt: now.toISOString(),
    attempts: 0,
    lastError: null,
    lastStatus: null,
    state: 'waiting' as const,
    nextAttemptAt: 0,
    roundId: where.roundId,
    unitCode: where.unitCode,
    unitName: where.unitName,
    detail: where.detail,
  };
}

/** A queue entry for each local photo (those already on the server need none). */
export function photoEntries(
  where: Where,
  photos: readonly DraftPhoto[],
  location: GeoStamp | null,
  now: Date,
) {
  const entries: QueueEntry[] = [];
  for (const p of photos) {
    if (!p.blob) continue;
    entries.push({
      ...base(where, p.key, now),
      kind: 'photo',
      payload: {
        unitCode: where.unitCode,
        takenAt: p.takenAt ?? undefined,
        latitude: location?.latitude,
        longitude: location?.longitude,
        fileName: `${p.key}.jpg`,
      },
      blobs: [p.blob],
    });
  }
  return entries;
}

/** Lines not scored yet on a draft, in sheet order. */
export function missingLines(sheet: SheetView, draft: SheetDraft): string[] {
  return sheet.stars
    .flatMap((s) => s.lines)
    .filter((l) => {
      const points = draft.lines[l.id]?.points;
      return points === null || points === undefined;
    })
    .map((l) => l.id);
}

/** The queue entries of a sheet submission (or correction), with a fresh idempotency key. */
export function sheetEntries(
  owner: string,
  sheet: SheetView,
  draft: SheetDraft,
  now = new Date(),
): QueueEntry[] {
  const key = newIdempotencyKey();
  const where: Where = {
    owner,
    roundId: sheet.round.id,
    unitCode: sheet.unit.code,
    unitName: sheet.unit.name,
    detail: sheet.round.number,
  };
  const lines = sheet.stars.flatMap((s) => s.lines);
  const photos = lines.flatMap((l) =>
    photoEntries({ ...where, detail: l.name }, draft.lines[l.id]?.photos ?? [], draft.location, now),
  );
  const body: SubmitSheetBody = {
    idempotencyKey: key,
    roundId: sheet.round.id,
    unitCode: sheet.unit.code,
    baseVersion: draft.baseVersion,
    reason: draft.reason?.trim() ? draft.reason.trim() : undefined,
    note: draft.note.trim() ? draft.note.trim() : null,
    visitedAt: draft.visitedAt,
    ...(draft.methods?.length ? { methods: draft.methods } : {}),
    location: draft.location,
    lines: lines.map((l) => {
      const d = draft.lines[l.id];
      return {
        lineId: l.id,
        points: Math.min(l.max, Math.max(0, d?.points ?? 0)),
        note: d?.note.trim() ? d.note.trim() : null,
        photoKeys: (d?.photos ?? []).map((p) => p.key),
      };
    }),
  };
  return [...photos, { ...base(where, key, now), kind: 'sheet', payload: body, blobs: [] }];
}

/** What the problem sheet collects. */
export interface ProblemInput {
  star: string;
  lineId: string | null;
  itemLabel: string | null;
  description: string;
  severity: RaiseProblemBody['severity'];
  deadline: string;
  responsible: string;
  photos: DraftPhoto[];
}

/** The queue entries of a problem raised from a sheet line, with a fresh idempotency key. */
export function problemEntries(
  owner: string,
  sheet: SheetView,
  input: ProblemInput,
  location: GeoStamp | null,
  now = new Date(),
): QueueEntry[] {
  const key = newIdempotencyKey();
  const where: Where = {
    owner,
    roundId: sheet.round.id,
    unitCode: sheet.unit.code,
    unitName: sheet.unit.name,
    detail: input.itemLabel,
  };
  const body: RaiseProblemBody = {
    idempotencyKey: key,
    campaign: sheet.round.campaignCode,
    unitCode: sheet.unit.code,
    star: input.star,
    roundId: sheet.round.id,
    lineId: input.lineId ?? undefined,
    itemLabel: input.itemLabel ?? undefined,
    description: input.description.trim(),
    severity: input.severity,
    deadline: input.deadline,
    responsible: input.responsible.trim() ? input.responsible.trim() : null,
    photoKeys: input.photos.map((p) => p.key),
  };
  return [
    ...photoEntries(where, input.photos, location, now),
    { ...base(where, key, now), kind: 'problem', payload: body, blobs: [] },
  ];
}
