import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The heavy runs (many processes, thousands of fuzzed inputs) are `npm run test:stress`.
    exclude: ['test/stress/**', '**/node_modules/**'],
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
