import { defineConfig } from 'vitest/config';

// Mutation testing (`npm run test:mutation`) runs only the unit tests beside the pure modules:
// no database, no Redis, no simulators, so Stryker can run them thousands of times.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'src/store/**'],
    pool: 'forks',
    maxWorkers: 1,
  },
});
