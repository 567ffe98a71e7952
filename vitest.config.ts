import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The heavy runs (many processes, thousands of fuzzed inputs) are `npm run test:stress`; the browser, `npm run test:browser`.
    exclude: ['test/stress/**', 'test/browser/**', '**/node_modules/**'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Each worker's backups in a temporary data directory, never the real home's.
    setupFiles: ['test/setup-isolation.ts'],
  },
});
