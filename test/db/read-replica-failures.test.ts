/**
 * Read replicas when parts fail (src/db/replicas.ts, src/cache/write-fences.ts), on a real
 * primary and streaming standby (test/helpers/pg-standby.ts), ReplicaSet driven directly (no API
 * process), real Redis (the shared one, under this run's prefix, partly behind a TcpProxy):
 * - a fence that one instance fails to record (its link to Redis is cut) must not let another
 *   instance read that write's organization from a replica that has not replayed it;
 * - a replica replaced behind its URL by an older standby (a rebuilt/restored replica, a DNS or
 *   pooler switch) must not serve before it has caught up;
 * - one replica that stops answering must not stop the polling (and serving) of the others, nor
 *   hang start-up;
 * - writes that do not go through mutate() (sign-in, sign-out: their audit rows) are read back.
 * All but the start-up check failed on the first version (86b5a98).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Caches, createCaches } from '../../src/cache/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { connectPostgres, type Database } from '../../src/db/client.js';
import { ReplicaSet } from '../../src/db/replicas.js';
import { query } from '../../src/db/sql.js';
import { tracedGraphql } from '../helpers/graphql-http.js';
import { freePort, TcpProxy } from '../helpers/net.js';
import {
  canRunPostgresClusters,
  type PrimaryWithStandby,
  startPrimaryWithStandby,
} from '../helpers/pg-standby.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

const logger = pino({ level: 'silent' });
const BIN = '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;
const pgCommand = (program: string, args: string[]): [string, string[]] =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', `${BIN}/${program}`, ...args]] : [`${BIN}/${program}`, args];
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
function runPg(program: string, args: string[], cwd: string) {
  const r = spawnSync(...pgCommand(program, args), { cwd, env: cleanEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${program} failed: ${r.stdout}\n${r.stderr}`);
}

/** A TCP relay whose target can be switched: existing connections are cut, new ones go to the new target. */
class SwitchableProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  constructor(private port: number) {
    this.server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.port, '127.0.0.1');
    });
  }
  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as { port: number }).port;
  }
  switchTo(port: number) {
    this.port = port;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

describe.skipIf(!canRunPostgresClusters)('read replicas, hostile', () => {
  let pg: PrimaryWithStandby;
  let admin: postgres.Sql;
  let config: Config;
  let primary: Database;
  const cleanups: Array<() => Promise<unknown>> = [];

  const readV = async (db: Database['db'], org: string) =>
    (await query<{ v: number }>(db, sql`select v from t where org = ${org}`))[0]?.v;

  beforeAll(async () => {
    pg = await startPrimaryWithStandby();
    admin = postgres(pg.primaryUrl, { max: 1, onnotice: () => {} });
    await admin`create table t (org text primary key, v int not null)`;
    config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: pg.primaryUrl,
      DATABASE_REPLICA_URLS: pg.standbyUrl,
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('runId')}:replicas-hostile-${process.pid}:`,
      DB_POOL_MIN: '0',
    });
    primary = connectPostgres(pg.primaryUrl, config);
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await primary?.close();
    await admin?.end({ timeout: 1 });
    await pg?.stop();
  });

  it('a fence one instance failed to record (its Redis link cut) still keeps another instance off the replica that lacks the write', async () => {
    await admin`insert into t values ('org-a', 1)`;
    await pg.waitForReplay();
    // Instance A reaches Redis through a proxy (to be partitioned); instance B directly.
    const url = new URL(config.REDIS_URL!);
    const redisProxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
    const proxyPort = await redisProxy.listen();
    cleanups.push(() => redisProxy.close());
    const cachesA: Caches = await createCaches(
      { ...config, REDIS_URL: `redis://127.0.0.1:${proxyPort}` },
      logger,
    );
    const cachesB: Caches = await createCaches(config, logger);
    cleanups.push(
      () => cachesA.close(),
      () => cachesB.close(),
    );
    const options = { maxLagMs: 10_000, pollMs: 50, logger };
    const a = new ReplicaSet(primary, pg.primaryUrl, [pg.standbyUrl], config, {}, cachesA.fences, options);
    const b = new ReplicaSet(primary, pg.primaryUrl, [pg.standbyUrl], config, {}, cachesB.fences, options);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    await a.start();
    await b.start();
    // B serves org-a from the standby (the every-organization fence recorded at start replayed).
    await until(async () => (await b.readerFor('org-a')).name === 'replica-1', 20_000);

    await pg.pauseReplay();
    try {
      // A's link to Redis is cut; A commits a write of org-a and answers it (wrote() swallows the failure).
      redisProxy.frozen = true;
      await admin`update t set v = 2 where org = 'org-a'`;
      await a.wrote('org-a');
      // A keeps its own reads on the primary...
      expect((await a.readerFor('org-a')).name).toBe('primary');
      // ...but the client's next request lands on B, which reads the fences from Redis.
      const reader = await b.readerFor('org-a');
      const v = await readV(reader.db, 'org-a');
      expect({ reader: reader.name, v }).toEqual({ reader: expect.any(String), v: 2 });
    } finally {
      redisProxy.thaw();
      redisProxy.frozen = false;
      await pg.resumeReplay();
    }
  }, 120_000);

  it('a replica replaced behind its URL by a standby that is behind does not serve until it has caught up', async () => {
    await admin`insert into t values ('org-r', 1)`;
    await pg.waitForReplay();
    // Standby "B": a second pg_basebackup of the primary, caught up, then replay paused (older data).
    const dir = mkdtempSync(path.join(tmpdir(), 'hostile-standby-'));
    if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
    const dataDir = path.join(dir, 'data');
    const portB = await freePort();
    cleanups.push(async () => {
      spawnSync(...pgCommand('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), {
        cwd: dir,
        env: cleanEnv(),
        stdio: 'ignore',
      });
      rmSync(dir, { recursive: true, force: true });
    });
    runPg(
      'pg_basebackup',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(pg.primaryPort),
        '-U',
        'postgres',
        '-D',
        dataDir,
        '-R',
        '-X',
        'stream',
      ],
      dir,
    );
    await appendFile(
      path.join(dataDir, 'postgresql.conf'),
      `\nport = ${portB}\nunix_socket_directories = '${dir}'\ncluster_name = 'hostile-standby-b'\nhot_standby = on\n`,
    );
    writeFileSync(path.join(dir, 'b.log'), '');
    if (isRoot)
      chownSync(
        path.join(dir, 'b.log'),
        Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()),
        Number(spawnSync('id', ['-g', 'postgres']).stdout.toString()),
      );
    runPg('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'b.log'), '-w', 'start'], dir);
    const urlB = pg.standbyUrl.replace(`:${pg.standbyPort}/`, `:${portB}/`);
    const onB = postgres(urlB, { max: 1, onnotice: () => {} });
    cleanups.push(() => onB.end({ timeout: 1 }));
    await until(
      async () => (await onB`select v from t where org = 'org-r'`.catch(() => []))[0]?.v === 1,
      30_000,
    );
    await onB`select pg_wal_replay_pause()`;
    await until(
      async () => (await onB`select pg_get_wal_replay_pause_state() as s`)[0]?.s === 'paused',
      10_000,
    );

    // The API's replica URL names a relay, now to the usual standby "A".
    const relay = new SwitchableProxy(pg.standbyPort);
    const relayPort = await relay.listen();
    cleanups.push(() => relay.close());
    const relayUrl = pg.standbyUrl.replace(`:${pg.standbyPort}/`, `:${relayPort}/`);
    const maxLagMs = 3000;
    const fences = (await createCaches({ ...config, REDIS_URL: undefined }, logger)).fences;
    const rs = new ReplicaSet(primary, pg.primaryUrl, [relayUrl], config, {}, fences, {
      maxLagMs,
      pollMs: 50,
      logger,
    });
    cleanups.push(() => rs.close());
    await rs.start();

    // A write of org-r, answered; its fence expires (2 x max lag + 1 s) once A has replayed it.
    await admin`update t set v = 2 where org = 'org-r'`;
    await rs.wrote('org-r');
    await pg.waitForReplay();
    await new Promise((r) => setTimeout(r, 2 * maxLagMs + 1500));
    await until(async () => (await rs.readerFor('org-r')).name === 'replica-1', 10_000);
    const before = rs.status()[0]!.replayed!;

    // The replica behind the URL is replaced by B (older): the poll sees it go down and come back.
    relay.switchTo(portB);
    await until(async () => {
      const s = rs.status()[0]!;
      return s.up && s.replayed !== before;
    }, 10_000);
    const status = rs.status()[0]!;
    const reader = await rs.readerFor('org-r');
    const v = await readV(reader.db, 'org-r');
    // B has not replayed a write answered seconds ago: it must not serve (or must not be stale).
    expect({ status, reader: reader.name, v }).toEqual({ status, reader: reader.name, v: 2 });
  }, 180_000);
});

