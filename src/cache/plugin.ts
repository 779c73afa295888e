/**
 * The response cache on Yoga. @envelop/response-cache decides what a query's result may be stored
 * for (TTL by the types it contains) and stores it in a TaggedCache; the hooks here decide which
 * requests it may see at all, look entries up, and answer revalidations:
 * - only queries: the operation kind is read from the document's tokens before any lookup
 *   (src/cache/operation.ts), and checked again on the parsed document before anything is stored,
 *   so a mutation is never looked up, stored, or answered 304, and always runs;
 * - keys are per session: schema version and the session's token hash, then the document,
 *   operation name and variables; an entry is served only once its session is confirmed and only
 *   to the organization, user and role it was computed for (`for`), and carries the session's tags
 *   (a sign-out or a role change drops it). A signed-out or expired session resolves to no viewer
 *   (src/cache/sessions.ts), so nothing is served to it;
 * - entries hold the ETag and the body text as Yoga writes it: the HTTP edge (src/edge.ts)
 *   sends a hit as stored, before Yoga runs;
 * - the ETag is a hash of the key and the stored data, and `If-None-Match` is compared only with the
 *   entry under the caller's own key: 304 means "your copy is what I would send you";
 * - the lookup happens as soon as the parameters are known (a hit skips parsing, validation and
 *   the context); the request's cache tags and start sequence travel with its result to the store;
 * - a miss on a key another request of this process is computing waits for it (bounded), then
 *   looks again and serves what the store accepted, or computes (src/cache/coalesce.ts): here for
 *   the requests that reach Yoga without the edge, at the edge for the others.
 * The plugins go last in the plugin list.
 */
import { createHash } from 'node:crypto';
import { resultWithMetadata, useResponseCache } from '@envelop/response-cache';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { YogaInitialContext, Plugin as YogaPlugin } from 'graphql-yoga';
import { hashToken } from '../auth/sessions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { noteCacheAnswer } from '../request-context.js';
import type { MissCoalescer } from './coalesce.js';
import type { FailOpenCache } from './fail-open.js';
import { type OperationKind, operationKind, scanOperations } from './operation.js';
import { sessionTags } from './sessions.js';

const TAGS = Symbol.for('reconciliation-api.cacheTags');
const SEQUENCE = Symbol.for('reconciliation-api.cacheSequence');
const PENDING = Symbol.for('reconciliation-api.cacheWrite');
const FOR = Symbol.for('reconciliation-api.cacheFor');

type Carried = ExecutionResult & {
  [TAGS]?: string[];
  [SEQUENCE]?: number | null;
  [PENDING]?: Promise<unknown>;
  [FOR]?: string;
};

type HttpExtensions = { http?: { headers?: Record<string, string> } };

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
  /** The bearer token of a request (null: none). */
  tokenOf: (request: Request) => string | null;
  ttls: Record<string, number>;
  defaultTtlS: number;
  /** Changes the cache key space when the schema changes. */
  schemaVersion: string;
  includeMetadata: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The parameters of a GraphQL request that make up its cache key. */
export interface KeyedParams {
  query: string;
  operationName?: string | null | undefined;
  variables?: unknown;
}

/**
 * The cache key of a query for a signed-in session (the same in Yoga's path and at the edge): the
 * session by its token's hash, so the key is known before the session is (the edge looks both up
 * at once). The session's organization, user and role are those of its token; its responses carry
 * its tags (src/cache/sessions.ts), so a sign-out or a role change drops them.
 */
export function responseCacheKey(schemaVersion: string, tokenHash: string, params: KeyedParams): string {
  return sha256(
    JSON.stringify([
      schemaVersion,
      tokenHash,
      params.query,
      params.operationName ?? null,
      params.variables ?? {},
    ]),
  );
}

/**
 * A cached response as it is stored: its ETag and its body as Yoga writes it (`extensions.http` is
 * for headers, never for the body), so a hit at the edge is sent without parsing or serializing.
 */
export interface CachedResponse {
  etag: string;
  body: string;
  /** Who it was computed for (organization, user, role): served only to the same. */
  for: string;
}

/** The identity a cached response is bound to; a role changed in the database changes it. */
export const viewerIdentity = (viewer: Viewer) => `${viewer.organizationId}:${viewer.userId}:${viewer.role}`;

/** The body Yoga would write for `result`. */
export function responseBody(result: ExecutionResult): string {
  const extensions = result.extensions as Record<string, unknown> | undefined;
  if (!extensions?.http) return JSON.stringify(result);
  const { http: _http, ...rest } = extensions;
  return JSON.stringify({ ...result, extensions: Object.keys(rest).length ? rest : undefined });
}

/**
 * A stored value as a cached response for `viewer`; null for anything else: an entry of an older
 * layout, or one computed under another identity (the session's role read again since, within the
 * session cache's 60 s, after a change made in the database without dropPermissions).
 */
