import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { SSE_HEADERS, SSE_RETRY_MS } from './contestFeed';
import { type BusLogger, type LiveBus, WAKE_ALL } from './liveBus';

/** The live-bus id that wakes the dashboards' feed (sent after every successful write request). */
export const DASHBOARD_WAKE = 'dashboard';

/** Timings of the big screen's version feed; the defaults are production's, tests shorten the poll. */
export interface DashboardFeedOptions {
  /** Safety net: with listeners, the version is read this often even without a wake-up (ms). */
  pollMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream (ms). */
  heartbeatMs?: number;
}

const DEFAULTS: Required<DashboardFeedOptions> = { pollMs: 5000, heartbeatMs: 20_000 };

/** Reads the current data version (the newest audit sequence). */
export type VersionSource = () => Promise<string>;

/** One `version` event in the SSE wire format. */
export function formatVersionEvent(version: string): string {
  return `event: version\ndata: ${JSON.stringify({ version })}\n\n`;
}

interface Connection {
  res: ServerResponse;
  /** The version this connection was last sent. */
  sent: string;
}

/**
 * The big screens' open streams on this instance. Each gets the data version at once, then again whenever it
 * changes: the version is re-read (once for all streams) on a live-bus wake-up for {@link DASHBOARD_WAKE} (or
 * every feed), and every `pollMs` while a stream is open. Reads never overlap: a wake-up during a read makes one
 * more read after it.
 */
export class DashboardFeed {
  private readonly connections = new Set<Connection>();
  private readonly options: Required<DashboardFeedOptions>;
  private readonly unsubscribe: () => void;
  private reading = false;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly source: VersionSource,
    bus: LiveBus,
    private readonly log: BusLogger,
    options: DashboardFeedOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.unsubscribe = bus.subscribe((id) => {
      if (id === DASHBOARD_WAKE || id === WAKE_ALL) this.wake();
    });
  }

  /** How many streams are open on this instance. */
  get size(): number {
    return this.connections.size;
  }

  /**
   * Starts the stream on `res` (its request already authorised): headers, `retry`, the current version, then
   * a new `version` event whenever it changes. `version` is the version read when the request was authorised.
   */
  open(res: ServerResponse, version: string, headers: OutgoingHttpHeaders = {}): void {
    if (res.destroyed) return;
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' }).end();
      return;
    }
    res.writeHead(200, { ...headers, ...SSE_HEADERS });
    res.write(`retry: ${SSE_RETRY_MS}\n\n${formatVersionEvent(version)}`);
    const conn: Connection = { res, sent: version };
    this.connections.add(conn);
    res.on('close', () => this.remove(conn));
    this.startTimers();
    // Something may have changed between the version read and now: look once.
    this.wake();
  }

  /** Re-reads the version and sends it to every stream that has another one. */
  wake(): void {
    if (this.connections.size === 0) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.read();
  }

  private async read(): Promise<void> {
    try {
      do {
        this.again = false;
        const version = await this.source();
        const chunk = formatVersionEvent(version);
        for (const conn of this.connections) {
          if (conn.sent === version) continue;
          conn.sent = version;
          this.write(conn, chunk);
        }
      } while (this.again && this.connections.size > 0);
    } catch (err) {
      // The next wake-up or poll tries again.
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, '读取看板数据版本失败');
    } finally {
      this.reading = false;
    }
  }

  private write(conn: Connection, chunk: string): void {
    if (conn.res.destroyed || conn.res.writableEnded) return;
    conn.res.write(chunk);
  }

  private remove(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    if (this.connections.size === 0) this.stopTimers();
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
    if (this.poll) clearInterval(this.poll);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.poll = null;
    this.heartbeat = null;
  }

  /** Ends every stream and stops listening to the bus (the app is closing). */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.stopTimers();
    for (const conn of [...this.connections]) conn.res.end();
    this.connections.clear();
  }
}
