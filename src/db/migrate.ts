/**
 * The migration runner: drizzle-kit writes the SQL, this applies it.
 *
 * Why not drizzle's migrator: it runs every pending migration in one transaction (so
 * CREATE INDEX CONCURRENTLY fails, drizzle-orm#860), silently skips a migration older than the
 * last applied one, and has no undo (drizzle-orm#2352). node-pg-migrate has its own file format
 * and would not read drizzle-kit's output. This runner gives, in Flyway's terms:
 * - migrate: strict version order; an edited applied file (checksum) or an out-of-order pending
 *   one is an error, never skipped;
 * - undo: each `NNNN_name.sql` has a `NNNN_name.down.sql`; undo the last or down to a version;
 * - a session-level advisory lock, so two deploys never migrate at once (the second waits);
 * - `-- migrate:no-transaction` on a file's first line runs its statements one by one outside a
 *   transaction (for CONCURRENTLY): an INVALID index a failed build left is dropped before the
 *   statement is retried, and every index it builds is checked valid afterwards.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlExecutor } from './executor.js';

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../drizzle', import.meta.url));
const HISTORY_TABLE = 'schema_migrations';
/** Arbitrary constant shared by every runner of this project: the advisory lock's key. */
const LOCK_KEY = 7_274_011;
const LOCK_POLL_MS = 200;
const BREAKPOINT = '--> statement-breakpoint';
const NO_TRANSACTION = /^\s*--\s*migrate:no-transaction\b/;
const FILE_NAME = /^(\d+)_([a-z0-9_]+)\.sql$/i;

export interface Migration {
  version: number;
  name: string;
  file: string;
  up: string;
  down: string | null;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
  executionMs: number;
}

export interface MigrationStatus extends Migration {
  state: 'applied' | 'pending' | 'checksum-mismatch';
  appliedAt: string | null;
  appliedChecksum: string | null;
}

export class MigrationError extends Error {}

export interface RunnerOptions {
  dir?: string;
  log?: (line: string) => void;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads `NNNN_name.sql` files (and their `.down.sql`) in version order. */
export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => !f.endsWith('.down.sql'));
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = FILE_NAME.exec(file);
    if (!m) continue;
    const up = await readFile(path.join(dir, file), 'utf8');
    const downFile = path.join(dir, file.replace(/\.sql$/, '.down.sql'));
    const down = await readFile(downFile, 'utf8').catch(() => null);
    migrations.push({ version: Number(m[1]), name: m[2]!, file, up, down, checksum: sha256(up) });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new MigrationError(
        `two migrations share version ${migrations[i]!.version}: ${migrations[i - 1]!.file} and ${migrations[i]!.file}`,
      );
    }
  }
  return migrations;
}

/** Splits a file at drizzle-kit's breakpoints into statements, dropping comment-only chunks. */
export function splitStatements(text: string): string[] {
  return text
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.replace(/--.*$/gm, '').trim().length > 0);
}

async function ensureHistory(db: SqlExecutor) {
  await db.exec(`create table if not exists ${HISTORY_TABLE} (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now(),
    execution_ms integer not null,
    applied_by text not null default current_user
  )`);
}

/** The history, or nothing when no runner has created it yet (info and validate never write). */
async function readApplied(db: SqlExecutor): Promise<AppliedMigration[]> {
  const [exists] = await db.query<{ t: string | null }>('select to_regclass($1)::text as t', [HISTORY_TABLE]);
  if (!exists?.t) return [];
  const rows = await db.query<{
    version: number;
    name: string;
    checksum: string;
    applied_at: string;
    execution_ms: number;
  }>(
    `select version, name, checksum, applied_at::text as applied_at, execution_ms
       from ${HISTORY_TABLE} order by version`,
  );
  return rows.map((r) => ({
    version: Number(r.version),
    name: r.name,
    checksum: r.checksum,
    appliedAt: r.applied_at,
    executionMs: Number(r.execution_ms),
  }));
}

/** Checks the files against the history: an edited, missing or out-of-order migration is an error. */
function check(migrations: Migration[], applied: AppliedMigration[]): string[] {
  const problems: string[] = [];
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const a of applied) {
    const m = byVersion.get(a.version);
    if (!m) problems.push(`applied migration ${a.version} (${a.name}) has no file any more`);
    else if (m.checksum !== a.checksum)
      problems.push(
        `migration ${m.file} was edited after it was applied (checksum ${a.checksum.slice(0, 12)} applied, ${m.checksum.slice(0, 12)} on disk): write a new migration instead`,
      );
  }
  const last = applied.at(-1)?.version ?? -1;
  const appliedSet = new Set(applied.map((a) => a.version));
  for (const m of migrations) {
    if (!appliedSet.has(m.version) && m.version < last)
      problems.push(
        `migration ${m.file} is out of order: it is older than the last applied migration ${last} and was never applied`,
      );
  }
  for (const m of migrations) if (m.down === null) problems.push(`migration ${m.file} has no undo file`);
  return problems;
}

/**
 * Holds the session-level advisory lock around `fn`. A waiting runner polls with
 * pg_try_advisory_lock rather than blocking in pg_advisory_lock: a statement blocked there keeps
 * a snapshot open, and CREATE INDEX CONCURRENTLY in the lock holder waits for every open snapshot,
 * so the two would deadlock.
 */
