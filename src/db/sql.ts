/** Small helpers for hand-written SQL run through drizzle on either driver. */
import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * The part of drizzle's session that `db.execute` uses, reached directly: `db.execute` sends a raw
 * statement unnamed (stack note 16), so PostgreSQL parses and plans it on every call, and with
 * parameters postgres.js waits for a Describe round trip first. Given a name, drizzle's prepared
 * query asks postgres.js to prepare it (once per connection, keyed by its text) and reuse it.
 */
interface Session {
  prepareQuery(
    query: { sql: string; params: unknown[] },
    fields: undefined,
    name: string | undefined,
    isResponseInArrayMode: boolean,
  ): { execute(): Promise<unknown> };
}
interface Internals {
  session: Session;
  dialect: { sqlToQuery(statement: SQL): { sql: string; params: unknown[] } };
}

/**
 * Which statement texts are prepared. Every text comes from the code (values are parameters, lists
 * one array parameter), but some are combinations (filters, orderings, the by-id loader's types), and
 * each prepared statement holds memory in every pooled backend until its connection is recycled.
 * So a text is prepared from its second use (a combination seen once is not worth it), and at most
 * MAX_PREPARED_TEXTS texts ever are: a client sending every combination cannot grow the backends
 * without bound, it only leaves its combinations unprepared.
 */
const uses = new Map<string, number>();
export const MAX_PREPARED_TEXTS = 300;
/** Texts counted but not yet prepared are forgotten past this many (first seen, first out). */
const MAX_COUNTED_TEXTS = 5000;
let preparedCount = 0;

function prepareName(text: string): string | undefined {
  const seen = uses.get(text);
  if (seen === Number.POSITIVE_INFINITY) return 'p';
  if (seen === undefined) {
    if (uses.size >= MAX_COUNTED_TEXTS) uses.delete(uses.keys().next().value!);
    uses.set(text, 1);
    return undefined;
  }
  if (preparedCount >= MAX_PREPARED_TEXTS) return undefined;
  preparedCount++;
  uses.set(text, Number.POSITIVE_INFINITY);
  return 'p';
}

/**
 * When the latest statement that came back had been sent (`performance.now()`): PostgreSQL was
 * answering statements sent then (a statement sent long ago and answered now says nothing of now).
 */
const lastAnswer = { at: 0 };
export const lastDatabaseAnswer = () => lastAnswer.at;

/**
 * Runs a statement and returns its rows, whichever driver is underneath; prepared and reused on
 * PostgreSQL (see Session above).
 */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as Internals;
  const built = dialect.sqlToQuery(statement);
  const sent = performance.now();
  const result = await session.prepareQuery(built, undefined, prepareName(built.sql), false).execute();
  lastAnswer.at = Math.max(lastAnswer.at, sent);
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
