/**
 * Builds the caches the config asks for: Redis when REDIS_URL is set, else in memory. One tagged
 * store serves both the response cache (when CACHE_ENABLED) and the session lookups: with Redis
 * always (a request's viewer need not cost a PostgreSQL statement, and a sign-out on any instance
 * invalidates it at once), in memory only with the in-memory response cache.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { WriteFences } from '../db/replicas.js';
import { FailOpenCache } from './fail-open.js';
import { connectRedis, RedisBreaker, type RedisClient, waitForReady } from './redis.js';
import { SessionCache } from './sessions.js';
import { cacheNamespace, MemoryTaggedCache, RedisTaggedCache } from './store.js';
import { MemoryWriteFences, RedisWriteFences } from './write-fences.js';

/** How often the store's server is compared with the one checked before (FailOpenCache.watchServer). */
const SERVER_CHECK_MS = 5000;

export interface Caches {
  cache: FailOpenCache | null;
  sessions: SessionCache;
  redis: RedisClient | null;
  /** Skips Redis for every caller while it fails or is frozen (null without Redis). */
  breaker: RedisBreaker | null;
  /** The read replicas' write fences (src/db/replicas.ts), beside the tagged store. */
  fences: WriteFences;
  close(): Promise<void>;
}

export async function createCaches(
  config: Pick<
    Config,
    | 'REDIS_URL'
    | 'REDIS_CLUSTER'
    | 'REDIS_KEY_PREFIX'
    | 'REDIS_COMMAND_TIMEOUT_MS'
    | 'REDIS_SLOW_MS'
    | 'CACHE_ENABLED'
    | 'CACHE_MAX_ENTRIES'
  >,
  logger: Logger,
  onLookup?: (hit: boolean, key: string) => void,
): Promise<Caches> {
  if (!config.REDIS_URL) {
    const store = config.CACHE_ENABLED
      ? new FailOpenCache(new MemoryTaggedCache(config.CACHE_MAX_ENTRIES), logger, onLookup)
      : null;
    return {
      cache: store,
      // In memory only with the in-memory response cache, which already means one instance: with
      // the cache off, several instances must each see a sign-out made on another (PostgreSQL).
      sessions: new SessionCache(store),
      redis: null,
      breaker: null,
      fences: new MemoryWriteFences(),
      close: async () => {},
    };
  }
  let store: FailOpenCache | null = null;
  const redis = connectRedis({
    url: config.REDIS_URL,
    cluster: config.REDIS_CLUSTER,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    logger,
    // Connected, first or again: the server is checked (and entries that may have missed an
    // invalidation are marked stale) before the cache is used.
    onReady: () => void store?.reconnected(),
  });
  const namespace = cacheNamespace(config.REDIS_KEY_PREFIX, config.REDIS_CLUSTER);
  const breaker = new RedisBreaker(
    redis,
    logger,
    undefined,
    config.REDIS_SLOW_MS || Math.round(config.REDIS_COMMAND_TIMEOUT_MS * 0.6),
    // On a cluster the probe asks the master of the store's slot (PING would go to any master).
    config.REDIS_CLUSTER ? () => redis.get(`${namespace}seq`) : undefined,
  );
  breaker.onClose(() => void store?.recover());
  store = new FailOpenCache(new RedisTaggedCache(redis, namespace), logger, onLookup, breaker);
  await waitForReady(redis, 2000);
  // Serve nothing from a server not checked yet (see FailOpenCache.recover).
  await store.recover();
  // A failover that keeps the connection up (Redis Cluster) is noticed within this long.
  store.watchServer(SERVER_CHECK_MS);
  const cache = config.CACHE_ENABLED ? store : null;
  return {
    cache,
    sessions: new SessionCache(store),
    redis,
    breaker,
    fences: new RedisWriteFences(redis, namespace, store, breaker),
    close: async () => {
      breaker.stop();
      store?.close();
      redis.disconnect();
    },
  };
}
