/**
 * Redis outages cost speed only: the test runs its own redis-server on a free port (never the
 * shared one), stops it mid-run, and every request still answers correctly within a bounded time;
 * it starts it again and caching resumes by itself.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG'
    )
      return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not start`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const QUERY =
  'query($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }';
const ADD =
  'mutation($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: "1.00" }]) { userErrors { code } } }';
type Answer = { node: { amount: string; itemsTotal: string; items: { totalCount: number } } };

describe.skipIf(!hasRedisServer)('Redis outage', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  let dir: string;
  let token: string;
  let id: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'redis-outage-'));
    port = await freePort();
    redis = await startRedis(port, dir);
    t = await createTestApp(
      'outage',
      { REDIS_COMMAND_TIMEOUT_MS: '200' },
      {
        cache: 'redis',
        redisUrl: `redis://127.0.0.1:${port}`,
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
    if (redis) await stop(redis);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const timed = async <T>(fn: () => Promise<T>) => {
    const started = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - started };
  };

  it('serves from PostgreSQL while Redis is down, then caches again when it is back', async () => {
    await t.request(QUERY, { id }, { token });
    const hit = await t.request<Answer, { id: string }>(QUERY, { id }, { token });
    expect(hit.extensions?.responseCache?.hit).toBe(true);

    await stop(redis);
    let expectedTotal = 1;
    for (let i = 0; i < 6; i++) {
      // Writes succeed too, and reads after them are fresh.
      const write = await timed(() => t.request(ADD, { id }, { token }));
      expect(write.value.errors).toBeUndefined();
      expectedTotal += 1;
      const read = await timed(() => t.request<Answer, { id: string }>(QUERY, { id }, { token }));
      expect(read.value.errors).toBeUndefined();
      expect(read.value.data?.node.itemsTotal).toBe(`${expectedTotal}.00`);
      expect(read.value.extensions?.responseCache?.hit ?? false).toBe(false);
      // Bounded: a refused connection fails at once, a timeout after 200 ms; never the 10 s of
      // ioredis' defaults.
      expect(read.ms).toBeLessThan(1500);
      expect(write.ms).toBeLessThan(1500);
    }

    redis = await startRedis(port, dir);
    // Reconnects in the background (retry at most every 2 s); then caching resumes by itself.
    let resumed = false;
    for (let i = 0; i < 60 && !resumed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const res = await t.request<Answer, { id: string }>(QUERY, { id }, { token });
      expect(res.data?.node.itemsTotal).toBe(`${expectedTotal}.00`);
      resumed = res.extensions?.responseCache?.hit === true;
    }
    expect(resumed).toBe(true);
    // Logged once per change of state, not once per request.
    const count = (text: string) => logs.filter((l) => l.includes(text)).length;
    expect(count('cache: Redis call failed'), logs.join(' | ')).toBe(1);
    expect(count('cache: Redis calls succeed again'), logs.join(' | ')).toBe(1);
    expect(count('marked stale'), logs.join(' | ')).toBe(1);
    expect(logs.length, logs.join(' | ')).toBeLessThan(10);
  });
});
