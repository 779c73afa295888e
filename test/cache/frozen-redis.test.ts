/**
 * A frozen Redis (SIGSTOP of the test's own redis-server: connections open, nothing answered)
 * costs a request at most one command timeout, not one per Redis call (rate limit, session
 * lookup, cache sequence, get, store): after the first timeout every caller skips Redis until a
 * background probe answers. Answers stay correct throughout, a write made meanwhile is never
 * hidden by an older cache entry after the thaw, and caching resumes by itself.
 */
import { print } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { type Caches, createCaches } from '../../src/cache/index.js';
import { RateLimiter } from '../../src/cache/rate-limit.js';
import { connectRedis, RedisBreaker, redisBudget, waitForReady } from '../../src/cache/redis.js';
import { loadConfig } from '../../src/config.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { TcpProxy } from '../helpers/net.js';
import { hasRedisServer, type OwnRedis, startOwnRedis } from '../helpers/redis-server.js';

const TIMEOUT_MS = 250;
const READ = print(
  graphql(`query FrozenRedisProject($id: ID!) { node(id: $id) { ... on Project { name } } }`),
);
const RENAME = print(
  graphql(
    `mutation FrozenRedisProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }`,
  ),
);

/**
 * The API over a database of its own and the given Redis, with the limits on and in Redis as in
 * production (one more Redis call per request), a member signed in and one project.
 */
async function setUp(label: string, redisUrl: string, env: Record<string, string> = {}) {
  const handle = await createMigratedDatabase(label);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `${label}:`,
    REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS),
    ...env,
    RATE_LIMIT_PER_MINUTE: '100000',
    SIGNIN_ATTEMPTS_PER_15_MIN: '100000',
  });
  const logger = pino({ level: 'silent' });
  const caches = await createCaches(config, logger);
  const app = createApp({
    database: handle.database,
    config,
    logger,
    cache: caches.cache,
    sessions: caches.sessions,
    rateLimiter: new RateLimiter(caches.redis, config.REDIS_KEY_PREFIX, caches.breaker),
    redisHealth: caches.breaker,
  });
  let token = '';
  const post = async (query: string, variables: Record<string, unknown> = {}, auth = true) => {
    const started = performance.now();
    // Each request with its Redis budget, as src/server.ts runs it (unless the test set one).
    const budget = redisBudget.getStore() ?? { spentMs: 0, limitMs: TIMEOUT_MS };
    const res = await redisBudget.run(budget, () =>
      app.fetch('http://test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(auth ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: unknown[];
      extensions?: { responseCache?: { hit?: boolean } };
    };
    return { body, ms: performance.now() - started };
  };
  const org = await createOrganization(handle.database.db);
  await createUser(handle.database.db, org.id, 'member', `${label}@example.test`);
  const id = encodeGlobalId('Project', (await createProject(handle.database.db, org.id, { name: 'A' })).id);
  const signIn = await post(
    `mutation { sessionCreate(input: { email: "${label}@example.test", password: "test-password" }) { token } }`,
    {},
    false,
  );
  token = (signIn.body.data as { sessionCreate: { token: string } }).sessionCreate.token;
  /** Reads until the read is a hit again (at most 15 s), each answer the project's current name. */
  const cachesAgain = async (name: string) => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const read = await post(READ, { id });
      expect(read.body.data).toEqual({ node: { name } });
      if (read.body.extensions?.responseCache?.hit === true) return true;
    }
    return false;
  };
  return {
    handle,
    caches,
    app,
    id,
    post,
    cachesAgain,
    async close() {
      await app.dispose();
      await caches.close();
      await handle.close();
    },
  };
}

