import type { RaiseProblemBody, SubmitCourtyardEvaluationBodyInput, SubmitSheetBody } from '../api/types';

/**
 * The sync queue's rules, free of IndexedDB and fetch so they can be tested on their own: what is sent in
 * which order, what an answer does to an entry, and when to try again.
 */

export type QueueKind = 'photo' | 'sheet' | 'problem' | 'courtyard';

/** The text fields sent with a photo (before the file part), and where it was taken. */
export interface PhotoPayload {
  unitCode: string;
  takenAt?: string;
  latitude?: number;
  longitude?: number;
  fileName: string;
}

interface EntryBase {
  /** The idempotency key: client-generated once, sent on every attempt, so a retry never counts twice. */
  key: string;
  /** Username of who queued it; only their session sends it. */
  owner: string;
  createdAt: string;
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  /** `attention`: the server refused it (409, 422…) and it waits for the user — never dropped silently. */
  state: 'waiting' | 'attention';
  /** Epoch ms before which an automatic pass leaves it alone (backoff). */
  nextAttemptAt: number;
  roundId: string | null;
  unitCode: string;
  /** What the list shows: the unit's name and, when known, the star or line. */
  unitName: string;
  detail: string | null;
}

/** A 五美庭院 evaluation: where it goes (campaign and household of the URL) and its body. */
export interface CourtyardPayload {
  campaignCode: string;
  householdCode: string;
  body: SubmitCourtyardEvaluationBodyInput;
}

export type QueueEntry =
  | (EntryBase & { kind: 'photo'; payload: PhotoPayload; blobs: Blob[] })
  | (EntryBase & { kind: 'courtyard'; payload: CourtyardPayload; blobs: Blob[] })
  | (EntryBase & { kind: 'sheet'; payload: SubmitSheetBody; blobs: Blob[] })
  | (EntryBase & { kind: 'problem'; payload: RaiseProblemBody; blobs: Blob[] });

/** Where the queue lives (IndexedDB in the browser, a Map in tests). */
export interface QueueStore {
  all(): Promise<QueueEntry[]>;
  put(entry: QueueEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How entries reach the server. Failures throw something with the HTTP `status` (0: no answer). */
export interface QueueTransport {
  /** The logged-in username (401 when the session is gone). */
  whoami(): Promise<string>;
  send(entry: QueueEntry): Promise<void>;
}

/** What to do after a failed attempt. */
export type Verdict = 'retry' | 'attention' | 'login';

/** No answer, a timeout, throttling or a server failure retries; 401 asks to log in; any other refusal waits for the user. */
export function classify(status: number): Verdict {
  if (status === 401) return 'login';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'attention';
}

/** Waiting time before the next automatic attempt: 5 s, 10 s, 20 s … at most 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

const ORDER: Record<QueueKind, number> = { photo: 0, sheet: 1, courtyard: 1, problem: 2 };

/** Photos first, then sheets (and courtyard evaluations), then problems (they refer to photos by key); oldest first. */
export function syncOrder(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] || a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key),
  );
}

