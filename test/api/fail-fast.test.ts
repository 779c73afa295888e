/**
 * PostgreSQL unreachable: requests fail within about a second with SERVICE_UNAVAILABLE (HTTP 503,
 * Retry-After, retryable) and /readyz answers 503 at once from the last probe. Two kinds of
 * outage, neither touching the shared server: a port where nothing listens (connections refused),
 * and a TCP proxy of the test's own in front of its own database that it freezes (connections
 * accepted, nothing answered: what a hung or partitioned server looks like), then thaws.
 */
import { print } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { FailOpenCache } from '../../src/cache/fail-open.js';
import { SessionCache } from '../../src/cache/sessions.js';
import { MemoryTaggedCache } from '../../src/cache/store.js';
import { loadConfig } from '../../src/config.js';
import { connectPostgres, type Database, openPglite } from '../../src/db/client.js';
import { MigrationRunner } from '../../src/db/migrate.js';
import { graphql } from '../gql/index.js';
import { type createMigratedDatabase, createProxiedDatabase, poolConfig } from '../helpers/db.js';
import { createOrganization, createUser } from '../helpers/factories.js';
import { freePort, type TcpProxy } from '../helpers/net.js';
import { until } from '../helpers/wait.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
const SIGN_IN = JSON.stringify({
  query: print(
    graphql(
      `mutation FailFastSignInRefused { sessionCreate(input: { email: "a@example.test", password: "x" }) { token } }`,
    ),
  ),
});
const READ = JSON.stringify({ query: print(graphql(`query FailFastProjects { projects { totalCount } }`)) });
const CREATE = JSON.stringify({
  query: print(
    graphql(
      `mutation FailFastProjectCreate { projectCreate(input: { name: "during the freeze" }) { project { id } userErrors { code } } }`,
    ),
  ),
});

async function post(app: App, body: string, token?: string) {
  const started = performance.now();
  const res = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  const json = (await res.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[];
  };
  return { status: res.status, headers: res.headers, json, ms: performance.now() - started };
}

async function readyz(app: App) {
  const started = performance.now();
  const res = await app.fetch('http://test/readyz');
  return { status: res.status, body: await res.json(), ms: performance.now() - started };
}

function expectUnavailable(res: Awaited<ReturnType<typeof post>>) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.json.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
  // about a second; three on a loaded machine
  expect(res.ms).toBeLessThan(3000);
}

describe('PostgreSQL refusing connections', () => {
  let database: Database;
  let app: App;

  beforeAll(async () => {
    database = connectPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/none`, poolConfig);
    app = createApp({ database, config, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
  });

  it('answers every request at once with a retryable 503, and /readyz 503 with the state', async () => {
    // the very first request, before any probe has run, as well as the next ones
    for (let i = 0; i < 5; i++) {
      expectUnavailable(await post(app, i % 2 ? READ : SIGN_IN, i % 2 ? 'x'.repeat(43) : undefined));
    }
    const ready = await readyz(app);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'unavailable', postgres: 'down', redis: 'off' });
    expect(ready.ms).toBeLessThan(1000);
    // the process itself is alive
    expect((await app.fetch('http://test/healthz')).status).toBe(200);
    // no other path Yoga answers GraphQL on gets past the gate
    for (const url of ['http://test/graphql/', 'http://test/x?y=/graphql', 'http://test/other']) {
      const res = await app.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: print(graphql(`query FailFastTypename { __typename }`)) }),
      });
      expect(res.status, url).toBe(503);
    }
  });
});

describe('PostgreSQL refusing connections: the log', () => {
  it('says so once (a warning on the change of state); requests refused or failed for it log no error and no SQL', async () => {
    const lines: { level: number; msg: string; text: string }[] = [];
    const logger = pino(
      { level: 'trace' },
      {
        write: (text: string) =>
          lines.push({ ...(JSON.parse(text) as { level: number; msg: string }), text }),
      },
    );
    const database = connectPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/none`, poolConfig);
    const app = createApp({ database, config, logger });
    try {
      // the first requests reach the pool before any probe has run; later ones are refused at the gate
      await Promise.all([post(app, READ, 'x'.repeat(43)), post(app, SIGN_IN), post(app, READ)]);
      for (let i = 0; i < 4; i++) expectUnavailable(await post(app, i % 2 ? READ : SIGN_IN));
      await until(async () => lines.some((l) => l.msg.startsWith('postgres: unreachable')), 5000);
    } finally {
      await app.dispose();
      await database.close();
    }
    const loud = lines.filter((l) => l.level > 30);
    expect(loud.map((l) => l.msg)).toEqual(['postgres: unreachable; refusing requests']);
    expect(lines.filter((l) => /select|Failed query|pg_|"query"/i.test(l.text)).map((l) => l.text)).toEqual(
      [],
    );
  });
});

