/**
 * The HTTP rules of the API apart from GraphQL itself: /readyz from the last known state, refusing
 * requests at once while PostgreSQL is unreachable (and answering those waiting on it when it goes
 * away), and what a POST may carry (JSON only, bounded in size). The codes of the errors Yoga
 * raises itself are mapped with every other error's in src/schema/error-hygiene.ts.
 */
import { GraphQLError, getOperationAST } from 'graphql';
import type { FetchAPI, Plugin } from 'graphql-yoga';
import type { Context } from './context.js';
import { type ConnectionFailure, type DatabaseAvailability, DatabaseGoneError } from './db/availability.js';
import type { ReplicaStatus } from './db/replicas.js';
import { type ErrorCode, poolTimeoutMessage, RETRY_AFTER_S } from './errors.js';

/** Anonymous requests may only sign in (a few hundred bytes) or read the schema. */
export const ANONYMOUS_BODY_LIMIT = 16 * 1024;
/**
 * Signed-in requests: reconciliationItemsAdd's 10,000 items with 500-character descriptions are
 * about 5.9 MB of JSON (typical items about 1.2 MB).
 */
export const SIGNED_IN_BODY_LIMIT = 8 * 1024 * 1024;

// Browsers post these cross-site without asking (no CORS preflight): a hostile page could make
// its visitors' browsers send operations. Only JSON is accepted.
const JSON_TYPES = new Set(['application/json', 'application/graphql+json']);

/** `Application/JSON ; Charset=UTF-8` -> `application/json; Charset=UTF-8` (parameter values kept). */
const canonicalMediaType = (type: string) => {
  const [media = '', ...params] = type.split(';');
  return [media.trim().toLowerCase(), ...params.map((p) => p.trim())].join('; ');
};

const badRequest = (message: string, status: number) =>
  new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, http: { status } },
  });

const tooLarge = (limit: number) =>
  badRequest(`The request body is larger than ${limit} bytes (the limit for this request)`, 413);

/** The error for a request PostgreSQL could not serve: 503 and retryable when nothing reached it. */
export function unavailableError(failure: ConnectionFailure, path?: readonly (string | number)[]) {
  return new GraphQLError('The database is unreachable: retry shortly', {
    ...(path ? { path } : {}),
    extensions: {
      code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode,
      // `lost`: the connection dropped mid-statement, so a mutation may or may not have committed.
      retryable: failure === 'unsent',
      ...(failure === 'unsent'
        ? { http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_S) } } }
        : {}),
    },
  });
}

/**
 * The error for a statement that found no pooled connection free within the acquire timeout:
 * nothing was sent, so it is retryable. HTTP 200 like QUERY_TIMEOUT, not 503: the server is up
 * and serving (/readyz stays 200, the other fields of the request may have answered), and a 5xx
 * would tell load balancers to eject an instance that is only busy.
 */
export function poolTimeoutError(timeoutMs: number, path?: readonly (string | number)[]) {
  return new GraphQLError(poolTimeoutMessage(timeoutMs), {
    ...(path ? { path } : {}),
    extensions: { code: 'POOL_TIMEOUT' satisfies ErrorCode, retryable: true },
  });
}

/** Passes the body through, failing the read once more than `limit` bytes arrived. */
function limitBody(request: Request, limit: number, fetchAPI: FetchAPI): Request {
  const body = request.body;
  if (!body) return request;
  // The native stream needs the native TransformStream (graphql-yoga#4583).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    duplex: 'half',
  } as RequestInit);
}

export interface TransportOptions {
  availability: DatabaseAvailability;
  redisState: () => 'up' | 'down' | 'off';
  /** Shutting down: /readyz answers 503 `draining` so load balancers stop sending requests. */
  draining: () => boolean;
  /** Whether the request carries a valid session (resolved once per request, shared). */
  viewerOf: (request: Request) => Promise<unknown>;
  graphqlEndpoint: string;
  /** The read replicas' state, shown by /readyz (a replica down never makes the instance unready). */
  replicas?: () => ReplicaStatus[];
}