describe.skipIf(!canRunPostgresClusters)('read replicas, hostile: a replica that stops answering', () => {
  let pg: PrimaryWithStandby;
  let config: Config;
  let primary: Database;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    pg = await startPrimaryWithStandby();
    config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: pg.primaryUrl, DB_POOL_MIN: '0' });
    primary = connectPostgres(pg.primaryUrl, config);
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await primary?.close();
    await pg?.stop();
  });

  it('one replica that stops answering (a partition: connection open, no reply) does not stop a healthy replica from serving', async () => {
    const hung = new TcpProxy({ host: '127.0.0.1', port: pg.standbyPort });
    const hungPort = await hung.listen();
    cleanups.push(async () => {
      hung.thaw();
      await hung.close();
    });
    const hungUrl = pg.standbyUrl.replace(`:${pg.standbyPort}/`, `:${hungPort}/`);
    const maxLagMs = 1000;
    const fences = (await createCaches({ ...config, REDIS_URL: undefined }, logger)).fences;
    const rs = new ReplicaSet(primary, pg.primaryUrl, [pg.standbyUrl, hungUrl], config, {}, fences, {
      maxLagMs,
      pollMs: 50,
      logger,
    });
    cleanups.push(() => rs.close());
    await rs.start();
    await until(async () => rs.status().every((s) => s.serving), 20_000);
    hung.frozen = true; // replica-2's poll connection (and pool) now get no answer
    await new Promise((r) => setTimeout(r, 4 * maxLagMs));
    const [healthy, frozen] = rs.status();
    expect(frozen!.serving).toBe(false);
    // replica-1 answers every poll within a millisecond: it should still serve.
    expect(healthy).toMatchObject({ name: 'replica-1', up: true, serving: true });
  }, 120_000);

  it('start-up does not hang on a replica that accepts connections but never answers', async () => {
    const hung = new TcpProxy({ host: '127.0.0.1', port: pg.standbyPort });
    const hungPort = await hung.listen();
    cleanups.push(async () => {
      hung.thaw();
      await hung.close();
    });
    hung.frozen = true;
    const hungUrl = pg.standbyUrl.replace(`:${pg.standbyPort}/`, `:${hungPort}/`);
    const fences = (await createCaches({ ...config, REDIS_URL: undefined }, logger)).fences;
    const rs = new ReplicaSet(primary, pg.primaryUrl, [hungUrl], config, {}, fences, {
      maxLagMs: 1000,
      pollMs: 50,
      logger,
    });
    cleanups.push(() => rs.close());
    const t0 = performance.now();
    const started = await Promise.race([
      rs.start().then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 15_000)),
    ]);
    expect({ started, ms: Math.round(performance.now() - t0) }).toMatchObject({ started: true });
  }, 120_000);
});

