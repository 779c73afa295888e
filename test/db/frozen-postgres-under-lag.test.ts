/**
 * A frozen PostgreSQL while this process lags (src/db/availability.ts): with every turn of the loop
 * blocked 200 ms (as under CPU load) and the server frozen (a TCP proxy of the test's own that
 * accepts and never answers), the probe still marks it down within a few seconds, and requests
 * waiting on it are answered. The probe's timeout is wall time, judged two turns of the loop after
 * it fired; the first lag-aware version stretched it by the lag, up to 10 s.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { FailOpenCache } from '../../src/cache/fail-open.js';
import { SessionCache } from '../../src/cache/sessions.js';
import { MemoryTaggedCache } from '../../src/cache/store.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { type createMigratedDatabase, createProxiedDatabase } from '../helpers/db.js';
import { createOrganization, createUser } from '../helpers/factories.js';
import type { TcpProxy } from '../helpers/net.js';
import { until } from '../helpers/wait.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
const READ = JSON.stringify({ query: 'query LagAttackProjects { projects { totalCount } }' });
/** How long each turn of the loop is blocked (CPU work of other requests). */
const TURN_MS = 200;

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
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

describe('a frozen PostgreSQL while this process lags', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let proxy: TcpProxy;
  let database: Database;
  let app: App;
  let token: string;

  beforeAll(async () => {
    ({ handle, proxy, database } = await createProxiedDatabase('lagattackpg'));
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'member', 'lagattackpg@example.test');
    // Sessions cached in memory: the read below is stuck in execution, not in the bearer lookup.
    const sessions = new SessionCache(new FailOpenCache(new MemoryTaggedCache(), pino({ level: 'silent' })));
    app = createApp({ database, config, logger: pino({ level: 'silent' }), sessions });
    const signIn = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation LagAttackSignIn { sessionCreate(input: { email: "lagattackpg@example.test", password: "test-password" }) { token } }`,
      }),
    });
    token = ((await signIn.json()) as { data: { sessionCreate: { token: string } } }).data.sessionCreate
      .token;
  });
  afterAll(async () => {
    proxy?.thaw();
    await app?.dispose();
    await database?.close();
    await proxy?.close();
    await handle?.close();
  });

  it('answers a request waiting on a frozen server within a few seconds while every turn of the loop is blocked', async () => {
    expect((await post(app, READ, token)).status).toBe(200);
    await until(async () => (await app.fetch('http://test/readyz')).status === 200, 10_000);

    let stop = false;
    let turns = 0;
    const loaded = new Promise<void>((resolve) => {
      const block = () => {
        if (stop) return resolve();
        const until = performance.now() + TURN_MS;
        while (performance.now() < until) {
          // busy
        }
        turns++;
        setImmediate(block);
      };
      setImmediate(block);
    });
    proxy.frozen = true;
    let read: Awaited<ReturnType<typeof post>>;
    try {
      read = await post(app, READ, token);
    } finally {
      stop = true;
      await loaded;
      proxy.thaw();
    }
    const summary = `${turns} turns of ${TURN_MS} ms; the read waiting on the frozen server answered ${read.status} after ${Math.round(read.ms)} ms`;
    console.log(summary);
    expect(read.status, summary).toBe(503);
    // Before 6ab7892: about 2.5 s (a late timeout retried once). A bound of twice that.
    expect(read.ms, summary).toBeLessThan(5000);
  });
});
