import { defineConfig } from 'vitest/config';

/** One Vitest run, three projects: pure core unit tests, server integration tests (both dialects), browser e2e. */
export default defineConfig({
  test: {
    // Three workers on CI's 2 cores: a browser test file spends most of its time waiting on its browser and its
    // server, so a third worker keeps both cores busy. (Vitest's default of cores − 1 ran every file in turn.)
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/test/**/*.test.ts', 'packages/cli/test/**/*.test.ts'],
          environment: 'node',
          // Seeds the demo once per dialect; each test file gets a copy (test/demoTemplates.ts).
          globalSetup: ['packages/server/test/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.test.ts'],
          environment: 'node',
          // A long scenario takes about two minutes on a loaded 2-core CI machine: room enough, not a hang.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Browser test files run side by side with each other and with the server tests: each has its own browser
          // and its own server on its own copy of the demo. (With fileParallelism off, Vitest would put them all in
          // a group of their own that starts only once every other file has finished.)
          // Seeds the demo once (SQLite); each file's server starts on a copy (e2e/src/globalSetup.ts).
          globalSetup: ['e2e/src/globalSetup.ts'],
        },
      },
    ],
  },
});
