/**
 * The database handle: drizzle over a postgres.js pool when DATABASE_URL is set, else over an
 * embedded PGlite stored in DATA_DIR. The same drizzle code runs on both.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import type { Config } from '../config.js';
import { pgliteExecutor, reservePostgres, type SqlExecutor } from './executor.js';
import { FILL_STATEMENT, Pool, type PoolObserver } from './pool.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** The postgres.js pool (PostgreSQL only), behind the gate of src/db/pool.ts. */
  readonly sql: Sql | null;
  /** The pool's gate and statistics (PostgreSQL only). */
  readonly pool: Pool | null;
  /** A dedicated connection for migrations, the seed and other session-level work. */
  executor(): Promise<SqlExecutor>;
  /** Reachability probe (src/db/availability.ts): its own connection, never the pool's. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type PoolConfig = Pick<
  Config,
  | 'DB_POOL_MAX'
  | 'DB_POOL_MIN'
  | 'DB_ACQUIRE_TIMEOUT_MS'
  | 'DB_IDLE_TIMEOUT_S'
  | 'DB_MAX_LIFETIME_S'
  | 'DB_CONNECT_TIMEOUT_S'
  | 'DB_STATEMENT_TIMEOUT_MS'
  | 'DB_LOCK_TIMEOUT_MS'
  | 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS'
  | 'DB_APPLICATION_NAME'
>;

export interface PoolHooks extends PoolObserver {
  /**
   * Called for every statement the driver sends (used to count statements per request), with its
   * parameters as given to the driver (the plan check, bench/plans.ts, explains them with these).
   */
  onQuery?: (query: string, parameters: readonly unknown[]) => void;
}

/** The driver's connection events, for the pool's statistics (src/db/pool.ts). */
interface ConnectionEvents {
  sentOn(connection: number): void;
  closed(connection: number): void;
}

const POSTGRES_JS_TYPE_FETCH = /^\s*select b\.oid, b\.typarray\s+from pg_catalog\.pg_type a/;

/** The longest wait before a connection that failed is tried again. */
const RECONNECT_BACKOFF_MAX_S = 2;

/** postgres.js pool options from the config: the guide's pool settings and per-connection timeouts. */
export function poolOptions(
  config: PoolConfig,
  hooks: PoolHooks = {},
  events?: ConnectionEvents,
): postgres.Options<Record<string, postgres.PostgresType>> {
  const onQuery = hooks.onQuery;
  return {
    max: config.DB_POOL_MAX,
    idle_timeout: config.DB_IDLE_TIMEOUT_S,
    max_lifetime: config.DB_MAX_LIFETIME_S,
    // The acquire timeout and the minimum are the gate's (src/db/pool.ts); a new connection gives
    // up after connect_timeout.
    connect_timeout: config.DB_CONNECT_TIMEOUT_S,
    // postgres.js waits before reconnecting a connection after failures counted across the pool,
    // (0.5-1) x 3^n / 100 s up to 20 s: a pool of 20 reaches the 20 s after an outage of a moment,
    // and then serves nothing for up to 20 s after PostgreSQL is back. Capped at 2 s, as the pool's
    // own retry of its minimum (src/db/pool.ts).
    backoff: (retries: number) =>
      (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, RECONNECT_BACKOFF_MAX_S),
    prepare: true,
    onnotice: () => {},
    connection: {
      // Timestamps come back as text in UTC whatever the server's default (see src/db/sql.ts).
      TimeZone: 'UTC',
      application_name: config.DB_APPLICATION_NAME,
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      lock_timeout: config.DB_LOCK_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    ...(events ? { onclose: (connection: number) => events.closed(connection) } : {}),
    ...(onQuery || events
      ? {
          debug: (connection: number, query: string, parameters: readonly unknown[]) => {
            events?.sentOn(connection);
            // postgres.js reads pg_type once per new connection to parse arrays: connection
            // set-up, not a statement of any request; nor is the pool's own fill.
            if (onQuery && query !== FILL_STATEMENT && !POSTGRES_JS_TYPE_FETCH.test(query))
              onQuery(query, parameters);
          },
        }
      : {}),
  };
}

/** The probe's connect timeout: a live server answers in milliseconds; the probe runs every second. */
const PROBE_CONNECT_TIMEOUT_S = 2;

export function connectPostgres(url: string, config: PoolConfig, hooks: PoolHooks = {}): Database {
  let pool: Pool | null = null;
  const driver = postgres(
    url,
    poolOptions(config, hooks, {
      sentOn: (connection) => pool?.sentOn(connection),
      closed: (connection) => pool?.closed(connection),
    }),
  );
  pool = new Pool(
    driver,
    {
      max: config.DB_POOL_MAX,
      min: config.DB_POOL_MIN,
      acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
      fillTimeoutMs: (config.DB_CONNECT_TIMEOUT_S + 2) * 1000,
    },
    hooks,
  );
  const sql = pool.sql;
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  // A connection of its own: a pool busy with slow requests is not a dead server, and the probe's
  // statements are nobody's request (they are not counted).
  let probe: Sql | null = null;
  return {
    kind: 'postgres',
    db,
    sql,
    pool,
    executor: () => reservePostgres(sql),
    ping: async () => {
      // The pool's options (TLS, timeouts, ...), so the probe reaches the server as requests do.
      const options = poolOptions(config);
      probe ??= postgres(url, {
        ...options,
        max: 1,
        connect_timeout: PROBE_CONNECT_TIMEOUT_S,
        connection: {
          ...options.connection,
          application_name: `${config.DB_APPLICATION_NAME.slice(0, 57)}-probe`,
          statement_timeout: PROBE_CONNECT_TIMEOUT_S * 1000,
        },
      });
      await probe`select 1`;
    },
    close: async () => {
      await probe?.end({ timeout: 1 });
      await pool.end(5);
    },
  };
}

/** Opens (or creates) an embedded database; `dataDir` null keeps it in memory. */
export async function openPglite(dataDir: string | null): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  await pglite.exec("set timezone = 'UTC'");
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    sql: null,
    pool: null,
    executor: async () => pgliteExecutor(pglite),
    ping: async () => {
      await pglite.query('select 1');
    },
    close: () => pglite.close(),
  };
}

/** The database the config asks for. */
export async function openDatabase(config: Config, hooks: PoolHooks = {}): Promise<Database> {
  return config.DATABASE_URL
    ? connectPostgres(config.DATABASE_URL, config, hooks)
    : openPglite(config.DATA_DIR);
}
