import { defineConfig } from 'vitest/config';

// Browser tests: one real `wangge serve` (started by the global setup on a free port and a fresh
// embedded database) and headless Chromium driven by playwright-core. One worker, files in
// sequence: they share the server, and a browser plus the server fill this machine's two cores.
// Run after `node scripts/build.mjs` (the `test` and `test:e2e` scripts do).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
