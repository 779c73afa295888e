/** Small helpers shared by the unit tests (no test runs here: the tier includes `*.test.ts` only). */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

/** The statement text and parameters drizzle would send for `fragment`. */
export function render(fragment: SQL): { sql: string; params: unknown[] } {
  const { sql, params } = dialect.sqlToQuery(fragment);
  return { sql, params };
}

/** What `fn` threw: its extensions.code, message and extensions; null when it returned. */
export function refusal(fn: () => unknown): {
  code: unknown;
  message: string;
  extensions: Record<string, unknown>;
} | null {
  try {
    fn();
    return null;
  } catch (err) {
    const extensions = (err as { extensions?: Record<string, unknown> }).extensions ?? {};
    return { code: extensions.code, message: (err as Error).message, extensions };
  }
}

/** fast-check runs are seeded (house style: seeded randomness only), so a failure replays. */
export const SEEDED = { seed: 20261202, numRuns: 300 } as const;
