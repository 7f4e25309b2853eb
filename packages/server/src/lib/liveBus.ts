import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';

/**
 * Wakes the live feeds of every app instance when a contest has new events. A wake-up only: the events
 * themselves are always read from `contest_events`, so a lost message costs latency, never an update.
 */
export interface LiveBus {
  /** Tells every instance (this one included) that the contest has new events. Never throws. */
  notify(contestId: string): void;
  /**
   * Calls `listener` with the contest id of every wake-up, or with {@link WAKE_ALL} when any contest may have
   * changed unseen (the bus reconnected after an outage). Returns the unsubscribe.
   */
  subscribe(listener: (contestId: string) => void): () => void;
  close(): Promise<void>;
}

/** The wake-up that means "every contest": sent after the Redis subscriber reconnects. */
export const WAKE_ALL = '*';

/** The Redis channel every instance publishes to and subscribes to; the message is the contest id. */
export const LIVE_CHANNEL = 'wuxing:contest-events';

/** Where the bus reports trouble (Fastify's logger fits). */
export interface BusLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const silentLogger: BusLogger = { info: () => {}, warn: () => {} };

/** The bus of a single instance: an in-process EventEmitter. */
export function createInProcessBus(): LiveBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (contestId) => {
      emitter.emit('wake', contestId);
    },
    subscribe: (listener) => {
      emitter.on('wake', listener);
      return () => emitter.off('wake', listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/** Reconnect delay: quick at first, then every 2 s, for as long as it takes. */
const retryDelay = (times: number): number => Math.min(100 * 2 ** Math.min(times, 5), 2000);

/** Logs the first failure of an outage and then at most one line a minute; logs the recovery. */
function outageLog(log: BusLogger, role: string) {
  let down = false;
  let lastLoggedAt = 0;
  return {
    failed(err: unknown) {
      const now = Date.now();
      if (!down || now - lastLoggedAt > 60_000) {
        log.warn({ role, err: err instanceof Error ? err.message : String(err) }, 'Redis 实时总线不可用');
        lastLoggedAt = now;
      }
      down = true;
    },
    ready(): boolean {
      const recovered = down;
      if (down) log.info({ role }, 'Redis 实时总线已恢复');
      down = false;
      return recovered;
    },
  };
}

/**
 * The bus across instances: publishes the contest id on {@link LIVE_CHANNEL} through one connection and
 * listens on a second (a subscribed Redis connection can do nothing else). Both reconnect by themselves. A
 * notify also wakes this instance's feeds directly, so a Redis outage never delays the instance that made the
 * change, and never fails or crashes anything: it is logged, the other instances' feeds fall back to their
 * periodic read, and a reconnected subscriber wakes every feed once to catch up at once.
 */
export function createRedisBus(redisUrl: string, log: BusLogger = silentLogger): LiveBus {
  const local = createInProcessBus();
  const options = {
    retryStrategy: retryDelay,
    // A publish while Redis is down fails at once instead of queueing: the database is the queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    lazyConnect: false,
  };
  const publisher = new Redis(redisUrl, { ...options, connectionName: 'wuxing-live-pub' });
  const subscriber = new Redis(redisUrl, {
    ...options,
    // The subscription itself must survive reconnects; ioredis re-sends SUBSCRIBE when this is on.
    enableOfflineQueue: true,
    autoResubscribe: true,
    connectionName: 'wuxing-live-sub',
  });
  const pubLog = outageLog(log, 'publisher');
  const subLog = outageLog(log, 'subscriber');
  publisher.on('error', (err) => pubLog.failed(err));
  publisher.on('ready', () => pubLog.ready());
  subscriber.on('error', (err) => subLog.failed(err));
  let subscribedOnce = false;
  subscriber.on('ready', () => {
    const recovered = subLog.ready();
    // Anything published while this instance was cut off is lost: have every feed look once.
    if (subscribedOnce || recovered) local.notify(WAKE_ALL);
    subscribedOnce = true;
  });
  subscriber.on('message', (channel: string, contestId: string) => {
    if (channel === LIVE_CHANNEL) local.notify(contestId);
  });
  subscriber.subscribe(LIVE_CHANNEL).catch((err: unknown) => subLog.failed(err));

  let closed = false;
  return {
    notify: (contestId) => {
      if (closed) return;
      local.notify(contestId);
      if (publisher.status !== 'ready') {
        pubLog.failed(new Error(`publisher ${publisher.status}`));
        return;
      }
      publisher.publish(LIVE_CHANNEL, contestId).catch((err: unknown) => pubLog.failed(err));
    },
    subscribe: (listener) => local.subscribe(listener),
    close: async () => {
      closed = true;
      await local.close();
      await Promise.all([publisher, subscriber].map(quitOrDrop));
    },
  };
}

/** Quits a connection politely when it is up, drops it otherwise (a quit would wait for a reconnect). */
async function quitOrDrop(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through to the hard disconnect
    }
  }
  redis.disconnect(false);
}

/** The bus for the configuration: Redis pub/sub when `redisUrl` is set, in-process otherwise. */
export function createLiveBus(redisUrl: string | null | undefined, log?: BusLogger): LiveBus {
  return redisUrl ? createRedisBus(redisUrl, log) : createInProcessBus();
}
