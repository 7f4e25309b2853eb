import { ApiError, api } from '../api/client';
import { idbAll, idbGet, idbPut } from './db';

/** A cached API answer: the value, when it was fetched, and whether it came from the cache. */
export interface Cached<T> {
  value: T;
  savedAt: string;
  fromCache: boolean;
}

interface CacheRecord {
  id: string;
  owner: string;
  path: string;
  value: unknown;
  savedAt: string;
}

const idOf = (owner: string, path: string) => `${owner}|${path}`;

/** Fetches and caches a GET answer for one user. */
export async function fetchAndCache<T>(owner: string, path: string): Promise<Cached<T>> {
  const value = await api.get<T>(path);
  const savedAt = new Date().toISOString();
  const record: CacheRecord = { id: idOf(owner, path), owner, path, value, savedAt };
  await idbPut('cache', record).catch(() => undefined);
  return { value, savedAt, fromCache: false };
}

/** The cached answer to a GET, undefined when never fetched. */
export async function readCache<T>(owner: string, path: string): Promise<Cached<T> | undefined> {
  const record = await idbGet<CacheRecord>('cache', idOf(owner, path)).catch(() => undefined);
  return record ? { value: record.value as T, savedAt: record.savedAt, fromCache: true } : undefined;
}

/** Network first; without a network (no answer at all) the last cached answer, if any. */
export async function cachedGet<T>(owner: string, path: string): Promise<Cached<T>> {
  try {
    return await fetchAndCache<T>(owner, path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 0) {
      const cached = await readCache<T>(owner, path);
      if (cached) return cached;
    }
    throw error;
  }
}

/** The paths a user has cached, to tell which sheets open offline. */
export async function cachedPaths(owner: string): Promise<Set<string>> {
  const records = await idbAll<CacheRecord>('cache').catch(() => []);
  return new Set(records.filter((r) => r.owner === owner).map((r) => r.path));
}
