import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';

/**
 * Takes the response over from Fastify for an event stream and returns the headers hooks have already set on
 * it (a refreshed session cookie, say), to go out with the stream's own.
 */
export function hijackStream(reply: FastifyReply): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = value;
  reply.hijack();
  return headers;
}