async function withLock<T>(db: SqlExecutor, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  const tryLock = async () =>
    (await db.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [LOCK_KEY]))[0]?.locked;
  if (!(await tryLock())) {
    log('another migration is running: waiting for its lock');
    while (!(await tryLock())) await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  // The connection may come from the request pool, with its request-sized timeouts: a
  // concurrent index build on a large table must not be cancelled by them. A lock wait still
  // gives up (after 30 s) rather than queue every query on the table behind a migration.
  await db.exec("set statement_timeout = 0; set lock_timeout = '30s'");
  try {
    await ensureHistory(db);
    return await fn();
  } finally {
    await db.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
    await db.exec('reset statement_timeout; reset lock_timeout');
  }
}

const CONCURRENT_INDEX =
  /^\s*create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?("?[\w$]+"?)/im;

async function invalidIndex(db: SqlExecutor, name: string): Promise<boolean> {
  const rows = await db.query<{ valid: boolean }>(
    `select i.indisvalid as valid
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where c.relname = $1 and pg_table_is_visible(c.oid)`,
    [name],
  );
  return rows.length > 0 && !rows[0]!.valid;
}

/** Runs one file: in a transaction with its history row, or statement by statement. */
async function runScript(
  db: SqlExecutor,
  script: string,
  record: () => Promise<void>,
  log: (line: string) => void,
): Promise<void> {
  if (!NO_TRANSACTION.test(script)) {
    await db.exec('begin');
    try {
      for (const statement of splitStatements(script)) await db.exec(statement);
      await record();
      await db.exec('commit');
    } catch (err) {
      await db.exec('rollback');
      throw err;
    }
    return;
  }
  for (const statement of splitStatements(script)) {
    const index = CONCURRENT_INDEX.exec(statement.replace(/^\s*--.*$/gm, ''))?.[1]?.replaceAll('"', '');
    if (index && (await invalidIndex(db, index))) {
      log(`dropping invalid index ${index} left by an earlier failed build`);
      await db.exec(`drop index concurrently if exists "${index}"`);
    }
    await db.exec(statement);
    if (index && (await invalidIndex(db, index))) {
      throw new MigrationError(`index ${index} was built but is not valid`);
    }
  }
  await record();
}

export class MigrationRunner {
  private readonly dir: string;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: SqlExecutor,
    options: RunnerOptions = {},
  ) {
    this.dir = options.dir ?? DEFAULT_MIGRATIONS_DIR;
    this.log = options.log ?? (() => {});
  }

  /** Applied and pending migrations with their checksums (Flyway's `info`). */
  async info(): Promise<MigrationStatus[]> {
    const [migrations, applied] = await Promise.all([readMigrations(this.dir), readApplied(this.db)]);
    const appliedBy = new Map(applied.map((a) => [a.version, a]));
    return migrations.map((m) => {
      const a = appliedBy.get(m.version);
      return {
        ...m,
        state: !a ? 'pending' : a.checksum === m.checksum ? 'applied' : 'checksum-mismatch',
        appliedAt: a?.appliedAt ?? null,
        appliedChecksum: a?.checksum ?? null,
      };
    });
  }

  /** Throws a MigrationError listing every problem (Flyway's `validate`). */
  async validate(): Promise<void> {
    const problems = check(await readMigrations(this.dir), await readApplied(this.db));
    if (problems.length) throw new MigrationError(problems.join('\n'));
  }

  /** Applies every pending migration in version order; returns the versions applied. */
  async migrate(): Promise<number[]> {
    return withLock(this.db, this.log, async () => {
      const migrations = await readMigrations(this.dir);
      const applied = await readApplied(this.db);
      const problems = check(migrations, applied);
      if (problems.length) throw new MigrationError(problems.join('\n'));
      const done = new Set(applied.map((a) => a.version));
      const ran: number[] = [];
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        const started = performance.now();
        this.log(`applying ${m.file}`);
        await runScript(
          this.db,
          m.up,
          () =>
            this.db
              .query(
                `insert into ${HISTORY_TABLE} (version, name, checksum, execution_ms) values ($1, $2, $3, $4)`,
                [m.version, m.name, m.checksum, Math.round(performance.now() - started)],
              )
              .then(() => {}),
          this.log,
        );
        this.log(`applied ${m.file} in ${Math.round(performance.now() - started)} ms`);
        ran.push(m.version);
      }
      return ran;
    });
  }

  /**
   * Undoes applied migrations newest first: the last one, or every one above `toVersion`
   * (`toVersion` -1 undoes all). Returns the versions undone.
   */
  async undo(toVersion?: number): Promise<number[]> {
    return withLock(this.db, this.log, async () => {
      const migrations = await readMigrations(this.dir);
      const applied = await readApplied(this.db);
      const problems = check(migrations, applied);
      if (problems.length) throw new MigrationError(problems.join('\n'));
      const byVersion = new Map(migrations.map((m) => [m.version, m]));
      const targets =
        toVersion === undefined ? applied.slice(-1) : applied.filter((a) => a.version > toVersion);
      const undone: number[] = [];
      for (const a of targets.reverse()) {
        const m = byVersion.get(a.version)!;
        const started = performance.now();
        this.log(`undoing ${m.file}`);
        await runScript(
          this.db,
          m.down!,
          () => this.db.query(`delete from ${HISTORY_TABLE} where version = $1`, [m.version]).then(() => {}),
          this.log,
        );
        this.log(`undid ${m.file} in ${Math.round(performance.now() - started)} ms`);
        undone.push(m.version);
      }
      return undone;
    });
  }
}
