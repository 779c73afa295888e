/**
 * `npm run db:report`: the database guide's monitoring queries ("Index Maintenance", "Key
 * Metrics") for this database: index use and unused indexes with their size, table scans and dead
 * rows (vacuum), the buffer cache hit ratio, and the slowest statements when pg_stat_statements is
 * installed (it needs `shared_preload_libraries`; the report says so when it is not).
 */
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from './client.js';
import type { SqlExecutor } from './executor.js';

type Row = Record<string, unknown>;

function table(title: string, rows: Row[]): string {
  if (!rows.length) return `${title}\n  (none)\n`;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(width[i]!)).join('  ')}`;
  return [title, line(cols), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n') + '\n';
}

export async function report(db: SqlExecutor): Promise<string> {
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
  parts.push(
    slowest
      ? table('Slowest statements by mean time (pg_stat_statements)', slowest)
      : 'Slowest statements\n  pg_stat_statements is not available: add it to shared_preload_libraries and run\n  `create extension pg_stat_statements`.\n',
  );
  return parts.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfigOrExit();
  const database = await openDatabase(config);
  const executor = await database.executor();
  try {
    process.stdout.write(await report(executor));
  } finally {
    await executor.release();
    await database.close();
  }
}