describe.skipIf(!hasRedisServer)('Redis frozen', () => {
  let redis: OwnRedis;
  let api: Awaited<ReturnType<typeof setUp>>;
  let caches: Caches;
  let app: App;
  let id: string;
  let post: Awaited<ReturnType<typeof setUp>>['post'];
  const readyz = async () => (await app.fetch('http://test/readyz')).json();

  beforeAll(async () => {
    redis = await startOwnRedis();
    api = await setUp('frozen', redis.url);
    ({ caches, app, id, post } = api);
  });
  afterAll(async () => {
    redis?.thaw();
    await api?.close();
    await redis?.stop();
  });

  it('waits at most one command timeout, stays correct, and caches again after the thaw', async () => {
    await post(READ, { id });
    const warm = await post(READ, { id });
    expect(warm.body.extensions?.responseCache?.hit).toBe(true);
    expect(await readyz()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });

    // Every command the client sends (instrumentation of the real client, as statements are counted)
    const sent: string[] = [];
    const client = caches.redis as unknown as {
      sendCommand: (c: { name: string }, ...rest: unknown[]) => unknown;
    };
    const sendCommand = client.sendCommand.bind(client);
    client.sendCommand = (command, ...rest) => {
      sent.push(command.name);
      return sendCommand(command, ...rest);
    };

    redis.freeze();
    // Each of these makes five to seven Redis calls when Redis answers: frozen, without the
    // breaker each would wait for every one of them (7 x 250 ms), or two after a lost invalidation.
    const names = ['B', 'C', 'D'];
    let total = 0;
    let slowest = 0;
    const timed = (r: { ms: number }) => {
      total += r.ms;
      slowest = Math.max(slowest, r.ms);
    };
    // Reads first: with the entry cached, each would look Redis up several times.
    for (let i = 0; i < 4; i++) {
      const read = await post(READ, { id });
      expect(read.body.data).toEqual({ node: { name: 'A' } });
      timed(read);
    }
    for (const name of names) {
      const write = await post(RENAME, { id, name });
      expect(write.body).toEqual({ data: { projectUpdate: { userErrors: [] } } });
      timed(write);
      const read = await post(READ, { id });
      expect(read.body.data).toEqual({ node: { name } });
      timed(read);
    }
    // Ten requests: one command timeout in all (the first), plus PostgreSQL's own time (measured
    // here: 0.3 s in all, the slowest 0.26 s). Without the breaker: 8.2 s, the slowest 1.3 s.
    // Wide margins for a loaded machine.
    expect(total, `${total} ms`).toBeLessThan(3000);
    expect(slowest, `${slowest} ms`).toBeLessThan(1000);
    // The first request's first call timed out; after it nobody sent anything but the probe's PING
    // (the first call was the rate limit's MULTI: five commands). With the rate limiter alone
    // outside the breaker: one MULTI per request, and about 3 s.
    const skipped = sent.filter((name) => name !== 'ping');
    expect(skipped.length, skipped.join(' ')).toBeLessThanOrEqual(5);
    // Redis is reported, not required.
    expect(await readyz()).toEqual({ status: 'ok', postgres: 'up', redis: 'down' });

    redis.thaw();
    // never the entry cached before the writes
    expect(await api.cachesAgain('D')).toBe(true);
    expect(await readyz()).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('caches again after a freeze whose first request was a write (its spent budget does not follow the recovery)', async () => {
    await post(READ, { id });
    expect((await post(READ, { id })).body.extensions?.responseCache?.hit).toBe(true);
    redis.freeze();
    // The write is the first to meet the frozen Redis: it spends its whole budget there, and the
    // breaker's probes and the lost invalidation's retries start from inside it.
    const write = await post(RENAME, { id, name: 'E' });
    expect(write.body).toEqual({ data: { projectUpdate: { userErrors: [] } } });
    redis.thaw();
    expect(await api.cachesAgain('E')).toBe(true);
  });

  it('stays closed when a stall of this process caused the timeout', async () => {
    const logger = pino({ level: 'silent' });
    const client = connectRedis({ url: redis.url, commandTimeoutMs: 100, logger });
    const breaker = new RedisBreaker(client, logger, 60_000);
    try {
      expect(await waitForReady(client, 5000)).toBe(true);
      const pending = breaker.run(() => client.get('frozen:stall'));
      // Auto-pipelining writes the command from a setImmediate: let it go out first.
      await new Promise((resolve) => setImmediate(resolve));
      // The event loop blocked past the command timeout: the timer fires before the reply is read.
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      await expect(pending).rejects.toThrow(/timed out/i);
      // The stall, not Redis, made the call late (src/event-loop-lag.ts): nothing is skipped.
      expect(breaker.state).toBe('up');
      expect(await breaker.run(() => client.get('frozen:stall'))).toBeNull();
    } finally {
      breaker.stop();
      client.disconnect();
    }
  });
});

describe.skipIf(!hasRedisServer)('Redis slow (answers, below the command timeout)', () => {
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let api: Awaited<ReturnType<typeof setUp>>;
  let caches: Caches;
  let id: string;
  let post: Awaited<ReturnType<typeof setUp>>['post'];

  beforeAll(async () => {
    redis = await startOwnRedis();
    const url = new URL(redis.url);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(await proxy.listen());
    api = await setUp('slowredis', url.toString());
    ({ caches, id, post } = api);
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await redis?.stop();
  });

  it('pays for one slow call, then skips Redis until it is quick again', async () => {
    await post(READ, { id });
    expect((await post(READ, { id })).body.extensions?.responseCache?.hit).toBe(true);
    const sent: string[] = [];
    const client = caches.redis as unknown as {
      sendCommand: (c: { name: string }, ...rest: unknown[]) => unknown;
    };
    const sendCommand = client.sendCommand.bind(client);
    client.sendCommand = (command, ...rest) => {
      sent.push(command.name);
      return sendCommand(command, ...rest);
    };
    // Slower than the slow mark (60% of the timeout), faster than the timeout: nothing times out.
    proxy.delayMs = TIMEOUT_MS * 0.7;
    for (let i = 0; i < 5; i++) expect((await post(READ, { id })).body.data).toEqual({ node: { name: 'A' } });
    // The first request's first call (the rate limit's MULTI: five commands) was slow; nothing
    // but the probe's PING went to Redis after it. Without the mark: five or more calls per request.
    const calls = sent.filter((name) => name !== 'ping');
    expect(calls.length, calls.join(' ')).toBeLessThanOrEqual(5);
    expect(caches.breaker?.state).toBe('down');

    proxy.delayMs = 0;
    expect(await api.cachesAgain('A')).toBe(true);
  });
});

describe.skipIf(!hasRedisServer)('Redis slow, each call below the slow mark', () => {
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let api: Awaited<ReturnType<typeof setUp>>;
  let id: string;
  let post: Awaited<ReturnType<typeof setUp>>['post'];

  beforeAll(async () => {
    redis = await startOwnRedis();
    const url = new URL(redis.url);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(await proxy.listen());
    // No call counts as slow here, however loaded the machine: only the budget is at work.
    api = await setUp('budget', url.toString(), { REDIS_SLOW_MS: '100000' });
    ({ id, post } = api);
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await redis?.stop();
  });

  it('spends one command timeout of Redis time per request in all, however many calls it makes', async () => {
    // Fast enough not to count as slow (below 60% of the timeout), slow enough to add up.
    proxy.delayMs = TIMEOUT_MS * 0.3;
    const spent = async (limitMs: number) => {
      const budget = { spentMs: 0, limitMs };
      // a document never cached: rate limit, session, lookup, sequence and store all go to Redis
      const query = `${READ} # ${Math.random()}`;
      const res = await redisBudget.run(budget, () => post(query, { id }));
      expect(res.body.data).toEqual({ node: { name: 'A' } });
      return budget.spentMs;
    };
    try {
      // Without a budget the calls add up past the timeout (five calls of 75 ms at the least)...
      expect(await spent(Number.POSITIVE_INFINITY)).toBeGreaterThan(TIMEOUT_MS * 1.2);
      // ... with one, the request stops calling Redis once it has waited the timeout.
      expect(await spent(TIMEOUT_MS)).toBeLessThan(TIMEOUT_MS * 1.5);
    } finally {
      proxy.delayMs = 0;
    }
  });
});