describe.skipIf(!canRunPostgresClusters)('read replicas, hostile: writes outside mutate()', () => {
  let pg: PrimaryWithStandby;
  let server: ServerProcess;
  let aliases = 0;

  const send = async (query: string, variables: object, token?: string) => {
    const { requestId, json } = await tracedGraphql(server.url, query, variables, token);
    expect(json.errors, JSON.stringify(json.errors)).toBeUndefined();
    return { requestId, json };
  };
  const signIn = async () =>
    (
      await send(
        'mutation ($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token } }',
        { e: 'admin@acme.test', p: 'demo-password' },
      )
    ).json.data.sessionCreate.token as string;
  /** The number of audit entries of `action` the API shows (an alias not used before: no cache hit). */
  const audited = async (action: string, token: string) => {
    const alias = `a${aliases++}`;
    const { requestId, json } = await send(
      `query ($action: String!) { ${alias}: auditLogs(first: 100, filter: { action: $action }) { edges { node { id } } } }`,
      { action },
      token,
    );
    const line = await server.waitForLine((l) => l.msg === 'request' && l.requestId === requestId, 10_000);
    return { count: json.data[alias].edges.length as number, database: line.database };
  };

  beforeAll(async () => {
    pg = await startPrimaryWithStandby();
    server = await startServerProcess({
      env: {
        DATABASE_URL: pg.primaryUrl,
        DATABASE_REPLICA_URLS: pg.standbyUrl,
        REPLICA_POLL_MS: '50',
        DB_POOL_MIN: '1',
        SEED_DEMO: 'true',
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `${inject('runId')}:replicas-hostile-api-${process.pid}:`,
      },
    });
    await server.waitForLine('listening at ', 120_000);
    await pg.waitForReplay();
    await server.waitForLine((l) => l.msg === 'replica: serving queries', 60_000);
  }, 240_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await pg?.stop();
  });

  it('sign-in and sign-out (their audit rows) are read back by the same client, though they do not go through mutate()', async () => {
    const first = await signIn();
    await pg.waitForReplay();
    const before = await audited('session.create', first);
    await pg.pauseReplay();
    try {
      // A sign-in, answered: its audit row is committed on the primary.
      const second = await signIn();
      const afterSignIn = await audited('session.create', second);
      // A sign-out of the first session, answered.
      const deletesBefore = await audited('session.delete', second);
      await send('mutation { sessionDelete { userErrors { code } } }', {}, first);
      const afterSignOut = await audited('session.delete', second);
      expect({ afterSignIn, afterSignOut }).toEqual({
        afterSignIn: { count: before.count + 1, database: expect.anything() },
        afterSignOut: { count: deletesBefore.count + 1, database: expect.anything() },
      });
    } finally {
      await pg.resumeReplay();
    }
  }, 120_000);
});
