/**
 * Which table a statement the API sent reads, whatever its quoting: `from projects` and
 * `from "projects" "x"` both read projects. A test that looks for a table by its literal text
 * matches nothing once the statement names it through drizzle (quoted), and then cannot fail.
 */
import { getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export function readsFrom(statement: string, ...tables: PgTable[]): boolean {
  return tables.some((table) =>
    new RegExp(`\\b(from|join)\\s+"?${getTableName(table)}"?(\\s|$|\\))`, 'i').test(statement),
  );
}
