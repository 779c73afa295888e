/**
 * Prometheus metrics at GET /metrics (the guide's "Performance Monitoring"): request durations,
 * statements sent by kind, response-cache hits and misses, and, read at scrape time from
 * PostgreSQL's own views, the pool's connections by state and the buffer cache hit ratio
 * (postgres.js exposes no pool statistics, porsager/postgres#443). Those reads are cached for
 * DB_GAUGE_TTL_MS, so scrapes cost PostgreSQL at most one query per gauge per interval.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/client.js';
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

  constructor(private readonly application: string) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Adds the gauges read from PostgreSQL's statistics views at scrape time. */
  watchDatabase(database: Database) {
    if (database.kind !== 'postgres') return;
    const application = this.application;
    const connections = cachedFor(
      DB_GAUGE_TTL_MS,
      () =>
        query<{ state: string; n: number }>(
          database.db,
          sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
            where application_name = ${application} and datname = current_database() group by 1`,
        ).catch(() => []), // PostgreSQL down: leave the gauge empty, keep the rest of the scrape
    );
    const hitRatio = cachedFor(DB_GAUGE_TTL_MS, () =>
      query<{ ratio: number | null }>(
        database.db,
        sql`select (sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0))::float8 as ratio
            from pg_statio_user_tables`,
      ).catch(() => []),
    );
    new Gauge({
      name: 'db_connections',
      help: 'Connections of this application to PostgreSQL, by state (pg_stat_activity)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const rows = await connections();
        this.reset();
        for (const r of rows) this.set({ state: r.state }, r.n);
      },
    });
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
