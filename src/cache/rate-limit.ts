/**
 * Fixed-window counters for rate limits under the guide's key `ratelimit:{ip}:{endpoint}`, in Redis
 * (shared by instances) or in memory. Redis being down lets requests through: a cache outage must
 * not lock every user out. The sign-in policy built on them is src/auth/signin-limits.ts.
 */
import { createHmac } from 'node:crypto';
import type { RedisBreaker, RedisClient } from './redis.js';

const MAX_MEMORY_KEYS = 10_000;

// A refund only touches a window that still exists: DECR on an expired key would create one
// without a TTL. One key per call: on Redis Cluster the subjects of one call (an address and an
// account) hash to different slots, which is what spreads the counters over the cluster.
const UNCOUNT = `if redis.call('exists', KEYS[1]) == 1 then redis.call('decr', KEYS[1]) end`;

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfterS: number;
}

export interface Count {
  /** Events in the window, this one included. */
  count: number;
  /** Seconds until the window resets. */
  retryAfterS: number;
}

export class RateLimiter {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: RedisClient | null,
    private readonly prefix: string,
    /** Shared with the cache: while Redis fails or is frozen, no call waits for it. */
    private readonly breaker: RedisBreaker | null = null,
  ) {}

  /** A Redis call through the breaker (fails at once while it is open); only when Redis is set. */
  private viaBreaker<T>(call: (redis: RedisClient) => Promise<T>): Promise<T> {
    const redis = this.redis as RedisClient;
    return this.breaker ? this.breaker.run(() => call(redis)) : call(redis);
  }

  /** Counts one request of `subject` to `endpoint`; allowed while the window holds at most `limit`. */
  async hit(subject: string, endpoint: string, limit: number, windowS: number): Promise<RateDecision> {
    const [counted] = (await this.count([`${subject}:${endpoint}`], windowS)) ?? [];
    return counted
      ? { allowed: counted.count <= limit, retryAfterS: counted.retryAfterS }
      : { allowed: true, retryAfterS: 0 };
  }

  /**
   * Adds one to each subject's counter (a window of `windowS` from its first event); null when
   * Redis fails, which callers take as "let it through".
   */
  async count(subjects: string[], windowS: number): Promise<Count[] | null> {
    const keys = subjects.map((s) => this.key(s));
    if (this.redis) {
      try {
        // One transaction per key (its own window is all that must be atomic), sent together (auto-
        // pipelining): on Redis Cluster the keys of one call may live on different slots.
        const redis = this.redis;
        const windows = await this.viaBreaker(() =>
          Promise.all(keys.map((key) => redis.multi().incr(key).expire(key, windowS, 'NX').ttl(key).exec())),
        );
        return windows.map((replies) => {
          const value = (i: number) => {
            const [err, result] = replies?.[i] ?? [new Error('no reply')];
            if (err) throw err;
            return Number(result);
          };
          return { count: value(0), retryAfterS: Math.max(1, value(2)) };
        });
      } catch {
        return null;
      }
    }
    const now = Date.now();
    return keys.map((key) => {
      let entry = this.memory.get(key);
      if (!entry || entry.resetAt <= now) {
        entry = { count: 0, resetAt: now + windowS * 1000 };
        this.memory.delete(key);
        this.memory.set(key, entry);
        if (this.memory.size > MAX_MEMORY_KEYS) this.evict(now);
      }
      entry.count += 1;
      return { count: entry.count, retryAfterS: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
    });
  }

  /** Takes back one event from each subject's counter (an attempt that turned out not to count). */
  async uncount(subjects: string[]): Promise<void> {
    const keys = subjects.map((s) => this.key(s));
    if (this.redis) {
      await this.viaBreaker((r) => Promise.all(keys.map((key) => r.eval(UNCOUNT, 1, key)))).catch(() => {});
      return;
    }
    const now = Date.now();
    for (const key of keys) {
      const entry = this.memory.get(key);
      if (entry && entry.resetAt > now) entry.count = Math.max(0, entry.count - 1);
    }
  }

  /** Remembers `subject` for `ttlS` seconds (best effort). */
  async remember(subject: string, ttlS: number): Promise<void> {
    const key = this.key(subject);
    if (this.redis) {
      await this.viaBreaker((r) => r.set(key, '1', 'EX', ttlS)).catch(() => {});
      return;
    }
    this.memory.delete(key);
    this.memory.set(key, { count: 1, resetAt: Date.now() + ttlS * 1000 });
    if (this.memory.size > MAX_MEMORY_KEYS) this.evict(Date.now());
  }

  /** Whether `subject` is remembered; false when Redis fails. */
  async remembers(subject: string): Promise<boolean> {
    const key = this.key(subject);
    if (this.redis) return (await this.viaBreaker((r) => r.exists(key)).catch(() => 0)) === 1;
    return (this.memory.get(key)?.resetAt ?? 0) > Date.now();
  }

  /**
   * A stable pseudonym for personal data that must not appear in a key (an email): HMAC-SHA256
   * under the key prefix, 128 bits.
   */
  pseudonym(value: string): string {
    return createHmac('sha256', `ratelimit:${this.prefix}`).update(value).digest('base64url').slice(0, 22);
  }

  private key(subject: string) {
    return `${this.prefix}ratelimit:${subject}`;
  }

  /** Bounded: drop expired windows, then the oldest, down to three quarters of the cap. */
  private evict(now: number) {
    for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
    for (const k of this.memory.keys()) {
      if (this.memory.size <= MAX_MEMORY_KEYS * 0.75) break;
      this.memory.delete(k);
    }
  }
}
