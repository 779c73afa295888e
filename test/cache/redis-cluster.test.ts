/**
 * The app on a real Redis Cluster (three masters, three replicas, loopback ports of the test's own;
 * REDIS_CLUSTER=true with REDIS_URL one of its nodes): the response cache, its invalidation,
 * sessions and the sign-in limits work with no CROSSSLOT error; the seeded coherence workload and
 * the invalidation matrix hold on it (two more instances over the same database and cache prefix);
 * and it keeps working with fresh data after the master holding the cache's slot fails over to its
 * replica, and after it is killed (the workload again, then).
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type CoherenceSetup,
  type Org,
  runRandomWorkload,
  runScriptedWorkload,
  SEED,
  seedCoherenceOrganizations,
} from '../helpers/coherence-workload.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { invalidationMatrixTests } from '../helpers/invalidation-matrix.js';
import { type OwnRedisCluster, startRedisCluster, until } from '../helpers/redis-cluster.js';
import { hasRedisServer } from '../helpers/redis-server.js';

/** The workload's size here: a third of the one-Redis run (test/cache/coherence.test.ts), to stay fast. */
const STEPS = 200;
const ROUNDS = 20;

const PROJECT = `query ClusterProject($id: ID!) { node(id: $id) { ... on Project { name } } }`;
const RENAME = `mutation ClusterRename($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } } }`;
const SIGN_IN = `mutation ClusterSignIn($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token } }`;
const SIGN_OUT = `mutation ClusterSignOut { sessionDelete { userErrors { code } } }`;
const VIEWER = `query ClusterViewer { viewer { email } }`;