export function transportPlugins(options: TransportOptions): Plugin<Context>[] {
  const { availability } = options;
  const json = (fetchAPI: FetchAPI, body: unknown, status: number, headers: Record<string, string> = {}) =>
    new fetchAPI.Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    });

  const readinessAndGate: Plugin<Context> = {
    onDispose: () => availability.stop(),
    onRequest: ({ request, url, endResponse, fetchAPI }) => {
      if (url.pathname === '/readyz') {
        const postgres = availability.isUp ? 'up' : 'down';
        const status = options.draining() ? 'draining' : postgres === 'up' ? 'ok' : 'unavailable';
        endResponse(
          json(
            fetchAPI,
            {
              status,
              postgres,
              redis: options.redisState(),
              ...(options.replicas ? { replicas: options.replicas() } : {}),
            },
            status === 'ok' ? 200 : 503,
          ),
        );
        return;
      }
      // Every path but the probes: Yoga answers GraphQL on more paths than the endpoint exactly.
      if (availability.isUp || url.pathname === '/healthz') return;
      // GraphiQL's page needs no database.
      if (request.method === 'GET' && request.headers.get('accept')?.includes('text/html')) return;
      endResponse(
        json(
          fetchAPI,
          {
            errors: [
              {
                message: 'The database is unreachable: retry shortly',
                extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode, retryable: true },
              },
            ],
          },
          503,
          { 'retry-after': String(RETRY_AFTER_S) },
        ),
      );
    },
  };

  // Execution still waiting on PostgreSQL when the probe finds it gone is answered then: a read is
  // safe to retry, a write may or may not have committed.
  const answerWhenGone: Plugin<Context> = {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      const write = getOperationAST(args.document, args.operationName)?.operation !== 'query';
      setExecuteFn((execArgs) =>
        availability.guard(Promise.resolve(executeFn(execArgs)), write ? 'lost' : 'unsent').catch((err) => {
          if (!(err instanceof DatabaseGoneError)) throw err;
          return { errors: [unavailableError(err.failure)] };
        }),
      );
    },
  };

  const bodyRules: Plugin<Context> = {
    onRequest: ({ request }) => {
      // Media types are case-insensitive and may carry spaces (`Application/JSON ; charset=utf-8`);
      // Yoga matches its parsers by exact text, so the header is written in its canonical form.
      const type = request.headers.get('content-type');
      if (request.method === 'POST' && type) {
        const canonical = canonicalMediaType(type);
        if (canonical !== type) request.headers.set('content-type', canonical);
      }
    },
    onRequestParse: async ({ request, requestParser, setRequestParser, fetchAPI, serverContext }) => {
      if (request.method === 'GET' && requestParser) {
        // Yoga's GET parser throws a bare SyntaxError (an internal error) for malformed JSON.
        const parse = requestParser;
        setRequestParser(async (req) => {
          try {
            return await parse(req);
          } catch (err) {
            if (!(err instanceof SyntaxError)) throw err;
            throw badRequest('The "variables" and "extensions" parameters must be JSON objects', 400);
          }
        });
      }
      if (request.method !== 'POST') return;
      const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      // No parser: Yoga would answer an empty 415.
      if (!JSON_TYPES.has(type) || !requestParser) {
        throw badRequest('POST bodies must be application/json (form and multipart posts are refused)', 415);
      }
      const signedIn =
        request.headers.has('authorization') && (await options.viewerOf(request).catch(() => null)) != null;
      const limit = signedIn ? SIGNED_IN_BODY_LIMIT : ANONYMOUS_BODY_LIMIT;
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!/^\d+$/.test(length)) throw badRequest('The Content-Length header is invalid', 400);
        // Refused before a byte of the body is read.
        if (Number(length) > limit) throw tooLarge(limit);
      }
      // Over a socket node's HTTP parser delivers exactly Content-Length bytes: nothing to count.
      const overSocket = (serverContext as { req?: { socket?: unknown } } | undefined)?.req?.socket != null;
      if (length !== null && overSocket) return;
      // No (or, in process, a false) Content-Length: count while reading.
      if (requestParser) {
        const parse = requestParser;
        setRequestParser((req) => parse(limitBody(req, limit, fetchAPI)));
      }
    },
  };

  return [readinessAndGate, answerWhenGone, bodyRules];
}
