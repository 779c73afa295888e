/**
 * How an entity's columns are read: its fields, each a column of its drizzle table, used both as a
 * select list (for connections) and as a jsonb object (for the by-id loader, which reads several
 * tables in one UNION ALL). Column and table names come from src/db/schema.ts, never from strings:
 * renaming a column there is a compile error here and in every statement that names it.
 * Money leaves PostgreSQL as text, timestamps as ISO strings with microseconds.
 */
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import { type PgColumn, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { isoTimestamp } from './sql.js';

export interface EntitySpec<Row, T extends PgTable = PgTable> {
  typename: string;
  table: T;
  /** The fields read, each the key of a column of `table`. */
  fields: readonly (keyof Row & string)[];
}

/** The row an entity reads: the `Pick` of its table's select type. */
export type RowOf<E> = E extends EntitySpec<infer Row> ? Row : never;

export function defineEntity<T extends PgTable, F extends keyof T['$inferSelect'] & string>(
  typename: string,
  table: T,
  fields: readonly F[],
): EntitySpec<Pick<T['$inferSelect'], F>, T> {
  return { typename, table, fields };
}

/** A column of the table under `alias`: `"x"."amount"`. */
export function col(alias: string, column: PgColumn): SQL {
  return sql.raw(`"${alias}"."${column.name}"`);
}

/** A column's bare name, for insert lists and `set` clauses: `"amount"`. */
export function name(column: PgColumn): SQL {
  return sql.raw(`"${column.name}"`);
}

/** `"reconciliations" "x"`: a table under an alias, for `from` and `join`. */
export function from(table: PgTable, alias = 'x'): SQL {
  return sql.raw(`"${getTableName(table)}" "${alias}"`);
}

/** The table's name alone: `"reconciliations"` (insert into, update, delete). */
export function tableName(table: PgTable): SQL {
  return sql.raw(`"${getTableName(table)}"`);
}

interface Compiled {
  /** [field, column expression with `{a}` for the alias, is a timestamp] */
  columns: [string, string][];
  timestamps: string[];
  select: Map<string, SQL>;
  json: Map<string, SQL>;
}
const compiled = new WeakMap<EntitySpec<unknown>, Compiled>();

function compile(spec: EntitySpec<unknown>): Compiled {
  let c = compiled.get(spec);
  if (!c) {
    const all = getTableColumns(spec.table) as Record<string, PgColumn>;
    const columns: [string, string][] = [];
    const timestamps: string[] = [];
    for (const field of spec.fields) {
      const column = all[field]!;
      // numeric as text: exact money, never a float.
      columns.push([field, `"{a}"."${column.name}"${column.columnType === 'PgNumeric' ? '::text' : ''}`]);
      if (column.columnType === 'PgTimestampString') timestamps.push(field);
    }
    c = { columns, timestamps, select: new Map(), json: new Map() };
    compiled.set(spec, c);
  }
  return c;
}

/** `"x"."id" as "id", "x"."amount"::text as "amount", ...` for `alias`. */
export function selectList<Row>(spec: EntitySpec<Row>, alias: string): SQL {
  const c = compile(spec as EntitySpec<unknown>);
  let list = c.select.get(alias);
  if (!list) {
    list = sql.raw(
      c.columns.map(([field, expr]) => `${expr.replaceAll('{a}', alias)} as "${field}"`).join(', '),
    );
    c.select.set(alias, list);
  }
  return list;
}

/** `jsonb_build_object('id', "x"."id", ...)` for `alias`. */
export function jsonObject<Row>(spec: EntitySpec<Row>, alias: string): SQL {
  const c = compile(spec as EntitySpec<unknown>);
  let object = c.json.get(alias);
  if (!object) {
    object = sql.raw(
      `jsonb_build_object(${c.columns.map(([field, expr]) => `'${field}', ${expr.replaceAll('{a}', alias)}`).join(', ')})`,
    );
    c.json.set(alias, object);
  }
  return object;
}

/** The tenant condition on `alias` of an entity's table: its organization_id, or its id for organizations. */
export function tenantColumn(spec: EntitySpec<unknown>): PgColumn {
  const all = getTableColumns(spec.table) as Record<string, PgColumn>;
  return all.organizationId ?? all.id!;
}

/** Normalizes a row as either driver returns it. */
export function toRow<Row>(spec: EntitySpec<Row>, raw: Record<string, unknown>): Row {
  const row = { ...raw } as Record<string, unknown>;
  for (const field of compile(spec as EntitySpec<unknown>).timestamps) {
    const v = row[field];
    if (v !== null && v !== undefined) row[field] = isoTimestamp(v as string);
  }
  return row as Row;
}

/** Every column of a table under an alias, as `"x"."amount"` fragments keyed like the table's columns. */
export type Aliased<T extends PgTable> = { readonly [K in keyof T['_']['columns']]: SQL };
const aliasedTables = new WeakMap<PgTable, Map<string, Record<string, SQL>>>();

/**
 * `aliased(reconciliations, 'x').projectId` is `"x"."project_id"`: built once per table and alias,
 * so a statement written with it costs no string building per request, and a renamed column key
 * is a compile error where the statement names it.
 */
export function aliased<T extends PgTable>(table: T, alias = 'x'): Aliased<T> {
  let byAlias = aliasedTables.get(table);
  if (!byAlias) {
    byAlias = new Map();
    aliasedTables.set(table, byAlias);
  }
  let columns = byAlias.get(alias);
  if (!columns) {
    columns = {};
    for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, PgColumn>)) {
      columns[key] = col(alias, column);
    }
    byAlias.set(alias, columns);
  }
  return columns as Aliased<T>;
}

/** A pgEnum's type name for casts: `"reconciliation_status"`. */
export function enumType(pgEnum: { enumName: string }): SQL {
  return sql.raw(`"${pgEnum.enumName}"`);
}

const dialect = new PgDialect();

/**
 * A fragment with no parameters, rendered to its text once: a statement run on every request
 * (resolving a bearer token) then costs drizzle one chunk for it, not one per column it names.
 */
export function constant(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length) throw new Error(`constant SQL has parameters: ${text}`);
  return sql.raw(text);
}
