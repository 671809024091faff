import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: keep file parallelism modest so the Postgres, Redis and
// simulator-backed suites do not starve each other.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Opening PGlite (WASM) takes over a minute when eight suites share two cores: hooks get room.
    hookTimeout: 180_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
