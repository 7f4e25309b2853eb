import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { type BusLogger, type LiveBus, WAKE_ALL } from './liveBus';

/** One stored contest event as the feed sends it. `payload` is the stored JSON text. */
export interface FeedEvent {
  id: number;
  kind: string;
  payload: string;
}

/** Where feeds read events: `contest_events` after an id, oldest first, at most `limit`. */
export type FeedSource = (contestId: string, afterId: number, limit: number) => Promise<FeedEvent[]>;

/** Timings and limits of the feeds; the defaults are production's, tests shorten the poll. */
export interface FeedOptions {
  /** Safety net: a feed with listeners reads the database this often even without a wake-up (ms). */
  pollMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream (ms). */
  heartbeatMs?: number;
  /** A client with more than this many bytes still unsent when more comes is dropped (it reconnects and resumes). */
  maxBufferedBytes?: number;
  /** Rows read per query. */
  batch?: number;
  /** Wake-ups within this long of the last read are gathered into one read (ms). */
  gapMs?: number;
}

/** The SSE reconnection delay told to clients (ms). */
export const SSE_RETRY_MS = 2000;

const DEFAULTS: Required<FeedOptions> = {
  pollMs: 5000,
  heartbeatMs: 15_000,
  maxBufferedBytes: 1024 * 1024,
  batch: 500,
  gapMs: 25,
};

/** The response headers of an event stream. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
} as const;

/** One event in the SSE wire format: `id`, `event` and one `data` line per line of the JSON. */
export function formatSseEvent(event: FeedEvent): string {
  const data = event.payload
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
  return `id: ${event.id}\nevent: ${event.kind}\n${data}\n`;
}

interface Connection {
  res: ServerResponse;
  /** The last event id this connection has been sent (or had when it connected). */
  lastId: number;
  /** False while the connection is still being sent its backlog from the database. */
  live: boolean;
}

/**
 * The open event streams of one contest on this instance. On a wake-up, or every `pollMs` while it has
 * listeners, it reads `contest_events` after the last id it sent — once for all of them — and writes each event
 * to every connection that has not had it. Reads never overlap: a wake-up during a read makes one more read.
 */
