/**
 * The response-cache store: the plugin's get/set, plus tag-based invalidation that stays correct
 * under races, for Redis (shared by instances) and in memory (the embedded default).
 *
 * Why not @envelop/response-cache-redis: its entity and type sets never expire, type-wide
 * invalidation uses KEYS, keys are not namespaced, and a query that read the database before a
 * mutation committed can still store its (stale) result after the mutation's invalidation
 * (envelop#2493, #2539). Here:
 * - every key carries the configured prefix; index sets expire with the entries they list;
 * - invalidation is O(entries affected): it reads the tag's set and deletes those entries;
 * - a global sequence number orders reads and invalidations: a request notes the sequence before
 *   it reads the database, and its result is stored only if none of its tags was invalidated
 *   since (checked and stored in one Lua script, so nothing slips between check and write);
 * - `invalidateAll` (after a lost invalidation) marks every older entry stale without a scan.
 * On Redis Cluster every key of the store shares one hash tag (`cacheNamespace`): the scripts and
 * the global sequence need every key they touch in one slot.
 */
import type { RedisClient } from './redis.js';

/**
 * Where the tagged store keeps its keys under REDIS_KEY_PREFIX. One server: `<prefix>rc:`. A
 * cluster: the same in braces, `{<prefix>rc}:`, so every key of the store hashes to one slot (its
 * scripts read the global sequence with the entry and the tags: CROSSSLOT otherwise), unless the
 * prefix already holds a hash tag (then that tag decides, as before).
 */
export function cacheNamespace(prefix: string, cluster: boolean): string {
  if (!cluster || /\{[^{}]+\}/.test(prefix)) return `${prefix}rc:`;
  return `{${prefix}rc}:`;
}

/**
 * What an entry holds: a JSON object (a response as its ETag and body text, src/cache/plugin.ts; a
 * session or a configuration value as `{ data }`).
 */
export type Stored = Record<string, unknown>;

export interface TaggedCache {
  /** The cached value, or undefined (also when the cache is unreachable). */
  get(key: string): Promise<Stored | undefined>;
  /** The sequence to note before reading the database; null when the cache is unavailable. */
  sequence(): Promise<number | null>;
  /** Stores `result` unless a tag was invalidated after `sequence`; returns whether it did. */
  set(key: string, value: Stored, ttlMs: number, tags: readonly string[], sequence: number): Promise<boolean>;
  /** Deletes every entry recorded under these tags; throws when the cache is unreachable. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Makes every entry stored so far stale. */
  invalidateAll(): Promise<void>;
  /**
   * Whether the server is the one the entries were last checked against: false after it restarted
   * (a snapshot brings back entries and invalidation records from before it). Records the answer.
   */
  sameServer(): Promise<boolean>;
}

/** How long an invalidation is remembered: longer than any request can take (statement_timeout). */
const TOMBSTONE_MS = 120_000;

const GET = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
local all = tonumber(redis.call('GET', KEYS[2]) or '0')
local sep = string.find(v, ':', 1, true)
local s = tonumber(string.sub(v, 1, sep - 1))
if s < all then
  redis.call('DEL', KEYS[1])
  return false
end
return string.sub(v, sep + 1)
`;

// KEYS: entry, seq, all. ARGV: sequence, ttl ms, value, prefix, tags...
const SET = `
local s0 = tonumber(ARGV[1])
local seq = tonumber(redis.call('GET', KEYS[2]) or '0')
if seq < s0 then return 0 end
if tonumber(redis.call('GET', KEYS[3]) or '0') > s0 then return 0 end
for i = 5, #ARGV do
  if tonumber(redis.call('GET', ARGV[4] .. 'inv:' .. ARGV[i]) or '0') > s0 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[3], 'PX', ARGV[2])
for i = 5, #ARGV do
  local k = ARGV[4] .. 'tag:' .. ARGV[i]
  redis.call('SADD', k, KEYS[1])
  redis.call('PEXPIRE', k, ARGV[2], 'NX')
  redis.call('PEXPIRE', k, ARGV[2], 'GT')
end
return 1
`;

// KEYS: seq. ARGV: prefix, tombstone ms, tags...
const INVALIDATE = `
local s = redis.call('INCR', KEYS[1])
local n = 0
for i = 3, #ARGV do
  redis.call('SET', ARGV[1] .. 'inv:' .. ARGV[i], s, 'PX', ARGV[2])
  local k = ARGV[1] .. 'tag:' .. ARGV[i]
  for _, entry in ipairs(redis.call('SMEMBERS', k)) do
    n = n + redis.call('DEL', entry)
  end
  redis.call('DEL', k)
