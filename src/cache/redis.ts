/**
 * The Redis connection, set up so that Redis being down or slow costs speed only: no offline
 * queue (a command fails at once instead of waiting for a reconnect), one attempt per command, a
 * short command timeout, reconnects in the background, and one log line per change of state.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisOptions {
  url: string;
  commandTimeoutMs: number;
  logger: Logger;
  /** Called each time the connection becomes ready again after being down. */
  onReady?: () => void;
}

export function connectRedis({ url, commandTimeoutMs, logger, onReady }: RedisOptions): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(1000, commandTimeoutMs * 5),
    // Keep trying in the background, at most every 2 s; requests never wait for it.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
  let up: boolean | null = null;
  redis.on('ready', () => {
    if (up !== true) logger.info({ redis: 'up' }, 'redis: connected; caching on');
    up = true;
    onReady?.();
  });
  redis.on('error', (err: Error) => {
    if (up !== false)
      logger.warn({ redis: 'down', err: err.message }, 'redis: unavailable; serving from PostgreSQL');
    up = false;
  });
  redis.on('end', () => {
    up = false;
  });
  return redis;
}

/** Waits up to `ms` for the first connection, so start-up does not race it; never throws. */
export function waitForReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.once('ready', onReady);
  });
}