describe.skipIf(!hasRedisServer)('Redis Cluster', () => {
  let cluster: OwnRedisCluster;
  let ports: number[];
  const cli = (port: number, ...args: string[]) => cluster.cli(port, ...args);
  const logs: string[] = [];
  let t: TestApp;
  let projectId: string;
  let token: string;
  /** Two more cached instances and an uncached one, on t's database and cache prefix. */
  let a: TestApp;
  let b: TestApp;
  let oracle: TestApp;
  let workload: CoherenceSetup;
  let orgs: Org[];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    ports = cluster.ports;

    t = await createTestApp(
      'cluster',
      { REDIS_CLUSTER: 'true', SIGNIN_ATTEMPTS_PER_15_MIN: '3', TRUST_PROXY: 'true' },
      {
        cache: 'redis',
        redisUrl: `redis://127.0.0.1:${ports[0]}`,
        redisPrefix: 'cluster-test:',
        rateLimitsInRedis: true,
        rawLogLines: logs,
      },
    );
    const db = t.database.db;
    const org = await createOrganization(db, 'Clustered');
    await createUser(db, org.id, 'admin', 'admin@cluster.test');
    await createUser(db, org.id, 'member', 'member@cluster.test');
    projectId = encodeGlobalId('Project', (await createProject(db, org.id, { name: 'Before' })).id);
    token = await t.signIn('admin@cluster.test');

    const clustered = { cache: 'redis', redisUrl: cluster.url, redisPrefix: 'cluster-test:' } as const;
    a = await createTestApp('cluster-a', { REDIS_CLUSTER: 'true' }, { ...clustered, shareDatabaseWith: t });
    b = await createTestApp('cluster-b', { REDIS_CLUSTER: 'true' }, { ...clustered, shareDatabaseWith: t });
    oracle = await createTestApp('cluster-o', {}, { cache: 'none', shareDatabaseWith: t });
    workload = { db: t.database.db, instances: [a, b], oracle };
    orgs = await seedCoherenceOrganizations(workload);
  }, 60_000);

  afterAll(async () => {
    await oracle?.close();
    await b?.close();
    await a?.close();
    await t?.close();
    await cluster?.stop();
  });

  const read = () =>
    t.request<{ node: { name: string } }, { id: string }>(PROJECT, { id: projectId }, { token });
  const rename = async (name: string) => {
    const res = await t.request<
      { projectUpdate: { project: { name: string } } },
      { id: string; name: string }
    >(RENAME, { id: projectId, name }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.projectUpdate.project.name).toBe(name);
  };

  /** No Redis error was logged: a CROSSSLOT or MOVED reply would open the breaker (a warning). */
  const redisWarnings = () =>
    logs.filter((line) => /redis|CROSSSLOT/i.test(line) && /"level":(40|50)/.test(line));

  it('uses the Cluster client, with the cache keys in one slot of their own', () => {
    expect(t.caches.redis).toBeInstanceOf(Cluster);
    const slot = (key: string) => cli(ports[0]!, 'cluster', 'keyslot', key);
    expect(slot('{cluster-test:rc}:seq')).toBe(slot('{cluster-test:rc}:entry:anything'));
  });

  it('caches a read, and a write invalidates it: fresh data after', async () => {
    const first = await read();
    expect(first.data?.node.name).toBe('Before');
    expect(first.extensions?.responseCache).toMatchObject({ hit: false, didCache: true });
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    await rename('After');
    const after = await read();
    expect(after.data?.node.name).toBe('After');
    expect(after.extensions?.responseCache?.hit).toBe(false);
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    // The keys are in the cluster, under the hash tag.
    const keys = ports.flatMap((p) => cli(p, '--scan', '--pattern', '{cluster-test:rc}:*').split('\n'));
    expect(keys.filter((k) => k.startsWith('{cluster-test:rc}:entry:')).length).toBeGreaterThan(0);
    expect(redisWarnings()).toEqual([]);
  });

  it('keeps sessions in the cluster: a sign-out is seen at once', async () => {
    const session = await t.signIn('member@cluster.test');
    for (let i = 0; i < 2; i++) {
      const res = await t.request<{ viewer: { email: string } }, Record<string, never>>(
        VIEWER,
        {},
        { token: session },
      );
      expect(res.data?.viewer.email).toBe('member@cluster.test');
    }
    await t.request(SIGN_OUT, {}, { token: session });
    const after = await t.request(VIEWER, {}, { token: session });
    expect(after.status === 401 || after.errors?.length).toBeTruthy();
    expect(redisWarnings()).toEqual([]);
  });

  it('counts sign-in limits (address and account keys in different slots) in the cluster', async () => {
    const signIn = (password: string) =>
      t.request(
        SIGN_IN,
        { e: 'member@cluster.test', p: password },
        { headers: { 'x-forwarded-for': '203.0.113.77' } },
      );
    for (let i = 0; i < 3; i++) expect((await signIn('wrong')).status).toBe(200);
    const limited = await signIn('wrong');
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const counters = ports.flatMap((p) =>
      cli(p, '--scan', '--pattern', 'cluster-test:ratelimit:*').split('\n').filter(Boolean),
    );
    expect(counters.length).toBeGreaterThan(1);
    expect(redisWarnings()).toEqual([]);
  });

  it(`the seeded coherence workload: ${STEPS} random operations on two cached instances, each read as an uncached one's, with cache hits`, async () => {
    await runRandomWorkload(workload, orgs, { steps: STEPS });
  }, 120_000);

  it(`the scripted coherence workload: ${ROUNDS} rounds, payloads, both instances, the database and the audit log agree`, async () => {
    await runScriptedWorkload(workload, orgs, { rounds: ROUNDS });
  }, 120_000);

  describe('the invalidation matrix', () => {
    invalidationMatrixTests(() => ({ db: t.database.db, target: a, oracle, label: 'cluster' }));
  });

  it('fails over the master of the cache slot: requests keep succeeding, fresh, and caching resumes', async () => {
    const slot = Number(cli(ports[0]!, 'cluster', 'keyslot', '{cluster-test:rc}:seq'));
    const nodes = cli(ports[0]!, 'cluster', 'nodes')
      .split('\n')
      .map((line) => line.split(' '));
    const master = nodes.find(
      ([, , flags, , , , , , ...slots]) =>
        flags!.includes('master') &&
        slots.some((range) => {
          const [from, to = from] = range.split('-').map(Number);
          return slot >= from! && slot <= to!;
        }),
    )!;
    const replica = nodes.find((n) => n[3] === master[0])!;
    const replicaPort = Number(replica[1]!.split(':')[1]!.split('@')[0]);
    const epoch = t.caches.fences.epoch();
    expect(cli(replicaPort, 'cluster', 'failover')).toBe('OK');
    await until('the replica to take over', () => cli(replicaPort, 'role').startsWith('master'));
    // The connection stays up through a failover: the store still notices another server behind
    // its slot (which may lack the last writes the old one acknowledged) and marks older entries
    // stale, and the replicas' write fences are recorded anew (the epoch).
    await until('the store to notice the new master', () => t.caches.fences.epoch() > epoch, 30_000);

    await rename('During');
    let fresh = false;
    const deadline = Date.now() + 10_000;
    while (!fresh && Date.now() < deadline) {
      const res = await read();
      expect(res.errors).toBeUndefined();
      fresh = res.data?.node.name === 'During';
      if (!fresh) await new Promise((r) => setTimeout(r, 100));
    }
    expect(fresh).toBe(true);
    // Caching resumes on the new master.
    let hit = false;
    for (let i = 0; i < 50 && !hit; i++) {
      const res = await read();
      expect(res.data?.node.name).toBe('During');
      hit = res.extensions?.responseCache?.hit === true;
      if (!hit) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hit).toBe(true);
    await rename('After failover');
    expect((await read()).data?.node.name).toBe('After failover');
  }, 60_000);

  it('loses the master of the cache slot (killed): answers from PostgreSQL meanwhile, then fresh and cached again', async () => {
    const slot = Number(cli(ports[0]!, 'cluster', 'keyslot', '{cluster-test:rc}:seq'));
    const owner = ports.find(
      (p) =>
        cli(p, 'role').startsWith('master') && cli(p, 'cluster', 'countkeysinslot', String(slot)) !== '0',
    )!;
    const survivor = ports.find((p) => p !== owner && cli(p, 'role').includes(String(owner)))!;
    expect(survivor).toBeDefined();
    cluster.servers[ports.indexOf(owner)]!.kill('SIGKILL');
    // Until the replica takes over (cluster-node-timeout 2 s), every request is still answered.
    const started = Date.now();
    while (!cli(survivor, 'role').startsWith('master')) {
      const res = await read();
      expect(res.errors).toBeUndefined();
      expect(res.data?.node.name).toBe('After failover');
      if (Date.now() - started > 20_000) throw new Error('the replica was not promoted');
      await new Promise((r) => setTimeout(r, 100));
    }
    await rename('After kill');
    let hit = false;
    for (let i = 0; i < 100 && !hit; i++) {
      const res = await read();
      expect(res.errors).toBeUndefined();
      expect(res.data?.node.name).toBe('After kill');
      hit = res.extensions?.responseCache?.hit === true;
      if (!hit) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hit).toBe(true);
  }, 60_000);

  it('after the kill, the seeded workload again: writes still invalidate, zero stale reads, cache hits', async () => {
    // Each instance's client finds the promoted replica (its breaker retries every second).
    for (const instance of [a, b]) {
      const org = orgs[0]!;
      const probe = () =>
        instance.request(PROJECT, { id: org.projects[0]! }, { token: org.admin }).then((r) => {
          expect(r.errors).toBeUndefined();
          return r.extensions?.responseCache?.hit === true;
        });
      const deadline = Date.now() + 20_000;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error('no cache hit on the promoted replica within 20 s');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await runRandomWorkload(workload, orgs, { seed: SEED + 2, steps: 80 });
  }, 60_000);
});
