import type { UseCaseRunner } from '../http/useCase';
import type { FeedOptions } from '../lib/contestFeed';
import type { LiveBus } from '../lib/liveBus';
import type { ServiceSettings } from '../services/context';

/** What route plugins need: the use-case runner and a few settings. */
export interface RouteDeps {
  run: UseCaseRunner;
  settings: ServiceSettings;
  cookieSecure: boolean;
  version: string;
  /** DATA_DIR: photos live under `photos/` in it. */
  dataDir: string;
  /** Wakes the contests' live feeds on every instance after a committed change. */
  live: LiveBus;
  /** Timings of the contests' live feeds (tests shorten the safety poll). */
  liveFeed?: FeedOptions;
  /** How often open event streams check their access again (ms); production uses the default. */
  streamRecheckMs?: number;
}
