import { defineConfig } from 'vitest/config';

/** `npm run test:browser`: the report in a real headless Chromium (Debian's `chromium`; CI installs it). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
