/**
 * The benchmark's database: by default a PostgreSQL 15 cluster of its own (pg_stat_statements needs
 * shared_preload_libraries, which the shared server at :5432 does not load and must not be restarted
 * for). Data dir BENCH_PG_DIR (default /var/tmp/recon-bench-pg, kept between runs: seeding scale 100
 * takes minutes), port BENCH_PG_PORT or the first free one from 5499. BENCH_DATABASE_URL skips all
 * that and uses an existing, seeded database.
 *
 * Each benchmarked server connects as a login role of its own (bench_floor, ...), so
 * pg_stat_statements (per user) and pg_stat_activity (per backend) tell the servers apart.
 *
 * The bench's database is `recon_bench`; the plan check (bench/explain.ts) keeps its own,
 * `recon_explain`, in the same cluster, so neither changes the other's data.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { connectPostgres } from '../src/db/client.js';
import { MigrationRunner } from '../src/db/migrate.js';
import { isEmpty, seed } from '../src/db/seed.js';

const BIN = '/usr/lib/postgresql/15/bin';

export interface BenchDatabase {
  /** URL of the harness's own connection (superuser). */
  adminUrl: string;
  /** URL for a server connecting as `role`. */
  urlFor(role: string): string;
  /** Whether pg_stat_statements can be read (loaded and created in the database). */
  statements: boolean;
  /** Whether each server has a role of its own (else statements cannot be told apart). */
  rolesPerServer: boolean;
  /** Where it is, for the results file. */
  description: string;
  version: string;
  /** Whether this process started the cluster (false: it was running, or BENCH_DATABASE_URL). */
  startedCluster: boolean;
  stop(): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** The database in the own cluster (default `recon_bench`). */
  database?: string;
  /** The variable naming an existing database to use instead (default BENCH_DATABASE_URL). */
  urlVariable?: string;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function asPostgres(args: string[]) {
  const res = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
  return res.stdout;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Starts (or reuses, when left running with BENCH_KEEP_PG=1) the benchmark's own cluster. */
async function ownCluster(): Promise<{
  port: number;
  dir: string;
  started: boolean;
  stop: () => Promise<void>;
}> {
  const dir = process.env.BENCH_PG_DIR ?? '/var/tmp/recon-bench-pg';
  if (!existsSync(`${dir}/PG_VERSION`)) {
    log(`initdb ${dir}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    asPostgres([`${BIN}/initdb`, '-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
  }
  const keep = process.env.BENCH_KEEP_PG === '1';
  const stop = async () => {
    if (keep) log(`PostgreSQL left running (BENCH_KEEP_PG=1): pg_ctl -D ${dir} stop`);
    else asPostgres([`${BIN}/pg_ctl`, '-D', dir, '-m', 'fast', '-w', 'stop']);
  };
  const running = spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', dir, 'status']);
  if (running.status === 0) {
    // postmaster.pid, line 4: the port.
    const port = Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[3]);
    log(`reusing the running cluster in ${dir} on port ${port}`);
    return { port, dir, started: false, stop };
  }
  let port = Number(process.env.BENCH_PG_PORT ?? 5499);
  while (!(await portFree(port))) port++;
  const options = [
    `-p ${port}`,
    '-c shared_preload_libraries=pg_stat_statements',
    '-c max_connections=100',
    '-c listen_addresses=127.0.0.1',
    '-c unix_socket_directories=/tmp',
    // The whole scale-100 set fits: the bench measures CPU, not the disk.
    '-c shared_buffers=512MB',
  ].join(' ');
  log(`starting PostgreSQL 15 in ${dir} on port ${port}`);
  asPostgres([`${BIN}/pg_ctl`, '-D', dir, '-l', `${dir}/server.log`, '-w', '-o', options, 'start']);
  return { port, dir, started: true, stop };
}

/** The database, migrated and seeded at BENCH_SCALE (default 100) when empty, with one role a server. */
export async function openBenchDatabase(
  roles: readonly string[],
  options: BenchDatabaseOptions = {},
): Promise<BenchDatabase> {
  const dbName = options.database ?? 'recon_bench';
  const urlVariable = options.urlVariable ?? 'BENCH_DATABASE_URL';
  const override = process.env[urlVariable];
  let adminUrl: string;
  let description: string;
  let stop = async () => {};
  let startedCluster = false;
  if (override) {
    adminUrl = override;
    description = `${urlVariable} (an existing database)`;
  } else {
    const cluster = await ownCluster();
    stop = cluster.stop;
    startedCluster = cluster.started;
    const root = postgres(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`, {
      max: 1,
      onnotice: () => {},
    });
    const [exists] = await root`select 1 from pg_database where datname = ${dbName}`;
    if (!exists) await root.unsafe(`create database ${dbName}`);
    await root.end();
    adminUrl = `postgres://postgres@127.0.0.1:${cluster.port}/${dbName}`;
    description = `own cluster, data dir ${cluster.dir}, port ${cluster.port}, shared_buffers 512MB`;
  }

  const config = loadConfig({
    DATABASE_URL: adminUrl,
    DB_APPLICATION_NAME: 'bench-harness',
    DB_POOL_MAX: '1',
  });
  const database = connectPostgres(adminUrl, config);
  const exec = await database.executor();
  try {
    await new MigrationRunner(exec, { log }).migrate();
    if (await isEmpty(exec)) {
      const scale = Number(process.env.BENCH_SCALE ?? 100);
      log(`seeding scale ${scale} (a few minutes the first time; the data dir keeps it)`);
      // The seed ends with VACUUM ANALYZE of its tables.
      await seed(exec, { scale, log });
    }
  } finally {
    await exec.release();
    await database.close();
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let statements = false;
  try {
    await admin.unsafe('create extension if not exists pg_stat_statements');
    await admin.unsafe('select count(*) from pg_stat_statements');
    statements = true;
  } catch (err) {
    log(`pg_stat_statements unavailable: ${(err as Error).message}`);
  }
  let rolesPerServer = true;
  try {
    for (const role of roles) {
      const [has] = await admin`select 1 from pg_roles where rolname = ${role}`;
      // Superuser: the API runs its migration check at start-up; trust auth, a local cluster.
      if (!has) await admin.unsafe(`create role ${role} login superuser`);
    }
  } catch (err) {
    rolesPerServer = false;
    log(`cannot create a role per server (${(err as Error).message}): all connect as the URL's user`);
  }
  const [{ version }] = (await admin`select version()`) as unknown as [{ version: string }];
  await admin.end();

  return {
    adminUrl,
    urlFor: (role) => {
      if (!rolesPerServer) return adminUrl;
      const u = new URL(adminUrl);
      u.username = role;
      u.password = '';
      return u.toString();
    },
    statements,
    rolesPerServer,
    description,
    version,
    startedCluster,
    stop,
  };
}
