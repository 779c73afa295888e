/**
 * Three API instances on one PostgreSQL database and one Redis, behind a real nginx (round robin,
 * keep-alive to the instances, X-Forwarded-For appended; test/helpers/proxy.ts): one client's
 * consecutive requests land on different instances (each answer's X-Request-Id found in one
 * instance's access log), and still: the seeded coherence workload (test/helpers/coherence-workload.ts)
 * reads nothing stale, with cache hits, and the invalidation matrix (test/helpers/invalidation-matrix.ts)
 * holds, while each request lands on another instance than the one before; a sign-out on one is
 * seen by the next request on another, the request limit counts the client across the instances as
 * one, by the address nginx saw (X-Forwarded-For's last entry), and an instance killed mid-run
 * costs only the requests it was serving.
 */
import { Agent } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type CoherenceSetup,
  type Org,
  runRandomWorkload,
  runScriptedWorkload,
  seedCoherenceOrganizations,
} from '../helpers/coherence-workload.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { createOrganization, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { graphqlOverHttp } from '../helpers/graphql-http.js';
import { type HttpTarget, httpTarget } from '../helpers/http-target.js';
import { invalidationMatrixTests } from '../helpers/invalidation-matrix.js';
import { hasNginx, type ProxiedInstances, startProxiedInstances } from '../helpers/proxy.js';
import { until } from '../helpers/wait.js';

/** Requests per minute per client address: small, so a limit shared by the instances shows. */
const LIMIT = 20;
/** The coherence workload's size here: a quarter of the one-Redis run (test/cache/coherence.test.ts). */
const STEPS = 150;
const ROUNDS = 20;

