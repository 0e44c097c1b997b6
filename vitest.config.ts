import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/lint-fixtures/**', 'node_modules/**'],
    // Native modules (better-sqlite3) and child processes behave best in forked workers.
    pool: 'forks',
    // A safety net against a hung child process, not a speed assertion: speed lives in bench/.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/reporters/summary-line.ts'],
  },
});
