/**
 * Cached answers at the HTTP edge. A signed-in POST of a query whose response is in the cache is
 * answered from the request's raw parts, before Yoga builds a Fetch Request, parses the body again,
 * runs a plugin or writes through the Fetch Response adapters: on a hit that pipeline costs several
 * times the CPU of the cache lookup itself (the profile in bench/results/README.md).
 *
 * The lane answers only what it can answer exactly as Yoga's path would (src/cache/plugin.ts: same
 * key, same ETag and 304 rule, same headers and body); everything else goes on to Yoga untouched,
 * with the body already read: another method or path, a query string, an Origin (CORS is Yoga's),
 * an Accept that asks for a stream, a body without Content-Length or over 16 KB, extensions,
 * parameters the input guard refuses, no or an unknown session, a mutation, PostgreSQL down (the
 * outage gate answers), and every miss. The request limit counts a request once, here or in Yoga.
 * A miss on a key another request of this process computes waits for it here (src/cache/coalesce.ts)
 * and is answered from the cache if the store took its answer.
 */
import type { Socket } from 'node:net';
import { resultWithMetadata } from '@envelop/response-cache';
import type { ExecutionResult } from 'graphql';
import { hashToken } from './auth/sessions.js';
import type { Viewer } from './auth/viewer.js';
import type { Flight, MissCoalescer } from './cache/coalesce.js';
import type { FailOpenCache } from './cache/fail-open.js';
import { PRIVATE_HEADERS } from './cache/hints.js';
import {
  asCachedResponse,
  type EdgeMisses,
  ifNoneMatch,
  type KeyedParams,
  type OperationKinds,
  responseCacheKey,
} from './cache/plugin.js';
import { noteCacheAnswer } from './request-context.js';
import { checkRequestValues } from './schema/input-guard.js';

/** The largest body the lane reads; a larger one (rare for a query) goes to Yoga as it came. */
export const EDGE_BODY_LIMIT = 16 * 1024;

export interface EdgeRequest {
  method: string;
  /** Path and query string, as in node's `req.url`. */
  url: string;
  header(name: string): string | null;
  /** The node:http message (a key for what the lane learnt), or any object standing for it. */
  message: object;
  /** The client's address as the request limit counts it. */
  address(): string;
  /** The body is in memory already (an in-process `fetch`): no Content-Length needed. */
  bodyInMemory?: boolean;
  /** Aborted when the client goes (a node:http message's socket closing is watched anyway). */
  signal?: AbortSignal;
}

export interface EdgeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export interface EdgeOptions {
  cache: FailOpenCache;
  kinds: OperationKinds;
  misses: EdgeMisses;
  schemaVersion: string;
  graphqlEndpoint: string;
  includeMetadata: boolean;
  /** The viewer of a bearer token (the session cache), null when none; Yoga's path reuses it. */
  viewerOf(token: string, message: object): Promise<Viewer | null>;
  databaseUp(): boolean;
  /**
   * Counts the request against the per-address limit; null: not limited. The lane answers a refusal
   * itself and marks the message as counted, so Yoga's path does not count it again.
   */
  limit: ((address: string) => Promise<EdgeAnswer | null>) | null;
  counted: WeakSet<object>;
  /** Concurrent misses on one key wait for the first: the same one as Yoga's lookup (src/app.ts). */
  coalescer: MissCoalescer;
}

/** What Yoga's path adds to an answer to a signed-in request (src/cache/hints.ts). */
const PRIVATE = PRIVATE_HEADERS;
const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i;
const JSON_TYPES = new Set(['application/json', 'application/graphql+json']);

/**
 * The media type Yoga's result processors would answer a query with, for this Accept header
 * (graphql-yoga's use-result-processor and accept.js, restated: the first listed type a processor
 * serves wins, and any-type means application/json); null for anything else (event streams, multipart).
 */
export function regularMediaType(accept: string | null): string | null {
  const asked = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',').reverse();
  const matches = (served: string, wanted: string) => {
    const [pre, suf] = wanted.split('/');
    const [servedPre, servedSuf] = served.split('/');
    return (pre === '*' || pre === servedPre) && (suf === '*' || suf === servedSuf);
  };
  let chosen: string | null = null;
  for (const item of asked) {
    const [type = '', ...params] = item.split(';');
    if ((params.find((p) => p.includes('charset=')) ?? 'charset=utf-8') !== 'charset=utf-8') continue;
    for (const served of ['application/graphql-response+json', 'application/json']) {
      if (matches(served, type)) chosen = served;
    }
  }
  return chosen;
}

