import type { ServiceSettings } from '../src/services/context';

/** Fast password hashing for tests only; production uses N = 2^17. */
export const TEST_SETTINGS: ServiceSettings = {
  scryptLogN: 12,
  sessionSecret: 'test-secret',
  sessionIdleSeconds: 3600,
  sessionAbsoluteSeconds: 12 * 3600,
};
