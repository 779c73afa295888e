/**
 * A PostgreSQL 15 primary and a streaming hot standby of the test's own, on loopback ports (never
 * the shared server at :5432). Both live in one mkdtemp directory: `primary/` (initdb, trust auth),
 * `standby/` (pg_basebackup -R of the primary, a replication slot so WAL is kept while the standby
 * is stopped), their logs `primary.log` / `standby.log`, and the Unix sockets.
 *
 * As root the PostgreSQL programs run as the `postgres` user (runuser), as in bench/pg-cluster.ts;
 * otherwise as the current user. The clusters' cluster_name (`pg-standby-test-primary` /
 * `-standby`) shows in `ps`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './net.js';

const BIN = '/usr/lib/postgresql/15/bin';
const SLOT = 'pg_standby_test';
const isRoot = process.getuid?.() === 0;

/** The command line that runs a PostgreSQL program as the user that may run it. */
function command(program: string, args: string[]): [string, string[]] {
  const file = `${BIN}/${program}`;
  return isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

/** The environment without PG* variables (PGPORT, PGHOST...), so only the explicit options count. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
}

/** initdb is installed and runs (as `postgres` when we are root). */
export const canRunPostgresClusters: boolean =
  existsSync(`${BIN}/initdb`) &&
  existsSync(`${BIN}/pg_basebackup`) &&
  spawnSync(...command('initdb', ['--version'])).status === 0;

export interface PrimaryWithStandby {
  /** postgres://postgres@127.0.0.1:<port>/<database> on the primary (trust auth). */
  primaryUrl: string;
  /** The same database on the standby (read only: a hot standby). */
  standbyUrl: string;
  primaryPort: number;
  standbyPort: number;
  /** The temp directory holding both clusters and their logs. */
  dir: string;
  /** pg_wal_replay_pause() on the standby; resolves when its pause state is `paused`. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /**
   * Resolves when the standby has replayed up to the primary's pg_current_wal_lsn() taken at the
   * call (every transaction committed before the call is visible there). Throws after `ms`
   * (default 30 s), e.g. while replay is paused.
   */
  waitForReplay(ms?: number): Promise<void>;
  /** Stops the standby (fast shutdown); connections to it fail until `startStandby`. A pause ends. */
  stopStandby(): Promise<void>;
  /** Starts it again on the same port; resolves when it accepts connections and streams. */
  startStandby(): Promise<void>;
  /** Stops both (immediate) and removes the directory. Idempotent. */
  stop(): Promise<void>;
}

export interface PrimaryWithStandbyOptions {
  /** The database created for the test (default `recon`). */
  database?: string;
}

/** Directories of clusters still running, stopped synchronously if the process exits first. */
const running = new Map<string, string[]>();

function stopNowSync(dir: string) {
  for (const dataDir of running.get(dir) ?? []) {
    if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
      spawnSync(...command('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), {
        cwd: dir,
        env: cleanEnv(),
        stdio: 'ignore',
      });
    }
  }
  running.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

let handlersInstalled = false;
function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const stopAll = () => {
    for (const dir of [...running.keys()]) stopNowSync(dir);
  };
  process.on('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopAll();
      // Keep the signal's default (exit) unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function run(program: string, args: string[], cwd: string): Promise<string> {
  const [file, argv] = command(program, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { cwd, env: cleanEnv(), encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${program} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function logTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function poll(what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`timed out after ${ms} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPrimaryWithStandby(
  options: PrimaryWithStandbyOptions = {},
): Promise<PrimaryWithStandby> {
  const database = options.database ?? 'recon';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`not a plain database name: ${database}`);
  if (!canRunPostgresClusters) throw new Error(`cannot run ${BIN}/initdb here`);

  const dir = mkdtempSync(path.join(tmpdir(), 'pg-standby-'));
  if (isRoot) {
    const id = (flag: string) =>
      Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const primaryDir = path.join(dir, 'primary');
  const standbyDir = path.join(dir, 'standby');
  const primaryLog = path.join(dir, 'primary.log');
  const standbyLog = path.join(dir, 'standby.log');
  installExitHandlers();
  running.set(dir, [primaryDir, standbyDir]);

  const primaryPort = await freePort();
  let standbyPort = await freePort();
  while (standbyPort === primaryPort) standbyPort = await freePort();
  const url = (port: number, db = database) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const primaryUrl = url(primaryPort);
  const standbyUrl = url(standbyPort);

  const pgCtlStart = async (dataDir: string, logFile: string) => {
    try {
      await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], dir);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n--- ${logFile} ---\n${logTail(logFile)}`);
    }
  };

  /** Accepts read-only connections, is in recovery, and the primary sees it streaming. */
  const waitStreaming = async () => {
    try {
      await poll(
        'the standby to be in recovery',
        () => withSql(standbyUrl, async (sql) => (await sql`select pg_is_in_recovery() as r`)[0]?.r === true),
        30_000,
      );
      await poll(
        'the standby to stream from the primary',
        () =>
          withSql(primaryUrl, async (sql) => {
            const rows = await sql`
              select 1 from pg_stat_replication
              where application_name = 'pg-standby-test-standby' and state = 'streaming'`;
            return rows.length === 1;
          }),
        30_000,
      );
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\n--- ${standbyLog} ---\n${logTail(standbyLog)}\n--- ${primaryLog} ---\n${logTail(primaryLog)}`,
      );
    }
  };

  try {
    await run(
      'initdb',
      ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
      dir,
    );
    const conf = path.join(primaryDir, 'postgresql.conf');
    await appendFile(
      conf,
      [
        '',
        '# pg-standby test helper',
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "cluster_name = 'pg-standby-test-primary'",
        'wal_level = replica',
        'max_wal_senders = 5',
        'max_replication_slots = 5',
        'hot_standby = on',
        'fsync = off',
        'shared_buffers = 16MB',
        '',
      ].join('\n'),
    );
    await appendFile(
      path.join(primaryDir, 'pg_hba.conf'),
      '\nhost replication postgres 127.0.0.1/32 trust\n',
    );
    await pgCtlStart(primaryDir, primaryLog);
    await withSql(url(primaryPort, 'postgres'), (sql) => sql.unsafe(`create database ${database}`));

    // -R writes standby.signal and primary_conninfo (+ primary_slot_name) into postgresql.auto.conf.
    await run(
      'pg_basebackup',
      [
        ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyDir],
        ...['-R', '-X', 'stream', '-c', 'fast', '-C', '-S', SLOT, '--no-sync'],
      ],
      dir,
    );
    // The copied postgresql.conf ends with the primary's lines: later lines win.
    await appendFile(
      path.join(standbyDir, 'postgresql.conf'),
      [
        '',
        '# pg-standby test helper: the standby',
        `port = ${standbyPort}`,
        // Also the walreceiver's application_name in the primary's pg_stat_replication.
        "cluster_name = 'pg-standby-test-standby'",
        "wal_retrieve_retry_interval = '200ms'",
        '',
      ].join('\n'),
    );
    // Leftover from the primary's start (pg_basebackup excludes it; be sure).
    rmSync(path.join(standbyDir, 'postmaster.pid'), { force: true });
    await pgCtlStart(standbyDir, standbyLog);
    await waitStreaming();
  } catch (err) {
    stopNowSync(dir);
    throw err;
  }

  const onStandby = <T>(fn: (sql: postgres.Sql) => Promise<T>) => withSql(standbyUrl, fn);

  return {
    primaryUrl,
    standbyUrl,
    primaryPort,
    standbyPort,
    dir,
    async pauseReplay() {
      await onStandby((sql) => sql`select pg_wal_replay_pause()`);
      await poll(
        'replay to be paused',
        () =>
          onStandby(
            async (sql) => (await sql`select pg_get_wal_replay_pause_state() as s`)[0]?.s === 'paused',
          ),
        30_000,
      );
    },
    async resumeReplay() {
      await onStandby((sql) => sql`select pg_wal_replay_resume()`);
    },
    async waitForReplay(ms = 30_000) {
      const [{ lsn }] = (await withSql(
        primaryUrl,
        (sql) => sql`select pg_current_wal_lsn()::text as lsn`,
      )) as unknown as [{ lsn: string }];
      await poll(
        `the standby to replay up to ${lsn}`,
        () =>
          onStandby(
            async (sql) =>
              (await sql`select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as ok`)[0]?.ok ===
              true,
          ),
        ms,
      );
    },
    async stopStandby() {
      await run('pg_ctl', ['-D', standbyDir, '-m', 'fast', '-w', '-t', '60', 'stop'], dir);
    },
    async startStandby() {
      await pgCtlStart(standbyDir, standbyLog);
      await waitStreaming();
    },
    async stop() {
      if (running.has(dir)) stopNowSync(dir);
    },
  };
}