describe('PostgreSQL frozen (accepts, never answers), then back', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let proxy: TcpProxy;
  let database: Database;
  let app: App;
  let token: string;

  beforeAll(async () => {
    ({ handle, proxy, database } = await createProxiedDatabase('failfast'));
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'member', 'frozen@example.test');
    app = createApp({ database, config, logger: pino({ level: 'silent' }) });
    const signIn = await post(
      app,
      JSON.stringify({
        query: print(
          graphql(
            `mutation FailFastSignIn { sessionCreate(input: { email: "frozen@example.test", password: "test-password" }) { token } }`,
          ),
        ),
      }),
    );
    token = (signIn.json.data as { sessionCreate: { token: string } }).sessionCreate.token;
  });
  afterAll(async () => {
    proxy?.thaw();
    await app?.dispose();
    await database?.close();
    await proxy?.close();
    await handle?.close();
  });

  it('is ready, then refuses at once while frozen, then serves again once it answers', async () => {
    expect((await readyz(app)).body).toEqual({ status: 'ok', postgres: 'up', redis: 'off' });
    expect((await post(app, READ, token)).json).toEqual({ data: { projects: { totalCount: 0 } } });

    proxy.frozen = true;
    // the background probe notices within its timeout (2 s) and interval (1 s); /readyz itself never waits
    await until(async () => {
      const ready = await readyz(app);
      expect(ready.ms).toBeLessThan(1000);
      return ready.status === 503;
    }, 10_000);
    expect((await readyz(app)).body).toEqual({ status: 'unavailable', postgres: 'down', redis: 'off' });
    for (let i = 0; i < 3; i++) expectUnavailable(await post(app, READ, token));
    expectUnavailable(await post(app, SIGN_IN));

    proxy.thaw();
    await until(async () => (await readyz(app)).status === 200, 10_000);
    expect((await post(app, READ, token)).json).toEqual({ data: { projects: { totalCount: 0 } } });
  });

  it('answers requests already waiting on the frozen server once the probe notices, not when it thaws', async () => {
    // Sessions cached in memory: the token resolves without PostgreSQL, so the read and the write
    // below are stuck in execution, not in the bearer lookup.
    const sessions = new SessionCache(new FailOpenCache(new MemoryTaggedCache(), pino({ level: 'silent' })));
    const cachedApp = createApp({ database, config, logger: pino({ level: 'silent' }), sessions });
    try {
      await until(async () => (await readyz(cachedApp)).status === 200, 10_000);
      expect((await post(cachedApp, READ, token)).json).toEqual({ data: { projects: { totalCount: 0 } } });
      proxy.frozen = true;
      const [read, write, lookup] = await Promise.all([
        post(cachedApp, READ, token),
        post(cachedApp, CREATE, token),
        // not in the session cache: stuck in the bearer lookup
        post(cachedApp, READ, 'y'.repeat(43)),
      ]);
      // A read is safe to retry; a write may or may not have committed, so it says so.
      expect(read.status).toBe(503);
      expect(read.json.errors?.[0]?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
      });
      expect(write.json.errors?.[0]?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        retryable: false,
      });
      expect(lookup.status).toBe(503);
      expect(lookup.json.errors?.[0]?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
      });
      // answered while still frozen: the probe's interval and two timeouts, with a wide margin
      expect(proxy.frozen).toBe(true);
      for (const res of [read, write, lookup]) expect(res.ms).toBeLessThan(8_000);
    } finally {
      proxy.thaw();
      await cachedApp.dispose();
    }
  });
});

describe('on embedded PGlite (npm start without DATABASE_URL)', () => {
  let database: Database;
  let app: App;

  beforeAll(async () => {
    database = await openPglite(null);
    const executor = await database.executor();
    try {
      await new MigrationRunner(executor).migrate();
    } finally {
      await executor.release();
    }
    app = createApp({ database, config, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
  });

  it('is ready and serves requests through the same probe and gate', async () => {
    const ready = await readyz(app);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', postgres: 'up', redis: 'off' });
    const res = await post(app, SIGN_IN);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { sessionCreate: { token: null } } });
    // still up after a few probes
    await new Promise((r) => setTimeout(r, 1500));
    expect((await readyz(app)).status).toBe(200);
  });
});
