/** Statements of the writes that return rows of an entity. */
import { type SQL, sql } from 'drizzle-orm';
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
