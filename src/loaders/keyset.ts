/**
 * Keyset (cursor) pagination over a unique order `(sort key, id)`: a page is one index seek with a
 * row-value comparison, `("x"."created_at", "x"."id") < ($1, $2)`, never OFFSET, so it stays correct while
 * rows are inserted or deleted between pages. One extra row tells whether another page exists.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { col } from '../db/entity.js';
import { badInput } from '../errors.js';
import { parseInstant } from '../instant.js';
import { isUuid } from '../uuid.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** A unique order: the sort key's column and cast, then id in the same direction. */
export interface Ordering {
  /** Name carried in cursors, e.g. `reconciliations:CREATED_AT:DESC`: a cursor from another ordering is refused. */
  name: string;
  /** Row field holding the sort value. */
  field: string;
  /** The sort key's column, read over alias `x`; its table's id breaks ties. */
  column: PgColumn;
  kind: 'timestamp' | 'decimal' | 'integer';
  direction: 'asc' | 'desc';
}

/** A cursor's sort value must be one its column can hold: out of range would fail in SQL. */
const VALID_VALUE: Record<Ordering['kind'], (value: string) => boolean> = {
  timestamp: (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(v) && parseInstant(v) !== null,
  decimal: (v) => /^-?\d{1,20}(\.\d{1,6})?$/.test(v),
  integer: (v) => /^-?\d{1,10}$/.test(v) && Math.abs(Number(v)) <= 2 ** 31 - 1,
};
const CAST: Record<Ordering['kind'], SQL> = {
  timestamp: sql.raw('timestamptz'),
  decimal: sql.raw('numeric'),
  integer: sql.raw('int'),
};

/** An ordering's SQL, built once per ordering (orderings are constants): not per request. */
interface OrderSql {
  /** `("x"."created_at", "x"."id")`, compared with a cursor. */
  key: SQL;
  /** `order by` in the list's direction, and reversed (for `last`). */
  forward: SQL;
  reverse: SQL;
  /** Comparison with a cursor: `after` is further along the list's direction, `before` is back. */
  after: SQL;
  before: SQL;
}
const orderSql = new WeakMap<Ordering, OrderSql>();

function sqlOf(ordering: Ordering): OrderSql {
  let o = orderSql.get(ordering);
  if (!o) {
    const column = col('x', ordering.column);
    const id = col('x', (getTableColumns(ordering.column.table) as Record<string, PgColumn>).id!);
    const by = (dir: 'asc' | 'desc') => sql`${column} ${sql.raw(dir)}, ${id} ${sql.raw(dir)}`;
    const desc = ordering.direction === 'desc';
    o = {
      key: sql`(${column}, ${id})`,
      forward: by(ordering.direction),
      reverse: by(desc ? 'asc' : 'desc'),
      // In the list's own direction, "after" means further along: < for desc, > for asc.
      after: sql.raw(desc ? '<' : '>'),
      before: sql.raw(desc ? '>' : '<'),
    };
    orderSql.set(ordering, o);
  }
  return o;
}

export interface Page<Row> {
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface PagePlan {
  /** Conditions on alias `x`: the cursors. */
  conditions: SQL[];
  /** `order by` for the fetch (reversed for `last`). */
  orderBy: SQL;
  /** Rows to fetch: the page size plus one. */
  limit: number;
  backward: boolean;
  pageSize: number;
}

export function encodeCursor(ordering: Ordering, row: { id: string }): string {
  return Buffer.from(
    JSON.stringify([
      ordering.name,
      String((row as unknown as Record<string, unknown>)[ordering.field]),
      row.id,
    ]),
    'utf8',
  ).toString('base64url');
}

function decodeCursor(ordering: Ordering, cursor: string, arg: string): { value: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(`Invalid cursor in "${arg}"`, { argument: arg });
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[0] !== 'string' ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string'
  ) {
    throw badInput(`Invalid cursor in "${arg}"`, { argument: arg });
  }
  const [name, value, id] = parsed as [string, string, string];
  if (name !== ordering.name) {
    throw badInput(`The cursor in "${arg}" belongs to another list or ordering`, { argument: arg });
  }
  if (!VALID_VALUE[ordering.kind](value) || !isUuid(id)) {
    throw badInput(`Invalid cursor in "${arg}"`, { argument: arg });
  }
  return { value, id };
}

function checkSize(value: number | null | undefined, arg: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badInput(`"${arg}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, { argument: arg });
  }
  return value;
}

/** Validates the arguments and plans the fetch. */
export function planPage(ordering: Ordering, args: ConnectionArgs): PagePlan {
  const first = checkSize(args.first, 'first');
  const last = checkSize(args.last, 'last');
  if (first !== undefined && last !== undefined) {
    throw badInput('Pass "first" or "last", not both', { argument: 'last' });
  }
  const backward = last !== undefined;
  const pageSize = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  const cast = CAST[ordering.kind];
  const o = sqlOf(ordering);
  const conditions: SQL[] = [];
  if (args.after) {
    const c = decodeCursor(ordering, args.after, 'after');
    conditions.push(sql`${o.key} ${o.after} (${c.value}::${cast}, ${c.id}::uuid)`);
  }
  if (args.before) {
    const c = decodeCursor(ordering, args.before, 'before');
    conditions.push(sql`${o.key} ${o.before} (${c.value}::${cast}, ${c.id}::uuid)`);
  }
  return {
    conditions,
    orderBy: backward ? o.reverse : o.forward,
    limit: pageSize + 1,
    backward,
    pageSize,
  };
}

/** Turns fetched rows (in fetch order, up to pageSize + 1) into a page in list order. */
export function toPage<Row>(plan: PagePlan, args: ConnectionArgs, fetched: Row[]): Page<Row> {
  const extra = fetched.length > plan.pageSize;
  const rows = fetched.slice(0, plan.pageSize);
  if (plan.backward) rows.reverse();
  return {
    rows,
    hasNextPage: plan.backward ? Boolean(args.before) : extra,
    hasPreviousPage: plan.backward ? extra : Boolean(args.after),
  };
}

/** The connection object the schema's connection types resolve from. */
export interface ConnectionResult<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when the client selects totalCount. */
  totalCount: () => Promise<number>;
}

export function toConnection<Row extends { id: string }>(
  ordering: Ordering,
  page: Page<Row>,
  totalCount: () => Promise<number>,
): ConnectionResult<Row> {
  const edges = page.rows.map((node) => new Edge(ordering, node));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
    totalCount,
  };
}

/** An edge whose cursor is encoded when read: most pages are fetched without their cursors. */
class Edge<Row extends { id: string }> {
  constructor(
    private readonly ordering: Ordering,
    readonly node: Row,
  ) {}
  get cursor(): string {
    return encodeCursor(this.ordering, this.node);
  }
}
