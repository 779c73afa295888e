/**
 * Index health and `npm run db:reindex` (the guide's "Reindex bloated indexes").
 *
 * `indexHealth` lists every index of this database's own schemas (never system catalogs) with an
 * estimate of its bloat and whether it is valid; `db:report` prints it. `planReindex` picks what to
 * rebuild: invalid indexes, bloated ones over the thresholds, and the leftovers of a failed
 * `REINDEX CONCURRENTLY` (`_ccnew`, `_ccold`), which PostgreSQL's REINDEX documentation says to
 * drop (and, for `_ccnew`, to retry the rebuild). `runReindex` prints the plan, and with `apply`
 * runs it one index at a time with `REINDEX INDEX CONCURRENTLY` on a connection of its own
 * (it cannot run in a transaction block), under `lock_timeout` and `statement_timeout`, printing
 * `pg_stat_progress_create_index` from a second connection while it runs.
 */
import postgres, { type Sql } from 'postgres';
import { loadConfigOrExit } from '../config.js';
import { reservePostgres, type SqlExecutor } from './executor.js';

export interface IndexHealth {
  oid: number;
  schema: string;
  table: string;
  index: string;
  /** Access method: btree, gin, brin, ... */
  method: string;
  valid: boolean;
  /** Backs an exclusion constraint: PostgreSQL cannot rebuild those concurrently. */
  exclusion: boolean;
  sizeBytes: number;
  /** Bytes a fresh build would not need; null when not estimated (see `note`). */
  bloatBytes: number | null;
  bloatRatio: number | null;
  /** Where the figure comes from: the catalog estimate, or pgstattuple's exact pgstatindex. */
  source: 'estimate' | 'pgstatindex' | null;
  /** Why there is no figure, when there is none. */
  note: string;
}

/**
 * The B-tree estimate, adapted from ioguix's "btree bloat estimation" query
 * (github.com/ioguix/pgsql-bloat-estimation, btree/btree_bloat.sql, BSD licence): the pages a
 * fresh build at the index's fillfactor would need, from the index's row count (pg_class.reltuples)
 * and its columns' average width and null fraction (pg_stats), against the index's actual size.
 * A leaf tuple is a 4-byte line pointer plus an 8-byte header (12 with a null bitmap) and the data,
 * each padded to MAXALIGN; a page has 24 bytes of header and 16 of B-tree special space.
 * Differences from the original: the size is pg_relation_size (not relpages, which lags until the
 * next VACUUM or ANALYZE), an index whose columns have no statistics is kept (with no figure)
 * rather than dropped by an inner join, and every index type is listed.
 * B-tree deduplication (PostgreSQL 13+) packs repeated keys tighter than this model, so for
 * low-cardinality keys the estimate errs low (it reports less bloat than there is), never high.
 */
