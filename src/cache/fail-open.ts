/**
 * Redis is a cache: a failed or slow call costs a miss, never an error. A lost invalidation is
 * the one failure that could serve stale data later, so after one the cache is bypassed until
 * every entry older than the outage has been marked stale (`invalidateAll`): tried on reconnect and
 * every second meanwhile (a timed-out command does not drop the connection, so no reconnect comes).
 * With a breaker (Redis), one failed or timed-out call makes every later one a miss at once until
 * Redis answers a probe: a frozen Redis costs a request one command timeout at most.
 */
import type { ExecutionResult } from 'graphql';
import type { Logger } from 'pino';
import type { RedisBreaker } from './redis.js';
import type { TaggedCache } from './store.js';

export class FailOpenCache implements TaggedCache {
  /** Invalidations were lost: bypass the cache until invalidateAll succeeds. */
  private dirty = false;
  private failing = false;
  private retry: NodeJS.Timeout | null = null;

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
    return this.dirty;
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

  async get(key: string): Promise<ExecutionResult | undefined> {
    if (this.dirty) return undefined;
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
    if (this.dirty) return null;
    try {
      const value = await this.call(() => this.inner.sequence());
      this.ok();
      return value;
    } catch (err) {
      this.failed('sequence', err);
      return null;
    }
  }

  async set(key: string, result: ExecutionResult, ttlMs: number, tags: readonly string[], sequence: number) {
    if (this.dirty) return false;
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
      this.markDirty();
    }
  }

  private markDirty() {
    this.dirty = true;
    this.retry ??= setInterval(() => void this.recover(), 1000).unref();
  }

  async invalidateAll() {
    try {
      await this.call(() => this.inner.invalidateAll());
      this.ok();
      if (this.dirty) this.logger.info('cache: entries older than the outage marked stale; caching on');
      this.dirty = false;
      if (this.retry) clearInterval(this.retry);
      this.retry = null;
    } catch (err) {
      this.failed('invalidateAll', err);
      this.markDirty();
    }
  }

  close() {
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
  }

  /** On reconnect: clears the way if invalidations were lost meanwhile. */
  async recover() {
    if (this.dirty) await this.invalidateAll();
  }
}
