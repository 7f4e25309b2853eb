import type { UseCaseRunner } from '../http/useCase';
import type { ServiceSettings } from '../services/context';

/** What route plugins need: the use-case runner and a few settings. */
export interface RouteDeps {
  run: UseCaseRunner;
  settings: ServiceSettings;
  cookieSecure: boolean;
  version: string;
  /** DATA_DIR: photos live under `photos/` in it. */
  dataDir: string;
}
