/**
 * What each entity's loaders are built from, once per request: the database, the viewer's
 * organization (bound into every statement), the sink for the cache tags of what is read
 * (src/cache/tags.ts), the config cache, the one by-id loader every `<entity>ById` reads through,
 * and the loaders memoized per list arguments. Also the wrappers that tag a loader's reads.
 */
import DataLoader from 'dataloader';
import type { ConfigCache } from '../cache/aside.js';
import type { TagSink } from '../cache/tags.js';
import type { Db } from '../db/client.js';
import type { EntityType, RowByType } from '../db/rows.js';
import { BATCHING, entityByIdLoader, LoaderCache } from './batch.js';
import type { ConnectionArgs } from './keyset.js';
import type { OrderBy } from './orderings.js';

/** A list's arguments as its GraphQL field takes them: the page, a filter, an order. */
export type ListArgs<Filter = never, Field extends string = never> = ConnectionArgs & {
  filter?: Filter | null;
  orderBy?: OrderBy<Field> | null;
};

export interface LoaderScope {
  db: Db;
  organizationId: string;
  tag: TagSink;
  config: ConfigCache | null;
  /** A row by id, null when absent or another tenant's; a found row records `tagOf(row)`. */
  byId<T extends EntityType>(
    type: T,
    id: string,
    tagOf: (row: RowByType[T]) => string,
  ): Promise<RowByType[T] | null>;
  /** Primes the by-id loader with the rows a list read (a child's parent then costs nothing). */
  prime<T extends EntityType>(type: T): (rows: RowByType[T][]) => void;
  /** The loader `build` makes for `name` and these list arguments, made once per request. */
  memo<T>(name: string, args: unknown, build: () => T): T;
  /** Registers a loader whose memoized rows clearAll forgets. */
  keep<L extends { clearAll(): unknown }>(loader: L): L;
  /** Forgets every row read so far: after a write, the payload reads what was committed. */
  clearAll(): void;
}

export function createScope(
  db: Db,
  organizationId: string,
  tag: TagSink,
  config: ConfigCache | null,
): LoaderScope {
  const byId = entityByIdLoader(db, organizationId);
  const lists = new LoaderCache();
  const kept: { clearAll(): unknown }[] = [];
  return {
    db,
    organizationId,
    tag,
    config,
    async byId(type, id, tagOf) {
      const row = (await byId.load({ type, id })) as RowByType[typeof type] | null;
      // A missing row stays missing (ids are never reused); a found one is tagged with its scope.
      if (row) tag(tagOf(row));
      return row;
    },
    prime: (type) => (rows) => {
      for (const row of rows) byId.prime({ type, id: row.id }, row);
    },
    memo: (name, args, build) => lists.get(JSON.stringify([name, args]), build),
    keep(loader) {
      kept.push(loader);
      return loader;
    },
    clearAll() {
      byId.clearAll();
      lists.clear();
      for (const loader of kept) loader.clearAll();
    },
  };
}

/** A loader as a function of its key that records the cache tag of every key it is asked for. */
export function tagged<K, V>(
  loader: DataLoader<K, V>,
  tagOf: (key: K) => string,
  tag: TagSink,
): (key: K) => Promise<V> {
  return (key) => {
    tag(tagOf(key));
    return loader.load(key);
  };
}

/** A DataLoader whose rows clearAll forgets, its reads tagged: the shape of every keyed loader. */
export function keyed<K, V>(
  scope: LoaderScope,
  tagOf: (key: K) => string,
  batch: DataLoader.BatchLoadFn<K, V>,
): (key: K) => Promise<V> {
  return tagged(scope.keep(new DataLoader(batch, BATCHING)), tagOf, scope.tag);
}
