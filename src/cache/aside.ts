/**
 * Cache-aside for configuration read on many requests: settings (`config:settings:{org}`) and a
 * project's rules (`config:rules:{projectId}`). Stored through the same tagged store as responses,
 * so the write that changes them (settingsUpdate, matchingRule*) invalidates them by tag, and a
 * read that raced a write is never stored (the sequence check).
 */
import type { FailOpenCache } from './fail-open.js';

const CONFIG_TTL_MS = 3_600_000;

export interface ConfigCache {
  cache: FailOpenCache;
  /** The sequence noted before the request read anything; null: read through, store nothing. */
  sequence: number | null;
}

/** The value under `key`, or `load()`'s, stored under `tag` for next time. */
export async function cacheAside<T>(
  config: ConfigCache | null,
  key: string,
  tag: string,
  load: () => Promise<T>,
): Promise<T> {
  if (!config || config.sequence === null) return load();
  const hit = await config.cache.get(key);
  if (hit) return hit.data as T;
  const value = await load();
  await config.cache.set(
    key,
    { data: value as Record<string, unknown> },
    CONFIG_TTL_MS,
    [tag],
    config.sequence,
  );
  return value;
}

/** Many values at once: one lookup each, then one `loadMany` for all the misses. */
export async function cacheAsideMany<T>(
  config: ConfigCache | null,
  keys: readonly string[],
  tagsOf: readonly string[],
  loadMany: (indexes: number[]) => Promise<T[]>,
): Promise<T[]> {
  if (!config || config.sequence === null) return loadMany(keys.map((_, i) => i));
  const { cache, sequence } = config;
  const hits = await Promise.all(keys.map((key) => cache.get(key)));
  const out = hits.map((hit) => hit?.data as T | undefined);
  const missing = out.flatMap((value, i) => (value === undefined ? [i] : []));
  if (missing.length) {
    const loaded = await loadMany(missing);
    await Promise.all(
      missing.map((i, n) => {
        out[i] = loaded[n]!;
        return cache.set(
          keys[i]!,
          { data: loaded[n] as Record<string, unknown> },
          CONFIG_TTL_MS,
          [tagsOf[i]!],
          sequence,
        );
      }),
    );
  }
  return out as T[];
}