interface Answer {
  status: number;
  requestId: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely
  json: any;
  text: string;
}

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }
}`;
const SIGN_OUT = 'mutation { sessionDelete { userErrors { code } } }';
const CREATE = `mutation ($name: String!) {
  projectCreate(input: { name: $name }) { project { id name } userErrors { code } }
}`;
const UPDATE = `mutation ($id: ID!, $name: String!) {
  projectUpdate(id: $id, input: { name: $name }) { project { id name } userErrors { code } }
}`;
const READ = 'query ($id: ID!) { node(id: $id) { ... on Project { name } } }';

describe.skipIf(!hasNginx)('many instances behind nginx', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let proxy: ProxiedInstances;
  let email: string;
  /** Requests through nginx from a new address every LIMIT - 2 (the workload's and the matrix'). */
  let target: HttpTarget;
  /** The same database, no cache, in process. */
  let oracle: TestApp;
  let workload: CoherenceSetup;
  let orgs: Org[];
  const agents = new Map<string, Agent>();
  let addresses = 0;
  /** A loopback address no request came from yet: a new client, with a bucket of its own. */
  const freshAddress = () => {
    const n = addresses++;
    return `127.0.${1 + Math.floor(n / 250)}.${2 + (n % 250)}`;
  };

  /** One request through nginx from `from` (a loopback address), on a keep-alive connection of its own. */
  const send = (
    from: string,
    options: {
      method?: 'GET' | 'POST';
      query: string;
      variables?: object;
      token?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Answer> => {
    let agent = agents.get(from);
    if (!agent) {
      agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: from });
      agents.set(from, agent);
    }
    return graphqlOverHttp(proxy.url, {
      method: options.method,
      query: options.query,
      variables: options.variables ?? {},
      agent,
      token: options.token,
      headers: { accept: 'application/json', ...options.headers },
    }).then((res) => {
      let json: unknown = null;
      try {
        json = JSON.parse(res.text);
      } catch {}
      return {
        status: res.status,
        requestId: String(res.headers['x-request-id'] ?? ''),
        json,
        text: res.text,
      };
    });
  };

  /** A client that moves to a fresh address every few requests, to stay under the request limit. */
  const client = () => {
    let from = freshAddress();
    let sent = 0;
    return (options: Parameters<typeof send>[1]) => {
      if (++sent % (LIMIT - 2) === 0) from = freshAddress();
      return send(from, options);
    };
  };

  const signIn = async (via: ReturnType<typeof client>) => {
    const res = await via({ query: SIGN_IN, variables: { email, password: TEST_PASSWORD } });
    const token = res.json?.data?.sessionCreate?.token;
    if (!token) throw new Error(`no token: ${res.text}`);
    return token as string;
  };

  beforeAll(async () => {
    handle = await createMigratedDatabase('many');
    const org = await createOrganization(handle.database.db);
    email = (await createUser(handle.database.db, org.id, 'admin')).email;
    proxy = await startProxiedInstances({
      env: {
        DATABASE_URL: handle.testDb.url,
        DB_POOL_MIN: '1',
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `${inject('runId')}:many-${process.pid}:`,
        RATE_LIMIT_PER_MINUTE: String(LIMIT),
        // A loaded two-core machine stalls a process for more than the default 150 ms now and then:
        // one slow Redis call makes the instance skip Redis (a miss where the matrix expects a hit).
        REDIS_COMMAND_TIMEOUT_MS: '1000',
      },
    });
    // createTestApp needs only the database of the app it shares one with.
    const shared = { database: handle.database } as TestApp;
    oracle = await createTestApp('many-o', {}, { cache: 'none', shareDatabaseWith: shared });
    target = httpTarget(proxy.url, { freshAddress, perAddress: LIMIT - 2 });
    // The proxy three times: the reads around each mutation go through every instance in turn.
    workload = { db: handle.database.db, instances: [target, target, target], oracle };
    orgs = await seedCoherenceOrganizations(workload);
  });

  afterAll(async () => {
    // What the instances said of Redis and the cache (a call failed or was slow...), to read beside a failure.
    for (const [i, server] of (proxy?.servers ?? []).entries()) {
      const warnings = server.lines().filter((l) => l.level >= 40 && /^(redis|cache):/.test(l.msg));
      if (warnings.length) console.log(`instance ${i}: ${warnings.map((l) => l.msg).join('; ')}`);
    }
    for (const agent of agents.values()) agent.destroy();
    target?.close();
    await oracle?.close();
    await proxy?.stop();
    await handle?.close();
  });

  /** The instance that served each of these requests (its access log has the id). */
  const servedAll = async (requestIds: string[]) => {
    let byId = new Map<string, number>();
    await until(async () => {
      byId = new Map(
        proxy.servers.flatMap((s, i) =>
          s
            .lines()
            .filter((l) => l.msg === 'request')
            .map((l) => [String(l.requestId), i] as const),
        ),
      );
      return requestIds.every((id) => byId.has(id));
    }, 10_000);
    return requestIds.map((id) => byId.get(id)!);
  };

  /** Runs `work` through the target; then each of its requests was served by another instance than the one before. */
  const alternating = async (work: () => Promise<unknown>) => {
    const from = target.requestIds.length;
    await work();
    const ids = target.requestIds.slice(from);
    const served = await servedAll(ids);
    const repeated = served.filter((s, i) => i > 0 && s === served[i - 1]).length;
    const perInstance = [0, 1, 2].map((i) => served.filter((s) => s === i).length);
    console.log(
      `through nginx: ${ids.length} requests, per instance ${perInstance.join('/')}, ${repeated} after one on the same instance`,
    );
    expect(repeated).toBe(0);
    expect(perInstance.every((n) => n > 0)).toBe(true);
  };

  it("one client's consecutive requests land on every instance in turn", async () => {
    const from = freshAddress();
    const served: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await send(from, { query: '{ __typename }' });
      expect(res.status, res.text).toBe(200);
      served.push(await proxy.servedBy(res.requestId));
    }
    for (let i = 1; i < served.length; i++) expect(served[i], served.join(',')).not.toBe(served[i - 1]);
    expect(new Set(served).size).toBe(3);
    // nginx's own log says the same: every instance's port took requests.
    const log = await proxy.accessLog();
    for (const s of proxy.servers) expect(log).toContain(`upstream=127.0.0.1:${s.port} `);
  });

  it(`the seeded coherence workload: ${STEPS} random operations, each read as an uncached instance's, with cache hits, each request on another instance than the one before`, async () => {
    await alternating(() => runRandomWorkload(workload, orgs, { steps: STEPS }));
  }, 120_000);

  it(`the scripted coherence workload: ${ROUNDS} rounds, payloads, every instance, the database and the audit log agree`, async () => {
    await alternating(() => runScriptedWorkload(workload, orgs, { rounds: ROUNDS }));
  }, 120_000);

  describe('the invalidation matrix (the read that caches and the read that hits on different instances)', () => {
    invalidationMatrixTests(() => ({ db: handle.database.db, target, oracle, label: 'nginx' }));
  });

  it('a sign-out on one instance is seen by the next request, on another', async () => {
    const via = client();
    const token = await signIn(via);
    const before = await via({ query: '{ projects(first: 1) { totalCount } }', token });
    expect(before.status, before.text).toBe(200);
    const out = await via({ query: SIGN_OUT, token });
    expect(out.json?.data?.sessionDelete?.userErrors, out.text).toEqual([]);
    const outOn = await proxy.servedBy(out.requestId);
    const seen = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const after = await via({ query: '{ projects(first: 1) { totalCount } }', token });
      expect(after.json?.errors?.[0]?.extensions?.code, after.text).toBe('UNAUTHENTICATED');
      seen.add(await proxy.servedBy(after.requestId));
    }
    // The instance that signed out and the two others all refuse the token.
    expect(seen.size).toBe(3);
    expect(seen.has(outOn)).toBe(true);
  });

  it('the request limit counts a client across the instances as one, by the address nginx saw', async () => {
    const from = freshAddress();
    const served = new Set<number>();
    for (let i = 0; i < LIMIT; i++) {
      const res = await send(from, { query: '{ __typename }' });
      expect(res.status, `request ${i + 1}: ${res.text}`).toBe(200);
      served.add(await proxy.servedBy(res.requestId));
    }
    // Each instance saw a third of them; together they reached the limit.
    expect(served.size).toBe(3);
    const over = await send(from, { query: '{ __typename }' });
    expect(over.status).toBe(429);
    expect(over.json?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // An X-Forwarded-For of the client's own making changes nothing: the instances take the entry nginx added.
    for (let i = 0; i < 3; i++) {
      const spoofed = await send(from, {
        query: '{ __typename }',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(spoofed.status).toBe(429);
    }
    // Every instance sees nginx (127.0.0.1) as its peer; another client address has its own bucket.
    const other = await send(freshAddress(), { query: '{ __typename }' });
    expect(other.status, other.text).toBe(200);
  });

  it('an instance killed mid-run costs only the requests it was serving', async () => {
    const admin = client();
    const token = await signIn(admin);
    const created = await admin({ query: CREATE, variables: { name: 'kill-0' }, token });
    const id = created.json?.data?.projectCreate?.project?.id as string;
    expect(id, created.text).toBeTruthy();
    const results: { kind: 'GET' | 'POST'; status: number | string; at: number; name?: string }[] = [];
    let running = true;
    let diedAt = 0;
    const worker = async (kind: 'GET' | 'POST', w: number) => {
      const via = client();
      let n = 0;
      while (running) {
        const at = performance.now();
        const name = `kill-${w}-${++n}`;
        const res = await (kind === 'GET'
          ? via({ method: 'GET', query: READ, variables: { id }, token })
          : via({ query: UPDATE, variables: { id, name }, token })
        ).catch((err: NodeJS.ErrnoException) => ({ status: err.code ?? err.message, json: null, text: '' }));
        results.push({ kind, status: res.status, at, name });
      }
    };
    const started = performance.now();
    const workers = [
      worker('GET', 1),
      worker('GET', 2),
      worker('GET', 3),
      worker('POST', 4),
      worker('POST', 5),
    ];
    await new Promise((r) => setTimeout(r, 1000));
    const victim = proxy.servers[2]!;
    const killedAt = performance.now();
    await victim.stop('SIGKILL');
    diedAt = performance.now();
    await new Promise((r) => setTimeout(r, 2000));
    running = false;
    await Promise.all(workers);

    const failed = results.filter((r) => r.status !== 200);
    const count = (kind: string) => results.filter((r) => r.kind === kind).length;
    const failedPosts = failed.filter((r) => r.kind === 'POST');
    // Requests sent after the kill, and idempotent ones (GET) it was serving, went to another instance.
    expect(
      failed.filter((r) => r.kind === 'GET'),
      JSON.stringify(failed),
    ).toEqual([]);
    // A POST it was serving is not sent again (nginx does not repeat a non-idempotent request):
    // its client gets 502 and cannot tell whether the mutation committed. At most one per POST client.
    expect(failedPosts.length, JSON.stringify(failed)).toBeLessThanOrEqual(2);
    for (const f of failedPosts) {
      expect(f.status).toBe(502);
      // Sent before the instance was gone (its exit seen here).
      expect(f.at).toBeLessThan(diedAt);
    }
    // The database holds one of the names written: whatever the lost POST did, it did whole.
    const sql = postgres(handle.testDb.url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<{ name: string }[]>`select name from projects where name like 'kill-%' limit 1`;
      expect(row?.name).toMatch(/^kill-\d+-\d+$|^kill-0$/);
    } finally {
      await sql.end();
    }
    console.log(
      `SIGKILL of one of 3 instances after 1 s: ${count('GET')} GETs and ${count('POST')} POSTs in ${Math.round(
        performance.now() - started,
      )} ms, exit seen ${Math.round(diedAt - killedAt)} ms after the signal; failed: ${
        failed
          .map((f) => `${f.kind} ${f.status} sent ${Math.round(f.at - killedAt)} ms after the signal`)
          .join(', ') || 'none'
      }`,
    );
    // The other two still answer.
    const after = await send(freshAddress(), { query: '{ __typename }' });
    expect(after.status).toBe(200);
  }, 60_000);
});
