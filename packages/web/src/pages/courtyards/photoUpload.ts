import { uploadFile } from '../../api/client';
import type { DraftPhoto } from '../../offline/drafts';

/**
 * Uploads evidence photos at once (online dialogs such as a demotion), each with its own idempotency key so a
 * retried upload stores nothing twice; returns the keys to submit with.
 */
export async function uploadPhotos(photos: readonly DraftPhoto[], unitCode: string): Promise<string[]> {
  const keys: string[] = [];
  for (const p of photos) {
    if (p.blob) {
      const file = new File([p.blob], `${p.key}.jpg`, { type: 'image/jpeg' });
      const fields: Record<string, string> = { idempotencyKey: p.key, unitCode };
      if (p.takenAt) fields.takenAt = p.takenAt;
      await uploadFile<unknown>('/api/photos', file, () => undefined, fields);
    }
    keys.push(p.key);
  }
  return keys;
}
