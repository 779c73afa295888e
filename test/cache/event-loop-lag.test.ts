/**
 * A lagging event loop of this process (blocked synchronously while Redis calls are in flight, as
 * a process saturated by CPU work is) is not a slow Redis: the breaker stays closed and the cache
 * keeps hitting. Before, a call's wall time (the lag included) over REDIS_SLOW_MS, or a command
 * timeout fired before the loop read the answer, turned the cache off for everyone.
 * And the other way round: a frozen Redis (SIGSTOP, connections open) still opens the breaker while
 * every turn of the loop is blocked, because a timeout is excused only when the node owing the
 * reply was seen answering since the call began (the first lag-aware version never opened here).
 * A cluster's frozen master while another answers: frozen-cluster-master-under-lag.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { hasRedisServer, type OwnRedis, startOwnRedis } from '../helpers/redis-server.js';

const TIMEOUT_MS = 250;
/** REDIS_SLOW_MS by default: 60% of the command timeout. */
const SLOW_MS = TIMEOUT_MS * 0.6;
/** How long each turn of the loop is blocked in the frozen case (CPU work of other requests). */
const TURN_MS = 80;
/** How long Redis is left frozen under that load. */
const WINDOW_MS = 4000;
const READ = `query EventLoopLagProject($id: ID!) { node(id: $id) { ... on Project { name } } }`;

/** Blocks the event loop, as a burst of CPU work would. */
const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
};

describe.skipIf(!hasRedisServer)('Redis with this process lagging', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let token: string;
  let id: string;
  const logs: string[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await createTestApp(
      'looplag',
      { REDIS_COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) },
      { cache: 'redis', redisUrl: redis.url, logLines: logs },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'looplag@example.test');
    id = encodeGlobalId('Project', (await createProject(t.database.db, org.id, { name: 'A' })).id);
    token = await t.signIn('looplag@example.test');
  });
  afterAll(async () => {
    redis?.thaw();
    await t?.close();
    await redis?.stop();
  });

  it('keeps the breaker closed and the cache hitting while the loop is blocked with calls in flight', async () => {
    const read = () =>
      t.request(READ, { id }, { token }) as Promise<GraphQLResponse<{ node: { name: string } }>>;
    await read();
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    expect(t.caches.breaker?.state).toBe('up');

    // Every command the client sends (instrumentation of the real client): while the window is
    // open, a command sent at least 150 ms after the last block ends blocks the loop at once, so
    // the call is in flight through the whole block. Blocks alternate between 3 x REDIS_SLOW_MS
    // (past the command timeout: the timer fires before the answer is read) and 200 ms (slower
    // than REDIS_SLOW_MS, answered within the timeout).
    const client = t.caches.redis as unknown as {
      sendCommand: (c: { name: string }, ...rest: unknown[]) => unknown;
    };
    const sendCommand = client.sendCommand.bind(client);
    let windowOpen = false;
    let lastBlockEnd = 0;
    let blocks = 0;
    let blockedMs = 0;
    const states: string[] = [];
    client.sendCommand = (command, ...rest) => {
      const sent = sendCommand(command, ...rest);
      if (windowOpen && command.name !== 'ping' && performance.now() - lastBlockEnd >= 150) {
        const ms = blocks % 2 === 0 ? SLOW_MS * 3 : 200;
        spin(ms);
        blocks++;
        blockedMs += ms;
        lastBlockEnd = performance.now();
        // After the block, once the loop has read what arrived: the breaker's state then.
        setImmediate(() => states.push(t.caches.breaker?.state ?? 'none'));
      }
      return sent;
    };

    let hits = 0;
    let reads = 0;
    const started = performance.now();
    windowOpen = true;
    try {
      // Two clients reading the cached answer, for 3 s.
      await Promise.all(
        [0, 1].map(async () => {
          while (performance.now() - started < 3000) {
            const res = await read();
            expect(res.errors).toBeUndefined();
            expect(res.data).toEqual({ node: { name: 'A' } });
            reads++;
            if (res.extensions?.responseCache?.hit) hits++;
            // a moment between reads, as between a client's requests
            await new Promise((r) => setTimeout(r, 5));
          }
        }),
      );
    } finally {
      windowOpen = false;
      client.sendCommand = sendCommand;
    }
    const took = performance.now() - started;
    const summary = `${blocks} blocks (${Math.round(blockedMs)} ms of ${Math.round(took)} ms), ${hits} hits of ${reads} reads, breaker after each block: ${states.join(' ')}, logs: ${logs.join(' | ')}`;
    console.log(summary);
    // The loop was blocked again and again, with calls in flight.
    expect(blocks, summary).toBeGreaterThanOrEqual(4);
    // Never taken for a slow or frozen Redis.
    expect(
      logs.filter((l) => l.includes('redis: a command failed or was slow')),
      summary,
    ).toEqual([]);
    expect(
      states.filter((s) => s !== 'up'),
      summary,
    ).toEqual([]);
    expect(t.caches.breaker?.state).toBe('up');
    // The cache served throughout: only calls in flight through a block past the timeout missed.
    expect(hits, summary).toBeGreaterThanOrEqual(reads / 4);
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
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
    expect(turns, summary).toBeGreaterThanOrEqual(10);
    // Redis answered nothing for 4 s: the breaker must have opened (before 6ab7892: at the first
    // command timeout, a quarter of a second in).
    expect(openedAt, summary).not.toBeNull();
  });
});
