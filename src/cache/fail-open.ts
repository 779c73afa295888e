/**
 * Redis is a cache: a failed or slow call costs a miss, never an error. Two things could serve
 * stale data later, and each makes the cache bypassed until it is settled:
 * - a lost invalidation: settled when every entry older than the outage is marked stale
 *   (`invalidateAll`);
 * - a (re)connection to a server not yet checked: Redis restarted from a snapshot brings back
 *   entries and invalidation records from before it, so the server's identity is compared with
 *   the one recorded, and a new server means `invalidateAll` too.
 * Both are tried on reconnect, when the breaker closes, and every second meanwhile (a timed-out
 * command does not drop the connection, so no reconnect comes).
 * With a breaker (Redis), one failed, timed-out or slow call makes every later one a miss at once
 * until Redis answers a probe quickly: a frozen or slow Redis costs a request one command at most.
 */
import type { Logger } from 'pino';
import { type RedisBreaker, redisBudget } from './redis.js';
import type { Stored, TaggedCache } from './store.js';

export class FailOpenCache implements TaggedCache {
  /** Invalidations were lost: bypass the cache until invalidateAll succeeds. */
  private lost = false;
  /** Connected to a server whose identity is not checked yet (see sameServer). */
  private unverified = false;
  /** `lost` is set because the server is not the one checked before (for the log line). */
  private newServer = false;
  private failing = false;
  /**
   * Counts the times records in the store may have been lost (lost invalidations, a server not
   * checked yet): what else keeps records there (the replicas' write fences) records anew.
   */
  private lossCount = 0;
  private retry: NodeJS.Timeout | null = null;
  private serverCheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly inner: TaggedCache,
    private readonly logger: Logger,
    /** Told of every lookup's outcome (for metrics). */
    private readonly onLookup: (hit: boolean, key: string) => void = () => {},
    private readonly breaker: RedisBreaker | null = null,
  ) {}

  /** The inner call, through the breaker when there is one. */
  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.breaker ? this.breaker.run(fn) : fn();
  }

  get bypassed() {
    return this.lost || this.unverified;
  }

  get epoch() {
    return this.lossCount;
  }

  private failed(op: string, err: unknown) {
    if (!this.failing)
      this.logger.warn(
        { op, err: (err as Error)?.message },
        'cache: Redis call failed; continuing without the cache',
      );
    this.failing = true;
  }

  private ok() {
    if (this.failing) this.logger.info('cache: Redis calls succeed again');
    this.failing = false;
  }

  async get(key: string): Promise<Stored | undefined> {
    if (this.bypassed) return undefined;
    try {
      const value = await this.call(() => this.inner.get(key));
      this.ok();
      this.onLookup(value !== undefined, key);
      return value;
    } catch (err) {
      this.failed('get', err);
      return undefined;
    }
  }

  async sequence(): Promise<number | null> {
    if (this.bypassed) return null;
    try {
      const value = await this.call(() => this.inner.sequence());
      this.ok();
      return value;
    } catch (err) {
      this.failed('sequence', err);
      return null;
    }
  }

  async set(key: string, result: Stored, ttlMs: number, tags: readonly string[], sequence: number) {
    if (this.bypassed) return false;
    try {
      const stored = await this.call(() => this.inner.set(key, result, ttlMs, tags, sequence));
      this.ok();
      return stored;
    } catch (err) {
      this.failed('set', err);
      return false;
    }
  }

  async invalidate(tags: readonly string[]) {
    try {
      await this.call(() => this.inner.invalidate(tags));
      this.ok();
    } catch (err) {
      this.failed('invalidate', err);
      this.lost = true;
      this.lossCount++;
      this.retryUntilSettled();
    }
  }

  private retryUntilSettled() {
    // Outside the request that failed: its spent Redis budget must not follow the retries.
    this.retry ??= redisBudget.exit(() => setInterval(() => void this.recover(), 1000).unref());
  }

  async invalidateAll() {
    try {
      await this.call(() => this.inner.invalidateAll());
      this.ok();
      if (this.newServer)
        this.logger.info(
          'cache: a Redis server not seen before (new, or restarted): older entries marked stale',
        );
      else if (this.lost) this.logger.info('cache: entries older than the outage marked stale; caching on');
      this.lost = false;
      this.newServer = false;
    } catch (err) {
      this.failed('invalidateAll', err);
      this.lost = true;
      this.lossCount++;
      this.retryUntilSettled();
    }
  }

  async sameServer(): Promise<boolean> {
    return this.call(() => this.inner.sameServer());
  }

  close() {
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
    if (this.serverCheck) clearInterval(this.serverCheck);
    this.serverCheck = null;
  }

  /**
   * Checks that the server is still the one checked before, without a reconnection: a Redis
   * Cluster failover (or a proxy switching servers) changes the server behind a connection that
   * stays up, and the new one may lack the last writes the old one acknowledged (replication is
   * asynchronous). A new server is handled as after a restart. Every `intervalMs` until close().
   */
  watchServer(intervalMs: number) {
    this.serverCheck ??= redisBudget.exit(() =>
      setInterval(() => void this.checkServer(), intervalMs).unref(),
    );
  }

  async checkServer() {
    if (this.bypassed) return; // being settled already
    try {
      if (await this.call(() => this.inner.sameServer())) return;
    } catch {
      return; // unreachable: the breaker and the reconnection deal with it
    }
    this.lost = true;
    this.newServer = true;
    this.lossCount++;
    await this.recover();
  }

  /** Connected again (or for the first time): entries are not trusted until the server is checked. */
  async reconnected() {
    this.unverified = true;
    this.lossCount++;
    await this.recover();
  }

  /** Settles what bypasses the cache, if it can now; retried every second until it has. */
  async recover() {
    if (this.unverified) {
      try {
        // A server not seen before (new, or restarted from a snapshot): its older entries go the
        // way of a lost invalidation's, retried until done (which also records the server).
        if (!(await this.sameServer())) {
          this.lost = true;
          this.lossCount++;
          this.newServer = true;
        }
        this.unverified = false;
        this.ok();
      } catch (err) {
        this.failed('sameServer', err);
      }
    }
    if (this.lost) await this.invalidateAll();
    if (this.bypassed) this.retryUntilSettled();
    else {
      if (this.retry) clearInterval(this.retry);
      this.retry = null;
    }
  }
}
