/**
 * The response cache on Yoga: @graphql-yoga/plugin-response-cache (which wraps
 * @envelop/response-cache and adds ETag / If-None-Match) over a TaggedCache, plus two small
 * hooks: one hands the request's cache tags and start sequence to the store with the result
 * (the plugin's cache interface has no context), one waits for the store before answering, so the
 * next request is a hit. The response-cache plugin goes last in the plugin list.
 */
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin as YogaPlugin } from 'graphql-yoga';
import type { Viewer } from '../auth/sessions.js';
import type { Context } from '../context.js';
import type { FailOpenCache } from './fail-open.js';

const TAGS = Symbol.for('reconciliation-api.cacheTags');
const SEQUENCE = Symbol.for('reconciliation-api.cacheSequence');
const PENDING = Symbol.for('reconciliation-api.cacheWrite');

type Carried = ExecutionResult & {
  [TAGS]?: string[];
  [SEQUENCE]?: number | null;
  [PENDING]?: Promise<unknown>;
};

/** Seconds a response may be cached, by the types and fields it contains (the shortest wins). */
export const DEFAULT_TTLS: Record<string, number> = {
  Reconciliation: 30,
  ReconciliationItem: 30,
  ReconciliationConnection: 30,
  ReconciliationItemConnection: 30,
  StatusCount: 30,
  Project: 300,
  ProjectConnection: 300,
  User: 300,
  UserConnection: 300,
  Organization: 3600,
  MatchingRule: 3600,
  'Query.settings': 3600,
  // Never cached: the audit trail must always be current.
  AuditLog: 0,
  AuditLogConnection: 0,
};

export interface ResponseCacheOptions {
  cache: FailOpenCache;
  /** The viewer a request is signed in as, resolved once per request (shared with the context). */
  viewerOf: (request: Request) => Promise<Viewer | null>;
  ttls: Record<string, number>;
  defaultTtlS: number;
  /** Changes the cache key space when the schema changes. */
  schemaVersion: string;
  includeMetadata: boolean;
}

export function responseCachePlugins(options: ResponseCacheOptions): YogaPlugin<Context>[] {
  const { cache } = options;
  const carryTags: YogaPlugin<Context> = {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const ctx = args.contextValue;
        if (!('data' in result)) return;
        setResult(
          Object.assign(
            { ...result },
            { [TAGS]: [...ctx.cacheTags], [SEQUENCE]: ctx.cacheSequence },
          ) as Carried,
        );
      },
    }),
  };
  const awaitWrite: YogaPlugin<Context> = {
    onResultProcess: async ({ result }) => {
      const pending = (result as Carried)[PENDING];
      if (pending) await pending;
    },
  };
  const privateCaching: YogaPlugin<Context> = {
    onResponse: ({ request, response }) => {
      // Responses to signed-in users are theirs alone: browsers may keep them, shared caches not,
      // and they must revalidate (ETag) before reuse.
      if (request.headers.has('authorization')) response.headers.set('Cache-Control', 'private, no-cache');
    },
  };
  const sessionOf = async (request: Request) => {
    const viewer = await options.viewerOf(request);
    return viewer
      ? `${options.schemaVersion}:${viewer.organizationId}:${viewer.userId}:${viewer.role}`
      : null;
  };
  const responseCache = useResponseCache({
    session: sessionOf,
    // Only signed-in requests are cached; anonymous ones may only sign in anyway.
    enabled: (request) => request.headers.has('authorization'),
    ttl: options.defaultTtlS * 1000,
    ttlPerSchemaCoordinate: Object.fromEntries(Object.entries(options.ttls).map(([k, s]) => [k, s * 1000])),
    // Mutations invalidate through src/cache/invalidation.ts, awaited, not through the plugin's
    // entity scan of the mutation result (which depends on what the client selected).
    invalidateViaMutation: false,
    includeExtensionMetadata: options.includeMetadata,
    cache: {
      get: (key) => cache.get(key),
      set: (key, result, _entities, ttlMs) => {
        const carried = result as Carried;
        const sequence = carried[SEQUENCE];
        // No sequence: the cache was unreachable when the request began, so it cannot prove freshness.
        if (sequence === null || sequence === undefined || !Number.isFinite(ttlMs) || ttlMs <= 0) return;
        carried[PENDING] = cache.set(key, result, ttlMs, carried[TAGS] ?? [], sequence);
      },
      invalidate: () => {},
    },
  });
  return [carryTags, awaitWrite, privateCaching, responseCache as YogaPlugin<Context>];
}
