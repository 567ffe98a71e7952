import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The heavy runs (many processes, thousands of fuzzed inputs) are `npm run test:stress`; the browser, `npm run test:browser`.
    exclude: ['test/stress/**', 'test/browser/**', '**/node_modules/**'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. Most files wait on
    // processes, git and sockets, so two side by side take about a third less time than one.
    maxWorkers: Math.max(2, availableParallelism()),
    // The files of a worker share one module graph: each test file loading the library, zod and yaml
    // anew took 50 s of the run's time on this machine (11 s shared). No test relies on a fresh module:
    // the ones that change process.env do it with vi.stubEnv and undo it after each test, spies are
    // restored, and the library keeps no state between calls but the release catalogue's memo.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    // Each worker's backups in a temporary data directory, never the real home's.
    setupFiles: ['test/setup-isolation.ts'],
  },
});