function paramsOf(body: string): KeyedParams | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { query, operationName, variables, extensions, ...other } = parsed as Record<string, unknown>;
  if (typeof query !== 'string' || Object.keys(other).length) return null;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return null;
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return null;
  if (extensions !== undefined && extensions !== null) return null;
  try {
    // Yoga's path refuses these with the contract's error; the lane only steps aside.
    checkRequestValues(variables, undefined);
  } catch {
    return null;
  }
  return { query, operationName: operationName as string | null | undefined, variables };
}

/**
 * Waits for a flight, giving up when the client goes: the node:http message's socket closing (the
 * in-process `fetch` has none; its wait ends with the flight, bounded as every flight is).
 */
async function waitFor(coalescer: MissCoalescer, flight: Flight, req: EdgeRequest): Promise<boolean> {
  const socket = (req.message as { socket?: Socket | null }).socket;
  if (!socket || typeof socket.once !== 'function') return coalescer.wait(flight, req.signal);
  if (socket.destroyed) return false;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  socket.once('close', onClose);
  try {
    return await coalescer.wait(flight, gone.signal);
  } finally {
    socket.off('close', onClose);
  }
}

export class CacheEdge {
  constructor(private readonly options: EdgeOptions) {}

  /** Whether the lane would read this request's body at all (cheap: headers only). */
  wants(req: EdgeRequest): boolean {
    if (req.method !== 'POST' || req.url !== this.options.graphqlEndpoint) return false;
    if (req.header('origin') !== null || !regularMediaType(req.header('accept'))) return false;
    const type = req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!JSON_TYPES.has(type)) return false;
    const length = req.header('content-length');
    if (length === null ? !req.bodyInMemory : !/^\d{1,5}$/.test(length) || Number(length) > EDGE_BODY_LIMIT)
      return false;
    return BEARER.test(req.header('authorization')?.trim() ?? '');
  }

  /** The answer from the cache, or null: Yoga handles the request (with the body already read). */
  async answer(req: EdgeRequest, body: string): Promise<EdgeAnswer | null> {
    const { options } = this;
    if (body.length > EDGE_BODY_LIMIT || !options.databaseUp()) return null;
    const params = paramsOf(body);
    if (!params) return null;
    const token = BEARER.exec(req.header('authorization')!.trim())![1]!;
    if (options.limit) {
      options.counted.add(req.message);
      const refused = await options.limit(req.address());
      // With the headers Yoga's path adds to every signed-in answer (src/cache/plugin.ts, onResponse).
      if (refused) return { ...refused, headers: { ...refused.headers, ...PRIVATE } };
    }
    const key = responseCacheKey(options.schemaVersion, hashToken(token), params);
    // A document seen lately is known to be a query: its entry is asked for with the session, in
    // the same write to Redis (auto-pipelined), and used only if the session is one.
    const known = options.kinds.known(params.query, params.operationName);
    if (known !== null && known !== 'query') return null;
    const early = known === 'query' ? options.cache.get(key) : null;
    const viewer = await options.viewerOf(token, req.message).catch(() => null);
    // Signed-in sessions only, before anything is remembered of the document (as in onParams): a
    // bearer-shaped token of no session does not fill the operation kinds.
    if (!viewer) return null;
    if (!early && options.kinds.of(params.query, params.operationName) !== 'query') return null;
    let entry = asCachedResponse(await (early ?? options.cache.get(key)), viewer);
    if (!entry) {
      // Another request of this process computes the same key: wait for it and answer what the
      // store accepted, if anything; else this request computes, and leads the key's flight if
      // none is up (src/cache/coalesce.ts). Yoga's lookup trusts this miss and waits no more.
      const { coalescer } = options;
      const coalesce = !options.cache.bypassed && coalescer.coalesces(params.query, params.operationName);
      const flight = coalesce ? coalescer.flight(key) : null;
      if (flight) {
        const ended = await waitFor(coalescer, flight, req);
        entry = ended ? asCachedResponse(await options.cache.get(key), viewer) : null;
        coalescer.outcome(entry !== null);
      }
      if (!entry) {
        if (coalesce) coalescer.lead(key, req.message);
        options.misses.set(req.message, key);
        noteCacheAnswer('miss');
        return null;
      }
    }
    noteCacheAnswer('hit', options.kinds.name(params.query, params.operationName));
    const headers: Record<string, string> = { ...PRIVATE, etag: entry.etag };
    if (ifNoneMatch(req.header('if-none-match')).includes(entry.etag)) {
      return { status: 304, headers, body: null };
    }
    return {
      status: 200,
      headers: { 'content-type': `${regularMediaType(req.header('accept'))}; charset=utf-8`, ...headers },
      // Sent as stored; outside production a hit says so, as on Yoga's path (only then parsed).
      body: options.includeMetadata
        ? JSON.stringify(resultWithMetadata(JSON.parse(entry.body) as ExecutionResult, { hit: true }))
        : entry.body,
    };
  }
}
