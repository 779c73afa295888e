/**
 * How an entity's columns are read: one list of `field -> SQL expression`, used both as a select
 * list (for connections) and as a jsonb object (for the by-id loader, which reads several tables
 * in one UNION ALL). Money leaves PostgreSQL as text, timestamps as ISO strings with microseconds.
 */
import { type SQL, sql } from 'drizzle-orm';
import { isoTimestamp } from './sql.js';

export interface EntitySpec<Row> {
  typename: string;
  table: string;
  /** Field name -> column expression over the alias `x`. */
  columns: Record<keyof Row & string, string>;
  timestamps: readonly (keyof Row & string)[];
}

export function defineEntity<Row>(spec: EntitySpec<Row>): EntitySpec<Row> {
  return spec;
}

/** `x.id as "id", x.amount::text as "amount", ...` for `alias`. */
export function selectList<Row>(spec: EntitySpec<Row>, alias: string): SQL {
  return sql.raw(
    Object.entries<string>(spec.columns)
      .map(([field, expr]) => `${expr.replaceAll('x.', `${alias}.`)} as "${field}"`)
      .join(', '),
  );
}

/** `jsonb_build_object('id', x.id, ...)` for `alias`. */
export function jsonObject<Row>(spec: EntitySpec<Row>, alias: string): SQL {
  return sql.raw(
    `jsonb_build_object(${Object.entries<string>(spec.columns)
      .map(([field, expr]) => `'${field}', ${expr.replaceAll('x.', `${alias}.`)}`)
      .join(', ')})`,
  );
}

/** Normalizes a row as either driver returns it. */
export function toRow<Row>(spec: EntitySpec<Row>, raw: Record<string, unknown>): Row {
  const row = { ...raw } as Record<string, unknown>;
  for (const field of spec.timestamps) {
    const v = row[field];
    if (v !== null && v !== undefined) row[field] = isoTimestamp(v as string);
  }
  return row as Row;
}
