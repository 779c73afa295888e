import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres, { type Sql } from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogSnapshot } from '../../src/db/catalog.js';
import { reservePostgres, type SqlExecutor } from '../../src/db/executor.js';
import { DEFAULT_MIGRATIONS_DIR, MigrationRunner, readMigrations } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** The database guide's index set, as the catalog reports it. */
const GUIDE_INDEXES = [
  { name: 'idx_reconciliations_status', table: 'reconciliations', method: 'btree', keys: ['status'] },
  {
    name: 'idx_reconciliations_pending',
    table: 'reconciliations',
    method: 'btree',
    keys: ['created_at'],
    predicate: "status = 'pending'::reconciliation_status",
  },
  {
    name: 'idx_reconciliations_project_status',
    table: 'reconciliations',
    method: 'btree',
    keys: ['project_id', 'status'],
  },
  {
    name: 'idx_reconciliations_covering',
    table: 'reconciliations',
    method: 'btree',
    keys: ['status', 'created_at'],
    include: ['reference', 'amount'],
  },
  { name: 'idx_reconciliations_metadata', table: 'reconciliations', method: 'gin', keys: ['metadata'] },
  { name: 'idx_audit_logs_created_brin', table: 'audit_logs', method: 'brin', keys: ['created_at'] },
  { name: 'idx_reconciliations_project_id', table: 'reconciliations', method: 'btree', keys: ['project_id'] },
  {
    name: 'idx_reconciliations_created_at',
    table: 'reconciliations',
    method: 'btree',
    keys: ['created_at desc'],
  },
  {
    name: 'idx_reconciliations_status_created',
    table: 'reconciliations',
    method: 'btree',
    keys: ['status', 'created_at desc'],
  },
  {
    name: 'idx_reconciliation_items_reconciliation_id',
    table: 'reconciliation_items',
    method: 'btree',
    keys: ['reconciliation_id'],
  },
  { name: 'idx_users_email', table: 'users', method: 'btree', keys: ['email'] },
  { name: 'idx_users_org_id', table: 'users', method: 'btree', keys: ['organization_id'] },
  { name: 'idx_audit_logs_user_id', table: 'audit_logs', method: 'btree', keys: ['user_id'] },
  { name: 'idx_audit_logs_action', table: 'audit_logs', method: 'btree', keys: ['action'] },
  { name: 'idx_audit_logs_created', table: 'audit_logs', method: 'btree', keys: ['created_at desc'] },
];

/** Keyset pagination within a tenant or parent: (scope, sort key desc, id desc). */
const KEYSET_INDEXES = [
  ['idx_projects_org_created', 'projects', ['organization_id', 'created_at desc', 'id desc']],
  ['idx_reconciliations_org_created', 'reconciliations', ['organization_id', 'created_at desc', 'id desc']],
  [
    'idx_reconciliations_org_project_created',
    'reconciliations',
    ['organization_id', 'project_id', 'created_at desc', 'id desc'],
  ],
  ['idx_audit_logs_org_created', 'audit_logs', ['organization_id', 'created_at desc', 'id desc']],
  [
    'idx_reconciliation_items_org_reconciliation_created',
    'reconciliation_items',
    ['organization_id', 'reconciliation_id', 'created_at', 'id'],
  ],
] as const;

const OUR_TABLES = [
  'audit_logs',
  'matching_rules',
  'organizations',
  'projects',
  'reconciliation_items',
  'reconciliation_status_counts',
  'reconciliations',
  'sessions',
  'settings',
  'users',
];

