import { spawn } from 'node:child_process';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type IndexHealth,
  indexHealth,
  parseOptions,
  planReindex,
  runReindex,
} from '../../src/db/reindex.js';
import { report } from '../../src/db/report.js';
import { createMigratedDatabase, whileLocked } from '../helpers/db.js';

// Only the indexes these tests bloat pass this size (the migrated schema's tables are empty).
const MIN_SIZE = 256 * 1024;

describe('db:report index health and db:reindex', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let sql: postgres.Sql;
  // A database per test: each plan sees only the test's own tables.
  beforeEach(async () => {
    handle = await createMigratedDatabase('reindex');
    sql = postgres(handle.testDb.url, { max: 1, onnotice: () => {} });
  });
  afterEach(async () => {
    await sql?.end();
    await handle?.close();
  });

  /** A table of `rows` rows with an index on a text column, then 90% of it deleted and vacuumed. */
  async function bloated(table: string, rows = 20_000): Promise<string> {
    const index = `idx_${table}_code`;
    // No primary key: only the one index this test is about.
    await sql.unsafe(`create table ${table} (id int not null, code text not null)`);
    await sql.unsafe(`insert into ${table} select g, md5(g::text) from generate_series(1, ${rows}) g`);
    await sql.unsafe(`create index ${index} on ${table} (code)`);
    await sql.unsafe(`delete from ${table} where id % 10 <> 0`);
    await sql.unsafe(`vacuum analyze ${table}`);
    return index;
  }

  async function health(): Promise<IndexHealth[]> {
    const executor = await handle.database.executor();
    try {
      return await indexHealth(executor);
    } finally {
      await executor.release();
    }
  }

  async function reportText(): Promise<string> {
    const executor = await handle.database.executor();
    try {
      return await report(executor);
    } finally {
      await executor.release();
    }
  }

  async function indexState(name: string) {
    const [row] = await sql<{ oid: string; size: string; valid: boolean }[]>`
      select c.oid::int8 as oid, pg_relation_size(c.oid) as size, i.indisvalid as valid
        from pg_class c join pg_index i on i.indexrelid = c.oid where c.relname = ${name}`;
    return row ? { oid: row.oid, size: Number(row.size), valid: row.valid } : null;
  }

  async function indexNames(like: string): Promise<string[]> {
    const rows = await sql<{ relname: string }[]>`
      select relname from pg_class where relkind = 'i' and relname like ${like} order by relname`;
    return rows.map((r) => r.relname);
  }

  const silent = () => {};

  it('estimates B-tree bloat, lists other index types as not estimated, and leaves system catalogs out', async () => {
    const index = await bloated('bloat_demo');
    const all = await health();
    expect(all.some((i) => /^(pg_|information_schema)/.test(i.schema))).toBe(false);
    const demo = all.find((i) => i.index === index)!;
    expect(demo).toMatchObject({ method: 'btree', valid: true, source: 'estimate' });
    // 90% of the rows are gone and VACUUM does not shrink a B-tree: most of it is bloat.
    expect(demo.bloatRatio).toBeGreaterThan(0.6);
    expect(demo.bloatBytes).toBeGreaterThan(MIN_SIZE);
    const gin = all.find((i) => i.index === 'idx_reconciliations_metadata')!;
    expect(gin).toMatchObject({ method: 'gin', bloatBytes: null, note: 'not estimated: gin index' });
    expect(all.find((i) => i.index === 'idx_audit_logs_created_brin')?.note).toBe(
      'not estimated: brin index',
    );

    const text = await reportText();
    expect(text).toContain('Index bloat (B-tree estimate');
    expect(text).toMatch(
      new RegExp(`bloat_demo\\s+${index}\\s+btree\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+\\d+%\\s+estimate`),
    );
    expect(text).toMatch(/idx_reconciliations_metadata\s+gin\s+.*not estimated: gin index/);
    expect(text).toContain('Invalid indexes');

    // With pgstattuple installed the figure is pgstatindex's, and it agrees.
    await sql`create extension pgstattuple`;
    try {
      const exact = (await health()).find((i) => i.index === index)!;
      expect(exact.source).toBe('pgstatindex');
      expect(exact.bloatRatio).toBeGreaterThan(0.6);
      const text = await reportText();
      expect(text).toContain("Index bloat (exact: pgstattuple's pgstatindex)");
      // pgstatindex gives NaN density for an empty index (the migrated schema's tables are empty)
      expect(text).not.toContain('NaN');
    } finally {
      await sql`drop extension pgstattuple`;
    }
  });

  it('plans in a dry run without changing anything, and rebuilds the bloated index with --apply', async () => {
    const index = await bloated('bloat_demo');
    const before = (await indexState(index))!;
    const lines: string[] = [];
    const dry = await runReindex(handle.testDb.url, { minSizeBytes: MIN_SIZE }, (l) => lines.push(l));
    expect(dry.plan.map((s) => [s.action, s.index])).toEqual([['reindex', index]]);
    expect(dry.results).toEqual([]);
    expect(lines.join('\n')).toContain('Dry run: nothing changed');
    expect(await indexState(index)).toEqual(before);

    lines.length = 0;
    const applied = await runReindex(
      handle.testDb.url,
      { apply: true, minSizeBytes: MIN_SIZE, progressIntervalMs: 100 },
      (l) => lines.push(l),
    );
    expect(applied.failed).toBe(0);
    const after = (await indexState(index))!;
    expect(after.valid).toBe(true);
    // REINDEX CONCURRENTLY builds a new index and gives it the old name: a new OID.
    expect(after.oid).not.toBe(before.oid);
    expect(after.size).toBeLessThan(before.size / 2);
    expect(applied.results[0]).toMatchObject({
      index,
      ok: true,
      sizeBytes: before.size,
      sizeAfterBytes: after.size,
    });
    expect(lines.join('\n')).toMatch(/Summary[\s\S]*1 done, 0 failed/);
    expect(await indexNames('idx_bloat_demo_code%')).toEqual([index]);

    await sql`analyze bloat_demo`;
    expect((await runReindex(handle.testDb.url, { minSizeBytes: MIN_SIZE }, silent)).plan).toEqual([]);
  });

  it('reports an index a failed CREATE UNIQUE INDEX CONCURRENTLY left INVALID, and rebuilds it once the data allows', async () => {
    await sql`create table dup_demo (id int primary key, code int not null)`;
    await sql`insert into dup_demo select g, g % 500 from generate_series(1, 1000) g`;
    await expect(
      sql.unsafe('create unique index concurrently idx_dup_demo_code on dup_demo (code)'),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await indexState('idx_dup_demo_code'))?.valid).toBe(false);
    expect(await reportText()).toMatch(
      /Invalid indexes[^\n]*\n.*\n\s+dup_demo\s+idx_dup_demo_code\s+.*a failed CREATE INDEX CONCURRENTLY or REINDEX/,
    );

    // Invalid indexes are rebuilt whatever their size; with duplicates the rebuild fails, is
    // reported, and leaves no _ccnew copy behind.
    const lines: string[] = [];
    const first = await runReindex(handle.testDb.url, { apply: true, minSizeBytes: MIN_SIZE }, (l) =>
      lines.push(l),
    );
    expect(first.plan.map((s) => [s.action, s.index])).toEqual([['reindex', 'idx_dup_demo_code']]);
    expect(first.failed).toBe(1);
    expect(first.results[0]!.error).toContain('[23505]');
    expect(lines.join('\n')).toContain('dropped the leftover "public"."idx_dup_demo_code_ccnew"');
    expect(await indexNames('idx_dup_demo_code%')).toEqual(['idx_dup_demo_code']);

    await sql`delete from dup_demo where id > 500`;
    const second = await runReindex(handle.testDb.url, { apply: true, minSizeBytes: MIN_SIZE }, silent);
    expect(second.failed).toBe(0);
    expect((await indexState('idx_dup_demo_code'))?.valid).toBe(true);
  });

  it('drops a _ccold leftover (the rebuild itself succeeded)', async () => {
    await sql`create table old_demo (id int not null, code int not null)`;
    await sql`insert into old_demo select g, g % 10 from generate_series(1, 100) g`;
    await sql`create index idx_old_demo_code on old_demo (code)`;
    // An invalid index named as PostgreSQL names the old copy of a rebuilt index.
    await expect(
      sql.unsafe('create unique index concurrently idx_old_demo_code_ccold on old_demo (code)'),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await reportText()).toMatch(
      /idx_old_demo_code_ccold\s+.*old copy of idx_old_demo_code \(rebuilt\)/,
    );
    const result = await runReindex(handle.testDb.url, { apply: true, minSizeBytes: MIN_SIZE }, silent);
    expect(result.plan.map((s) => [s.action, s.index])).toEqual([['drop', 'idx_old_demo_code_ccold']]);
    expect(result.failed).toBe(0);
    expect(await indexNames('idx_old_demo_code%')).toEqual(['idx_old_demo_code']);
  });

  it('gives up on a locked table after lock_timeout, reports it, rebuilds the others, and the CLI exits 1', async () => {
    const locked = await bloated('lock_demo', 10_000);
    const free = await bloated('free_demo', 10_000);
    const lines: string[] = [];
    const started = performance.now();
    const result = await whileLocked(
      handle.testDb.url,
      (tx) => tx`lock table lock_demo in share update exclusive mode`,
      () =>
        runReindex(handle.testDb.url, { apply: true, minSizeBytes: MIN_SIZE / 2, lockTimeoutMs: 300 }, (l) =>
          lines.push(l),
        ),
    );
    const ms = performance.now() - started;
    expect(result.plan.map((s) => s.index).sort()).toEqual([free, locked].sort());
    expect(result.failed).toBe(1);
    expect(result.results.find((r) => r.index === locked)).toMatchObject({ ok: false });
    expect(result.results.find((r) => r.index === locked)!.error).toMatch(/lock timeout.*\[55P03\]/);
    expect(result.results.find((r) => r.index === free)).toMatchObject({ ok: true });
    expect(result.results.find((r) => r.index === locked)!.ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(30_000);
    expect(lines.join('\n')).toContain('1 done, 1 failed');
    expect(await indexNames('idx_lock_demo_code%')).toEqual([locked]);

    // The command: same failure, exit code 1, no hang.
    const cli = await whileLocked(
      handle.testDb.url,
      (tx) => tx`lock table lock_demo in share update exclusive mode`,
      () => runCli(handle.testDb.url, ['--apply', '--min-size-mb=0.125', '--lock-timeout-ms=300']),
    );
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/FAILED .*lock timeout/);
  });

  it('a rebuild that times out waiting for a writer leaves a _ccnew copy; the next run drops it and retries', async () => {
    const index = await bloated('lock_demo', 10_000);
    const lines: string[] = [];
    // An open transaction that wrote to the table: REINDEX CONCURRENTLY has built its copy and
    // waits for that writer, then gives up; dropping the copy waits for it too, and gives up.
    // A second run meanwhile cannot drop the copy either, and so does not rebuild beside it.
    const [result, again] = await whileLocked(
      handle.testDb.url,
      (tx) => tx`insert into lock_demo values (-1, 'writer')`,
      async () => [
        await runReindex(
          handle.testDb.url,
          { apply: true, minSizeBytes: MIN_SIZE / 2, lockTimeoutMs: 3000, progressIntervalMs: 100 },
          (l) => lines.push(l),
        ),
        await runReindex(handle.testDb.url, { apply: true, minSizeBytes: 1e12, lockTimeoutMs: 500 }, silent),
      ],
    );
    expect(result.failed).toBe(1);
    expect(again.results.map((r) => [r.action, r.index, r.ok])).toEqual([
      ['drop', `${index}_ccnew`, false],
      ['reindex', index, false],
    ]);
    expect(again.results[1]!.error).toBe(`not attempted: ${index}_ccnew could not be dropped`);
    const out = lines.join('\n');
    expect(out).toMatch(/progress: waiting for writers before build.*waiting for pid \d+/);
    expect(out).toContain(`could not drop the leftover "public"."${index}_ccnew"`);
    expect(await indexNames(`${index}%`)).toEqual([index, `${index}_ccnew`]);
    expect(await reportText()).toContain(
      `leftover of a failed REINDEX CONCURRENTLY of ${index}: db:reindex drops it and retries`,
    );

    const dry = await runReindex(handle.testDb.url, { minSizeBytes: 1e12 }, silent);
    expect(dry.plan.map((s) => [s.action, s.index])).toEqual([
      ['drop', `${index}_ccnew`],
      ['reindex', index],
    ]);
    const retried = await runReindex(handle.testDb.url, { apply: true, minSizeBytes: 1e12 }, silent);
    expect(retried.failed).toBe(0);
    expect(await indexNames(`${index}%`)).toEqual([index]);
    expect((await indexState(index))?.valid).toBe(true);
  });

  it('an interruption cancels the running rebuild at once and starts no other', async () => {
    const first = await bloated('abort_a', 10_000);
    const second = await bloated('abort_b', 5_000);
    const interrupt = new AbortController();
    const lines: string[] = [];
    const started = performance.now();
    // The rebuild waits for the writer (up to a 60 s lock_timeout) until the interruption.
    const result = await whileLocked(
      handle.testDb.url,
      (tx) => tx`insert into abort_a values (-1, 'writer')`,
      () =>
        runReindex(
          handle.testDb.url,
          {
            apply: true,
            minSizeBytes: MIN_SIZE / 4,
            lockTimeoutMs: 60_000,
            progressIntervalMs: 100,
            signal: interrupt.signal,
          },
          (l) => {
            lines.push(l);
            if (l.includes('waiting for writers')) interrupt.abort();
          },
        ),
    );
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(result.plan.map((s) => s.index)).toEqual([first, second]);
    expect(result.results).toHaveLength(1);
    expect(result.results[0]!.error).toContain('[57014]');
    expect(result.failed).toBe(2);
    expect(lines.join('\n')).toMatch(
      /interrupted: the leftover "public"."idx_abort_a_code_ccnew" remains[\s\S]*1 not started/,
    );
  });

  it('the command is a dry run by default', async () => {
    await bloated('cli_demo', 10_000);
    const before = await indexNames('%');
    const dry = await runCli(handle.testDb.url, ['--min-size-mb=0', '--min-bloat-ratio=0']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\(dry run\)[\s\S]*idx_cli_demo_code[\s\S]*Dry run: nothing changed/);
    expect(await indexNames('%')).toEqual(before);
  });
});

