import { createHash } from 'node:crypto';
import type { DocumentUploadFields } from '../contracts/tasks';
import type { DocumentStore, StagedDocument } from '../lib/documentStore';
import { conflict, invalid, notFound, unauthenticated } from '../lib/errors';
import { authorize } from '../policies/policy';
import type { DocumentRow } from '../repositories/document.repository';
import type { UnitRow } from '../repositories/unit.repository';
import { recordAudit } from './audit.service';
import type { ServiceContext } from './context';
import { resolveUnitKeys } from './photoRefs';

/**
 * Evidence documents (PDF, Word, Excel, PowerPoint) a unit attaches to its task submissions: checked by their
 * content (never by what the client declares), at most 20 MB, kept under DATA_DIR/documents/, read by whoever
 * may read the unit's tasks.
 */

/** The largest document accepted. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
const MAX_NAME = 120;

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
} as const;
type DocumentType = keyof typeof MIME;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_TYPES: readonly DocumentType[] = ['docx', 'xlsx', 'pptx'];
const OLE_TYPES: readonly DocumentType[] = ['doc', 'xls'];

/** A document ready to store: its cleaned name, its type by content, and its hash. */
export interface PreparedDocument {
  bytes: Buffer;
  name: string;
  mime: string;
  sha256: string;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The file name as a person gave it, without any path, control characters or excess length. */
export function cleanDocumentName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const name = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (name.length <= MAX_NAME) return name;
  const ext = extensionOf(name);
  return ext && ext.length < 10
    ? `${name.slice(0, MAX_NAME - ext.length - 1)}.${ext}`
    : name.slice(0, MAX_NAME);
}

/**
 * The document type the bytes are: PDF by `%PDF-`; Word, Excel or PowerPoint by a ZIP package (with
 * `[Content_Types].xml`) named .docx/.xlsx/.pptx, or an OLE compound file named .doc/.xls. Null otherwise.
 */
export function sniffDocument(bytes: Buffer, name: string): DocumentType | null {
  const ext = extensionOf(name);
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP)) {
    const type = ZIP_TYPES.find((t) => t === ext);
    return type && bytes.includes('[Content_Types].xml', 0, 'latin1') ? type : null;
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE)) return OLE_TYPES.find((t) => t === ext) ?? null;
  return null;
}

/** Checks an uploaded document: not empty, at most 20 MB, a PDF or Office file by content. */
export function prepareDocument(bytes: Buffer, fileName: string): PreparedDocument {
  if (bytes.length === 0) throw invalid('文件为空', 'file');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw invalid('文件不能超过20MB', 'file');
  let name = cleanDocumentName(fileName);
  const type = sniffDocument(bytes, name);
  if (!type)
    throw invalid(
      '只能上传 PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）或 PowerPoint（.pptx）文件，且扩展名须与文件内容一致',
      'file',
    );
  if (extensionOf(name) !== type) name = `${name || '文件'}.${type}`;
  return { bytes, name, mime: MIME[type], sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function uploadTarget(ctx: ServiceContext, unitCode: string): Promise<UnitRow> {
  if (!ctx.actor) throw unauthenticated();
  const unit = await ctx.repos.units.findByCode(unitCode);
  if (!unit) throw invalid(`单位 ${unitCode} 不存在`, 'unitCode');
  authorize(ctx.actor, { do: 'task.submit', unit });
  return unit;
}

/** Checks the actor may upload a document about the unit (its own users; district admins), before the file is read. */
export async function checkDocumentUpload(ctx: ServiceContext, unitCode: string): Promise<void> {
  await uploadTarget(ctx, unitCode);
}

/**
 * Records an uploaded document and moves its staged file to its final name. The same key with the same bytes,
 * name and unit returns the document already stored (`replayed`); the same key with anything else is refused
 * (409).
 */
export async function recordDocument(
  ctx: ServiceContext,
  store: DocumentStore,
  input: { id: string; fields: DocumentUploadFields; document: PreparedDocument; staged: StagedDocument },
): Promise<{ row: DocumentRow; replayed: boolean }> {
  const unit = await uploadTarget(ctx, input.fields.unitCode);
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const { fields, document, staged } = input;
  await ctx.repos.audit.lock();
  const existing = await ctx.repos.documents.findByIdempotencyKey(fields.idempotencyKey);
  if (existing) {
    if (
      existing.sha256 !== document.sha256 ||
      existing.unit_id !== unit.id ||
      existing.name !== document.name
    )
      throw conflict('该幂等键已用于另一个文件，请勿用同一个键上传不同的文件', 'idempotencyKey');
    return { row: existing, replayed: true };
  }
  const row: DocumentRow = {
    id: input.id,
    idempotency_key: fields.idempotencyKey,
    unit_id: unit.id,
    name: document.name,
    mime: document.mime,
    bytes: document.bytes.length,
    sha256: document.sha256,
    file: staged.file,
    uploaded_by: actor.userId,
    uploaded_by_name: actor.displayName,
    uploaded_at: ctx.now,
  };
  await ctx.repos.documents.insert(row);
  await recordAudit(ctx, {
    action: 'document.upload',
    entity: 'document',
    entityId: row.id,
    before: null,
    after: { unit: unit.code, key: row.idempotency_key, name: row.name, mime: row.mime, bytes: row.bytes },
  });
  await store.commit(staged);
  return { row, replayed: false };
}

/** A stored document and its bytes, for whoever may read the unit's tasks. */
export async function readDocument(
  ctx: ServiceContext,
  store: DocumentStore,
  id: string,
): Promise<{ row: DocumentRow; bytes: Buffer }> {
  if (!ctx.actor) throw unauthenticated();
  const row = await ctx.repos.documents.findById(id);
  if (!row) throw notFound('文件不存在');
  authorize(ctx.actor, { do: 'task.read', unit: { path: row.unit_path, type: row.unit_type } });
  const bytes = await store.read(row.file);
  if (!bytes) throw notFound('文件不存在');
  return { row, bytes };
}

/** The documents a submission names by their keys: the unit's own uploads (400 `documentKeys`). */
export function resolveDocumentKeys(
  ctx: ServiceContext,
  keys: string[],
  unitId: string,
): Promise<DocumentRow[]> {
  return resolveUnitKeys(keys, unitId, (k) => ctx.repos.documents.findByKeys(k), {
    noun: '文件',
    field: 'documentKeys',
  });
}