describe('migrations on PostgreSQL', () => {
  let testDb: TestDatabase;
  let sql: Sql;
  let executor: SqlExecutor;
  let runner: MigrationRunner;
  const snapshot = () => catalogSnapshot(executor);

  beforeAll(async () => {
    testDb = await createTestDatabase('migrations');
    sql = postgres(testDb.url, { max: 4, onnotice: () => {} });
    executor = await reservePostgres(sql);
    runner = new MigrationRunner(executor);
  });
  afterAll(async () => {
    await executor.release();
    await sql.end();
    await testDb.drop();
  });

  it('goes empty -> all up -> all down -> all up with the same catalog', async () => {
    const empty = await snapshot();
    expect(empty.tables).toEqual([]);

    const versions = (await readMigrations()).map((m) => m.version);
    expect(await runner.migrate()).toEqual(versions);
    const up = await snapshot();
    expect(up.tables).toEqual([...OUR_TABLES, 'schema_migrations'].sort());
    expect(up.indexes.every((i) => i.valid)).toBe(true);
    // No empty table is analyzed: statistics saying "empty" make the plans of a later bulk insert
    // (a foreign key's check of each row) scan the table row by row while it fills (reltuples -1:
    // never analyzed, so PostgreSQL assumes some size and seeks the index).
    const analyzed = await executor.query<{ relname: string }>(
      `select relname from pg_class where relkind = 'r' and reltuples >= 0
          and relnamespace = 'public'::regnamespace and relname <> 'schema_migrations'`,
    );
    expect(analyzed).toEqual([]);

    expect(await runner.undo(-1)).toEqual([...versions].reverse());
    const down = await snapshot();
    // Nothing of ours is left but the (empty) history table and its primary key.
    expect(down.tables).toEqual(['schema_migrations']);
    expect(down.types).toEqual([]);
    expect(down.routines).toEqual([]);
    expect(down.indexes.map((i) => i.name)).toEqual(['schema_migrations_pkey']);
    expect(await executor.query('select * from schema_migrations')).toEqual([]);

    expect(await runner.migrate()).toEqual(versions);
    expect(await snapshot()).toEqual(up);
  });

  it('undoes each migration back to the catalog before it', async () => {
    await runner.undo(-1);
    const migrations = await readMigrations();
    for (const m of migrations) {
      const before = await snapshot();
      await runner.migrate();
      // Re-apply only up to m: undo everything after it first.
      await runner.undo(m.version);
      const withM = await snapshot();
      await runner.undo(m.version - 1);
      expect(await snapshot(), `undo of ${m.file}`).toEqual(before);
      await runner.migrate();
      await runner.undo(m.version);
      expect(await snapshot()).toEqual(withM);
    }
    await runner.migrate();
  });

  it('has every index of the database guide with its method, columns and predicate', async () => {
    await runner.migrate();
    const { indexes } = await snapshot();
    const byName = new Map(indexes.map((i) => [i.name, i]));
    for (const expected of GUIDE_INDEXES) {
      const actual = byName.get(expected.name);
      expect(actual, expected.name).toBeDefined();
      expect(actual).toMatchObject({
        table: expected.table,
        method: expected.method,
        keys: expected.keys,
        include: expected.include ?? [],
        predicate: expected.predicate ?? null,
        valid: true,
      });
    }
    for (const [name, table, keys] of KEYSET_INDEXES) {
      expect(byName.get(name)).toMatchObject({ table, method: 'btree', keys: [...keys], valid: true });
    }
  });

  it('indexes every foreign key by its leading columns', async () => {
    await runner.migrate();
    const fks = await executor.query<{ table: string; cols: string[] }>(
      `select c.conrelid::regclass::text as "table",
              array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o) as cols
         from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    const { indexes } = await snapshot();
    expect(fks.length).toBeGreaterThan(8);
    for (const fk of fks) {
      const covered = indexes.some((i) => i.table === fk.table && i.keys[0]?.split(' ')[0] === fk.cols[0]);
      expect(covered, `${fk.table}(${fk.cols.join(', ')})`).toBe(true);
    }
  });

  it('lets two runners started at once apply each migration exactly once', async () => {
    await runner.undo(-1);
    const a = await reservePostgres(sql);
    const b = await reservePostgres(sql);
    const waits: string[] = [];
    try {
      const [ranA, ranB] = await Promise.all([
        new MigrationRunner(a, { log: (l) => waits.push(`a: ${l}`) }).migrate(),
        new MigrationRunner(b, { log: (l) => waits.push(`b: ${l}`) }).migrate(),
      ]);
      const versions = (await readMigrations()).map((m) => m.version);
      expect([...ranA, ...ranB].sort()).toEqual(versions);
      expect([ranA.length, ranB.length].sort()).toEqual([0, versions.length]);
      expect(waits.some((l) => l.includes('waiting for its lock'))).toBe(true);
      const history = await executor.query<{ version: number }>(
        'select version from schema_migrations order by 1',
      );
      expect(history.map((h) => h.version)).toEqual(versions);
    } finally {
      await a.release();
      await b.release();
    }
  });
});

describe('migration runner safety', () => {
  let testDb: TestDatabase;
  let sql: Sql;
  let executor: SqlExecutor;
  let dir: string;

  beforeEach(async () => {
    testDb = await createTestDatabase('runner');
    sql = postgres(testDb.url, { max: 2, onnotice: () => {} });
    executor = await reservePostgres(sql);
    dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    // The runner's own cases number their migrations from 0002: the baseline is the first two real
    // ones (tables and indexes), whatever later migrations the project adds.
    await cp(DEFAULT_MIGRATIONS_DIR, dir, {
      recursive: true,
      filter: (source) => !/\d{4}_[^/]*\.sql$/.test(source) || /(^|\/)000[01]_[^/]*\.sql$/.test(source),
    });
  });
  afterEach(async () => {
    await executor.release();
    await sql.end();
    await testDb.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, up: string, down: string) =>
    Promise.all([
      writeFile(path.join(dir, `${name}.sql`), up),
      writeFile(path.join(dir, `${name}.down.sql`), down),
    ]);

  it('refuses a migration edited after it was applied', async () => {
    const runner = new MigrationRunner(executor, { dir });
    await runner.migrate();
    const file = path.join(dir, '0000_init.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- an innocent edit\n`);
    await expect(runner.migrate()).rejects.toThrow(/0000_init\.sql was edited after it was applied/);
    await expect(runner.validate()).rejects.toThrow(/edited/);
    expect((await runner.info()).find((m) => m.version === 0)?.state).toBe('checksum-mismatch');
  });

  it('refuses a pending migration older than the last applied one', async () => {
    await write('0005_later', 'create table later (id int);', 'drop table later;');
    const runner = new MigrationRunner(executor, { dir });
    await runner.migrate();
    await write('0003_forgotten', 'create table forgotten (id int);', 'drop table forgotten;');
    await expect(runner.migrate()).rejects.toThrow(/0003_forgotten\.sql is out of order/);
    const tables = await executor.query("select 1 from pg_class where relname = 'forgotten'");
    expect(tables).toEqual([]);
  });

  it('refuses a migration without an undo file', async () => {
    await writeFile(path.join(dir, '0007_no_undo.sql'), 'select 1;');
    await expect(new MigrationRunner(executor, { dir }).migrate()).rejects.toThrow(
      /0007_no_undo\.sql has no undo file/,
    );
  });

  it('rolls a failing transactional migration back whole', async () => {
    await write(
      '0004_half',
      'create table half (id int);\n--> statement-breakpoint\nselect 1 / 0;',
      'drop table half;',
    );
    const runner = new MigrationRunner(executor, { dir });
    await expect(runner.migrate()).rejects.toThrow(/division by zero/);
    expect(await executor.query("select 1 from pg_class where relname = 'half'")).toEqual([]);
    const state = (await runner.info()).map((m) => [m.version, m.state]);
    expect(state).toEqual([
      [0, 'applied'],
      [1, 'applied'],
      [4, 'pending'],
    ]);
  });

  it('drops an INVALID index left by a failed concurrent build and builds it again', async () => {
    await write(
      '0002_dupes',
      'create table dupes (a int);\n--> statement-breakpoint\ninsert into dupes values (1), (1);',
      'drop table dupes;',
    );
    await write(
      '0003_unique',
      '-- migrate:no-transaction\ncreate unique index concurrently if not exists idx_dupes_a on dupes (a);',
      '-- migrate:no-transaction\ndrop index concurrently if exists idx_dupes_a;',
    );
    const logs: string[] = [];
    const runner = new MigrationRunner(executor, { dir, log: (l) => logs.push(l) });
    await expect(runner.migrate()).rejects.toThrow(/could not create unique index/);
    const [left] = await executor.query<{ valid: boolean }>(
      "select indisvalid as valid from pg_index where indexrelid = 'idx_dupes_a'::regclass",
    );
    expect(left?.valid).toBe(false);
    expect((await runner.info()).at(-1)?.state).toBe('pending');

    await executor.exec('delete from dupes where ctid <> (select min(ctid) from dupes)');
    expect(await runner.migrate()).toEqual([3]);
    expect(logs).toContain('dropping invalid index idx_dupes_a left by an earlier failed build');
    const [rebuilt] = await executor.query<{ valid: boolean }>(
      "select indisvalid as valid from pg_index where indexrelid = 'idx_dupes_a'::regclass",
    );
    expect(rebuilt?.valid).toBe(true);
  });
});
