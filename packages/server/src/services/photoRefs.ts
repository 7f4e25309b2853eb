import { invalid } from '../lib/errors';
import type { PhotoRow } from '../repositories/photo.repository';
import type { ServiceContext } from './context';

/**
 * Resolves the client keys a write names its evidence by (photos, documents): every key must be an upload of
 * `unitId` (400 naming `what.field` otherwise). Keeps the order of `keys` and drops repeated keys.
 */
export async function resolveUnitKeys<T extends { idempotency_key: string; unit_id: string }>(
  keys: string[],
  unitId: string,
  find: (keys: string[]) => Promise<T[]>,
  what: { noun: string; field: string },
): Promise<T[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const byKey = new Map((await find(unique)).map((u) => [u.idempotency_key, u]));
  return unique.map((key) => {
    const found = byKey.get(key);
    if (!found) throw invalid(`${what.noun}尚未上传：${key}`, what.field);
    if (found.unit_id !== unitId) throw invalid(`${what.noun} ${key} 不是本单位的${what.noun}`, what.field);
    return found;
  });
}

/** The photos a sheet, a problem or a submission names by their keys: the unit's own uploads (400 `photoKeys`). */
export function resolvePhotoKeys(ctx: ServiceContext, keys: string[], unitId: string): Promise<PhotoRow[]> {
  return resolveUnitKeys(keys, unitId, (k) => ctx.repos.photos.findByKeys(k), {
    noun: '照片',
    field: 'photoKeys',
  });
}
