import type { ServerResponse } from 'node:http';
import { AppError } from './errors';
import type { BusLogger } from './liveBus';

/** How an open event stream shows, again and again, that it may still be read. */
export interface StreamAccess {
  /** Streams with the same key (one session and contest, one screen token) share one check per round. */
  key: string;
  /**
   * Runs the check the stream passed when it opened. An {@link AppError} of 401, 403 or 404 (session ended,
   * user disabled, permission gone, token rotated) ends the stream; any other failure (the database briefly
   * unreachable, say) leaves it open until the next round.
   */
  check(): Promise<unknown>;
}

/** The default time between two checks of the open streams (ms). */
export const STREAM_RECHECK_MS = 20_000;

/** The statuses that mean "no longer allowed", as opposed to a failure to find out. */
const REFUSED = new Set([401, 403, 404]);

/**
 * Ends open event streams whose access has gone. A stream is authorised once when it opens; it then stays open
 * for hours (a big screen, a judge's console), so every `everyMs` each stream's check runs again — once per key,
 * not per stream — and the streams refused are ended. The client's EventSource then reconnects, is refused
 * (401 or 404) and stops: logging out, disabling the user, removing a judge from the jury or rotating a screen
 * link cuts the live updates within one round, on every instance.
 */
export class StreamAccessWatch {
  private readonly watched = new Map<ServerResponse, StreamAccess>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly log: BusLogger,
    private readonly everyMs: number = STREAM_RECHECK_MS,
  ) {}

  /** How many open streams are being watched. */
  get size(): number {
    return this.watched.size;
  }

  /** Watches `res` (a stream that has just been opened) until it closes. */
  watch(res: ServerResponse, access: StreamAccess): void {
    if (res.destroyed || res.writableEnded) return;
    this.watched.set(res, access);
    res.on('close', () => {
      this.watched.delete(res);
      if (this.watched.size === 0) this.stop();
    });
    if (!this.timer) {
      this.timer = setInterval(() => void this.round(), this.everyMs);
      this.timer.unref();
    }
  }

  /** Checks every key once and ends the streams of the keys refused. Rounds never overlap. */
  async round(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const byKey = new Map<string, { access: StreamAccess; streams: ServerResponse[] }>();
      for (const [res, access] of this.watched) {
        const entry = byKey.get(access.key);
        if (entry) entry.streams.push(res);
        else byKey.set(access.key, { access, streams: [res] });
      }
      for (const { access, streams } of byKey.values()) {
        if (await this.allowed(access)) continue;
        for (const res of streams) {
          this.watched.delete(res);
          if (!res.writableEnded) res.end();
        }
      }
      if (this.watched.size === 0) this.stop();
    } finally {
      this.checking = false;
    }
  }

  private async allowed(access: StreamAccess): Promise<boolean> {
    try {
      await access.check();
      return true;
    } catch (err) {
      if (err instanceof AppError && REFUSED.has(err.status)) return false;
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        '复核实时连接的权限失败，稍后重试',
      );
      return true;
    }
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops checking (the app is closing; the feeds end the streams themselves). */
  close(): void {
    this.stop();
    this.watched.clear();
  }
}