end
return n
`;

// KEYS: seq, all.
// KEYS: seq, all, server. ARGV: the server's run_id, when known ('' otherwise).
const INVALIDATE_ALL = `
local s = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], s)
if ARGV[1] ~= '' then redis.call('SET', KEYS[3], ARGV[1]) end
return s
`;

// KEYS: server. The run_id of the server holding the store's slot (on a cluster, INFO sent on its
// own would go to any node) and the run_id last recorded there.
const SERVER = `
return { string.match(redis.call('INFO', 'server'), 'run_id:(%w+)') or '', redis.call('GET', KEYS[1]) or '' }
`;

type ScriptedRedis = RedisClient & {
  rcServer(server: string): Promise<[string, string]>;
  rcGet(entry: string, all: string): Promise<string | null>;
  rcSet(entry: string, seq: string, all: string, ...args: (string | number)[]): Promise<number>;
  rcInvalidate(seq: string, ...args: (string | number)[]): Promise<number>;
  rcInvalidateAll(seq: string, all: string, server: string, runId: string): Promise<number>;
};

export class RedisTaggedCache implements TaggedCache {
  private readonly redis: ScriptedRedis;
  private readonly seqKey: string;
  private readonly allKey: string;
  private readonly serverKey: string;
  /** The run_id of the server last checked ('' before the first check). */
  private runId = '';

  /** `prefix` is the cache's namespace, e.g. `recon:rc:`. */
  constructor(
    redis: RedisClient,
    private readonly prefix: string,
  ) {
    this.redis = redis as ScriptedRedis;
    this.redis.defineCommand('rcServer', { numberOfKeys: 1, lua: SERVER });
    this.redis.defineCommand('rcGet', { numberOfKeys: 2, lua: GET });
    this.redis.defineCommand('rcSet', { numberOfKeys: 3, lua: SET });
    this.redis.defineCommand('rcInvalidate', { numberOfKeys: 1, lua: INVALIDATE });
    this.redis.defineCommand('rcInvalidateAll', { numberOfKeys: 3, lua: INVALIDATE_ALL });
    this.seqKey = `${prefix}seq`;
    this.allKey = `${prefix}all`;
    this.serverKey = `${prefix}server`;
  }

  private entryKey(key: string) {
    return `${this.prefix}entry:${key}`;
  }

  async get(key: string) {
    const value = await this.redis.rcGet(this.entryKey(key), this.allKey);
    return value ? (JSON.parse(value) as Stored) : undefined;
  }

  async sequence() {
    return Number((await this.redis.get(this.seqKey)) ?? 0);
  }

  async set(key: string, result: Stored, ttlMs: number, tags: readonly string[], sequence: number) {
    const stored = await this.redis.rcSet(
      this.entryKey(key),
      this.seqKey,
      this.allKey,
      sequence,
      Math.max(1, Math.round(ttlMs)),
      JSON.stringify(result),
      this.prefix,
      ...tags,
    );
    return stored === 1;
  }

  async invalidate(tags: readonly string[]) {
    if (tags.length) await this.redis.rcInvalidate(this.seqKey, this.prefix, TOMBSTONE_MS, ...tags);
  }

  async invalidateAll() {
    await this.redis.rcInvalidateAll(this.seqKey, this.allKey, this.serverKey, this.runId);
  }

  async sameServer() {
    const [runId, recorded] = await this.redis.rcServer(this.serverKey);
    this.runId = runId;
    // Only compared here: the id is recorded by invalidateAll, in the same script, so a server
    // is never taken as checked before its older entries are invalid.
    return this.runId !== '' && recorded === this.runId;
  }
}

/** The same semantics in process, bounded (least recently used first out), for the embedded default. */
export class MemoryTaggedCache implements TaggedCache {
  private seq = 0;
  private all = 0;
  private readonly entries = new Map<
    string,
    { value: string; seq: number; expires: number; tags: readonly string[] }
  >();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly tombstones = new Map<string, { seq: number; expires: number }>();

  constructor(private readonly maxEntries = 5000) {}

  async get(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now() || entry.seq < this.all) {
      this.drop(key);
      return undefined;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return JSON.parse(entry.value) as Stored;
  }

  async sequence() {
    return this.seq;
  }

  async set(key: string, result: Stored, ttlMs: number, tags: readonly string[], sequence: number) {
    const now = Date.now();
    if (this.all > sequence) return false;
    for (const tag of tags) {
      const t = this.tombstones.get(tag);
      if (t && t.expires > now && t.seq > sequence) return false;
    }
    this.drop(key);
    this.entries.set(key, { value: JSON.stringify(result), seq: sequence, expires: now + ttlMs, tags });
    for (const tag of tags) {
      const set = this.byTag.get(tag) ?? new Set<string>();
      set.add(key);
      this.byTag.set(tag, set);
    }
    while (this.entries.size > this.maxEntries) this.drop(this.entries.keys().next().value!);
    return true;
  }

  async invalidate(tags: readonly string[]) {
    const s = ++this.seq;
    const now = Date.now();
    for (const tag of tags) {
      this.tombstones.set(tag, { seq: s, expires: now + TOMBSTONE_MS });
      for (const key of this.byTag.get(tag) ?? []) this.drop(key);
      this.byTag.delete(tag);
    }
    for (const [tag, t] of this.tombstones) if (t.expires <= now) this.tombstones.delete(tag);
  }

  async invalidateAll() {
    this.all = ++this.seq;
    for (const key of [...this.entries.keys()]) this.drop(key);
  }

  async sameServer() {
    return true; // the process is the server
  }

  private drop(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const set = this.byTag.get(tag);
      set?.delete(key);
      if (set?.size === 0) this.byTag.delete(tag);
    }
  }
}
