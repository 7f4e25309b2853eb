/** Many SSE clients over node:http for the live contest bench: connect, parse `id`/`event`, time each arrival. */
import http from 'node:http';
import { nowMs } from './harness';

/** Arrival times of events at the clients, and what went wrong (a repeated or out-of-order id). */
export interface SsePool {
  /** Per event id: the arrival time (nowMs) at each client that got it. */
  arrivals: Map<number, number[]>;
  /** Problems seen: an id not above the client's previous one, a dropped stream. */
  errors: string[];
  /** The highest event id every client has received (0 before any). */
  minLastId(): number;
  /** Resolves when every client has received `id` (or rejects after `timeoutMs`). */
  waitAll(id: number, timeoutMs: number): Promise<void>;
  close(): void;
}

/** Opens `count` SSE streams to `url` (at most `parallel` connecting at once); resolves when all are open. */
export async function openSsePool(url: string, count: number, parallel = 100): Promise<SsePool> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const arrivals = new Map<number, number[]>();
  const errors: string[] = [];
  const lastIds = new Int32Array(count);
  const requests: http.ClientRequest[] = [];
  let closing = false;
  /** Waits for every client to reach an id: each counts the clients still below it. */
  let waiters: { id: number; below: number; resolve: () => void }[] = [];

  const minLastId = (): number => {
    let min = Number.POSITIVE_INFINITY;
    for (const id of lastIds) if (id < min) min = id;
    return Number.isFinite(min) ? min : 0;
  };
  /** Client moved from `before` to `after`: waiters it has now reached count one client fewer. */
  const advanced = (before: number, after: number) => {
    if (waiters.length === 0) return;
    let done = false;
    for (const w of waiters)
      if (before < w.id && w.id <= after && --w.below === 0) {
        w.resolve();
        done = true;
      }
    if (done) waiters = waiters.filter((w) => w.below > 0);
  };

  const connect = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`client ${i}: HTTP ${res.statusCode}`));
          res.resume();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let opened = false;
        res.on('data', (chunk: string) => {
          const at = nowMs();
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (!opened && block.startsWith('retry:')) {
              opened = true;
              resolve();
              continue;
            }
            if (!block.includes('\nevent: ')) continue; // heartbeat or position only
            const id = Number(/^id: (\d+)/m.exec(block)?.[1]);
            const before = lastIds[i] ?? 0;
            if (!(id > before)) errors.push(`client ${i}: id ${id} after ${before}`);
            lastIds[i] = id;
            advanced(before, id);
            let times = arrivals.get(id);
            if (!times) {
              times = [];
              arrivals.set(id, times);
            }
            times.push(at);
          }
        });
        res.on('close', () => {
          if (!closing) errors.push(`client ${i}: stream closed`);
        });
      });
      req.on('error', (err) => {
        if (!closing) reject(err);
      });
      requests.push(req);
    });

  for (let start = 0; start < count; start += parallel) {
    const batch: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + parallel); i++) batch.push(connect(i));
    await Promise.all(batch);
  }
  return {
    arrivals,
    errors,
    minLastId,
    waitAll: (id, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        if (minLastId() >= id) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${countAtLeast(lastIds, id)} of ${count} clients got event ${id}`)),
          timeoutMs,
        );
        waiters.push({
          id,
          below: count - countAtLeast(lastIds, id),
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () => {
      closing = true;
      for (const req of requests) req.destroy();
      agent.destroy();
    },
  };
}

function countAtLeast(ids: Int32Array, id: number): number {
  let n = 0;
  for (const x of ids) if (x >= id) n++;
  return n;
}
