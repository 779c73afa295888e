/**
 * The write fences of read replicas (src/db/replicas.ts), shared by every instance: per
 * organization, the primary's WAL position after its latest write, plus one fence for every
 * organization (recorded after fences may have been lost). In Redis under the tagged store's
 * namespace (one hash slot on a cluster, so one MGET reads both), in memory without Redis (one
 * instance). Positions are stored as 16 hex digits, so Redis compares them as strings.
 */
import type { Lsn, WriteFences } from '../db/replicas.js';
import type { FailOpenCache } from './fail-open.js';
import type { RedisBreaker, RedisClient } from './redis.js';

const pad = (lsn: Lsn) => lsn.toString(16).padStart(16, '0');
const max = (a: Lsn | null, b: Lsn | null) => (a === null ? b : b === null || a >= b ? a : b);

// KEYS: fence. ARGV: position (16 hex digits), ttl ms. Raises the fence, never lowers it.
const RAISE = `
local cur = redis.call('GET', KEYS[1])
if (not cur) or cur < ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
`;

type FencedRedis = RedisClient & {
  rcFence(key: string, lsn: string, ttlMs: number): Promise<number>;
};

export class RedisWriteFences implements WriteFences {
  private readonly redis: FencedRedis;
  private readonly allKey: string;

  /** `namespace` is the tagged store's (cacheNamespace); `store` says when its records may be lost. */
  constructor(
    redis: RedisClient,
    private readonly namespace: string,
    private readonly store: FailOpenCache,
    private readonly breaker: RedisBreaker | null,
  ) {
    this.redis = redis as FencedRedis;
    this.redis.defineCommand('rcFence', { numberOfKeys: 1, lua: RAISE });
    this.allKey = `${namespace}fence-all`;
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.breaker ? this.breaker.run(fn) : fn();
  }

  async required(organizationId: string): Promise<Lsn | null> {
    // A server not checked yet, or lost invalidations: its fences cannot be trusted either.
    if (this.store.bypassed) throw new Error('write fences: the store is not settled');
    const [own, all] = await this.call(() =>
      this.redis.mget(`${this.namespace}fence:${organizationId}`, this.allKey),
    );
    return max(own ? BigInt(`0x${own}`) : null, all ? BigInt(`0x${all}`) : null);
  }

  async record(organizationId: string, lsn: Lsn, ttlMs: number) {
    await this.call(() => this.redis.rcFence(`${this.namespace}fence:${organizationId}`, pad(lsn), ttlMs));
  }

  async recordAll(lsn: Lsn, ttlMs: number) {
    if (this.store.bypassed) throw new Error('write fences: the store is not settled');
    await this.call(() => this.redis.rcFence(this.allKey, pad(lsn), ttlMs));
  }

  epoch() {
    return this.store.epoch;
  }
}

/** One instance, no Redis: the fences in this process (expired ones dropped as others are recorded). */
export class MemoryWriteFences implements WriteFences {
  private readonly fences = new Map<string, { lsn: Lsn; expires: number }>();
  private static readonly ALL = '\0all';

  private current(key: string): Lsn | null {
    const fence = this.fences.get(key);
    return fence && fence.expires > performance.now() ? fence.lsn : null;
  }

  private raise(key: string, lsn: Lsn, ttlMs: number) {
    const now = performance.now();
    if (this.fences.size > 10_000)
      for (const [k, f] of this.fences) if (f.expires <= now) this.fences.delete(k);
    const cur = this.current(key);
    this.fences.set(key, { lsn: cur !== null && cur > lsn ? cur : lsn, expires: now + ttlMs });
  }

  async required(organizationId: string) {
    return max(this.current(organizationId), this.current(MemoryWriteFences.ALL));
  }

  async record(organizationId: string, lsn: Lsn, ttlMs: number) {
    this.raise(organizationId, lsn, ttlMs);
  }

  async recordAll(lsn: Lsn, ttlMs: number) {
    this.raise(MemoryWriteFences.ALL, lsn, ttlMs);
  }

  epoch() {
    return 0;
  }
}