class ContestFeed {
  private readonly connections = new Set<Connection>();
  private lastSent = 0;
  private reading = false;
  private again = false;
  private lastReadAt = Number.NEGATIVE_INFINITY;
  private pending: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    readonly contestId: string,
    private readonly source: FeedSource,
    private readonly options: Required<FeedOptions>,
    private readonly log: BusLogger,
    /** The highest id existing when the feed was made: only later events are broadcast. */
    startAfter: number,
    private readonly onEmpty: (feed: ContestFeed) => void,
  ) {
    this.lastSent = startAfter;
  }

  get size(): number {
    return this.connections.size;
  }

  /** Adds a connection whose headers are written: sends its backlog from the database, then keeps it live. */
  async add(res: ServerResponse, lastId: number): Promise<void> {
    const conn: Connection = { res, lastId, live: false };
    this.connections.add(conn);
    res.on('close', () => this.remove(conn));
    this.startTimers();
    try {
      // Catch up from the database until this connection is level with what the feed broadcasts; the check
      // and the switch to live happen in one tick, so no broadcast can fall between them.
      for (;;) {
        const events = await this.source(this.contestId, conn.lastId, this.options.batch);
        if (!this.connections.has(conn)) return;
        this.send(conn, events);
        if (events.length < this.options.batch && conn.lastId >= this.lastSent) break;
      }
      conn.live = true;
    } catch (err) {
      this.log.warn({ contestId: this.contestId, err: messageOf(err) }, '读取赛事事件失败，断开连接');
      res.destroy();
    }
  }

  /**
   * Reads new events once and writes them to every live connection. Wake-ups during a read, or within `gapMs`
   * of the last read's start, are coalesced into one read at the end of that gap: an isolated change goes out
   * at once, and a burst (20 judges submitting together) costs a few fan-outs instead of one per event.
   */
  wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    if (this.pending) return;
    const wait = this.lastReadAt + this.options.gapMs - performance.now();
    if (wait > 0) {
      this.pending = setTimeout(() => {
        this.pending = null;
        this.wake();
      }, wait);
      return;
    }
    this.reading = true;
    void this.readLoop();
  }

  private async readLoop(): Promise<void> {
    let full = false;
    try {
      do {
        this.again = false;
        this.lastReadAt = performance.now();
        const events = await this.source(this.contestId, this.lastSent, this.options.batch);
        const last = events[events.length - 1];
        if (last) {
          // Formatted and encoded once for all: a connection level with the feed gets the same bytes.
          const whole = Buffer.from(events.map(formatSseEvent).join(''));
          const first = events[0]?.id ?? 0;
          for (const conn of this.connections) {
            if (!conn.live) continue;
            if (conn.lastId < first) {
              conn.lastId = last.id;
              this.write(conn, whole);
            } else this.send(conn, events);
          }
          this.lastSent = last.id;
        }
        full = events.length === this.options.batch;
      } while (full); // a long backlog is read to its end at once
    } catch (err) {
      // The next wake-up or poll tries again; the connections keep their positions.
      this.log.warn({ contestId: this.contestId, err: messageOf(err) }, '读取赛事事件失败');
    } finally {
      this.reading = false;
    }
    if (this.again && this.connections.size > 0) this.wake();
  }

  /** Writes the events this connection has not had, as one chunk; drops a client that stopped reading. */
  private send(conn: Connection, events: FeedEvent[]): void {
    let chunk = '';
    for (const e of events) {
      if (e.id <= conn.lastId) continue;
      chunk += formatSseEvent(e);
      conn.lastId = e.id;
    }
    if (chunk) this.write(conn, chunk);
  }

  private write(conn: Connection, chunk: string | Buffer): void {
    const { res } = conn;
    if (res.destroyed || res.writableEnded) return;
    // Writes never block the others; a client that does not read only grows its own buffer. When what was
    // written before is still unsent beyond the limit, the client is dropped (it reconnects and resumes from
    // the database); one large write to a client that keeps up is fine.
    if (res.writableLength > this.options.maxBufferedBytes) {
      this.log.warn({ contestId: this.contestId, buffered: res.writableLength }, '客户端读取过慢，断开连接');
      res.destroy();
      return;
    }
    res.write(chunk);
  }

  private remove(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (this.connections.size === 0) {
      this.stopTimers();
      this.onEmpty(this);
    }
  }

  private startTimers(): void {
    if (!this.poll) {
      this.poll = setInterval(() => this.wake(), this.options.pollMs);
      this.poll.unref();
    }
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const conn of this.connections) this.write(conn, ': ping\n\n');
      }, this.options.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  private stopTimers(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    if (this.poll) clearInterval(this.poll);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.poll = null;
    this.heartbeat = null;
  }

  /** Ends every stream (the server is closing); clients reconnect elsewhere with their Last-Event-ID. */
  endAll(): void {
    this.stopTimers();
    for (const conn of [...this.connections]) conn.res.end();
    this.connections.clear();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The live feeds of this instance, one per contest with listeners, woken through the bus. `open` takes over a
 * response whose request was already authorised and streams the contest's events to it.
 */
export class ContestFeeds {
  private readonly feeds = new Map<string, ContestFeed>();
  private readonly options: Required<FeedOptions>;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly source: FeedSource,
    bus: LiveBus,
    private readonly log: BusLogger,
    options: FeedOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.unsubscribe = bus.subscribe((contestId) => {
      if (contestId === WAKE_ALL) for (const feed of this.feeds.values()) feed.wake();
      else this.feeds.get(contestId)?.wake();
    });
  }

  /** How many streams are open on this instance (all contests). */
  get connectionCount(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.size;
    return n;
  }

  /**
   * Starts the event stream on `res`: headers, `retry`, the position it starts from as `id:` (so a reconnect
   * resumes from there even before any event came), the backlog after `lastId`, then live events.
   * `latestId` is the contest's newest event id when the request was authorised.
   */
  async open(
    contestId: string,
    res: ServerResponse,
    position: { lastId: number | null; latestId: number },
    headers: OutgoingHttpHeaders = {},
  ): Promise<void> {
    // The client may have gone while the request was being authorised: its 'close' has passed already.
    if (res.destroyed) return;
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' }).end();
      return;
    }
    res.writeHead(200, { ...headers, ...SSE_HEADERS });
    // A position beyond the end (say, from a restored database) is not trusted: resume from the end.
    const lastId = Math.min(position.lastId ?? position.latestId, position.latestId);
    res.write(`retry: ${SSE_RETRY_MS}\nid: ${lastId}\n\n`);
    let feed = this.feeds.get(contestId);
    if (!feed) {
      feed = new ContestFeed(contestId, this.source, this.options, this.log, position.latestId, (f) => {
        if (this.feeds.get(f.contestId) === f) this.feeds.delete(f.contestId);
      });
      this.feeds.set(contestId, feed);
    }
    await feed.add(res, lastId);
  }

  /** Ends every stream and stops listening to the bus (the app is closing). */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const feed of this.feeds.values()) feed.endAll();
    this.feeds.clear();
  }
}
