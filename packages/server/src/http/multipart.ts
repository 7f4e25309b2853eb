import type { MultipartFields, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, invalid } from '../lib/errors';

/**
 * Single-file uploads (photos, documents): the text fields come first, then the file part, read up to a size
 * limit. Every refusal is a 400 naming `file` (or the bad field) with a Chinese message naming what is uploaded.
 */
export interface UploadSpec<T> {
  /** What is uploaded, for messages: 照片, 文件. */
  what: string;
  maxBytes: number;
  /** The refusal of a file over the limit, e.g. 照片不能超过10MB. */
  tooLarge: string;
  fields: z.ZodType<T>;
}

/** The text fields sent before the file part, as plain strings. */
function textFields(fields: MultipartFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first && first.type === 'field' && typeof first.value === 'string') out[name] = first.value;
  }
  return out;
}

/** The upload's file part and its fields (which must come before it). */
export async function uploadPart<T>(
  req: FastifyRequest,
  spec: UploadSpec<T>,
): Promise<{ part: MultipartFile; fields: T }> {
  if (!req.isMultipart()) throw invalid(`请以 multipart/form-data 上传${spec.what}`, 'file');
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: spec.maxBytes, files: 1 } });
  } catch {
    throw invalid(`无法读取上传的${spec.what}（请求格式不正确）`, 'file');
  }
  if (!part) throw invalid(`请选择要上传的${spec.what}`, 'file');
  const text = textFields(part.fields);
  // As for JSON bodies (http/session.ts): a NUL character is refused, naming the field.
  const withNul = Object.keys(text).find((name) => `${name}${text[name]}`.includes('\u0000'));
  if (withNul !== undefined) throw invalid(`字段 ${withNul} 含有空字符（\\u0000）`, withNul);
  const parsed = spec.fields.safeParse(text);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'file';
    throw invalid(
      `${spec.what}信息不完整或格式不正确：${field}（请在文件之前发送 idempotencyKey、unitCode 等字段）`,
      field,
    );
  }
  return { part, fields: parsed.data };
}

/** The file's bytes, refused (400) when over the limit. */
export async function uploadBytes(part: MultipartFile, tooLarge: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid(tooLarge, 'file');
  }
  if (part.file.truncated) throw invalid(tooLarge, 'file');
  return bytes;
}