const HEALTH_SQL = `
with idx as (
  select ci.oid as index_oid, i.indrelid as table_oid, n.nspname as schema, ct.relname as table_name,
         ci.relname as index_name, am.amname as method, i.indisvalid as valid, i.indisexclusion as exclusion,
         i.indnatts as natts, i.indkey, ci.reltuples, pg_relation_size(ci.oid) as size_bytes,
         coalesce((select o.option_value::int from pg_options_to_table(ci.reloptions) o
                    where o.option_name = 'fillfactor'), 90) as fillfactor
    from pg_index i
    join pg_class ci on ci.oid = i.indexrelid
    join pg_class ct on ct.oid = i.indrelid
    join pg_namespace n on n.oid = ci.relnamespace
    join pg_am am on am.oid = ci.relam
   where ci.relkind = 'i'
     and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname !~ '^pg_(toast|temp_)'
),
-- every column of the index (keys and INCLUDE); an expression's statistics are kept under the index
cols as (
  select idx.index_oid, idx.schema, a.attname, a.atttypid,
         case when idx.indkey[k.pos - 1] = 0 then idx.index_name else idx.table_name end as stats_rel
    from idx
    cross join lateral generate_series(1, idx.natts) k(pos)
    join pg_attribute a
      on a.attrelid = case when idx.indkey[k.pos - 1] = 0 then idx.index_oid else idx.table_oid end
     and a.attnum = case when idx.indkey[k.pos - 1] = 0 then k.pos else idx.indkey[k.pos - 1] end
),
width as (
  select c.index_oid, count(s.attname) = count(*) as has_stats,
         bool_or(c.atttypid = 'pg_catalog.name'::regtype) as has_name,
         max(coalesce(s.null_frac, 0)) > 0 as has_nulls,
         sum((1 - coalesce(s.null_frac, 0)) * coalesce(s.avg_width, 1024)) as data_width
    from cols c
    left join pg_stats s on s.schemaname = c.schema and s.tablename = c.stats_rel and s.attname = c.attname
   group by c.index_oid
),
est as (
  select idx.*, coalesce(w.has_stats, false) as has_stats, coalesce(w.has_name, false) as has_name,
         current_setting('block_size')::numeric as bs,
         4 + ceil((case when w.has_nulls then 12 else 8 end) / ma.v) * ma.v + ceil(w.data_width / ma.v) * ma.v
           as tuple_bytes
    from idx
    left join width w using (index_oid)
    -- MAXALIGN: 8 on 64-bit builds
    cross join (select case when version() ~ 'mingw32|64-bit|x86_64|ppc64|ia64|amd64' then 8 else 4 end as v) ma
)
select index_oid::int8 as oid, schema, table_name, index_name, method, valid, exclusion, size_bytes::bigint,
       fillfactor, bs::int as block_size,
       case
         when method <> 'btree' then 'not estimated: ' || method || ' index'
         when not valid then 'not estimated: invalid index'
         when has_name then 'not estimated: a column of type name (statistics too poor)'
         when reltuples < 0 or not has_stats then 'no statistics yet: ANALYZE ' || table_name
         else ''
       end as note,
       case when method = 'btree' and valid and not has_name and reltuples >= 0 and has_stats
            then (1 + ceil(reltuples / floor((bs - 24 - 16) * fillfactor / (100 * tuple_bytes)))) * bs
       end::bigint as expected_bytes
  from est
 order by schema, table_name, index_name`;

/**
 * pgstattuple's pgstatindex reads the whole index: the exact leaf density, and the empty and
 * deleted pages. A fresh build packs the same leaf data to the fillfactor and keeps the inner
 * pages and the metapage. Only called for valid B-tree indexes (it refuses invalid ones).
 */
const PGSTATINDEX_SQL = `
select s.oid::int8 as oid,
       (1 + (p).internal_pages
          -- an index with no leaf tuples has a NaN density (and PostgreSQL's NaN equals itself)
          + case when (p).avg_leaf_density = 'NaN' then 0
                 else ceil((p).leaf_pages * (p).avg_leaf_density / s.fillfactor) end) * s.block_size
         as expected_bytes
  from (select x.oid, x.fillfactor, x.block_size, pgstatindex(x.oid::regclass) as p
          from unnest($1::oid[], $2::int[], $3::int[]) as x(oid, fillfactor, block_size)) s`;

interface HealthRow {
  oid: string | number;
  schema: string;
  table_name: string;
  index_name: string;
  method: string;
  valid: boolean;
  exclusion: boolean;
  size_bytes: string | number;
  fillfactor: number;
  block_size: number;
  note: string;
  expected_bytes: string | number | null;
}

/** Every index of this database's own schemas with its bloat figure and validity. */
export async function indexHealth(db: SqlExecutor): Promise<IndexHealth[]> {
  const rows = await db.query<HealthRow>(HEALTH_SQL);
  const exact = await exactBloat(db, rows);
  return rows.map((r) => {
    const size = Number(r.size_bytes);
    const expected =
      exact.get(Number(r.oid)) ?? (r.expected_bytes === null ? null : Number(r.expected_bytes));
    const bloat = expected === null ? null : Math.max(size - expected, 0);
    return {
      oid: Number(r.oid),
      schema: r.schema,
      table: r.table_name,
      index: r.index_name,
      method: r.method,
      valid: r.valid,
      exclusion: r.exclusion,
      sizeBytes: size,
      bloatBytes: bloat,
      bloatRatio: bloat === null || size === 0 ? null : bloat / size,
      source: bloat === null ? null : exact.has(Number(r.oid)) ? 'pgstatindex' : 'estimate',
      note: r.note,
    };
  });
}

