import type { FastifyReply } from 'fastify';

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** Sends a file download with a UTF-8 file name (RFC 5987) so Chinese names survive. */
export function sendDownload(
  reply: FastifyReply,
  body: Buffer,
  fileName: string,
  format: keyof typeof TYPES,
  asciiFallback?: string,
) {
  return sendAttachment(reply, body, fileName, TYPES[format], asciiFallback);
}

/** A UTF-8 file name as an RFC 5987 ext-value (encodeURIComponent leaves ' ( ) * as they are). */
const rfc5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Sends bytes of any type as an attachment named in UTF-8 (RFC 5987), never sniffed by the browser. */
export function sendAttachment(
  reply: FastifyReply,
  body: Buffer,
  fileName: string,
  contentType: string,
  asciiFallback?: string,
) {
  const ascii = asciiFallback ?? fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`)
    .send(body);
}
