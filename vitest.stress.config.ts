import { defineConfig } from 'vitest/config';

/** `npm run test:stress`: the heavy runs kept out of `npm test` (CI runs both). */
export default defineConfig({
  test: {
    include: ['test/stress/**/*.stress.test.ts'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
