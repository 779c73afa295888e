/**
 * Fixed-window rate limits under the guide's key `ratelimit:{ip}:{endpoint}`, in Redis (shared by
 * instances) or in memory. Redis being down lets requests through: a cache outage must not lock
 * every user out.
 */
import type { Redis } from 'ioredis';

const MAX_MEMORY_KEYS = 10_000;

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfterS: number;
}

export class RateLimiter {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
  ) {}

  async hit(subject: string, endpoint: string, limit: number, windowS: number): Promise<RateDecision> {
    const key = `${this.prefix}ratelimit:${subject}:${endpoint}`;
    if (this.redis) {
      try {
        const [[, count], [, ttl]] = (await this.redis
          .multi()
          .incr(key)
          .expire(key, windowS, 'NX')
          .ttl(key)
          .exec()
          .then((r) => [r![0]!, r![2]!])) as [[unknown, number], [unknown, number]];
        return { allowed: count <= limit, retryAfterS: Math.max(1, ttl) };
      } catch {
        return { allowed: true, retryAfterS: 0 };
      }
    }
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowS * 1000 };
      this.memory.delete(key);
      this.memory.set(key, entry);
      if (this.memory.size > MAX_MEMORY_KEYS) this.evict(now);
    }
    entry.count += 1;
    return {
      allowed: entry.count <= limit,
      retryAfterS: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)),
    };
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
