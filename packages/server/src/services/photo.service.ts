import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { PhotoUploadFields } from '../contracts/supervision';
import { conflict, invalid, notFound, unauthenticated } from '../lib/errors';
import type { PhotoStore, StagedPhoto } from '../lib/photoStore';
import { authorize } from '../policies/policy';
import type { PhotoRow } from '../repositories/photo.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';

/** The largest photo accepted, before re-encoding. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_EDGE = 2048;
const THUMB_EDGE = 320;

/** A photo re-encoded for storage: JPEG without metadata, at most 2048 px, and its 320 px thumbnail. */
export interface PreparedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  /** SHA-256 of the bytes as uploaded: the same key must come with the same bytes. */
  sha256: string;
}

/** The image type the bytes are, by their magic numbers (never by what the client declares). */
export function sniffImage(b: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/**
 * Checks and re-encodes an uploaded photo: JPEG, PNG or WebP by content, at most 10 MB; turned upright by its
 * EXIF orientation, scaled to at most 2048 px and saved as JPEG without EXIF or GPS, plus a 320 px thumbnail.
 */
export async function preparePhoto(bytes: Buffer): Promise<PreparedPhoto> {
  if (bytes.length === 0) throw invalid('照片文件为空', 'file');
  if (bytes.length > MAX_PHOTO_BYTES) throw invalid('照片不能超过10MB', 'file');
  if (!sniffImage(bytes)) throw invalid('只能上传 JPEG、PNG 或 WebP 格式的照片', 'file');
  try {
    const { data: full, info } = await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full)
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      full,
      thumb,
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  } catch {
    throw invalid('照片文件已损坏或无法识别，请重新拍摄后上传', 'file');
  }
}

async function uploadTarget(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  if (!ctx.actor) throw unauthenticated();
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw invalid(`单位 ${unitCode} 不存在`, 'unitCode');
  const assigned = await ctx.repos.rounds.hasOpenAssignment(unit.id, ctx.actor.userId);
  authorize(ctx.actor, { do: 'photo.upload', unit, assigned });
  return unit;
}

/** Checks the actor may upload a photo about the unit, before the file is read. */
export async function checkPhotoUpload(ctx: ServiceContext, unitCode: string): Promise<void> {
  await uploadTarget(ctx, unitCode);
}

/**
 * Records an uploaded photo and moves its staged files to their final names. The same key with the same bytes
 * (and unit) returns the photo already stored (`replayed`), the same key with other bytes is refused (409).
 */
export async function recordPhoto(
  ctx: ServiceContext,
  store: PhotoStore,
  input: { id: string; fields: PhotoUploadFields; photo: PreparedPhoto; staged: StagedPhoto },
): Promise<{ row: PhotoRow; replayed: boolean }> {
  const unit = await uploadTarget(ctx, input.fields.unitCode);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.photos.findByIdempotencyKey(input.fields.idempotencyKey);
  if (existing) {
    if (existing.sha256 !== input.photo.sha256 || existing.unit_id !== unit.id)
      throw conflict('该幂等键已用于另一张照片，请勿用同一个键上传不同的照片', 'idempotencyKey');
    return { row: existing, replayed: true };
  }
  const { fields, photo, staged } = input;
  const row: PhotoRow = {
    id: input.id,
    idempotency_key: fields.idempotencyKey,
    unit_id: unit.id,
    sha256: photo.sha256,
    mime: 'image/jpeg',
    bytes: photo.full.length,
    width: photo.width,
    height: photo.height,
    file: staged.file,
    thumb_file: staged.thumb,
    taken_at: fields.takenAt ? new Date(fields.takenAt).toISOString() : null,
    latitude: fields.latitude ?? null,
    longitude: fields.longitude ?? null,
    uploaded_by: actor.userId,
    uploaded_by_name: actor.displayName,
    uploaded_at: ctx.now,
  };
  await ctx.repos.photos.insert(row);
  await recordAudit(ctx, {
    action: 'photo.upload',
    entity: 'photo',
    entityId: row.id,
    before: null,
    after: { unit: unit.code, key: row.idempotency_key, sha256: row.sha256, bytes: row.bytes },
  });
  await store.commit(staged);
  return { row, replayed: false };
}

/** A stored photo (or its thumbnail), for whoever may read the unit's problem ledger. */
export async function readPhoto(
  ctx: ServiceContext,
  store: PhotoStore,
  id: string,
  thumb: boolean,
): Promise<Buffer> {
  if (!ctx.actor) throw unauthenticated();
  const row = await ctx.repos.photos.findById(id);
  if (!row) throw notFound('照片不存在');
  const assigned =
    ctx.actor.role === 'inspector' &&
    (await ctx.repos.rounds.hasAnyAssignment(row.unit_id, ctx.actor.userId));
  authorize(ctx.actor, { do: 'problem.read', unit: { path: row.unit_path, type: row.unit_type }, assigned });
  const bytes = await store.read(thumb ? row.thumb_file : row.file);
  if (!bytes) throw notFound('照片文件不存在');
  return bytes;
}
