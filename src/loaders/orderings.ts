/** How a list's orderings are made: each a unique order (sort key, then id), built once. */
import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Ordering } from './keyset.js';

export type Direction = 'ASC' | 'DESC';
/** A list's `orderBy` argument. */
export interface OrderBy<Field extends string> {
  field?: Field | null;
  direction?: Direction | null;
}

/** The cursor's value kind, from the column's type: a cursor's value is checked and cast by it. */
function kindOf(column: PgColumn): Ordering['kind'] {
  switch (column.columnType) {
    case 'PgTimestampString':
      return 'timestamp';
    case 'PgNumeric':
      return 'decimal';
    case 'PgInteger':
      return 'integer';
    default:
      throw new Error(`No keyset ordering on ${column.name} (${column.columnType})`);
  }
}

/** The row field holding the column's value: its key in the drizzle table. */
function fieldOf(column: PgColumn): string {
  const entry = Object.entries(getTableColumns(column.table)).find(([, c]) => c === column);
  if (!entry) throw new Error(`${column.name} is not a column of its table`);
  return entry[0];
}

/**
 * Every ordering of a list, by the GraphQL sort field's name, built at start-up: the returned
 * function picks one (the default when `orderBy` is absent) and always returns the same object,
 * so its SQL is built once (keyset.ts). The name (`reconciliations:CREATED_AT:DESC`) is carried
 * in cursors: a cursor from another list or ordering is refused.
 */
export function orderings<Field extends string>(
  list: string,
  columns: Record<Field, PgColumn>,
  defaults: { field: Field; direction: Direction },
): (orderBy?: OrderBy<Field> | null) => Ordering {
  const all = new Map<string, Ordering>();
  for (const [by, column] of Object.entries(columns) as [Field, PgColumn][]) {
    for (const direction of ['ASC', 'DESC'] as const) {
      all.set(`${by}:${direction}`, {
        name: `${list}:${by}:${direction}`,
        field: fieldOf(column),
        column,
        kind: kindOf(column),
        direction: direction === 'ASC' ? 'asc' : 'desc',
      });
    }
  }
  return (orderBy) => {
    const key = `${orderBy?.field ?? defaults.field}:${orderBy?.direction ?? defaults.direction}`;
    const ordering = all.get(key);
    if (!ordering) throw new Error(`No ordering ${key} of ${list}`);
    return ordering;
  };
}
