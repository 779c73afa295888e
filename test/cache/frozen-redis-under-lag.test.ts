/**
 * A frozen Redis while this process lags (src/cache/redis.ts, src/event-loop-lag.ts): with every
 * turn of the loop blocked (as under CPU load) and Redis stopped (SIGSTOP, connections open), the
 * breaker still opens, so requests stop paying command timeouts. This process' lag overlaps the
 * wait for Redis rather than adding to it: a timeout it covered is excused only when Redis was seen
 * answering since the call began. (The first lag-aware version never opened here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { hasRedisServer, type OwnRedis, startOwnRedis } from '../helpers/redis-server.js';

const TIMEOUT_MS = 250;
/** How long each turn of the loop is blocked (CPU work of other requests). */
const TURN_MS = 80;
/** How long the frozen Redis is left frozen under load. */
const WINDOW_MS = 4000;
const READ = `query FrozenRedisUnderLagProject($id: ID!) { node(id: $id) { ... on Project { name } } }`;

describe.skipIf(!hasRedisServer)('a frozen Redis while this process lags', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let token: string;
  let id: string;
  const logs: string[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await createTestApp(
      'lagattack',
      { REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) },
      { cache: 'redis', redisUrl: redis.url, logLines: logs },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'lagattack@example.test');
    id = encodeGlobalId('Project', (await createProject(t.database.db, org.id, { name: 'A' })).id);
    token = await t.signIn('lagattack@example.test');
  });
  afterAll(async () => {
    redis?.thaw();
    await t?.close();
    await redis?.stop();
  });

  it('opens the breaker on a frozen Redis even while every turn of the loop is blocked', async () => {
    const read = () =>
      t.request(READ, { id }, { token }) as Promise<GraphQLResponse<{ node: { name: string } }>>;
    await read();
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    expect(t.caches.breaker?.state).toBe('up');

    // Sustained load: every turn of the loop (its check phase) is blocked TURN_MS; timers and
    // sockets are served between blocks. Redis is frozen for the whole window.
    redis.freeze();
    const started = performance.now();
    let turns = 0;
    let openedAt: number | null = null;
    const loaded = new Promise<void>((resolve) => {
      const block = () => {
        if (openedAt === null && t.caches.breaker?.state === 'down') openedAt = performance.now() - started;
        if (performance.now() - started >= WINDOW_MS) return resolve();
        const until = performance.now() + TURN_MS;
        while (performance.now() < until) {
          // busy
        }
        turns++;
        setImmediate(block);
      };
      setImmediate(block);
    });
    // A client reading meanwhile (each read sends several Redis commands).
    const took: number[] = [];
    const reading = (async () => {
      while (performance.now() - started < WINDOW_MS) {
        const began = performance.now();
        const res = await read();
        expect(res.data).toEqual({ node: { name: 'A' } });
        took.push(Math.round(performance.now() - began));
      }
    })();
    try {
      await Promise.all([loaded, reading]);
    } finally {
      redis.thaw();
    }
    const summary = `${turns} turns of ${TURN_MS} ms in ${WINDOW_MS} ms, breaker opened at ${openedAt === null ? 'never' : `${Math.round(openedAt)} ms`}, reads took ${took.join(' ')} ms, logs: ${logs.filter((l) => l.includes('redis')).join(' | ')}`;
    console.log(summary);
    expect(turns, summary).toBeGreaterThanOrEqual(10);
    // Redis answered nothing for 4 s: the breaker must have opened (before 6ab7892: at the first
    // command timeout, a quarter of a second in).
    expect(openedAt, summary).not.toBeNull();
  });
});
