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
  const ascii = asciiFallback ?? fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(body);
}
