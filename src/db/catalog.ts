/**
 * Reports over pg_catalog: what the migrations built, in a form tests can snapshot and
 * operators can read (tables, columns, constraints, enum types and every index with its method,
 * key columns, INCLUDE columns, predicate and validity).
 */
import type { SqlExecutor } from './executor.js';

export interface IndexInfo {
  name: string;
  table: string;
  method: string;
  unique: boolean;
  valid: boolean;
  /** Key columns with their order, e.g. `created_at desc`. */
  keys: string[];
  include: string[];
  predicate: string | null;
}

export interface CatalogSnapshot {
  tables: string[];
  columns: string[];
  constraints: string[];
  types: string[];
  indexes: IndexInfo[];
  /** Functions and the (non-internal) triggers on tables: a migration's undo must drop them too. */
  routines: string[];
}

/** Everything in `schema` that a migration could create, sorted for stable comparison. */
export async function catalogSnapshot(db: SqlExecutor, schema = 'public'): Promise<CatalogSnapshot> {
  const tables = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'S') order by 1`,
    [schema],
  );
  const columns = await db.query<{ d: string }>(
    `select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
            || case when a.attnotnull then ' not null' else '' end
            || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as d
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = $1 and a.attnum > 0 and not a.attisdropped order by 1`,
    [schema],
  );
  const constraints = await db.query<{ d: string }>(
    `select t.relname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid) as d
       from pg_constraint c join pg_class t on t.oid = c.conrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = $1 order by 1`,
    [schema],
  );
  const types = await db.query<{ d: string }>(
    `select t.typname || ' (' || string_agg(e.enumlabel, ', ' order by e.enumsortorder) || ')' as d
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
       join pg_enum e on e.enumtypid = t.oid
      where n.nspname = $1 group by t.typname order by 1`,
    [schema],
  );
  const indexes = await db.query<IndexInfo>(
    `select ic.relname as name, tc.relname as "table", am.amname as method,
            i.indisunique as "unique", i.indisvalid as valid,
            array(select pg_get_indexdef(i.indexrelid, k, true)
                         || case when i.indoption[k - 1] & 1 = 1 then ' desc' else '' end
                         || case when (i.indoption[k - 1] & 2 = 2) <> (i.indoption[k - 1] & 1 = 1)
                                 then case when i.indoption[k - 1] & 2 = 2 then ' nulls first' else ' nulls last' end
                                 else '' end
                    from generate_series(1, i.indnkeyatts) k order by k) as keys,
            array(select pg_get_indexdef(i.indexrelid, k, true)
                    from generate_series(i.indnkeyatts + 1, i.indnatts) k order by k) as include,
            pg_get_expr(i.indpred, i.indrelid, true) as predicate
       from pg_index i
       join pg_class ic on ic.oid = i.indexrelid
       join pg_class tc on tc.oid = i.indrelid
       join pg_namespace n on n.oid = tc.relnamespace
       join pg_am am on am.oid = ic.relam
      where n.nspname = $1 order by 1`,
    [schema],
  );
  const routines = await db.query<{ d: string }>(
    `select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as d
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = $1
     union all
     select 'trigger ' || pg_get_triggerdef(t.oid) as d
       from pg_trigger t join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and not t.tgisinternal
     order by 1`,
    [schema],
  );
  return {
    tables: tables.map((r) => r.name),
    columns: columns.map((r) => r.d),
    constraints: constraints.map((r) => r.d),
    types: types.map((r) => r.d),
    indexes: indexes.map((r) => ({ ...r, keys: [...r.keys], include: [...r.include] })),
    routines: routines.map((r) => r.d),
  };
}
