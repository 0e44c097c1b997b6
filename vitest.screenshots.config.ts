import { defineConfig } from 'vitest/config';

/** `npm run screenshots`: only the README's picture journey, never part of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/screenshots/**/*.shots.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
