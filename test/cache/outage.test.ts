/**
 * Redis outages cost speed only: the test runs its own redis-server on a free port (never the
 * shared one), stops it mid-run, and every request still answers correctly within a bounded time;
 * it starts it again and caching resumes by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';
import { hasRedisServer, type OwnRedis, startOwnRedis } from '../helpers/redis-server.js';

const QUERY = graphql(
  `query OutageReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }`,
);
const ADD = graphql(
  `mutation OutageReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: "1.00" }]) { userErrors { code } } }`,
);
type Answer = { node: { amount: string; itemsTotal: string; items: { totalCount: number } } };

describe.skipIf(!hasRedisServer)('Redis outage', () => {
  let t: TestApp;
  let redis: OwnRedis;
  let token: string;
  let id: string;
  const logs: string[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await createTestApp(
      'outage',
      { REDIS_COMMAND_TIMEOUT_MS: '200' },
      {
        cache: 'redis',
        redisUrl: redis.url,
        logLines: logs,
      },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'outage@example.test');
    const project = await createProject(t.database.db, org.id);
    const r = await createReconciliation(t.database.db, project, { amount: '10.00' });
    await createItem(t.database.db, r, { amount: '1.00' });
    id = encodeGlobalId('Reconciliation', r.id);
    token = await t.signIn('outage@example.test');
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const timed = async <T>(fn: () => Promise<T>) => {
    const started = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - started };
  };

  it('serves from PostgreSQL while Redis is down, then caches again when it is back', async () => {
    await t.request(QUERY, { id }, { token });
    const hit = await (t.request(QUERY, { id }, { token }) as Promise<GraphQLResponse<Answer>>);
    expect(hit.extensions?.responseCache?.hit).toBe(true);

    await redis.kill();
    let expectedTotal = 1;
    for (let i = 0; i < 6; i++) {
      // Writes succeed too, and reads after them are fresh.
      const write = await timed(() => t.request(ADD, { id }, { token }));
      expect(write.value.errors).toBeUndefined();
      expectedTotal += 1;
      const read = await timed(() => t.request(QUERY, { id }, { token }) as Promise<GraphQLResponse<Answer>>);
      expect(read.value.errors).toBeUndefined();
      expect(read.value.data?.node.itemsTotal).toBe(`${expectedTotal}.00`);
      expect(read.value.extensions?.responseCache?.hit ?? false).toBe(false);
      // Bounded: a refused connection fails at once, a timeout after 200 ms; never the 10 s of
      // ioredis' defaults.
      expect(read.ms).toBeLessThan(1500);
      expect(write.ms).toBeLessThan(1500);
    }

    await redis.restart();
    // Reconnects in the background (retry at most every 2 s); then caching resumes by itself.
    let resumed = false;
    for (let i = 0; i < 60 && !resumed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await (t.request(QUERY, { id }, { token }) as Promise<GraphQLResponse<Answer>>);
      expect(res.data?.node.itemsTotal).toBe(`${expectedTotal}.00`);
      resumed = res.extensions?.responseCache?.hit === true;
    }
    expect(resumed).toBe(true);
    // Logged once per change of state, not once per request.
    const count = (text: string) => logs.filter((l) => l.includes(text)).length;
    expect(count('cache: Redis call failed'), logs.join(' | ')).toBe(1);
    expect(count('cache: Redis calls succeed again'), logs.join(' | ')).toBe(1);
    // Once for the server first seen at start, once for the restarted one (which also settles the
    // invalidations lost meanwhile).
    expect(count('marked stale'), logs.join(' | ')).toBe(2);
    expect(count('not seen before'), logs.join(' | ')).toBe(2);
    expect(logs.length, logs.join(' | ')).toBeLessThan(10);
  });

  it('after Redis restarts from a snapshot, serves nothing the snapshot brought back', async () => {
    const PROJECT = graphql(`query OutageProject($id: ID!) { node(id: $id) { ... on Project { name } } }`);
    const RENAME = graphql(
      `mutation OutageProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }`,
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'admin', 'snapshot@example.test');
    const project = encodeGlobalId(
      'Project',
      (await createProject(t.database.db, org.id, { name: 'old' })).id,
    );
    const [admin, leaving] = [
      await t.signIn('snapshot@example.test'),
      await t.signIn('snapshot@example.test'),
    ];
    // Cached: the project under its old name, and the second session.
    for (let i = 0; i < 2; i++) {
      await t.request(PROJECT, { id: project }, { token: admin });
      await t.request(PROJECT, { id: project }, { token: leaving });
    }
    expect((await t.request(PROJECT, { id: project }, { token: admin })).extensions?.responseCache?.hit).toBe(
      true,
    );
    expect(redis.cli('SAVE')).toBe('OK');
    // After the snapshot: the rename and the sign-out invalidate what it holds.
    expect((await t.request(RENAME, { id: project, name: 'new' }, { token: admin })).errors).toBeUndefined();
    await t.request(
      graphql(`mutation OutageSessionDelete { sessionDelete { userErrors { code } } }`),
      {},
      { token: leaving },
    );

    // Redis dies and comes back with the snapshot: the old entries, tombstones and sequence.
    await redis.kill();
    await redis.restart();
    expect(redis.cli('EXISTS', `${t.config.REDIS_KEY_PREFIX}rc:seq`)).toBe('1');
    let hit = false;
    const deadline = Date.now() + 15_000;
    while (!hit && Date.now() < deadline) {
      const read = await (t.request(PROJECT, { id: project }, { token: admin }) as Promise<
        GraphQLResponse<{ node: { name: string } }>
      >);
      expect(read.data?.node.name).toBe('new');
      const gone = await t.request(PROJECT, { id: project }, { token: leaving });
      expect(gone.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      hit = read.extensions?.responseCache?.hit === true;
      await new Promise((r) => setTimeout(r, 50));
    }
    // and caching resumes by itself
    expect(hit).toBe(true);
  });
});
