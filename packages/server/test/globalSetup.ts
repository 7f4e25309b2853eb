import type { TestProject } from 'vitest/node';
import { buildDemoTemplates, type DemoTemplates } from './demoTemplates';
import { TEST_SETTINGS } from './settings';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplates: DemoTemplates;
  }
}

/** Seeds the demo once per dialect for the whole server project; each test file copies it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = await buildDemoTemplates(process.env.DATABASE_URL ?? '', TEST_SETTINGS);
  project.provide('demoTemplates', built.templates);
  return built.remove;
}
