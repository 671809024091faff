import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: keep file parallelism modest so the Postgres, Redis and
// simulator-backed suites do not starve each other.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist'],
    pool: 'forks',
    maxWorkers: 2,
    // Bounds for tests that wait on conditions, not timing assertions: generous, because the suite
    // must pass while another copy of it runs on the same two cores (#11). A hung test still fails.
    testTimeout: 120_000,
    // Opening PGlite (WASM) takes minutes when sixteen suites share two cores: hooks get room.
    hookTimeout: 600_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
