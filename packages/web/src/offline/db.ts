/**
 * The browser's offline store (IndexedDB, plain API): the sync queue, cached API answers (rounds and sheets
 * for offline use), sheet drafts, and small facts such as the last sync time.
 */

const DB_NAME = 'wuxing-offline';
const DB_VERSION = 1;

/** The object stores: `queue` is keyed by the idempotency key, the others by `id`. */
export type StoreName = 'queue' | 'cache' | 'drafts' | 'meta';

let opening: Promise<IDBDatabase> | null = null;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens (and on first use creates) the database; one connection per page. */
export function openDb(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'key' });
        for (const name of ['cache', 'drafts', 'meta'] as const)
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema: let it, and reopen on next use.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = null;
        reject(request.error ?? new Error('IndexedDB unavailable'));
      };
      request.onblocked = () => undefined;
    });
  }
  return opening;
}

async function withStore<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(name, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
  const result = await promised(run(tx.objectStore(name)));
  if (mode === 'readwrite') await done;
  else done.catch(() => undefined);
  return result;
}

/** One record by key, undefined when absent. */
export function idbGet<T>(name: StoreName, key: string): Promise<T | undefined> {
  return withStore(name, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
}

/** Every record of a store. */
export function idbAll<T>(name: StoreName): Promise<T[]> {
  return withStore(name, 'readonly', (s) => s.getAll() as IDBRequest<T[]>);
}

/** Inserts or replaces a record (its key is inside it). */
export async function idbPut<T>(name: StoreName, value: T): Promise<void> {
  await withStore(name, 'readwrite', (s) => s.put(value));
}

/** Removes a record; absent keys are fine. */
export async function idbDelete(name: StoreName, key: string): Promise<void> {
  await withStore(name, 'readwrite', (s) => s.delete(key));
}
