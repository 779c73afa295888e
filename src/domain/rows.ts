/**
 * SQL pieces of the writes. Every table, column and enum type is named through the drizzle
 * objects of src/db/schema.ts (with src/db/entity.ts's `col`, `name`, `from`), so renaming one
 * there is a compile error here.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { col, type EntitySpec, name, selectList, toRow } from '../db/entity.js';
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

/** A tenant's table whose rows the writes change by id. */
type OwnedTable = PgTable & { id: PgColumn; organizationId: PgColumn };

/**
 * `update <table> x set <set>, updated_at = now()` of this row (by id and organization), returning
 * it as `spec` reads it; with no `set`, it only marks the row changed.
 */
export async function updateRow<Row, T extends OwnedTable & { updatedAt: PgColumn }>(
  tx: Db,
  spec: EntitySpec<Row, T>,
  row: { id: string; organizationId: string },
  set: SQL | null,
): Promise<Row> {
  const t = spec.table;
  return (await oneRow(
    tx,
    spec,
    sql`update ${t} x set ${set ? sql`${set}, ` : sql``}${name(t.updatedAt)} = now()
        where ${col('x', t.id)} = ${row.id}::uuid and ${col('x', t.organizationId)} = ${row.organizationId}::uuid
        ${returning(spec)}`,
  ))!;
}

/** Deletes this row (by id and organization); false when it was already gone. */
export async function deleteRow(
  tx: Db,
  table: OwnedTable,
  row: { id: string; organizationId: string },
): Promise<boolean> {
  const deleted = await query(
    tx,
    sql`delete from ${table} where ${table.id} = ${row.id}::uuid and ${table.organizationId} = ${row.organizationId}::uuid returning ${table.id}`,
  );
  return deleted.length > 0;
}
