/**
 * A frozen Redis Cluster master while this process lags (src/cache/redis.ts RedisBreaker): the
 * master of one key's slot is stopped (SIGSTOP) while every turn of the loop is blocked (as under
 * CPU load) and other calls, as other requests' (their request limits), keep going to another
 * master. The breaker must open as it does for a single frozen Redis
 * (event-loop-lag.test.ts): another node's answers say nothing of the frozen one.
 */
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, RedisBreaker, type RedisClient, waitForReady } from '../../src/cache/redis.js';
import { createLogger } from '../../src/log.js';
import { type OwnRedisCluster, startRedisCluster } from '../helpers/redis-cluster.js';
import { hasRedisServer } from '../helpers/redis-server.js';

const TIMEOUT_MS = 250;
const TURN_MS = 80;
/** Shorter than the cluster's node timeout (2 s): the frozen master is not failed over meanwhile. */
const WINDOW_MS = 1800;

describe.skipIf(!hasRedisServer)('a frozen Redis Cluster master while this process lags', () => {
  let cluster: OwnRedisCluster;
  let redis: RedisClient;
  let breaker: RedisBreaker;
  let frozen = -1;
  let onFrozen = '';
  let onOther = '';

  beforeAll(async () => {
    cluster = await startRedisCluster();
    const logger = createLogger('silent');
    redis = connectRedis({ url: cluster.url, cluster: true, commandTimeoutMs: TIMEOUT_MS, logger });
    // As src/cache/index.ts builds it: slow above 0.6 of the command timeout.
    breaker = new RedisBreaker(redis, logger, undefined, Math.round(TIMEOUT_MS * 0.6));
    expect(await waitForReady(redis, 10_000)).toBe(true);
    const owner = (key: string) => {
      const slot = Number(cluster.cli(cluster.ports[0]!, 'cluster', 'keyslot', key));
      return ((redis as Cluster).slots[slot] ?? [])[0];
    };
    onFrozen = 'frozen-master-key';
    const master = owner(onFrozen);
    frozen = cluster.ports.findIndex((port) => `127.0.0.1:${port}` === master);
    for (let i = 0; i < 1000 && !onOther; i++) if (owner(`other-${i}`) !== master) onOther = `other-${i}`;
    // Every node's connection open before the freeze (the keys' first calls).
    await redis.get(onFrozen);
    await redis.get(onOther);
  }, 60_000);
  afterAll(async () => {
    if (frozen >= 0) cluster?.servers[frozen]?.kill('SIGCONT');
    breaker?.stop();
    redis?.disconnect();
    await cluster?.stop();
  });

  it('opens the breaker although another master keeps answering', async () => {
    expect(frozen).toBeGreaterThanOrEqual(0);
    expect(onOther).not.toBe('');
    expect(breaker.state).toBe('up');

    cluster.servers[frozen]!.kill('SIGSTOP');
    const started = performance.now();
    let turns = 0;
    let openedAt: number | null = null;
    const loaded = new Promise<void>((resolve) => {
      const block = () => {
        if (openedAt === null && breaker.state === 'down') openedAt = performance.now() - started;
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
    // Requests arriving all the time (as to a loaded server), each a call to the other master (its
    // request limit) and then one to the frozen master (the cache): while one waits on the frozen
    // master, later ones are answered by the other.
    let timeouts = 0;
    let answered = 0;
    const request = async () => {
      await breaker
        .run(() => redis.get(onOther))
        .then(
          () => answered++,
          () => {},
        );
      await breaker
        .run(() => redis.get(onFrozen))
        .catch((err: Error) => {
          if (err.message === 'Command timed out') timeouts++;
        });
    };
    const requests: Promise<void>[] = [];
    const arrivals = new Promise<void>((resolve) => {
      const arrive = () => {
        if (performance.now() - started >= WINDOW_MS || openedAt !== null) return resolve();
        requests.push(request());
        setTimeout(arrive, 20);
      };
      arrive();
    });
    try {
      await Promise.all([loaded, arrivals]);
      await Promise.all(requests);
    } finally {
      cluster.servers[frozen]!.kill('SIGCONT');
    }
    const summary = `${turns} turns of ${TURN_MS} ms in ${WINDOW_MS} ms; ${timeouts} command timeouts on the frozen master, ${answered} answers from the other; breaker opened at ${openedAt === null ? 'never' : `${Math.round(openedAt)} ms`}`;
    console.log(summary);
    expect(turns, summary).toBeGreaterThanOrEqual(5);
    expect(timeouts, summary).toBeGreaterThan(0);
    // A single frozen Redis opens it at the first such timeout (event-loop-lag.test.ts).
    expect(openedAt, summary).not.toBeNull();
  }, 30_000);
});
