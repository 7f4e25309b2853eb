import http from 'node:http';

/** A client of Server-Sent Events for the tests: node:http, parsed as a browser's EventSource would. */

export interface SseEvent {
  id: number;
  event: string;
  data: unknown;
}

/** An SSE stream read over real HTTP: its status, headers, parsed events and raw text so far. */
export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  raw: string;
  /** Resolves once `n` events have arrived (rejects after `ms`). */
  waitForEvents(n: number, ms?: number): Promise<SseEvent[]>;
  /** Resolves once the raw text contains `text`. */
  waitForText(text: string, ms?: number): Promise<void>;
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  close(): void;
}

export function until(check: () => boolean, ms: number, what: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what()}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Opens an SSE stream with node:http and parses it as a browser's EventSource would (id, event, data). */
export function openStream(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${base}${path}`,
      { headers: { accept: 'text/event-stream', ...headers } },
      (res) => {
        const stream: SseStream = {
          status: res.statusCode ?? 0,
          headers: res.headers,
          events: [],
          raw: '',
          waitForEvents: async (n, ms = 5000) => {
            await until(
              () => stream.events.length >= n,
              ms,
              () => `${n} events (got ${JSON.stringify(stream.events)})`,
            );
            return stream.events;
          },
          waitForText: (text, ms = 5000) =>
            until(
              () => stream.raw.includes(text),
              ms,
              () => `“${text}” in ${JSON.stringify(stream.raw)}`,
            ),
          ended: new Promise<void>((done) => res.once('close', () => done())),
          close: () => req.destroy(),
        };
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          stream.raw += chunk;
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const lines = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
            const event = field('event')[0];
            if (!event) continue;
            stream.events.push({
              id: Number(field('id')[0]),
              event,
              data: JSON.parse(field('data').join('\n')),
            });
          }
        });
        res.on('error', () => {});
        resolve(stream);
      },
    );
    req.on('error', reject);
  });
}