/** The photo keys an entry refers to. */
export function photoKeysOf(entry: QueueEntry): string[] {
  if (entry.kind === 'sheet') return entry.payload.lines.flatMap((l) => l.photoKeys);
  if (entry.kind === 'problem') return entry.payload.photoKeys;
  if (entry.kind === 'courtyard') return entry.payload.body.photoKeys ?? [];
  return [];
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What one pass did. */
export interface SyncReport {
  owner: string | null;
  sent: QueueEntry[];
  /** The session is gone (401): log in again, nothing more was sent. */
  needsLogin: boolean;
  /** No answer from the server: the pass stopped early. */
  networkDown: boolean;
}

/**
 * One sync pass over the logged-in user's entries. A 2xx (a replay included) removes the entry; a refusal
 * keeps it for the user with the server's message; no answer or a 5xx backs off and retries later. Entries
 * that refer to photos still waiting, and later sheets of a unit whose earlier sheet did not go, stay put.
 * `force` (the 立即同步 button, coming back online) ignores the backoff.
 */
export async function runSync(
  store: QueueStore,
  transport: QueueTransport,
  options: { now: () => number; force?: boolean },
): Promise<SyncReport> {
  const report: SyncReport = { owner: null, sent: [], needsLogin: false, networkDown: false };
  try {
    report.owner = await transport.whoami();
  } catch (error) {
    const status = statusOf(error);
    if (status === 401) report.needsLogin = true;
    else report.networkDown = true;
    return report;
  }
  const mine = syncOrder((await store.all()).filter((e) => e.owner === report.owner));
  const photosLeft = new Set(mine.filter((e) => e.kind === 'photo').map((e) => e.key));
  const sheetSlotsHeld = new Set<string>();
  for (const entry of mine) {
    const slot = `${entry.roundId ?? ''}|${entry.unitCode}`;
    const held = entry.kind === 'sheet' || entry.kind === 'courtyard';
    if (held && sheetSlotsHeld.has(slot)) continue;
    const ready =
      entry.state === 'waiting' &&
      (options.force || entry.nextAttemptAt <= options.now()) &&
      !photoKeysOf(entry).some((k) => photosLeft.has(k));
    if (!ready) {
      if (held) sheetSlotsHeld.add(slot);
      continue;
    }
    try {
      await transport.send(entry);
      await store.delete(entry.key);
      report.sent.push(entry);
      photosLeft.delete(entry.key);
    } catch (error) {
      const status = statusOf(error);
      const verdict = classify(status);
      const attempts = entry.attempts + 1;
      const failed: QueueEntry = {
        ...entry,
        attempts,
        lastStatus: status,
        lastError: messageOf(error),
        state: verdict === 'attention' ? 'attention' : 'waiting',
        nextAttemptAt: verdict === 'retry' ? options.now() + backoffMs(attempts) : entry.nextAttemptAt,
      };
      await store.put(failed);
      if (held) sheetSlotsHeld.add(slot);
      if (verdict === 'login') {
        report.needsLogin = true;
        break;
      }
      if (status === 0) {
        report.networkDown = true;
        break;
      }
    }
  }
  return report;
}

/** Puts an entry the user asked to retry back in line, due now. */
export function retried(entry: QueueEntry): QueueEntry {
  return { ...entry, state: 'waiting', nextAttemptAt: 0 };
}

/**
 * After a photo is discarded: the entries that refer to it and were never sent drop its key (they could not
 * have reached the server, since photos go first), so they can still go. Entries already tried keep their
 * content — changing it under the same key would be refused.
 */
export function withoutPhoto(entries: readonly QueueEntry[], photoKey: string): QueueEntry[] {
  const changed: QueueEntry[] = [];
  for (const e of entries) {
    if (e.attempts > 0 || !photoKeysOf(e).includes(photoKey)) continue;
    if (e.kind === 'sheet')
      changed.push({
        ...e,
        payload: {
          ...e.payload,
          lines: e.payload.lines.map((l) => ({ ...l, photoKeys: l.photoKeys.filter((k) => k !== photoKey) })),
        },
      });
    else if (e.kind === 'problem')
      changed.push({
        ...e,
        payload: { ...e.payload, photoKeys: e.payload.photoKeys.filter((k) => k !== photoKey) },
      });
    else if (e.kind === 'courtyard')
      changed.push({
        ...e,
        payload: {
          ...e.payload,
          body: {
            ...e.payload.body,
            photoKeys: (e.payload.body.photoKeys ?? []).filter((k) => k !== photoKey),
          },
        },
      });
  }
  return changed;
}

/** The next time an automatic pass has something to do, or null when nothing waits. */
export function nextDue(entries: readonly QueueEntry[], owner: string | null): number | null {
  let due: number | null = null;
  for (const e of entries) {
    if (e.owner !== owner || e.state !== 'waiting') continue;
    if (due === null || e.nextAttemptAt < due) due = e.nextAttemptAt;
  }
  return due;
}