describe('db:reindex options and plan', () => {
  it('reads thresholds and timeouts from flags over REINDEX_* variables', () => {
    expect(
      parseOptions(['--min-bloat-ratio=0.5', '--lock-timeout-ms=100'], {
        REINDEX_MIN_BLOAT_RATIO: '0.2',
        REINDEX_MIN_SIZE_MB: '1',
        REINDEX_STATEMENT_TIMEOUT_MS: '0',
      }),
    ).toMatchObject({
      apply: false,
      minBloatRatio: 0.5,
      minSizeBytes: 1024 * 1024,
      lockTimeoutMs: 100,
      statementTimeoutMs: 0,
    });
    expect(parseOptions(['--apply'], {})).toMatchObject({
      apply: true,
      minBloatRatio: 0.3,
      lockTimeoutMs: 5000,
    });
    expect(() => parseOptions(['--min-bloat-ratio=2'], {})).toThrow(/min-bloat-ratio/);
    expect(() => parseOptions(['--lock-timeout=5'], {})).toThrow(/unknown option --lock-timeout/);
    expect(() => parseOptions(['--aply'], {})).toThrow(/unknown argument --aply/);
    expect(() => parseOptions([], { REINDEX_LOCK_TIMEOUT_MS: 'soon' })).toThrow(/REINDEX_LOCK_TIMEOUT_MS/);
    // 0 is PostgreSQL's "wait forever" for a lock: refused.
    expect(() => parseOptions(['--lock-timeout-ms=0'], {})).toThrow(/lock-timeout-ms.*1\.\./);
  });

  it('plans nothing for an index that is neither invalid nor over the thresholds', () => {
    const healthy: IndexHealth = {
      oid: 1,
      schema: 'public',
      table: 't',
      index: 'idx_t_a',
      method: 'btree',
      valid: true,
      exclusion: false,
      sizeBytes: 100 * 1024 * 1024,
      bloatBytes: 20 * 1024 * 1024,
      bloatRatio: 0.2,
      source: 'estimate',
      note: '',
    };
    expect(planReindex([healthy])).toEqual([]);
    expect(planReindex([{ ...healthy, bloatBytes: 40 * 1024 * 1024, bloatRatio: 0.4 }])).toHaveLength(1);
    expect(planReindex([{ ...healthy, sizeBytes: 1024 * 1024, bloatRatio: 0.9 }])).toEqual([]);
  });
});

function runCli(
  url: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/db/reindex.ts', ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