export function asCachedResponse(
  stored: Record<string, unknown> | undefined,
  viewer: Viewer,
): CachedResponse | null {
  return stored &&
    typeof stored.etag === 'string' &&
    typeof stored.body === 'string' &&
    stored.for === viewerIdentity(viewer)
    ? (stored as unknown as CachedResponse)
    : null;
}

/** The quoted ETags of an If-None-Match header (weak ones compared by their value). */
export function ifNoneMatch(header: string | null): string[] {
  if (!header) return [];
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
}

/**
 * Documents seen lately -> their operations: bounded in count, oldest out first, and in size (a
 * larger document is scanned again each time, in time linear in its length).
 */
export class OperationKinds {
  private readonly seen = new Map<string, Map<string, OperationKind> | null>();
  constructor(
    private readonly maxEntries = 1000,
    private readonly maxDocumentLength = 16 * 1024,
  ) {}
  /** The kind if the document was seen lately; null otherwise (nothing is scanned or remembered). */
  known(document: string, operationName: string | null | undefined): OperationKind | null {
    const operations = this.seen.get(document);
    return operations === undefined ? null : operationKind(operations, operationName);
  }

  /**
   * The name of the operation a request selects in a document seen lately (as the document spells
   * it, never the client's `operationName` alone); null: anonymous, or not seen lately.
   */
  name(document: string, operationName: string | null | undefined): string | null {
    const operations = this.seen.get(document);
    if (!operations) return null;
    if (operationName) return operations.has(operationName) ? operationName : null;
    return operations.size === 1 ? operations.keys().next().value || null : null;
  }

  of(document: string, operationName: string | null | undefined): OperationKind | null {
    let operations = this.seen.get(document);
    if (operations === undefined) {
      operations = scanOperations(document);
      if (document.length <= this.maxDocumentLength) {
        this.seen.set(document, operations);
        if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
      }
    }
    return operationKind(operations, operationName);
  }
}

/**
 * Lookups already made for a request at the HTTP edge (src/edge.ts), which missed: the key,
 * by the request's node:http message, so Yoga's path does not ask Redis again.
 */
export type EdgeMisses = WeakMap<object, string>;

