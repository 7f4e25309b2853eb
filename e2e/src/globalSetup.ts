import type { TestProject } from 'vitest/node';
import { buildDemoTemplates } from '../../packages/server/test/demoTemplates';
import { TEST_SETTINGS } from '../../packages/server/test/settings';

/**
 * Seeds the demo district once for the browser tests (SQLite only: their servers run on SQLite); every test
 * file's server starts on a copy of it instead of seeding its own, which took most of each file's start.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = await buildDemoTemplates('', TEST_SETTINGS);
  project.provide('demoTemplates', built.templates);
  return built.remove;
}
