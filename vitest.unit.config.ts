/**
 * The fast tier: test/unit, pure modules only. No global setup (it finds PostgreSQL and Redis), and
 * a setup file that refuses any network connection, so a unit test that reaches for a server fails
 * here instead of passing on a machine that happens to run one. `npm test` runs these files too,
 * through vitest.config.ts.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/unit/**/*.test.ts'],
    globalSetup: [],
    setupFiles: ['test/unit/no-network.ts'],
    // Pure modules hold no state between files: one module graph per worker (the schema is built
    // once, not once per file) and threads instead of processes halve the tier's time here.
    pool: 'threads',
    isolate: false,
  },
});