export function responseCachePlugins(
  options: ResponseCacheOptions & {
    kinds?: OperationKinds;
    edgeMisses?: EdgeMisses;
    /** Concurrent misses on one key wait for the first: the same one as the HTTP edge's (src/app.ts). */
    coalescer: MissCoalescer;
  },
): YogaPlugin<Context>[] {
  const { cache } = options;
  const kinds = options.kinds ?? new OperationKinds();
  /** The cache key of each request that runs a query for a signed-in session. */
  const keys = new WeakMap<Request, string>();
  /** Their session, whose tags their stored responses carry. */
  const tokens = new WeakMap<Request, { token: string; viewer: Viewer }>();
  /** Requests answered 304: the caller's own entry has the ETag it sent. */
  const notModified = new WeakMap<Request, string>();
  /** Concurrent misses on one key wait for the first (shared with the HTTP edge, by the cache). */
  const { coalescer } = options;
  /** A flight is led by the request's node:http message when it has one (the edge's), else by it. */
  const release = (request: Request, serverContext: unknown) => {
    coalescer.release((serverContext as { req?: object } | undefined)?.req);
    coalescer.release(request);
  };

  const lookup: YogaPlugin<Context> = {
    onParams: async ({ params, request, setResult, context }) => {
      if (typeof params.query !== 'string' || !request.headers.has('authorization')) return;
      // Signed-in sessions only, before anything is remembered of the document.
      const viewer = await options.viewerOf(request);
      if (!viewer || kinds.of(params.query, params.operationName) !== 'query') return;
      const token = options.tokenOf(request);
      if (!token) return;
      const key = responseCacheKey(options.schemaVersion, hashToken(token), params as KeyedParams);
      tokens.set(request, { token, viewer });
      keys.set(request, key);
      // Looked up at the edge a moment ago for this very request (same body, same viewer): a miss,
      // coalesced there already (src/edge.ts: it waited, or it leads the key's flight).
      const message = (context as { req?: object } | undefined)?.req;
      if (message && options.edgeMisses?.get(message) === key) {
        noteCacheAnswer('miss');
        return;
      }
      let entry = asCachedResponse(await cache.get(key), viewer);
      if (!entry) {
        // Another request of this process computes the same key: wait for it, then serve what the
        // store accepted, if anything (src/cache/coalesce.ts).
        const owner = message ?? request;
        const coalesce = !cache.bypassed && coalescer.coalesces(params.query, params.operationName);
        const flight = coalesce ? coalescer.flight(key) : null;
        if (flight && flight.owner !== owner) {
          const ended = await coalescer.wait(flight, request.signal);
          entry = ended ? asCachedResponse(await cache.get(key), viewer) : null;
          coalescer.outcome(entry !== null);
        }
        if (!entry) {
          if (coalesce) coalescer.lead(key, owner);
          noteCacheAnswer('miss');
          return;
        }
      }
      noteCacheAnswer('hit', kinds.name(params.query, params.operationName));
      const { etag } = entry;
      if (ifNoneMatch(request.headers.get('if-none-match')).includes(etag)) {
        notModified.set(request, etag);
      }
      keys.delete(request); // answered: nothing to store
      const parsed = JSON.parse(entry.body) as ExecutionResult;
      const hit: ExecutionResult = {
        ...parsed,
        extensions: { ...parsed.extensions, http: { headers: { ETag: etag } } },
      };
      setResult(options.includeMetadata ? resultWithMetadata(hit, { hit: true }) : hit);
    },
    onExecute: ({ args }) => {
      // The store side trusts the parsed document, not the token scan.
      const request = (args.contextValue as Context & YogaInitialContext).request;
      if (keys.has(request) && getOperationAST(args.document, args.operationName)?.operation !== 'query') {
        keys.delete(request);
      }
      // Nothing this request computes can be stored (the cache was unreachable when it began): its
      // waiters need not wait for it.
      if (!keys.has(request) || args.contextValue.cacheSequence === null) release(request, args.contextValue);
      return {
        onExecuteDone: ({ result, setResult }) => {
          const ctx = args.contextValue;
          if (!keys.has(request) || !('data' in result)) return;
          setResult(
            Object.assign(
              { ...result },
              {
                [TAGS]: [
                  ...ctx.cacheTags,
                  ...sessionTags(tokens.get(request)!.token, tokens.get(request)!.viewer.userId),
                ],
                [SEQUENCE]: ctx.cacheSequence,
                [FOR]: viewerIdentity(tokens.get(request)!.viewer),
              },
            ) as Carried,
          );
        },
      };
    },
    onResultProcess: async ({ request, result, setResultProcessor, serverContext }) => {
      const pending = (result as Carried)[PENDING];
      if (pending) await pending;
      // Stored or not, this request's computation is over: whoever waits for it looks again.
      release(request, serverContext);
      const etag = notModified.get(request);
      if (etag) {
        setResultProcessor(
          (_result, fetchAPI) => new fetchAPI.Response(null, { status: 304, headers: { ETag: etag } }),
          'application/json',
        );
      }
    },
    // A request that ended without processing a result (answered early, failed) ends its flight too.
    onResponse: ({ request, serverContext }) => release(request, serverContext),
    // Vary and Cache-Control are set for every response, cache on or off (src/cache/hints.ts).
  };

  const store = useResponseCache<Context>({
    enabled: (ctx) => keys.has((ctx as Context & YogaInitialContext).request),
    session: () => null,
    buildResponseCacheKey: ({ context }) => keys.get((context as Context & YogaInitialContext).request)!,
    ttl: options.defaultTtlS * 1000,
    ttlPerSchemaCoordinate: Object.fromEntries(Object.entries(options.ttls).map(([k, s]) => [k, s * 1000])),
    // Mutations invalidate through src/cache/invalidation.ts, awaited, not through the plugin's
    // entity scan of the mutation result (which depends on what the client selected).
    invalidateViaMutation: false,
    includeExtensionMetadata: options.includeMetadata,
    // The TTL of a document follows from the types it selects: one never stored is not coalesced.
    onTtl: ({ ttl, context }) => {
      const params = (context as Context & YogaInitialContext).params;
      if (typeof params?.query === 'string') coalescer.noteTtl(params.query, params.operationName, ttl);
      return ttl;
    },
    shouldCacheResult: ({ cacheKey, result }) => {
      if (result.errors?.length) return false;
      // Sent with the miss and stored with the entry, so a hit carries it too.
      const extensions: HttpExtensions = result.extensions ?? {};
      const etag = `"${sha256(cacheKey + JSON.stringify(result.data))}"`;
      extensions.http = { ...extensions.http, headers: { ...extensions.http?.headers, ETag: etag } };
      result.extensions = extensions as ExecutionResult['extensions'];
      return true;
    },
    cache: {
      // Looked up in onParams already: a request that reaches execution missed.
      get: () => undefined,
      set: (key, result, _entities, ttlMs) => {
        const carried = result as Carried;
        const sequence = carried[SEQUENCE];
        // No sequence: the cache was unreachable when the request began, so it cannot prove freshness.
        if (sequence === null || sequence === undefined || !Number.isFinite(ttlMs) || ttlMs <= 0) return;
        const etag = (result.extensions as HttpExtensions | undefined)?.http?.headers?.ETag;
        if (!etag || !carried[FOR]) return;
        const entry: CachedResponse = { etag, body: responseBody(result), for: carried[FOR] };
        carried[PENDING] = cache.set(key, { ...entry }, ttlMs, carried[TAGS] ?? [], sequence);
      },
      invalidate: () => {},
    },
  });
  return [lookup, store as YogaPlugin<Context>];
}
