import { ApiError, toApiError } from '../api/client';
import type { SessionView } from '../api/types';
import { dictionary } from '../i18n/dictionaries';
import { format, readStoredLang } from '../i18n/format';
import { idbAll, idbDelete, idbGet, idbPut } from './db';
import { settleDraftOf } from './drafts';
import {
  nextDue,
  type QueueEntry,
  type QueueStore,
  type QueueTransport,
  retried,
  runSync,
  withoutPhoto,
} from './queue';

/**
 * The browser's sync engine: one per page. It sends the queue when the app starts, when the network comes
 * back, on a timer while something waits, and when asked (立即同步); the UI reads its snapshot.
 */

export interface SyncSnapshot {
  online: boolean;
  syncing: boolean;
  /** Every queued entry on this browser (the UI shows the current user's). */
  entries: QueueEntry[];
  lastSyncAt: string | null;
  needsLogin: boolean;
  /** The queue has been read from IndexedDB at least once. */
  loaded: boolean;
  /** IndexedDB could not be opened (private mode on some browsers): nothing can wait offline. */
  unavailable: boolean;
}

const store: QueueStore = {
  all: () => idbAll<QueueEntry>('queue'),
  put: (entry) => idbPut('queue', entry),
  delete: (key) => idbDelete('queue', key),
};

function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', format(dictionary(readStoredLang())['error.network']));
}

async function call(path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw networkError();
  }
  const text = await response.text().catch(() => '');
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok)
    throw toApiError(
      response.status,
      parsed,
      format(dictionary(readStoredLang())['error.server'], { status: response.status }),
    );
  return parsed;
}

let csrf: string | null = null;

const transport: QueueTransport = {
  async whoami() {
    const session = (await call('/api/auth/me', { headers: { accept: 'application/json' } })) as SessionView;
    csrf = session.csrfToken;
    return session.user.username;
  },
  async send(entry) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    if (entry.kind === 'photo') {
      // Text fields first, the file last: the server reads them before it streams the file.
      const form = new FormData();
      const p = entry.payload;
      form.append('idempotencyKey', entry.key);
      form.append('unitCode', p.unitCode);
      if (p.takenAt) form.append('takenAt', p.takenAt);
      if (p.latitude !== undefined) form.append('latitude', String(p.latitude));
      if (p.longitude !== undefined) form.append('longitude', String(p.longitude));
      const blob = entry.blobs[0];
      if (!blob) throw new ApiError(422, 'NO_FILE', 'photo missing');
      form.append('file', blob, p.fileName);
      await call('/api/photos', { method: 'POST', headers, body: form });
      return;
    }
    headers['content-type'] = 'application/json';
    if (entry.kind === 'courtyard') {
      const { campaignCode, householdCode, body } = entry.payload;
      const path = `/api/courtyard-campaigns/${encodeURIComponent(campaignCode)}/households/${encodeURIComponent(householdCode)}/evaluations`;
      await call(path, { method: 'POST', headers, body: JSON.stringify(body) });
      return;
    }
    const path = entry.kind === 'sheet' ? '/api/inspections' : '/api/problems';
    await call(path, { method: 'POST', headers, body: JSON.stringify(entry.payload) });
  },
};

let snapshot: SyncSnapshot = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  entries: [],
  lastSyncAt: null,
  needsLogin: false,
  loaded: false,
  unavailable: false,
};
const listeners = new Set<() => void>();
const syncedListeners = new Set<(sent: QueueEntry[]) => void>();
let started = false;
let running: Promise<void> | null = null;
let again: { force: boolean } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let owner: string | null = null;

function set(patch: Partial<SyncSnapshot>): void {
  snapshot = { ...snapshot, ...patch };
  for (const l of listeners) l();
}

async function reload(): Promise<void> {
  try {
    const [entries, last] = await Promise.all([
      store.all(),
      idbGet<{ id: string; at: string }>('meta', 'lastSync'),
    ]);
    set({ entries, lastSyncAt: last?.at ?? snapshot.lastSyncAt, loaded: true, unavailable: false });
  } catch {
    set({ loaded: true, unavailable: true });
  }
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (!snapshot.online || snapshot.needsLogin) return;
  const due = nextDue(snapshot.entries, owner);
  if (due === null) return;
  timer = setTimeout(() => void requestSync(), Math.max(2_000, due - Date.now()));
}

async function pass(force: boolean): Promise<void> {
  set({ syncing: true });
  try {
    const report = await runSync(store, transport, { now: Date.now, force });
    if (report.owner) owner = report.owner;
    for (const sent of report.sent)
      if (sent.kind === 'sheet' || sent.kind === 'courtyard') await settleDraftOf(sent.key, true);
    const patch: Partial<SyncSnapshot> = { needsLogin: report.needsLogin };
    if (!report.networkDown && !report.needsLogin) {
      const at = new Date().toISOString();
      await idbPut('meta', { id: 'lastSync', at }).catch(() => undefined);
      patch.lastSyncAt = at;
    }
    set(patch);
    if (report.sent.length > 0) for (const l of syncedListeners) l(report.sent);
  } catch {
    // IndexedDB trouble: nothing was lost; the next trigger tries again.
  } finally {
    await reload();
    set({ syncing: false });
    schedule();
  }
}

/** Runs a sync pass now (or right after the one running). `force` ignores the backoff. */
export function requestSync(options: { force?: boolean } = {}): Promise<void> {
  const force = options.force ?? false;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    set({ online: false });
    return Promise.resolve();
  }
  if (running) {
    again = { force: force || (again?.force ?? false) };
    return running;
  }
  running = (async () => {
    try {
      await pass(force);
      while (again) {
        const next = again;
        again = null;
        await pass(next.force);
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Starts the engine once per page: reads the queue, listens for the network, and syncs. */
export function startSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => {
    set({ online: true });
    void requestSync({ force: true });
  });
  window.addEventListener('offline', () => set({ online: false }));
  // A first pass at once: sends what waits, and tells the user the server is reachable (上次同步).
  void reload().then(() => requestSync({ force: true }));
}

/** Adds entries to the queue (photos before what refers to them) and tries to send them at once. */
export async function enqueue(entries: QueueEntry[]): Promise<void> {
  for (const e of entries) await store.put(e);
  await reload();
  void requestSync({ force: true });
}

/** Puts an entry that needs attention back in line and syncs. */
export async function retryEntry(key: string): Promise<void> {
  const entry = snapshot.entries.find((e) => e.key === key);
  if (entry) await store.put(retried(entry));
  set({ needsLogin: false });
  await reload();
  void requestSync({ force: true });
}

/** Drops an entry on the user's explicit request (a discarded sheet returns to its draft). */
export async function discardEntry(key: string): Promise<void> {
  const entry = snapshot.entries.find((e) => e.key === key);
  await store.delete(key);
  if (entry?.kind === 'sheet' || entry?.kind === 'courtyard') await settleDraftOf(key, false);
  if (entry?.kind === 'photo')
    for (const changed of withoutPhoto(snapshot.entries, key)) await store.put(changed);
  await reload();
}

export function subscribeSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSyncSnapshot(): SyncSnapshot {
  return snapshot;
}

/** Told of what each pass delivered (pages refresh their data). */
export function onSynced(listener: (sent: QueueEntry[]) => void): () => void {
  syncedListeners.add(listener);
  return () => syncedListeners.delete(listener);
}
