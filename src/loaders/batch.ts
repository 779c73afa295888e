/**
 * The small helpers every loader is built from. Each statement carries the viewer's organization
 * in its WHERE clause: tenancy is enforced in SQL, not only in resolvers.
 */
import DataLoader from 'dataloader';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  aliased,
  col,
  type EntitySpec,
  from,
  jsonObject,
  selectList,
  tenantColumn,
  toRow,
} from '../db/entity.js';
import { ENTITIES, type RowByType } from '../db/rows.js';
import { pgArray, query } from '../db/sql.js';
import {
  type ConnectionArgs,
  type ConnectionResult,
  type Ordering,
  planPage,
  toConnection,
  toPage,
} from './keyset.js';

export type EntityType = keyof RowByType;

/**
 * Every loader dispatches its batch from a setImmediate, once the I/O callbacks and promise jobs
 * already queued have run, instead of DataLoader's default (a process.nextTick after the current
 * promise jobs): under concurrency other requests' callbacks interleave with the resolvers of one
 * level, and the default split one level's loads into several statements (W3 of the bench: 3.77
 * statements a request instead of 3).
 */
export const BATCHING = { batchScheduleFn: (dispatch: () => void) => void setImmediate(dispatch) };

const tenantColumns = new WeakMap<EntitySpec<unknown>, SQL>();

/** The tenant condition on alias `x` of an entity's table. */
export function tenantScope(spec: EntitySpec<unknown>, organizationId: string): SQL {
  let column = tenantColumns.get(spec);
  if (!column) {
    column = col('x', tenantColumn(spec));
    tenantColumns.set(spec, column);
  }
  return sql`${column} = ${organizationId}::uuid`;
}

const and = (conditions: SQL[]) => sql.join(conditions, sql` and `);

/**
 * One loader for every entity by id: all the ids a tick asks for, of any types, are read in one
 * statement: plain columns for one type, a UNION ALL of jsonb rows for several (so `nodes` with
 * mixed types is one statement, not one per type).
 */
export function entityByIdLoader(db: Db, organizationId: string) {
  return new DataLoader<{ type: EntityType; id: string }, RowByType[EntityType] | null, string>(
    async (keys) => {
      const idsByType = new Map<EntityType, string[]>();
      for (const { type, id } of keys) {
        const ids = idsByType.get(type);
        if (ids) ids.push(id);
        else idsByType.set(type, [id]);
      }
      if (idsByType.size === 1) {
        // One type (the usual case): plain columns, no row built as jsonb in PostgreSQL.
        const [type, ids] = [...idsByType][0]!;
        const spec = ENTITIES[type] as EntitySpec<unknown>;
        const rows = await query<Record<string, unknown>>(
          db,
          sql`select ${selectList(spec, 'x')} from ${from(spec.table)}
            where ${aliased(spec.table).id} = any(${pgArray(ids)}::uuid[]) and ${tenantScope(spec, organizationId)}`,
        );
        const found = new Map(rows.map((r) => [r.id as string, toRow(spec, r)]));
        return keys.map((k) => (found.get(k.id) as RowByType[EntityType]) ?? null);
      }
      // In a fixed order of types, whatever order the ids came in: one text per set of types.
      const branches = [...idsByType]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([type, ids]) => {
          const spec = ENTITIES[type] as EntitySpec<unknown>;
          const id = aliased(spec.table).id;
          return sql`select ${type}::text as "type", ${id}::text as "id", ${jsonObject(spec, 'x')} as "row"
          from ${from(spec.table)}
          where ${id} = any(${pgArray(ids)}::uuid[]) and ${tenantScope(spec, organizationId)}`;
        });
      const rows = await query<{ type: EntityType; id: string; row: Record<string, unknown> }>(
        db,
        sql.join(branches, sql` union all `),
      );
      const found = new Map(
        rows.map((r) => [`${r.type}:${r.id}`, toRow(ENTITIES[r.type] as EntitySpec<unknown>, r.row)]),
      );
      return keys.map((k) => (found.get(`${k.type}:${k.id}`) as RowByType[EntityType]) ?? null);
    },
    { ...BATCHING, cacheKeyFn: (k) => `${k.type}:${k.id}` },
  );
}

export interface ListSource<Row> {
  spec: EntitySpec<Row>;
  ordering: Ordering;
  /** Filter conditions on alias `x`, beyond the tenant. */
  where: SQL[];
}

