import { defineConfig } from 'vitest/config';

/** `npm run test:stress`: the heavy runs kept out of `npm test` (CI runs both). */
export default defineConfig({
  test: {
    // The reliability tests run in npm test at a small size; here at full size (CGC_STRESS).
    include: ['test/stress/**/*.stress.test.ts', 'test/reliability.test.ts'],
    env: { CGC_STRESS: '1' },
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // Each worker's backups in a temporary data directory, never the real home's.
    setupFiles: ['test/setup-isolation.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
