/**
 * db:report's pool sections. The report is a process of its own with its own connection, so its
 * pool says nothing: the running server's pool is read from the server's /metrics (the statistics
 * src/db/pool.ts keeps: size, idle, active, waiting, acquire time and timeouts), and PostgreSQL's
 * side from pg_stat_activity (every client of this database, by application_name and state, and the
 * server's max_connections), so the two can be compared.
 */
import type { SqlExecutor } from './executor.js';

export interface PoolReportOptions {
  /** The running server's /metrics. */
  metricsUrl: string;
  /** Sent as `Authorization: Bearer` (METRICS_TOKEN). */
  token?: string | undefined;
  /** How long to wait for the server. */
  timeoutMs?: number;
}

export interface ReportSection {
  title: string;
  rows: Record<string, unknown>[];
  /** In place of rows: why there are none. */
  note?: string;
}

/** Prometheus text exposition to series -> value (`name` or `name{labels}` as written). */
export function parseMetrics(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    if (at > 0) series.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return series;
}

const ms = (seconds: number) => (Number.isFinite(seconds) ? (seconds * 1000).toFixed(2) : '');

/**
 * The upper bound of the histogram bucket holding quantile `q` of `name` (`le` labels only), or
 * null with no observations: "at most this long" rather than an interpolated guess.
 */
export function bucketQuantile(series: Map<string, number>, name: string, q: number): number | null {
  const count = series.get(`${name}_count`) ?? 0;
  if (!count) return null;
  const buckets = [...series]
    .map(([key, n]) => ({ le: /^[^{]+_bucket\{le="([^"]+)"\}$/.exec(key)?.[1], key, n }))
    .filter((b) => b.le !== undefined && b.key.startsWith(`${name}_bucket{`))
    .map((b) => ({ le: b.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(b.le), n: b.n }))
    .sort((a, b) => a.le - b.le);
  return buckets.find((b) => b.n >= q * count)?.le ?? null;
}

/** The server's pool, as its /metrics reports it; a note when the server cannot be read. */
export async function serverPool(options: PoolReportOptions): Promise<ReportSection> {
  const title = `Pool of the running server (${options.metricsUrl})`;
  let text: string;
  try {
    const response = await fetch(options.metricsUrl, {
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
    if (response.status === 401) {
      return { title, rows: [], note: "refused (401): set METRICS_TOKEN to the server's token" };
    }
    if (!response.ok) {
      return {
        title,
        rows: [],
        note: `answered ${response.status} (in production /metrics needs METRICS_TOKEN set on the server)`,
      };
    }
    text = await response.text();
  } catch (err) {
    // fetch's own error says only "fetch failed": the reason is its cause (ECONNREFUSED, ...).
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error).message;
    return {
      title,
      rows: [],
      note: `the server is not reachable (${reason}): start it, or give its address with --metrics-url`,
    };
  }
  const series = parseMetrics(text);
  if (!series.has('db_pool_size')) {
    return { title, rows: [], note: 'no pool statistics there (the server runs on the embedded database?)' };
  }
  const get = (name: string) => series.get(name) ?? Number.NaN;
  const acquires = get('db_pool_acquire_seconds_count');
  const p99 = bucketQuantile(series, 'db_pool_acquire_seconds', 0.99);
  return {
    title,
    rows: [
      {
        size: get('db_pool_size'),
        idle: get('db_pool_connections{state="idle"}'),
        active: get('db_pool_connections{state="active"}'),
        waiting: get('db_pool_waiting'),
        min: get('db_pool_min'),
        max: get('db_pool_max'),
        acquires,
        acquire_mean_ms: acquires ? ms(get('db_pool_acquire_seconds_sum') / acquires) : '',
        acquire_p99_ms: p99 === null ? '' : `<= ${ms(p99)}`,
        acquire_timeouts: get('db_pool_acquire_timeouts_total'),
      },
    ],
  };
}

/** PostgreSQL's view: this database's client connections by application and state, and the server's limit. */
export async function postgresConnections(db: SqlExecutor): Promise<ReportSection[]> {
  const byApplication = await db.query(
    `select application_name as application, coalesce(state, '') as state, count(*)::int as connections,
            coalesce(max(extract(epoch from now() - state_change))::int, 0) as longest_in_state_s
       from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
      group by 1, 2 order by 1, 2`,
  );
  const server = await db.query(
    `select count(*)::int as client_connections, current_setting('max_connections')::int as max_connections,
            current_setting('superuser_reserved_connections')::int as reserved_for_superusers
       from pg_stat_activity where backend_type = 'client backend'`,
  );
  return [
    {
      title:
        "Connections to this database, by application and state (pg_stat_activity; this report's own left out)",
      rows: byApplication,
    },
    { title: 'Connections to the whole server (pg_stat_activity, max_connections)', rows: server },
  ];
}

/** Both sides, the server's pool first. */
export async function poolSections(db: SqlExecutor, options: PoolReportOptions): Promise<ReportSection[]> {
  return [await serverPool(options), ...(await postgresConnections(db))];
}

/**
 * Where the running server's /metrics is: `--metrics-url <url>` (or `--metrics-url=<url>`), else
 * METRICS_URL, else this host on PORT.
 */
export function metricsUrlFrom(argv: string[], env: NodeJS.ProcessEnv, port: number): string {
  const at = argv.findIndex((a) => a === '--metrics-url' || a.startsWith('--metrics-url='));
  const flag =
    at < 0 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=').slice(1).join('=') : argv[at + 1];
  return flag || env.METRICS_URL || `http://127.0.0.1:${port}/metrics`;
}