/** pgstatindex figures by index OID when pgstattuple is installed and usable here; else none. */
async function exactBloat(db: SqlExecutor, rows: HealthRow[]): Promise<Map<number, number>> {
  const [ext] = await db.query<{ installed: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'pgstattuple') as installed`,
  );
  const btree = rows.filter((r) => r.method === 'btree' && r.valid);
  if (!ext?.installed || !btree.length) return new Map();
  // Without the privilege (pg_stat_scan_tables) it fails: fall back to the estimate.
  const exact = await db
    .query<{ oid: string | number; expected_bytes: string | number }>(
      PGSTATINDEX_SQL,
      // array literals: the same text on postgres.js and PGlite
      [btree.map((r) => r.oid), btree.map((r) => r.fillfactor), btree.map((r) => r.block_size)].map(
        (a) => `{${a.join(',')}}`,
      ),
    )
    .catch(() => []);
  return new Map(
    exact
      .map((r) => [Number(r.oid), Number(r.expected_bytes)] as const)
      .filter(([, v]) => Number.isFinite(v)),
  );
}

const LEFTOVER = /_cc(new|old)\d*$/;
const NAME_MAX = 63;

/**
 * Whether an invalid index is what a failed `REINDEX CONCURRENTLY` of another index on the same
 * table left behind: PostgreSQL names its transient copy `<name>_ccnew` and the original, once
 * swapped out, `<name>_ccold` (a digit appended on a clash, `<name>` cut short to fit 63 bytes).
 */
export function leftoverOf(
  index: IndexHealth,
  all: IndexHealth[],
): { kind: 'ccnew' | 'ccold'; original: IndexHealth } | null {
  const match = LEFTOVER.exec(index.index);
  if (index.valid || !match) return null;
  const base = index.index.slice(0, match.index);
  const truncated = Buffer.byteLength(index.index) >= NAME_MAX - 1;
  const original = all.find(
    (o) =>
      o.oid !== index.oid &&
      o.schema === index.schema &&
      o.table === index.table &&
      !LEFTOVER.test(o.index) &&
      (o.index === base || (truncated && o.index.startsWith(base))),
  );
  return original ? { kind: match[1] === 'new' ? 'ccnew' : 'ccold', original } : null;
}

export interface Thresholds {
  /** Rebuild a valid B-tree index when its bloat is at least this share of its size (0..1). */
  minBloatRatio: number;
  /** ... and its size is at least this many bytes. */
  minSizeBytes: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { minBloatRatio: 0.3, minSizeBytes: 10 * 1024 * 1024 };

export interface PlanStep {
  action: 'drop' | 'reindex' | 'skip';
  schema: string;
  table: string;
  index: string;
  reason: string;
  sizeBytes: number;
  bloatRatio: number | null;
  /** Leftovers this rebuild waits on: if dropping one failed, the rebuild is not attempted. */
  after?: string[];
}

/**
 * What db:reindex does, in order: drop the leftovers of failed concurrent rebuilds, then rebuild
 * the invalid indexes, then the bloated ones, largest bloat first.
 */
export function planReindex(all: IndexHealth[], thresholds: Thresholds = DEFAULT_THRESHOLDS): PlanStep[] {
  const step = (i: IndexHealth, action: PlanStep['action'], reason: string): PlanStep => ({
    action,
    schema: i.schema,
    table: i.table,
    index: i.index,
    reason,
    sizeBytes: i.sizeBytes,
    bloatRatio: i.bloatRatio,
  });
  const drops: PlanStep[] = [];
  const retries = new Map<number, { original: IndexHealth; leftovers: string[] }>();
  const invalid: PlanStep[] = [];
  for (const i of all.filter((x) => !x.valid)) {
    const leftover = leftoverOf(i, all);
    if (leftover?.kind === 'ccold') {
      drops.push(
        step(i, 'drop', `_ccold leftover: ${leftover.original.index} was rebuilt, the old copy remained`),
      );
    } else if (leftover) {
      drops.push(step(i, 'drop', `_ccnew leftover of a failed rebuild of ${leftover.original.index}`));
      const retry = retries.get(leftover.original.oid) ?? { original: leftover.original, leftovers: [] };
      retry.leftovers.push(i.index);
      retries.set(leftover.original.oid, retry);
    } else if (i.exclusion) {
      invalid.push(step(i, 'skip', 'invalid, but an exclusion constraint cannot be rebuilt concurrently'));
    } else {
      invalid.push(step(i, 'reindex', 'invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX)'));
    }
  }
  const bloated: PlanStep[] = [];
  const byBloat = all
    .filter((i) => i.valid && i.bloatRatio !== null)
    .sort((a, b) => (b.bloatBytes ?? 0) - (a.bloatBytes ?? 0));
  for (const i of byBloat) {
    if (retries.has(i.oid)) continue;
    if (i.bloatRatio! < thresholds.minBloatRatio || i.sizeBytes < thresholds.minSizeBytes) continue;
    const why = `bloat ${percent(i.bloatRatio!)} (${bytes(i.bloatBytes!)}, ${i.source})`;
    bloated.push(
      i.exclusion
        ? step(i, 'skip', `${why}, but an exclusion constraint cannot be rebuilt concurrently`)
        : step(i, 'reindex', why),
    );
  }
  const retried = [...retries.values()].map(({ original, leftovers }) => ({
    ...step(
      original,
      'reindex',
      'retry of the failed concurrent rebuild (its _ccnew leftover is dropped first)',
    ),
    after: leftovers,
  }));
  return [...drops, ...retried, ...invalid, ...bloated];
}

export interface ReindexOptions extends Thresholds {
  /** Without it, print the plan and change nothing. */
  apply: boolean;
  lockTimeoutMs: number;
  /** 0: no limit. */
  statementTimeoutMs: number;
  progressIntervalMs: number;
  applicationName: string;
  /** Aborting cancels the running statement (its _ccnew copy is left to the next run) and starts no further step. */
  signal?: AbortSignal;
}

export const DEFAULT_OPTIONS: ReindexOptions = {
  ...DEFAULT_THRESHOLDS,
  apply: false,
  lockTimeoutMs: 5_000,
  statementTimeoutMs: 3_600_000,
  progressIntervalMs: 2_000,
  applicationName: 'db-reindex',
};

export interface StepResult extends PlanStep {
  ok: boolean;
  sizeAfterBytes: number | null;
  ms: number;
  error?: string;
}

export interface ReindexResult {
  plan: PlanStep[];
  results: StepResult[];
  failed: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (s: { schema: string; index: string }) => `${quote(s.schema)}.${quote(s.index)}`;
/** How the plan and the summary name an index. */
const shown = (s: { schema: string; index: string }) => `${s.schema}.${s.index}`;

/**
 * db:reindex against the database at `url`: prints the plan through `out`; with `apply`, runs it.
 * Opens two connections of its own (the worker and the progress monitor) and closes them.
 */
export async function runReindex(
  url: string,
  options: Partial<ReindexOptions> = {},
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<ReindexResult> {
  const o = { ...DEFAULT_OPTIONS, ...options };
  // The monitor's reads take the same limits: pgstatindex reads whole indexes.
  const connect = (suffix: string) =>
    postgres(url, {
      max: 1,
      prepare: false,
      onnotice: () => {},
      connection: {
        application_name: `${o.applicationName.slice(0, 50)}-${suffix}`,
        lock_timeout: o.lockTimeoutMs,
        statement_timeout: o.statementTimeoutMs,
      },
    });
  const monitorSql = connect('monitor');
  const workerSql = connect('worker');
  const monitor = await reservePostgres(monitorSql);
  try {
    const plan = planReindex(await indexHealth(monitor), o);
    printPlan(plan, o, out);
    if (!o.apply || !plan.length) return { plan, results: [], failed: 0 };
    const [{ pid } = { pid: 0 }] = await workerSql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const results: StepResult[] = [];
    // On abort, cancel what the worker is running (a failed step; its _ccnew copy, whose drop
    // would wait like the rebuild did, is left to the next run) and start nothing more.
    const cancel = () => {
      out('Interrupted: cancelling the running statement; no further step starts.');
      monitor.query('select pg_cancel_backend($1)', [pid]).catch(() => {});
    };
    o.signal?.addEventListener('abort', cancel, { once: true });
    for (const [n, s] of plan.entries()) {
      if (o.signal?.aborted) break;
      out(`[${n + 1}/${plan.length}] ${s.action} ${shown(s)} (${bytes(s.sizeBytes)}): ${s.reason}`);
      // Rebuilding while a _ccnew copy could not be dropped would only add a _ccnew1 beside it.
      const blocked = s.after?.find((name) =>
        results.some((r) => r.action === 'drop' && r.index === name && r.schema === s.schema && !r.ok),
      );
      const result: StepResult =
        s.action === 'skip'
          ? { ...s, ok: true, sizeAfterBytes: s.sizeBytes, ms: 0 }
          : blocked
            ? {
                ...s,
                ok: false,
                sizeAfterBytes: null,
                ms: 0,
                error: `not attempted: ${blocked} could not be dropped`,
              }
            : await runStep(s, { worker: workerSql, pid, monitor }, o, out);
      results.push(result);
      out(
        result.ok
          ? `  done in ${(result.ms / 1000).toFixed(1)} s: ${bytes(s.sizeBytes)} -> ${bytes(result.sizeAfterBytes ?? 0)}`
          : `  FAILED after ${(result.ms / 1000).toFixed(1)} s: ${result.error}`,
      );
    }
    o.signal?.removeEventListener('abort', cancel);
    // A step not started because of an interruption counts as failed: the plan was not done.
    const failed = results.filter((r) => !r.ok).length + (plan.length - results.length);
    printSummary(results, plan.length - results.length, out);
    return { plan, results, failed };
  } finally {
    await monitor.release();
    await Promise.all([workerSql.end({ timeout: 5 }), monitorSql.end({ timeout: 5 })]);
  }
}

interface Connections {
  worker: Sql;
  /** The worker's backend pid, to find its row in pg_stat_progress_create_index. */
  pid: number;
  monitor: SqlExecutor;
}

async function runStep(
  s: PlanStep,
  c: Connections,
  o: ReindexOptions,
  out: (line: string) => void,
): Promise<StepResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (s.action === 'drop') {
    try {
      await c.worker.unsafe(`drop index concurrently if exists ${qualified(s)}`);
      return { ...s, ok: true, sizeAfterBytes: 0, ms: elapsed() };
    } catch (err) {
      return { ...s, ok: false, sizeAfterBytes: s.sizeBytes, ms: elapsed(), error: describe(err) };
    }
  }
  const before = new Set((await ccnewOn(c.monitor, s)).map((r) => r.oid));
  const progress = watchProgress(c.monitor, c.pid, o.progressIntervalMs, out);
  let error: string | undefined;
  try {
    await c.worker.unsafe(`reindex index concurrently ${qualified(s)}`);
  } catch (err) {
    error = describe(err);
  } finally {
    await progress.stop();
  }
  const ms = elapsed();
  if (error === undefined) {
    const [after] = await c.monitor.query<{ size: string; valid: boolean }>(
      `select pg_relation_size(c.oid) as size, i.indisvalid as valid
         from pg_class c join pg_index i on i.indexrelid = c.oid
        where c.relnamespace = (select oid from pg_namespace where nspname = $1) and c.relname = $2`,
      [s.schema, s.index],
    );
    const ok = after?.valid === true;
    return {
      ...s,
      ok,
      sizeAfterBytes: Number(after?.size ?? 0),
      ms,
      ...(ok ? {} : { error: 'still invalid' }),
    };
  }
  // A failed concurrent rebuild leaves its transient copy (INVALID, yet updated by every write):
  // drop it now, as the REINDEX documentation advises; if that fails too, the next run drops it.
  for (const left of (await ccnewOn(c.monitor, s)).filter((r) => !before.has(r.oid))) {
    const name = qualified({ schema: s.schema, index: left.name });
    if (o.signal?.aborted) {
      out(`  interrupted: the leftover ${name} remains; the next db:reindex drops it`);
      continue;
    }
    try {
      await c.worker.unsafe(`drop index concurrently if exists ${name}`);
      out(`  dropped the leftover ${name}`);
    } catch (err) {
      out(`  could not drop the leftover ${name} (${describe(err)}): the next db:reindex drops it`);
    }
  }
  return { ...s, ok: false, sizeAfterBytes: null, ms, error };
}

/** The invalid `_ccnew` indexes on the step's table. */
async function ccnewOn(db: SqlExecutor, s: PlanStep): Promise<{ oid: number; name: string }[]> {
  const rows = await db.query<{ oid: string; name: string }>(
    `select c.oid::int8 as oid, c.relname as name
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = (select t.oid from pg_class t join pg_namespace n on n.oid = t.relnamespace
                           where n.nspname = $1 and t.relname = $2)
        and not i.indisvalid and c.relname ~ '_ccnew[0-9]*$'`,
    [s.schema, s.table],
  );
  return rows.map((r) => ({ oid: Number(r.oid), name: r.name }));
}

/** Polls pg_stat_progress_create_index for the worker and prints each change. */
function watchProgress(db: SqlExecutor, pid: number, intervalMs: number, out: (line: string) => void) {
  let stopped = false;
  let wake: () => void = () => {};
  let last = '';
  const loop = (async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
      if (stopped) break;
      const [p] = await db
        .query<Record<string, string | number | null>>(
          `select phase, lockers_done, lockers_total, current_locker_pid, blocks_done, blocks_total,
                  tuples_done, tuples_total
             from pg_stat_progress_create_index where pid = $1`,
          [pid],
        )
        .catch(() => []);
      if (!p) continue;
      const parts = [String(p.phase)];
      if (Number(p.blocks_total) > 0) parts.push(`blocks ${p.blocks_done}/${p.blocks_total}`);
      if (Number(p.tuples_total) > 0) parts.push(`tuples ${p.tuples_done}/${p.tuples_total}`);
      if (Number(p.lockers_total) > 0) {
        parts.push(`lockers ${p.lockers_done}/${p.lockers_total}`);
        if (Number(p.current_locker_pid)) parts.push(`waiting for pid ${p.current_locker_pid}`);
      }
      const line = `  progress: ${parts.join(', ')}`;
      if (line !== last) out(line);
      last = line;
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}

function describe(err: unknown): string {
  // The message and SQLSTATE only: a unique violation's detail quotes the duplicated values.
  const e = err as { message?: string; code?: string };
  const hint =
    e.code === '55P03'
      ? ' (another session holds a conflicting lock: retry later or raise --lock-timeout-ms)'
      : e.code === '57014' && e.message?.includes('statement timeout')
        ? ' (raise --statement-timeout-ms)'
        : e.code === '23505'
          ? ' (duplicate values: fix the data, then run db:reindex again)'
          : '';
  return `${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}${hint}`;
}

function printPlan(plan: PlanStep[], o: ReindexOptions, out: (line: string) => void) {
  out(
    `db:reindex ${o.apply ? '' : '(dry run) '}thresholds: bloat >= ${percent(o.minBloatRatio)} and size >= ${bytes(o.minSizeBytes)}; ` +
      `lock_timeout ${o.lockTimeoutMs} ms, statement_timeout ${o.statementTimeoutMs || 'none'}${o.statementTimeoutMs ? ' ms' : ''}`,
  );
  if (!plan.length) {
    out('Nothing to do: no invalid index, no leftover, nothing over the thresholds.');
    return;
  }
  out(
    grid(
      ['action', 'index', 'table', 'size', 'bloat', 'reason'],
      plan.map((s) => [
        s.action,
        shown(s),
        s.table,
        bytes(s.sizeBytes),
        s.bloatRatio === null ? '' : percent(s.bloatRatio),
        s.reason,
      ]),
    ),
  );
  if (!o.apply) out('Dry run: nothing changed. Run `npm run db:reindex -- --apply` to do it.');
}

function printSummary(results: StepResult[], notStarted: number, out: (line: string) => void) {
  const failed = results.filter((r) => !r.ok).length;
  out('Summary');
  out(
    grid(
      ['action', 'index', 'result', 'before', 'after', 'seconds'],
      results.map((r) => [
        r.action,
        shown(r),
        r.ok ? (r.action === 'skip' ? 'skipped' : 'ok') : 'FAILED',
        bytes(r.sizeBytes),
        r.sizeAfterBytes === null ? '' : bytes(r.sizeAfterBytes),
        (r.ms / 1000).toFixed(1),
      ]),
    ),
  );
  const saved = results
    .filter((r) => r.ok && r.sizeAfterBytes !== null)
    .reduce((sum, r) => sum + r.sizeBytes - r.sizeAfterBytes!, 0);
  out(
    `${results.length - failed} done, ${failed} failed${notStarted ? `, ${notStarted} not started` : ''}; ${bytes(saved)} freed.`,
  );
}

function grid(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (v: string[]) => `  ${v.map((x, i) => x.padEnd(width[i]!)).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)}%`;
}

/** Sizes the way pg_size_pretty prints them. */
export function bytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 10 * 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Math.round(v)} ${units[u]}`;
}

