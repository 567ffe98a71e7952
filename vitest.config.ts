import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The heavy runs (many processes, thousands of fuzzed inputs) are `npm run test:stress`; the browser, `npm run test:browser`.
    exclude: ['test/stress/**', 'test/browser/**', '**/node_modules/**'],
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one, on a 2-core machine. Most files wait on
    // processes, git and sockets, so two side by side take about 76 s where one takes about 110 s.
    maxWorkers: Math.max(2, availableParallelism()),
    globalSetup: ['test/global-setup.ts'],
    // Each worker's backups in a temporary data directory, never the real home's.
    setupFiles: ['test/setup-isolation.ts'],
  },
});