/** One page of a root list: one statement, plus a count only when totalCount is selected. */
export async function fetchConnection<Row extends { id: string }>(
  db: Db,
  organizationId: string,
  source: ListSource<Row>,
  args: ConnectionArgs,
  onRows?: (rows: Row[]) => void,
): Promise<ConnectionResult<Row>> {
  const plan = planPage(source.ordering, args);
  const filters = [tenantScope(source.spec as EntitySpec<unknown>, organizationId), ...source.where];
  const fetched = (
    await query<Record<string, unknown>>(
      db,
      sql`select ${selectList(source.spec, 'x')} from ${from(source.spec.table)}
          where ${and([...filters, ...plan.conditions])}
          order by ${plan.orderBy} limit ${plan.limit}`,
    )
  ).map((r) => toRow(source.spec, r));
  onRows?.(fetched);
  let count: Promise<number> | undefined;
  const totalCount = () => {
    count ??= query<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${from(source.spec.table)} where ${and(filters)}`,
    ).then((r) => r[0]?.n ?? 0);
    return count;
  };
  return toConnection(source.ordering, toPage(plan, args, fetched), totalCount);
}

/**
 * A nested list (a project's reconciliations, ...) for many parents in one statement: a LATERAL
 * sub-select per parent id, limited per parent, never load-all-then-slice. Its totalCount is one
 * grouped count for all the parents, run only when selected.
 */
export function connectionByParentLoader<Row extends { id: string }>(
  db: Db,
  organizationId: string,
  source: ListSource<Row> & {
    /** The parent's column on alias `x`: `aliased(table).projectId`. */ parent: SQL;
  },
  args: ConnectionArgs,
  onRows?: (rows: Row[]) => void,
) {
  const plan = planPage(source.ordering, args);
  const table = from(source.spec.table);
  const parentColumn = source.parent;
  const filters = [tenantScope(source.spec as EntitySpec<unknown>, organizationId), ...source.where];
  const counts = new DataLoader<string, number>(async (parentIds) => {
    const rows = await query<{ parent: string; n: number }>(
      db,
      sql`select ${parentColumn}::text as parent, count(*)::int as n from ${table}
          where ${and([...filters, sql`${parentColumn} = any(${pgArray(parentIds)}::uuid[])`])}
          group by 1`,
    );
    const byParent = new Map(rows.map((r) => [r.parent, r.n]));
    return parentIds.map((id) => byParent.get(id) ?? 0);
  }, BATCHING);
  return new DataLoader<string, ConnectionResult<Row>>(async (parentIds) => {
    const raw = await query<Record<string, unknown> & { __parent: string }>(
      db,
      sql`select p.parent_id::text as "__parent", page.*
          from unnest(${pgArray(parentIds)}::uuid[]) as p(parent_id)
          cross join lateral (
            select ${selectList(source.spec, 'x')} from ${table}
            where ${and([...filters, sql`${parentColumn} = p.parent_id`, ...plan.conditions])}
            order by ${plan.orderBy} limit ${plan.limit}
          ) page`,
    );
    const byParent = new Map<string, Row[]>();
    for (const { __parent, ...r } of raw) {
      const list = byParent.get(__parent) ?? [];
      list.push(toRow(source.spec, r));
      byParent.set(__parent, list);
    }
    const all = [...byParent.values()].flat();
    onRows?.(all);
    return parentIds.map((id) =>
      toConnection(source.ordering, toPage(plan, args, byParent.get(id) ?? []), () => counts.load(id)),
    );
  }, BATCHING);
}

/** Rows grouped by a parent column, for short lists that are not connections (a project's rules). */
export function listByParentLoader<Row>(
  db: Db,
  organizationId: string,
  spec: EntitySpec<Row>,
  /** On alias `x`, from `aliased(table)`. */
  parentColumn: SQL,
  orderBy: SQL,
) {
  return new DataLoader<string, Row[]>(async (parentIds) => {
    const raw = await query<Record<string, unknown> & { __parent: string }>(
      db,
      sql`select ${parentColumn}::text as "__parent", ${selectList(spec, 'x')}
          from ${from(spec.table)}
          where ${tenantScope(spec as EntitySpec<unknown>, organizationId)}
            and ${parentColumn} = any(${pgArray(parentIds)}::uuid[])
          order by ${orderBy}`,
    );
    const byParent = new Map<string, Row[]>();
    for (const { __parent, ...r } of raw) {
      const list = byParent.get(__parent);
      if (list) list.push(toRow(spec, r));
      else byParent.set(__parent, [toRow(spec, r)]);
    }
    return parentIds.map((id) => byParent.get(id) ?? []);
  }, BATCHING);
}

/** Memoizes loaders built per distinct arguments (one nested-list loader per args shape). */
export class LoaderCache {
  private readonly loaders = new Map<string, unknown>();
  get<T>(key: string, build: () => T): T {
    let loader = this.loaders.get(key) as T | undefined;
    if (!loader) {
      loader = build();
      this.loaders.set(key, loader);
    }
    return loader;
  }
  clear() {
    this.loaders.clear();
  }
}
