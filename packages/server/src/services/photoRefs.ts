import { invalid } from '../lib/errors';
import type { PhotoRow } from '../repositories/photo.repository';
import type { ServiceContext } from './context';

/**
 * Resolves the client keys a sheet or a problem names its photos by: every key must be an uploaded photo of
 * `unitId` (400 naming `photoKeys` otherwise). Keeps the order of `keys` and drops repeated keys.
 */
export async function resolvePhotoKeys(
  ctx: ServiceContext,
  keys: string[],
  unitId: string,
): Promise<PhotoRow[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const byKey = new Map((await ctx.repos.photos.findByKeys(unique)).map((p) => [p.idempotency_key, p]));
  return unique.map((key) => {
    const photo = byKey.get(key);
    if (!photo) throw invalid(`照片尚未上传：${key}`, 'photoKeys');
    if (photo.unit_id !== unitId) throw invalid(`照片 ${key} 不是本单位的照片`, 'photoKeys');
    return photo;
  });
}
