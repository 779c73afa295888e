/**
 * The Redis connection, set up so that Redis being down or slow costs speed only: no offline
 * queue (a command fails at once instead of waiting for a reconnect), one attempt per command, a
 * short command timeout, reconnects in the background, and one log line per change of state.
 */

import type { Socket } from 'node:net';
import { Cluster, type RedisOptions as IORedisOptions, Redis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';
import { lagEnd, lagStart, ownMs } from '../event-loop-lag.js';
import { currentRequest, newRequest, type RedisBudget, requestContext } from '../request-context.js';

/** One Redis server, or a Redis Cluster (REDIS_CLUSTER=true): the same commands for the cache. */
export type RedisClient = Redis | Cluster;

export interface RedisOptions {
  url: string;
  /** REDIS_URL is one node of a Redis Cluster (a seed: the client discovers the others). */
  cluster?: boolean;
  commandTimeoutMs: number;
  logger: Logger;
  /** Called each time the connection becomes ready again after being down. */
  onReady?: () => void;
}

export function connectRedis({ url, commandTimeoutMs, logger, onReady, cluster }: RedisOptions): RedisClient {
  const options: IORedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(1000, commandTimeoutMs * 5),
    // Keep trying in the background, at most every 2 s; requests never wait for it.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
    // Commands sent in the same tick go out in one write: each write to a socket is a system call
    // that costs more CPU than the command (the profile of a cache hit in bench/README.md).
    enableAutoPipelining: true,
  };
  const redis: RedisClient = cluster ? clusterClient(url, options) : new Redis(url, options);
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

/**
 * A Cluster client from one seed URL (its credentials and TLS apply to every node): the same
 * fail-fast options, per node and for the cluster; a command redirected by MOVED/ASK or sent during
 * a failover is retried by the client within the command timeout.
 */
function clusterClient(url: string, options: IORedisOptions): Cluster {
  const seed = new URL(url);
  const tls = seed.protocol === 'rediss:';
  const auth = {
    ...(seed.username ? { username: decodeURIComponent(seed.username) } : {}),
    ...(seed.password ? { password: decodeURIComponent(seed.password) } : {}),
  };
  return new Cluster([{ host: seed.hostname, port: Number(seed.port || 6379) }], {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
    redisOptions: {
      // The cluster client queues nothing (above); a node's connection may (it is opened on
      // demand), bounded by the command timeout.
      commandTimeout: options.commandTimeout,
      connectTimeout: options.connectTimeout,
      maxRetriesPerRequest: 0,
      ...auth,
      ...(tls ? { tls: {} } : {}),
    },
  });
}

/** Waits up to `ms` for the first connection, so start-up does not race it; never throws. */
export function waitForReady(redis: RedisClient, ms: number): Promise<boolean> {
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

/**
 * The Redis time one request may spend in all: its request context's (src/app.ts gives each request
 * one of REDIS_COMMAND_TIMEOUT_MS), not an AsyncLocalStorage of its own (src/request-context.ts says
 * why). `run` puts work that is no request of the app's (a test's) under a budget; a request started
 * inside it keeps that budget.
 */
export const redisBudget = {
  getStore: (): RedisBudget | undefined => currentRequest()?.redisBudget ?? undefined,
  run: <T>(budget: RedisBudget, work: () => T): T =>
    requestContext.run({ ...newRequest(null), redisBudget: budget }, work),
  /** Runs `work` outside any request: timers it starts inherit no request and no budget. */
  exit: <T>(work: () => T): T => requestContext.exit(work),
};

/** ioredis' own timeout (REDIS_COMMAND_TIMEOUT_MS), per node for a Cluster. */
function isCommandTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === 'Command timed out';
}

/** A request's Redis calls have waited their budget: its further calls are skipped. */
export class RedisBudgetSpent extends Error {
  constructor() {
    super('redis: this request spent its budget');
  }
}

/**
 * Skips Redis for everyone once a command has failed, timed out or been slow, until a background
 * PING answers quickly: a frozen or slow Redis then costs a request at most one command, not one
 * per call (a request makes several: session lookup, cache sequence, get, rate limit, store).
 * "Slow" is `slowMs`, well below the command timeout: a healthy Redis answers in a millisecond.
 */
export class RedisBreaker {
  private open = false;
  private probing = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly onCloseListeners: Array<() => void> = [];
  /** When this process last read bytes on each connection (a node of a cluster, or the server). */
  private readonly lastData = new WeakMap<Redis, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly logger: Logger,
    private readonly probeIntervalMs = 500,
    private readonly slowMs = Number.POSITIVE_INFINITY,
    /**
     * What the probe sends: PING by default. On a cluster PING goes to any master, so the caller
     * names a command for the slot that matters (src/cache/index.ts: the store's).
     */
    private readonly probeCall: () => Promise<unknown> = () => redis.ping(),
  ) {
    // Every connection's reads, as evidence that its node answers when a command timed out while
    // this process was held up (see run). One WeakMap write per socket read.
    const watch = (client: Redis) => {
      const mark = () => this.lastData.set(client, performance.now());
      const attach = () => (client as Redis & { stream?: Socket }).stream?.on('data', mark);
      attach();
      client.on('connect', attach);
    };
    if (redis instanceof Cluster) {
      redis.on('+node', watch);
      for (const node of redis.nodes('all')) watch(node);
    } else watch(redis);
  }

  /**
   * Whether every connection with commands still waiting for their reply has read something since
   * `since`: its node answers (a frozen one sends nothing). Per node: on a cluster another master's
   * answers say nothing of a frozen one.
   */
  private answeredSince(since: number): boolean {
    const clients = this.redis instanceof Cluster ? this.redis.nodes('all') : [this.redis];
    for (const client of clients) {
      if (
        client.commandQueue.length > 0 &&
        !((this.lastData.get(client) ?? Number.NEGATIVE_INFINITY) > since)
      )
        return false;
    }
    return true;
  }

  /** For /readyz: whether Redis is being used right now. */
  get state(): 'up' | 'down' {
    return this.open || this.redis.status !== 'ready' ? 'down' : 'up';
  }

  /**
   * Runs a Redis call; fails at once while open; a failure (not a script's reply) or a slow answer
   * opens it. Within a request's budget (`redisBudget`), the call is also cut off when the
   * request has spent its budget: the calls of one request together wait one command timeout.
   * Time the answer waited for this process' event loop (src/event-loop-lag.ts) is not Redis'
   * (neither slow nor spent): a saturated process that turned the cache off would miss on every
   * request and stay saturated.
   */
  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.open) throw new Error('redis: skipped while the circuit is open');
    const budget = redisBudget.getStore();
    if (budget && budget.spentMs >= budget.limitMs) throw new RedisBudgetSpent();
    const started = performance.now();
    const lagAtStart = lagStart(started);
    let timer: NodeJS.Timeout | undefined;
    let ms = -1;
    try {
      const value = await (budget && Number.isFinite(budget.limitMs)
        ? Promise.race([
            call(),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new RedisBudgetSpent()), budget.limitMs - budget.spentMs);
            }),
          ])
        : call());
      ms = ownMs(started, lagAtStart, performance.now());
      if (ms > this.slowMs) this.trip(new Error(`a call took ${Math.round(ms)} ms`));
      return value;
    } catch (err) {
      // A script's reply is an answer; a spent budget is this request's, not Redis' state.
      if (!(err instanceof ReplyError) && !(err instanceof RedisBudgetSpent)) {
        const now = performance.now();
        ms = ownMs(started, lagAtStart, now);
        // A command timeout that this process' lag covered for the most part, while the node was
        // seen answering since the call began, says nothing of Redis: the timer fired before the
        // loop got to read the answer. A node that sent nothing (frozen, however busy this process
        // is) opens the breaker.
        const lagged = isCommandTimeout(err) && ms < (now - started) / 2;
        if (!lagged) this.trip(err);
        else {
          // Judged once the loop has read what arrived (timers run before sockets are read in a
          // turn of the loop): excused only if every node still owing a reply has sent something
          // since the call began.
          setImmediate(() => {
            if (!this.answeredSince(started)) this.trip(err);
          });
        }
      }
      throw err;
    } finally {
      clearTimeout(timer);
      if (budget) budget.spentMs += ms >= 0 ? ms : ownMs(started, lagAtStart, performance.now());
      lagEnd();
    }
  }

  /** Called when the breaker closes again (the cache then recovers lost invalidations). */
  onClose(listener: () => void) {
    this.onCloseListeners.push(listener);
  }

  private trip(err: unknown) {
    if (this.open) return;
    this.open = true;
    this.logger.warn(
      { redis: 'down', err: (err as Error)?.message },
      'redis: a command failed or was slow; skipping Redis until it answers a probe quickly',
    );
    // Outside the request that tripped it: the probes and what they start (the cache's recovery)
    // must not inherit that request's spent Redis budget (timers keep their creator's context).
    redisBudget.exit(() => {
      this.timer = setInterval(() => void this.probe(), this.probeIntervalMs).unref();
      // At once too: a timeout caused by a stall of this process (GC, a long parse) clears in
      // milliseconds, and the cache should not be skipped for a whole interval because of it.
      void this.probe();
    });
  }

  private async probe() {
    if (this.probing || this.redis.status !== 'ready') return;
    this.probing = true;
    try {
      const started = performance.now();
      const lagAtStart = lagStart(started);
      let ms: number;
      try {
        await this.probeCall();
        ms = ownMs(started, lagAtStart, performance.now());
      } finally {
        lagEnd();
      }
      // Still slow: stay open (the next probe tries again).
      if (!this.open || ms > this.slowMs) return;
      this.open = false;
      this.stop();
      this.logger.info({ redis: 'up' }, 'redis: answers again; using it');
      for (const listener of this.onCloseListeners) listener();
    } catch {
      // still down: the next probe tries again
    } finally {
      this.probing = false;
    }
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
