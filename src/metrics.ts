/**
 * Prometheus metrics at GET /metrics (the guide's "Performance Monitoring"): request durations,
 * statements sent by kind, response-cache hits and misses, the pool's statistics from the pool
 * itself (src/db/pool.ts: connections by state, waiting, acquire time and timeouts), and, read at
 * scrape time from PostgreSQL's own views, the buffer cache hit ratio. That read is cached for
 * DB_GAUGE_TTL_MS, so scrapes cost PostgreSQL at most one query per interval.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/client.js';
import type { PoolStats } from './db/pool.js';
import { query } from './db/sql.js';

const DB_GAUGE_TTL_MS = 5000;

/** `read` at most once per `ttlMs`: concurrent and later callers within it share one promise. */
function cachedFor<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = performance.now();
    if (!last || now - last.at >= ttlMs) last = { at: now, value: read() };
    return last.value;
  };
}

export class Metrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by path and status',
    labelNames: ['path', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly statements = new Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent to PostgreSQL, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly cacheLookups = new Counter({
    name: 'response_cache_lookups_total',
    help: 'Cache lookups by result (hit, miss) and store (response, config, session)',
    labelNames: ['result', 'store'],
    registers: [this.registry],
  });

  readonly edgeAnswers = new Counter({
    name: 'response_cache_edge_answers_total',
    help: 'Requests answered by the response cache at the HTTP edge, before Yoga (200 or 304, or 429)',
    labelNames: ['status'],
    registers: [this.registry],
  });

  /** The guide's acquire time: how long statements waited for a pooled connection (src/db/pool.ts). */
  readonly poolAcquire = new Histogram({
    name: 'db_pool_acquire_seconds',
    help: 'Wait for a pooled connection before a statement, transaction or reservation that got one (timeouts: db_pool_acquire_timeouts_total)',
    buckets: [0.0001, 0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly poolTimeouts = new Counter({
    name: 'db_pool_acquire_timeouts_total',
    help: 'Statements and transactions that found no pooled connection free within DB_ACQUIRE_TIMEOUT_MS (POOL_TIMEOUT or BUSY; nothing sent)',
    registers: [this.registry],
  });

  constructor(
    /** The application_name of its pool's connections. */
    readonly application: string,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Adds the gauges read from PostgreSQL's statistics views at scrape time. */
  watchDatabase(database: Database) {
    if (database.kind !== 'postgres') return;
    const hitRatio = cachedFor(DB_GAUGE_TTL_MS, () =>
      query<{ ratio: number | null }>(
        database.db,
        sql`select (sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0))::float8 as ratio
            from pg_statio_user_tables`,
      ).catch(() => []),
    );
    this.watchPool(database);
    new Gauge({
      name: 'db_buffer_cache_hit_ratio',
      help: 'Share of table block reads served from shared buffers (pg_statio_user_tables)',
      registers: [this.registry],
      async collect() {
        const [row] = await hitRatio();
        if (row) this.set(row.ratio ?? 0);
      },
    });
  }

  /**
   * The pool's statistics, read from the pool at scrape time (no query). They replace the old
   * `db_connections{state}` read from pg_stat_activity: that view counts every process with this
   * application_name (every replica, db:report, the probe's sibling) and cost a query per scrape;
   * PostgreSQL's side stays in `npm run db:report`.
   */
  private watchPool(database: Database) {
    const pool = database.pool;
    if (!pool) return;
    const registers = [this.registry];
    new Gauge({
      name: 'db_pool_connections',
      help: 'Pooled connections by state: idle (open, free) or active (running a statement or holding a transaction)',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = pool.stats();
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'active' }, stats.active);
      },
    });
    const gauges: [string, string, (s: PoolStats) => number][] = [
      ['db_pool_size', 'Connections the pool holds open to PostgreSQL (idle and active)', (s) => s.size],
      ['db_pool_waiting', 'Statements and transactions waiting for a connection now', (s) => s.waiting],
      ['db_pool_max', 'DB_POOL_MAX: connections the pool may open', (s) => s.max],
      ['db_pool_min', 'DB_POOL_MIN (at most DB_POOL_MAX): connections the pool keeps open', (s) => s.min],
    ];
    for (const [name, help, read] of gauges) {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(pool.stats()));
        },
      });
    }
  }

  /** For the pool's onAcquire hook: one wait for a connection, granted or given up. */
  onAcquire = (waitMs: number, ok: boolean) => {
    if (ok) this.poolAcquire.observe(waitMs / 1000);
    else this.poolTimeouts.inc();
  };

  /** For the driver's per-statement hook. */
  onQuery = (text: string) => {
    const kind =
      /^\s*(select|insert|update|delete|with|begin|commit|rollback)\b/i.exec(text)?.[1]?.toLowerCase() ??
      'other';
    this.statements.inc({ kind });
  };

  /** For the cache's per-lookup hook. */
  onCacheLookup = (hit: boolean, key: string) => {
    const store = key.startsWith('config:') ? 'config' : key.startsWith('user:') ? 'session' : 'response';
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss', store });
  };

  /**
   * Serves GET /metrics; with a token, only to `Authorization: Bearer <token>`. Goes after the
   * per-address request limit (src/app.ts), so scrapes are limited like any request.
   */
  endpoint(token?: string): Plugin {
    const expected = token ? createHash('sha256').update(`Bearer ${token}`).digest() : null;
    const authorized = (header: string | null) =>
      !expected ||
      timingSafeEqual(
        createHash('sha256')
          .update(header ?? '')
          .digest(),
        expected,
      );
    return {
      onRequest: async ({ request, url, endResponse, fetchAPI }) => {
        if (url.pathname !== '/metrics' || request.method !== 'GET') return;
        if (!authorized(request.headers.get('authorization'))) {
          endResponse(
            new fetchAPI.Response('unauthorized\n', {
              status: 401,
              headers: { 'www-authenticate': 'Bearer' },
            }),
          );
          return;
        }
        endResponse(
          new fetchAPI.Response(await this.registry.metrics(), {
            headers: { 'content-type': this.registry.contentType },
          }),
        );
      },
    };
  }

  /** Times every request (first in the plugin list, so refusals are timed too). */
  /** One answered request (also for the ones the response cache's HTTP edge answers). */
  observeRequest(path: string, status: number, seconds: number) {
    this.requestDuration.observe(
      {
        path: path === '/graphql' || path === '/healthz' || path === '/readyz' ? path : 'other',
        status: String(status),
      },
      seconds,
    );
  }

  plugin(): Plugin {
    const timers = new WeakMap<Request, number>();
    return {
      onRequest: ({ request }) => {
        timers.set(request, performance.now());
      },
      onResponse: ({ request, response }) => {
        const started = timers.get(request);
        if (started === undefined) return;
        this.observeRequest(
          new URL(request.url).pathname,
          response.status,
          (performance.now() - started) / 1000,
        );
      },
    };
  }
}
