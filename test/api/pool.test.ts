/**
 * The pool the database guide specifies (src/db/pool.ts) on real PostgreSQL: DB_POOL_MIN
 * connections open once started and kept open, a statement that finds no connection free within
 * DB_ACQUIRE_TIMEOUT_MS fails with POOL_TIMEOUT (BUSY in a mutation) after that timeout and not
 * later, counted, and the server serves again once a connection frees.
 */
import { createServer, type Server, Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectPostgres } from '../../src/db/client.js';
import { parseMetrics, poolSections, serverPool } from '../../src/db/report-pool.js';
import { Metrics } from '../../src/metrics.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createMigratedDatabase, createTestDatabase, poolConfig, type TestDatabase } from '../helpers/db.js';
import { createOrganization, createUser } from '../helpers/factories.js';
import { freePort } from '../helpers/net.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

const PROJECTS = graphql(`query PoolProjects { projects { totalCount } }`);
const CREATE = graphql(`
  mutation PoolProjectCreate($name: String!) {
    projectCreate(input: { name: $name }) { project { id } userErrors { code message } }
  }
`);

/** Connections of `application` to `database` as PostgreSQL sees them. */
async function backends(database: string, application: string): Promise<number[]> {
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${database} and application_name = ${application}`;
    return rows.map((r) => r.pid);
  } finally {
    await admin.end();
  }
}

/** One series' value in a scrape (NaN when absent), read as db:report reads it. */
const value = (text: string, series: string) => parseMetrics(text).get(series) ?? Number.NaN;

describe('pool minimum', () => {
  it('opens DB_POOL_MIN connections on fill and reopens any that close', async () => {
    const handle = await createMigratedDatabase('poolmin', {}, { DB_POOL_MIN: 5, DB_POOL_MAX: 8 });
    try {
      const pool = handle.database.pool!;
      await pool.fill();
      expect(pool.stats()).toMatchObject({ size: 5, idle: 5, active: 0, waiting: 0, min: 5, max: 8 });
      expect(await backends(handle.testDb.name, 'recon-test')).toHaveLength(5);

      // Two closed behind the pool's back (an administrator, a failover, a proxy's idle cut).
      const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
      const pids = (await backends(handle.testDb.name, 'recon-test')).slice(0, 2);
      await admin`select pg_terminate_backend(pid) from unnest(${pids}::int[]) as pid`;
      await admin.end();
      const terminated = performance.now();
      await until(async () => {
        const open = await backends(handle.testDb.name, 'recon-test');
        return open.length === 5 && pids.every((pid) => !open.includes(pid)) && pool.stats().size === 5;
      }, 10_000);
      console.log(
        `pool: back at 5 connections ${Math.round(performance.now() - terminated)} ms after 2 were terminated`,
      );
    } finally {
      await handle.close();
    }
  });
});

/**
 * A port that refuses PostgreSQL's clients (accepts and resets at once: each attempt is counted)
 * until `forward()`, then relays them to the real server.
 */
async function gatekeeper(port: number, target: { host: string; port: number }) {
  const state = { forwarding: false, refused: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    if (!state.forwarding) {
      state.refused++;
      // A reset, as a port nobody listens on gives (a plain close makes postgres.js retry the
      // same connection at once, forever, with the reservation pending).
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.connect(target.port, target.host);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    state,
    forward: () => {
      state.forwarding = true;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

describe('pool minimum while PostgreSQL refuses', () => {
  it('fails the fill, retries every 2 s rather than in a loop, and fills once PostgreSQL is back', async () => {
    const handle = await createMigratedDatabase('poolrefused');
    const direct = new URL(handle.testDb.url);
    const port = await freePort();
    const door = await gatekeeper(port, { host: direct.hostname, port: Number(direct.port || 5432) });
    const via = new URL(handle.testDb.url);
    via.host = `127.0.0.1:${port}`;
    const application = `recon-refused-${port}`;
    const database = connectPostgres(via.toString(), {
      ...poolConfig,
      DB_POOL_MIN: 3,
      DB_APPLICATION_NAME: application,
    });
    try {
      const failure = await database.pool!.fill().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(database.pool!.stats().size).toBe(0);
      // Three seconds of refusals: a fill of 3 connections now and at most two more retries
      // (every 2 s), each a few attempts, not one attempt after another.
      await new Promise((r) => setTimeout(r, 3000));
      const attempts = door.state.refused;
      console.log(`pool: ${attempts} connection attempts in 3 s while PostgreSQL refused`);
      expect(attempts).toBeGreaterThanOrEqual(3);
      expect(attempts).toBeLessThanOrEqual(12);
      door.forward();
      const back = performance.now();
      // Within a retry or two: under the full suite's load a connection attempt made just as the
      // door opened can take up to the connect timeout (5 s here) before the next fill.
      await until(async () => (await backends(handle.testDb.name, application)).length === 3, 20_000);
      expect(database.pool!.stats().size).toBe(3);
      console.log(
        `pool: 3 connections open ${Math.round(performance.now() - back)} ms after PostgreSQL answered again`,
      );
    } finally {
      await database.close();
      await door.close();
      await handle.close();
    }
  });
});

describe('pool acquire timeout', () => {
  const ACQUIRE_TIMEOUT_MS = 500;
  const HOLD_S = 4;
  let t: TestApp;
  let token: string;
  const metrics = new Metrics('recon-test');

  beforeAll(async () => {
    t = await createTestApp(
      'poolbusy',
      {},
      { poolMax: 1, pool: { DB_ACQUIRE_TIMEOUT_MS: ACQUIRE_TIMEOUT_MS }, metrics, sessionsInRedis: true },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'admin', 'pool-admin@example.test');
    token = await t.signIn('pool-admin@example.test');
    // The session is cached now: the requests below reach their resolvers' SQL.
    expect((await t.request(PROJECTS, {}, { token })).data?.projects.totalCount).toBe(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => (await t.app.fetch('http://test/metrics')).text();
  const projectCount = async () =>
    (await t.database.sql!.unsafe('select count(*)::int as n from projects'))[0]?.n as number;

  /** Runs `work` while the pool's one connection runs a statement of HOLD_S seconds. */
  async function whileHeld<T>(work: () => Promise<T>): Promise<{ result: T; holdEnded: boolean }> {
    let holdEnded = false;
    // then() sends it at once (through the gate, as every statement): the one permit is taken now.
    const hold = t.database.sql!.unsafe(`select pg_sleep(${HOLD_S})`).then(() => {
      holdEnded = true;
    });
    expect(t.database.pool!.stats().active).toBe(1);
    try {
      const result = await work();
      return { result, holdEnded };
    } finally {
      await hold;
    }
  }

  it('fails a read with POOL_TIMEOUT after the acquire timeout, before the connection frees; counted', async () => {
    const before = await scrape();
    const { result, holdEnded } = await whileHeld(async () => {
      const started = performance.now();
      const response = await t.request(PROJECTS, {}, { token });
      const elapsed = performance.now() - started;
      // Meanwhile: one waiting, and PostgreSQL still counted up (a busy pool is not an outage).
      return { response, elapsed };
    });
    const { response, elapsed } = result;
    console.log(
      `pool: read answered POOL_TIMEOUT after ${Math.round(elapsed)} ms (acquire timeout ${ACQUIRE_TIMEOUT_MS} ms, holder ${HOLD_S} s)`,
    );
    expect(response.status).toBe(200);
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'POOL_TIMEOUT', retryable: true });
    expect(response.errors?.[0]?.message).toBe(
      `No database connection was free within ${ACQUIRE_TIMEOUT_MS} ms (the server is busy): try again`,
    );
    // Not before the timeout (timers may fire a fraction of a millisecond early) ...
    expect(elapsed).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 1);
    // ... and not when the connection freed: the holder was still running.
    expect(holdEnded).toBe(false);
    const after = await scrape();
    expect(value(after, 'db_pool_acquire_timeouts_total')).toBe(
      (value(before, 'db_pool_acquire_timeouts_total') || 0) + 1,
    );
    expect(value(after, 'db_pool_waiting')).toBe(0);
    expect(t.database.pool!.stats()).toMatchObject({ waiting: 0, active: 0 });
  });

  it('answers a mutation BUSY with nothing written, and keeps /readyz up', async () => {
    const countBefore = await projectCount();
    const { result, holdEnded } = await whileHeld(async () => {
      const started = performance.now();
      const response = await t.request(CREATE, { name: 'Written while busy?' }, { token });
      const elapsed = performance.now() - started;
      const ready = await t.app.fetch('http://test/readyz');
      return { response, elapsed, ready: ready.status };
    });
    console.log(`pool: mutation answered BUSY after ${Math.round(result.elapsed)} ms`);
    expect(result.response.errors).toBeUndefined();
    expect(result.response.data?.projectCreate.project).toBeNull();
    expect(result.response.data?.projectCreate.userErrors).toEqual([
      {
        code: 'BUSY',
        message: `No database connection was free within ${ACQUIRE_TIMEOUT_MS} ms (the server is busy): try again`,
      },
    ]);
    expect(result.elapsed).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 1);
    expect(holdEnded).toBe(false);
    expect(result.ready).toBe(200);
    expect(await projectCount()).toBe(countBefore);
  });

  it('serves again once the connection frees', async () => {
    const started = performance.now();
    const created = await t.request(CREATE, { name: 'After the wait' }, { token });
    expect(created.data?.projectCreate.userErrors).toEqual([]);
    const read = await t.request(PROJECTS, {}, { token });
    expect(read.errors).toBeUndefined();
    expect(read.data?.projects.totalCount).toBe(1);
    console.log(`pool: recovered, a write and a read in ${Math.round(performance.now() - started)} ms`);
    expect(t.database.pool!.stats()).toMatchObject({ waiting: 0, active: 0, size: 1 });
  });
});

describe('pool in the server process', () => {
  let testDb: TestDatabase;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    testDb = await createTestDatabase('poolproc');
  });
  afterAll(async () => {
    await server?.stop('SIGTERM');
    await testDb?.drop();
  });

  it('has DB_POOL_MIN connections open once it listens, on /metrics and in db:report', async () => {
    const port = await freePort();
    const application = `recon-pool-${port}`;
    const started = performance.now();
    server = await startServerProcess({
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: testDb.url,
        PORT: String(port),
        // Its 'listening at' line is an info line.
        LOG_LEVEL: 'info',
        DB_APPLICATION_NAME: application,
        DB_POOL_MIN: '5',
        METRICS_TOKEN: 'pool-test-token-0123456789',
      },
    });
    await server.waitForLine((l) => l.msg.startsWith('listening at http://'), 30_000);
    const listening = performance.now() - started;
    // Once it listens, the minimum is open (fill ran before listen).
    const open = await backends(testDb.name, application);
    console.log(
      `pool: server listening after ${Math.round(listening)} ms with ${open.length} connections open`,
    );
    expect(open).toHaveLength(5);

    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const scraped = await fetch(metricsUrl, {
      headers: { authorization: 'Bearer pool-test-token-0123456789' },
    }).then((r) => r.text());
    expect(value(scraped, 'db_pool_size')).toBe(5);
    expect(value(scraped, 'db_pool_min')).toBe(5);
    expect(value(scraped, 'db_pool_max')).toBe(20);

    // db:report's pool sections: the server's pool from its /metrics, PostgreSQL's view beside it.
    const reporter = connectPostgres(testDb.url, poolConfig);
    const executor = await reporter.executor();
    try {
      const [pool, byApplication] = await poolSections(executor, {
        metricsUrl,
        token: 'pool-test-token-0123456789',
      });
      expect(pool?.rows[0]).toMatchObject({ size: 5, idle: 5, active: 0, waiting: 0, min: 5, max: 20 });
      expect(byApplication?.rows).toContainEqual(
        expect.objectContaining({ application, state: 'idle', connections: 5 }),
      );
    } finally {
      await executor.release();
      await reporter.close();
    }
    const refused = await serverPool({ metricsUrl });
    expect(refused.note).toMatch(/refused \(401\)/);
    const unreachable = await serverPool({ metricsUrl: `http://127.0.0.1:${await freePort()}/metrics` });
    expect(unreachable.note).toMatch(/not reachable \(ECONNREFUSED\)/);
    expect(server.stderr()).toBe('');
  });
});
