/**
 * `npm run db:report`: the database guide's monitoring queries ("Index Maintenance", "Key
 * Metrics") for this database: index use and unused indexes with their size, table scans and dead
 * rows (vacuum), the buffer cache hit ratio, and the slowest statements when pg_stat_statements is
 * installed (it needs `shared_preload_libraries`; the report says so when it is not), and index
 * bloat and invalid indexes (indexHealthSections), and the running server's pool beside PostgreSQL's
 * connections (src/db/report-pool.ts; `--metrics-url` or METRICS_URL, else this host on PORT).
 */
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from './client.js';
import type { SqlExecutor } from './executor.js';
import { bytes, indexHealth, leftoverOf, percent } from './reindex.js';
import { metricsUrlFrom, type PoolReportOptions, poolSections } from './report-pool.js';

type Row = Record<string, unknown>;

function table(title: string, rows: Row[]): string {
  if (!rows.length) return `${title}\n  (none)\n`;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(width[i]!)).join('  ')}`;
  return [title, line(cols), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n') + '\n';
}

export async function report(db: SqlExecutor, options: { pool?: PoolReportOptions } = {}): Promise<string> {
  const parts: string[] = [];
  parts.push(
    table(
      'Index usage (pg_stat_user_indexes)',
      await db.query(
        `select relname as table, indexrelname as index, idx_scan as scans, idx_tup_read as tuples_read,
                pg_size_pretty(pg_relation_size(indexrelid)) as size
           from pg_stat_user_indexes order by idx_scan desc, relname, indexrelname`,
      ),
    ),
  );
  parts.push(
    table(
      'Unused indexes (never scanned since statistics were reset; primary keys left out)',
      await db.query(
        `select relname as table, indexrelname as index, pg_size_pretty(pg_relation_size(indexrelid)) as size
           from pg_stat_user_indexes where idx_scan = 0 and indexrelname not like '%_pkey'
          order by pg_relation_size(indexrelid) desc`,
      ),
    ),
  );
  parts.push(
    table(
      'Tables: scans, live and dead rows, last vacuum (pg_stat_user_tables)',
      await db.query(
        `select relname as table, seq_scan, idx_scan, n_live_tup as live, n_dead_tup as dead,
                coalesce(greatest(last_vacuum, last_autovacuum)::text, 'never') as last_vacuum,
                pg_size_pretty(pg_total_relation_size(relid)) as total_size
           from pg_stat_user_tables order by n_live_tup desc`,
      ),
    ),
  );
  parts.push(
    table(
      'Buffer cache hit ratio (pg_statio_user_tables)',
      await db.query(
        `select round(sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0), 4) as cache_hit_ratio
           from pg_statio_user_tables`,
      ),
    ),
  );
  const [statements] = await db.query<{ installed: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'pg_stat_statements') as installed`,
  );
  // Created but not preloaded, reading it fails: report it as unavailable rather than crash.
  const slowest = statements?.installed
    ? await db
        .query(
          `select left(regexp_replace(query, '\\s+', ' ', 'g'), 80) as query, calls,
                  round(mean_exec_time::numeric, 2) as mean_ms, round(max_exec_time::numeric, 2) as max_ms,
                  round(total_exec_time::numeric, 0) as total_ms
             from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
            order by mean_exec_time desc limit 20`,
        )
        .catch(() => null)
    : null;
  parts.push(...(await indexHealthSections(db)));
  parts.push(
    slowest
      ? table('Slowest statements by mean time (pg_stat_statements)', slowest)
      : 'Slowest statements\n  pg_stat_statements is not available: add it to shared_preload_libraries and run\n  `create extension pg_stat_statements`.\n',
  );
  // The running server's pool (from its /metrics) beside PostgreSQL's view (src/db/report-pool.ts).
  if (options.pool) {
    for (const s of await poolSections(db, options.pool))
      parts.push(s.note ? `${s.title}\n  ${s.note}\n` : table(s.title, s.rows));
  }
  return parts.join('\n');
}

/**
 * Index bloat (every index: a figure for valid B-trees, a note for the rest) and invalid indexes
 * with what to do about each; `npm run db:reindex` acts on both (src/db/reindex.ts).
 */
export async function indexHealthSections(db: SqlExecutor): Promise<string[]> {
  const all = await indexHealth(db);
  const sources = [...new Set(all.map((i) => i.source).filter((s) => s !== null))];
  const how = sources.includes('pgstatindex')
    ? "exact: pgstattuple's pgstatindex"
    : 'B-tree estimate from pg_class and pg_stats, after ioguix; pgstattuple makes it exact';
  const byBloat = [...all].sort(
    (a, b) => (b.bloatBytes ?? -1) - (a.bloatBytes ?? -1) || a.index.localeCompare(b.index),
  );
  const bloat = table(
    `Index bloat (${how})`,
    byBloat.map((i) => ({
      table: i.table,
      index: i.schema === 'public' ? i.index : `${i.schema}.${i.index}`,
      type: i.method,
      size: bytes(i.sizeBytes),
      bloat: i.bloatBytes === null ? '' : bytes(i.bloatBytes),
      ratio: i.bloatRatio === null ? '' : percent(i.bloatRatio),
      source: i.source ?? i.note,
    })),
  );
  const invalid = table(
    'Invalid indexes (pg_index.indisvalid = false: not used by queries, yet updated by every write)',
    all
      .filter((i) => !i.valid)
      .map((i) => {
        const leftover = leftoverOf(i, all);
        return {
          table: i.table,
          index: i.schema === 'public' ? i.index : `${i.schema}.${i.index}`,
          size: bytes(i.sizeBytes),
          what:
            leftover?.kind === 'ccnew'
              ? `leftover of a failed REINDEX CONCURRENTLY of ${leftover.original.index}: db:reindex drops it and retries`
              : leftover?.kind === 'ccold'
                ? `old copy of ${leftover.original.index} (rebuilt): db:reindex drops it`
                : i.exclusion
                  ? 'exclusion constraint: rebuild with plain REINDEX INDEX (blocks writes) in a quiet window'
                  : 'a failed CREATE INDEX CONCURRENTLY or REINDEX: db:reindex rebuilds it',
        };
      }),
  );
  return [bloat, invalid];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfigOrExit();
  const database = await openDatabase(config);
  const executor = await database.executor();
  try {
    const metricsUrl = metricsUrlFrom(process.argv.slice(2), process.env, config.PORT);
    process.stdout.write(await report(executor, { pool: { metricsUrl, token: config.METRICS_TOKEN } }));
  } finally {
    await executor.release();
    await database.close();
  }
}
