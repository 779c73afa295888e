/** Small helpers for hand-written SQL run through drizzle on either driver. */
import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * When the latest statement that came back had been sent (`performance.now()`): PostgreSQL was
 * answering statements sent then (a statement sent long ago and answered now says nothing of now).
 */
const lastAnswer = { at: 0 };
export const lastDatabaseAnswer = () => lastAnswer.at;
/**
 * Read replicas' handles (src/db/replicas.ts): their answers say nothing of the primary, whose
 * reachability `lastDatabaseAnswer` is evidence for (src/db/availability.ts).
 */
const replicaHandles = new WeakSet<object>();
export const notThePrimary = (db: Db) => void replicaHandles.add(db);

/**
 * Runs a statement and returns its rows, whichever driver is underneath. On PostgreSQL the pool
 * prepares the statements that repeat (src/db/pool.ts), whichever way drizzle sends them.
 */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const sent = performance.now();
  const result = await db.execute(statement);
  if (!replicaHandles.has(db)) lastAnswer.at = Math.max(lastAnswer.at, sent);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A PostgreSQL array literal for one parameter (`${pgArray(ids)}::uuid[]`): drizzle expands a JS
 * array into a list of parameters, which cannot be cast to an array or unnested.
 */
export function pgArray(values: readonly (string | number | boolean)[]): string {
  return `{${values.map((v) => `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

const PG_TIMESTAMP = /^(\d{4,}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d{1,6})?(?:\+00(?::?00)?|Z)$/;

/**
 * `2026-11-28 12:00:00.123456+00` (how both drivers return timestamptz in a UTC session) to
 * `2026-11-28T12:00:00.123456Z`, keeping the microseconds keyset cursors need.
 */
export function isoTimestamp(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const m = PG_TIMESTAMP.exec(value);
  if (!m) throw new Error(`unexpected timestamp format: ${value}`);
  return `${m[1]}T${m[2]}${(m[3] ?? '.').padEnd(7, '0')}Z`;
}

/** Escapes LIKE's wildcards so user text matches literally (`reference like $1 || '%'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
