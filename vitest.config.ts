import { defineConfig } from 'vitest/config';

// API and unit tests. Each file gets its own database (PGlite in memory, or a throwaway database on
// TEST_DATABASE_URL); two workers match this machine's two cores.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/api/**/*.test.ts', 'test/cli/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
