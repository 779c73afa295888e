/**
 * SQL pieces of the writes. Every table, column and enum type is named through the drizzle
 * objects of src/db/schema.ts (with src/db/entity.ts's `col`, `name`, `from`), so renaming one
 * there is a compile error here.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { type EntitySpec, selectList, toRow } from '../db/entity.js';
import { query } from '../db/sql.js';

/** Runs a statement returning at most one row of `spec` (its select list over alias `x`). */
export async function oneRow<Row>(tx: Db, spec: EntitySpec<Row>, statement: SQL): Promise<Row | null> {
  const [row] = await query<Record<string, unknown>>(tx, statement);
  return row ? toRow(spec, row) : null;
}

/** `returning <all fields of spec>` for alias x. */
export const returning = <Row>(spec: EntitySpec<Row>) => sql`returning ${selectList(spec, 'x')}`;

/** Several columns' bare names, comma-separated: an insert's column list. */
export function names(...columns: PgColumn[]): SQL {
  return sql.raw(columns.map((column) => `"${column.name}"`).join(', '));
}

/** A pgEnum's type, for a cast: `"reconciliation_status"`. */
export function enumType(pgEnum: { enumName: string }): SQL {
  return sql.raw(`"${pgEnum.enumName}"`);
}
