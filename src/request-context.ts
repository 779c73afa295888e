/**
 * What is known about the request a piece of work belongs to, wherever that work runs (a loader's
 * batch, a statement sent by the pool, a Redis call): its id, once parsed its GraphQL operation
 * name, and its Redis budget. Held in an AsyncLocalStorage entered once per request (src/app.ts),
 * so the database layer can name the request a slow statement came from without every call
 * passing it down.
 *
 * One AsyncLocalStorage for all of it: on Node 20 each one in use adds to the cost of every promise
 * the process creates (about 0.08 µs each here, some 300 promises for a query that reaches
 * PostgreSQL), so the Redis budget lives here rather than in a storage of its own.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The Redis time a request may spend in all (src/cache/redis.ts): spent so far, and the limit. */
export interface RedisBudget {
  spentMs: number;
  limitMs: number;
}

export interface RequestInfo {
  readonly id: string;
  /** The operation's name once Yoga has parsed the request; null for anonymous or not GraphQL. */
  operationName: string | null;
  /** Statements the request has sent so far (for its slow-request log line). */
  statements: number;
  /**
   * Whether it came with a valid session: only such requests may give a new operation name a
   * metrics label of its own (src/metrics.ts), so anonymous sign-in attempts cannot use them up.
   */
  signedIn: boolean;
  /**
   * Whether the response cache answered it: 'hit' (from the cache, a 304 too), 'miss' (looked up,
   * not found, executed), null (not a cacheable request: anonymous, a mutation, the cache off).
   * For its access-log line (src/access-log.ts).
   */
  cache: 'hit' | 'miss' | null;
  /** With read replicas: which database its reads went to (`primary`, `replica-1`, ...); else null. */
  database: string | null;
  /** Its Redis budget (src/cache/redis.ts); null: unbounded. */
  readonly redisBudget: RedisBudget | null;
}

export const requestContext = new AsyncLocalStorage<RequestInfo>();

/** The request the current work belongs to, if any (start-up, the probe and scrapes have none). */
export const currentRequest = (): RequestInfo | undefined => requestContext.getStore();

/** A caller's `X-Request-Id` is kept when it is a plain token of at most 128 characters. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it sent a usable one, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && CALLER_ID.test(header) ? header : randomUUID();
}

/**
 * The context a new request runs in: the caller's id (when usable) or a new one, and a Redis budget
 * of `redisBudgetMs` (0: the budget of the scope it runs in, if any: `redisBudget.run` in a test).
 */
export const newRequest = (header: string | null | undefined, redisBudgetMs = 0): RequestInfo => ({
  id: requestIdFrom(header),
  operationName: null,
  statements: 0,
  signedIn: false,
  cache: null,
  database: null,
  redisBudget:
    redisBudgetMs > 0 ? { spentMs: 0, limitMs: redisBudgetMs } : (currentRequest()?.redisBudget ?? null),
});

/**
 * The response cache's answer to the current request (src/cache/plugin.ts, src/edge.ts): a hit
 * names the operation too, as its document gives it (a hit is never parsed), for its access line.
 */
export function noteCacheAnswer(outcome: 'hit' | 'miss', operationName: string | null = null): void {
  const request = currentRequest();
  if (!request) return;
  request.cache = outcome;
  if (outcome === 'hit' && request.operationName === null) request.operationName = operationName;
}