/** Command-line flags over REINDEX_* variables over the defaults; throws on a bad value. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): Partial<ReindexOptions> {
  const flags = new Map<string, string>();
  let apply = false;
  for (const arg of argv) {
    if (arg === '--apply') apply = true;
    else if (/^--[a-z-]+=/.test(arg))
      flags.set(arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else throw new Error(`unknown argument ${arg} (see README: db:reindex)`);
  }
  const number = (
    flag: string,
    variable: string,
    fallback: number,
    max = Number.MAX_SAFE_INTEGER,
    min = 0,
  ) => {
    const raw = flags.get(flag) ?? env[variable];
    flags.delete(flag);
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max)
      throw new Error(`--${flag} / ${variable}: not a number in ${min}..${max}: "${raw}"`);
    return v;
  };
  const options: Partial<ReindexOptions> = {
    // Only the flag applies: a variable left in a shell must not turn a look into a rebuild.
    apply,
    minBloatRatio: number('min-bloat-ratio', 'REINDEX_MIN_BLOAT_RATIO', DEFAULT_OPTIONS.minBloatRatio, 1),
    minSizeBytes:
      number('min-size-mb', 'REINDEX_MIN_SIZE_MB', DEFAULT_OPTIONS.minSizeBytes / 1024 / 1024) * 1024 * 1024,
    lockTimeoutMs: Math.round(
      // At least 1 ms: PostgreSQL's 0 means "wait for the lock forever", behind the very writers
      // a concurrent rebuild must not block.
      number('lock-timeout-ms', 'REINDEX_LOCK_TIMEOUT_MS', DEFAULT_OPTIONS.lockTimeoutMs, undefined, 1),
    ),
    statementTimeoutMs: Math.round(
      number('statement-timeout-ms', 'REINDEX_STATEMENT_TIMEOUT_MS', DEFAULT_OPTIONS.statementTimeoutMs),
    ),
    progressIntervalMs: Math.max(
      100,
      Math.round(
        number('progress-interval-ms', 'REINDEX_PROGRESS_INTERVAL_MS', DEFAULT_OPTIONS.progressIntervalMs),
      ),
    ),
  };
  const unknown = [...flags.keys()];
  if (unknown.length) throw new Error(`unknown option --${unknown[0]} (see README: db:reindex)`);
  return options;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfigOrExit();
  let options: Partial<ReindexOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`db:reindex: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (!config.DATABASE_URL) {
    process.stderr.write(
      'db:reindex: needs DATABASE_URL (PostgreSQL); the embedded PGlite database has one connection and nothing to rebuild concurrently\n',
    );
    process.exit(2);
  }
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  const result = await runReindex(config.DATABASE_URL, {
    ...options,
    applicationName: `${config.DB_APPLICATION_NAME}-reindex`,
    signal: interrupt.signal,
  });
  process.exitCode = result.failed ? 1 : 0;
}
