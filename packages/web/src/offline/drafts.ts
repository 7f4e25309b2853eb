import type { VisitMethod } from '../api/types';
import { idbAll, idbDelete, idbGet, idbPut } from './db';

/** A photo on a draft line: a local (downscaled) blob not yet queued, or one already on the server. */
export interface DraftPhoto {
  key: string;
  blob: Blob | null;
  /** Server thumbnail for photos kept from the submitted version. */
  thumbUrl: string | null;
  takenAt: string | null;
}

export interface DraftLine {
  points: number | null;
  note: string;
  photos: DraftPhoto[];
}

export interface GeoStamp {
  latitude: number;
  longitude: number;
  accuracy: number | null;
}

/** What the inspector has typed on a unit's sheet, saved as they type so a reload or crash loses nothing. */
export interface SheetDraft {
  id: string;
  owner: string;
  roundId: string;
  unitCode: string;
  /** 0 for a first submission; the version being corrected otherwise. */
  baseVersion: number;
  reason: string | null;
  note: string;
  /** When the inspector started on site (client time). */
  visitedAt: string;
  /** How the visit is done (查阅资料、座谈走访、实地查看); absent in drafts saved before it was asked. */
  methods?: VisitMethod[];
  location: GeoStamp | null;
  lines: Record<string, DraftLine>;
  updatedAt: string;
  /** The queued submission made from it; the draft goes once that has synced. */
  queuedKey: string | null;
}

export function draftId(owner: string, roundId: string, unitCode: string): string {
  return `${owner}|${roundId}|${unitCode}`;
}

export function loadDraft(id: string): Promise<SheetDraft | undefined> {
  return idbGet<SheetDraft>('drafts', id);
}

export function saveDraft(draft: SheetDraft): Promise<void> {
  return idbPut('drafts', draft);
}

export function deleteDraft(id: string): Promise<void> {
  return idbDelete('drafts', id);
}

/** Every draft of a user (the list page marks units with one). */
export async function draftsOf(owner: string): Promise<SheetDraft[]> {
  return (await idbAll<SheetDraft>('drafts')).filter((d) => d.owner === owner);
}

/** After a queued sheet synced (dropped: true) or was discarded (false), updates the draft it came from. */
export async function settleDraftOf(queueKey: string, dropped: boolean): Promise<void> {
  const drafts = await idbAll<SheetDraft>('drafts');
  for (const d of drafts) {
    if (d.queuedKey !== queueKey) continue;
    if (dropped) await deleteDraft(d.id);
    else await saveDraft({ ...d, queuedKey: null });
  }
}
