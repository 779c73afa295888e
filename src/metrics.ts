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
import type { MissCoalescer } from './cache/coalesce.js';
import type { Database } from './db/client.js';
import type { PoolStats } from './db/pool.js';
import type { ReplicaSet } from './db/replicas.js';
import { query } from './db/sql.js';
import { logLinesDropped } from './log.js';
import { type RequestInfo, requestContext } from './request-context.js';

const DB_GAUGE_TTL_MS = 5000;

const STATEMENT_KINDS = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'begin',
  'commit',
  'rollback',
]);

/**
 * A statement's kind from its first word (select, insert, update, delete, with, begin, commit,
 * rollback, else other). Runs for every statement: a scan of at most nine characters, no regex.
 */
export function statementKind(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  let end = start;
  // Letters only (`| 32` folds upper case); nine at most: every kind is shorter, so a longer word
  // (`selected`, `updates`) never equals one.
  while (end < text.length && end - start < 9) {
    const c = text.charCodeAt(end) | 32;
    if (c < 97 || c > 122) break;
    end++;
  }
  // A word that goes on with a digit or an underscore (`select_1`) is another word.
  const next = text.charCodeAt(end);
  if (next === 95 || (next >= 48 && next <= 57)) return 'other';
  const word = text.slice(start, end).toLowerCase();
  return STATEMENT_KINDS.has(word) ? word : 'other';
}

/** Operation names longer than this are not given a label of their own. */
const MAX_OPERATION_LABEL = 100;
/** The labels that mean something else than a client's operation name. */
const RESERVED_LABELS = new Set(['none', 'anonymous', 'other']);

/**
 * The `operation` label of a statement, with bounded cardinality: a request's GraphQL operation
 * name for the first `max` distinct names that run a statement (since start), `other` for any
 * name after those (or longer than 100 characters), `anonymous` for an operation without a name
 * (and for statements a request sends before its document is parsed: its session lookup), `none`
 * for statements outside any request (start-up, migrations, the /metrics gauges' shared reads).
 * Names are the client's choice, so a client can use up the `max` slots; the series stay bounded
 * either way.
 */
export class OperationLabels {
  private readonly known = new Set<string>();
  constructor(readonly max: number) {}

  of(request: RequestInfo | undefined): string {
    if (!request) return 'none';
    const name = request.operationName;
    if (name === null) return 'anonymous';
    if (this.known.has(name)) return name;
    // A client's operation named like a reserved label would pass its statements off as it.
    if (RESERVED_LABELS.has(name)) return 'other';
    if (this.known.size >= this.max || name.length > MAX_OPERATION_LABEL) return 'other';
    // A new label only for a signed-in request: anyone may send a sign-in with an invented name.
    if (!request.signedIn) return 'other';
    this.known.add(name);
    return name;
  }
}

export interface MetricsOptions {
  /** Distinct operation names given a label of their own in `db_query_duration_seconds` (50). */
  maxOperations?: number;
}

/** `read` at most once per `ttlMs`: concurrent and later callers within it share one promise. */
function cachedFor<T>(ttlMs: number, read: () => Promise<T>): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    const now = performance.now();
    // Outside the scrape that happens to start it: a read shared by every scrape in the interval
    // is no request's (its statement counts under operation `none`).
    if (!last || now - last.at >= ttlMs) last = { at: now, value: requestContext.exit(read) };
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

  /**
   * The guide's `query_duration`: every statement the application sends, by kind and GraphQL
   * operation, timed by the pool from sending to its last row (not the wait for a connection).
   * Buckets from half a millisecond (an index lookup) to the 30 s statement timeout.
   */
  readonly queryDuration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'SQL statements by kind and GraphQL operation (bounded: see README), excluding the wait for a connection',
    labelNames: ['kind', 'operation'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    registers: [this.registry],
  });
  private readonly operations: OperationLabels;
  /** The histogram's children by operation, then kind: labels checked once per series, not per statement. */
  private readonly durationSeries = new Map<string, Map<string, { observe(value: number): void }>>();

  constructor(
    /** The application_name of its pool's connections. */
    readonly application: string,
    options: MetricsOptions = {},
  ) {
    this.operations = new OperationLabels(options.maxOperations ?? 50);
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'log_lines_dropped_total',
      help: "Log lines dropped because stdout's reader did not keep up (1 MiB of them queued: src/log.ts)",
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(logLinesDropped());
      },
    });
  }

  /** One statement's time (the pool's onStatement, with the request it belongs to). */
  observeStatement(text: string, ms: number, request: RequestInfo | undefined) {
    const operation = this.operations.of(request);
    const kind = statementKind(text);
    let byKind = this.durationSeries.get(operation);
    if (!byKind) {
      byKind = new Map();
      this.durationSeries.set(operation, byKind);
    }
    let series = byKind.get(kind);
    if (!series) {
      series = this.queryDuration.labels({ kind, operation });
      byKind.set(kind, series);
    }
    series.observe(ms / 1000);
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

  /** What the response cache's miss coalescing did (src/cache/coalesce.ts), read at scrape time. */
  watchCoalescer(coalescer: MissCoalescer) {
    new Counter({
      name: 'response_cache_coalesced_total',
      help: 'Misses that waited for another request computing the same answer, by outcome: served from the cache after waiting, or computed after all',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'served' }, coalescer.stats.served);
        this.inc({ outcome: 'computed' }, coalescer.stats.computed);
      },
    });
    new Gauge({
      name: 'response_cache_coalesce_waiting',
      help: 'Requests waiting now for another request computing the same answer',
      registers: [this.registry],
      collect() {
        this.set(coalescer.waiting);
      },
    });
  }

  /** Each read replica's state at scrape time (src/db/replicas.ts): whether it serves, and its lag. */
  watchReplicas(replicas: ReplicaSet) {
    new Gauge({
      name: 'db_replica_serving',
      help: 'Whether the read replica serves queries (1) or every read goes to the primary (0)',
      labelNames: ['replica'],
      registers: [this.registry],
      collect() {
        for (const r of replicas.status()) this.set({ replica: r.name }, r.serving ? 1 : 0);
      },
    });
    new Gauge({
      name: 'db_replica_lag_seconds',
      help: 'How long ago the primary WAL position the read replica has replayed was read (at most, plus one poll)',
      labelNames: ['replica'],
      registers: [this.registry],
      collect() {
        for (const r of replicas.status())
          if (r.lagMs !== null) this.set({ replica: r.name }, r.lagMs / 1000);
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
    this.statements.inc({ kind: statementKind(text) });
  };

  /** For the cache's per-lookup hook. */
  onCacheLookup = (hit: boolean, key: string) => {
    const store = key.startsWith('config:') ? 'config' : key.startsWith('user:') ? 'session' : 'response';
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss', store });
  };

  /**
   * Serves GET /metrics; with a token, only to `Authorization: Bearer <token>`. Goes after the
   * per-address request limit (src/app.ts), so scrapes are limited like any request.
   *
   * It stays on the API's port: a second listener would need limits, timeouts and a deployment
   * story of its own, while Prometheus sends a bearer token as easily (`authorization` in its
   * scrape config). Without a token it is served only when `open` (development and test); in
   * production it then answers 404, as if absent, and start-up warns (src/app.ts): the series name
   * every operation, the pool's load and the process's memory, which is not for anyone who can
   * reach the API.
   */
  endpoint(token?: string, open = true): Plugin {
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
        if (!expected && !open) {
          endResponse(new fetchAPI.Response('not found\n', { status: 404 }));
          return;
        }
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
