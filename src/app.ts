/**
 * The HTTP application: GraphQL over HTTP at /graphql (GraphiQL in a browser), /healthz, /readyz.
 * Built in process so tests call `app.fetch` against a real database.
 */

import { createHash } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import { Readable } from 'node:stream';
import { type DocumentNode, GraphQLError, Kind } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { AccessLog } from './access-log.js';
import { passwordChecks } from './auth/password.js';
import type { Viewer } from './auth/viewer.js';
import { MissCoalescer } from './cache/coalesce.js';
import type { FailOpenCache } from './cache/fail-open.js';
import { useCacheHints } from './cache/hints.js';
import { DEFAULT_TTLS, type EdgeMisses, OperationKinds, responseCachePlugins } from './cache/plugin.js';
import { RateLimiter } from './cache/rate-limit.js';
import { SessionCache } from './cache/sessions.js';
import { limitSubject } from './client-address.js';
import type { Config } from './config.js';
import { type Context, createContext } from './context.js';
import { connectionFailure, DatabaseAvailability } from './db/availability.js';
import type { Database } from './db/client.js';
import { poolTimeout } from './db/pool.js';
import type { ReplicaSet } from './db/replicas.js';
import { lastDatabaseAnswer } from './db/sql.js';
import { CacheEdge, type EdgeAnswer, type EdgeRequest } from './edge.js';
import { driverError, type ErrorCode, isGraphQLError, RETRYABLE_SQLSTATES } from './errors.js';
import { graphiqlOptions, useGraphiQLPage } from './graphiql.js';
import { withErrorSerializer, yogaLogging } from './log.js';
import type { Metrics } from './metrics.js';
import { currentRequest, newRequest, requestContext } from './request-context.js';
import { useErrorHygiene } from './schema/error-hygiene.js';
import { printedSchema, schema } from './schema/index.js';
import { useInputGuard } from './schema/input-guard.js';
import { limitRefusals } from './schema/limits-plan.js';
import type { SlowLog } from './slow-log.js';
import { poolTimeoutError, transportPlugins, unavailableError } from './transport.js';

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i;

function bearerToken(request: Request): string | null {
  return BEARER.exec(request.headers.get('authorization')?.trim() ?? '')?.[1] ?? null;
}

let printed: string | undefined;
/** A short hash of the schema: cached responses of another schema are never served. */
function schemaVersion(): string {
  printed ??= createHash('sha256').update(printedSchema()).digest('hex').slice(0, 12);
  return printed;
}

const withBadInputCode = (error: GraphQLError) =>
  // A limit refusal keeps its own code (QUERY_TOO_COMPLEX).
  typeof error.extensions.code === 'string' && !error.extensions.code.startsWith('GRAPHQL_')
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        extensions: { ...error.extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode },
      });

/**
 * Query limits, checked with validation; syntax and validation errors carry the contract's
 * BAD_USER_INPUT, not Yoga's own codes.
 */
function useContractErrorCodes(): Plugin<Context> {
  return {
    onParse:
      () =>
      ({ result, replaceParseResult }) => {
        if (isGraphQLError(result)) replaceParseResult(withBadInputCode(result));
      },
    onValidate:
      () =>
      ({ result, setResult }) => {
        if (result.length) setResult(result.map((e) => (isGraphQLError(e) ? withBadInputCode(e) : e)));
      },
    // The limits depend on the variables (`first: $n`, a list of representations), and Yoga caches
    // validation per document: so they are checked for every execution, before any resolver, with
    // what does not depend on the variables worked out once per document (src/schema/limits-plan.ts).
    onExecute: ({ args, setResultAndStopExecution }) => {
      const refusals = limitRefusals(
        args.schema,
        args.document,
        args.variableValues ?? {},
        args.contextValue,
        args.operationName,
      );
      if (refusals.length) setResultAndStopExecution({ errors: refusals });
    },
  };
}

/**
 * The operation a document runs: the one `asked` names if the document has it, else the document's
 * only operation; its name, or null (anonymous, or no such operation: the request then fails).
 */
export function operationNameIn(document: DocumentNode, asked: string | null | undefined): string | null {
  let only: string | null = null;
  let operations = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (asked) {
      if (definition.name?.value === asked) return asked;
    } else {
      operations++;
      only = definition.name?.value ?? null;
    }
  }
  return operations === 1 ? only : null;
}

/**
 * Names the request's operation in its context (src/request-context.ts) as soon as the document is
 * parsed (or taken from Yoga's parse cache): a walk over its top-level definitions, no parse of its
 * own, and a name only from the document (never the client's `operationName` alone).
 */
function useOperationName(): Plugin<Context> {
  return {
    onParse:
      ({ context }) =>
      ({ result }) => {
        const request = currentRequest();
        if (!request || !result || !('kind' in result) || result.kind !== Kind.DOCUMENT) return;
        const params = (context as { params?: { operationName?: string | null } }).params;
        request.operationName = operationNameIn(result, params?.operationName);
      },
  };
}

export interface AppOptions {
  database: Database;
  config: Config;
  logger: Logger;
  /** The response cache; null turns caching off. */
  cache?: FailOpenCache | null;
  /** Viewer lookups (cache-aside in Redis when given one). */
  sessions?: SessionCache;
  /** Serves /metrics and times requests. */
  metrics?: Metrics;
  /** Request and sign-in limits (in memory when not given). */
  rateLimiter?: RateLimiter;
  /** Redis' state for /readyz (src/cache/redis.ts' breaker); none: "off". */
  redisHealth?: { readonly state: 'up' | 'down' } | null;
  /** Logs requests slower than SLOW_QUERY_MS (its statements are the pool's: src/slow-log.ts). */
  slowLog?: SlowLog;
  /**
   * The Redis time each request may spend in all (src/cache/redis.ts); 0: none of its own (a request
   * run inside `redisBudget.run` keeps that budget).
   */
  redisBudgetMs?: number;
  /** True once shutdown began (src/server.ts): /readyz answers 503 while in-flight requests finish. */
  draining?: () => boolean;
  /** Read replicas (DATABASE_REPLICA_URLS; src/db/replicas.ts); null: every read on the primary. */
  replicas?: ReplicaSet | null;
  /** The response cache's miss coalescing (src/cache/coalesce.ts); by default one of its own. */
  coalescer?: MissCoalescer;
}

export function createApp({
  database,
  config,
  logger: baseLogger,
  cache = null,
  sessions = new SessionCache(null),
  metrics,
  rateLimiter = new RateLimiter(null, ''),
  redisHealth = null,
  slowLog,
  redisBudgetMs = 0,
  draining = () => false,
  replicas = null,
  coalescer: givenCoalescer,
}: AppOptions) {
  // Error logs keep the error and drop the data (src/log.ts), whatever logger the caller built.
  const logger = withErrorSerializer(baseLogger);
  // /metrics without a token is open in development and test only (Metrics.endpoint says why).
  const metricsOpen = config.NODE_ENV !== 'production';
  if (metrics && !config.METRICS_TOKEN && !metricsOpen) {
    logger.warn(
      'METRICS_TOKEN is not set: /metrics answers 404 in production (set it, and give Prometheus the same bearer token)',
    );
  }
  // Process-wide, as the CPU it protects: the last app built sets it.
  Object.assign(passwordChecks, {
    concurrency: config.SIGNIN_HASH_CONCURRENCY,
    queue: config.SIGNIN_HASH_QUEUE,
  });
  // While PostgreSQL is unreachable requests are refused at once; /readyz reads the same state.
  const availability = new DatabaseAvailability(() => database.ping(), logger, {
    lastAnswer: lastDatabaseAnswer,
  }).start();
  /**
   * The client the limits count: the socket's address or, behind a trusted proxy, the last
   * X-Forwarded-For entry (the one that proxy appended; entries to its left are whatever the
   * client sent); an IPv6 address by its /64 (src/client-address.ts).
   */
  const addressOf = (forwardedFor: string | null | undefined, remoteAddress: string | undefined): string => {
    const forwarded = config.TRUST_PROXY ? forwardedFor?.split(',').at(-1)?.trim() : undefined;
    return limitSubject(forwarded || remoteAddress || 'local');
  };
  const clientAddress = (request: Request, server: Record<string, unknown>): string => {
    const req = server.req as { socket?: { remoteAddress?: string } } | undefined;
    return addressOf(request.headers.get('x-forwarded-for'), req?.socket?.remoteAddress);
  };
  // The viewer is resolved once per request: the response cache needs it (for its key) before
  // the context exists, and the context reuses it.
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  // Nothing is written by a lookup: safe to retry if PostgreSQL goes away meanwhile. A session found
  // marks the request signed in (its access-log line; a cache hit builds no context).
  const viewerOfToken = (token: string) => {
    const viewer = availability.guard(sessions.viewer(database.db, token), 'unsent');
    const info = currentRequest();
    if (info) {
      viewer.then(
        (found) => {
          if (found) info.signedIn = true;
        },
        () => {},
      );
    }
    return viewer;
  };
  const viewerOf = (request: Request): Promise<Viewer | null> => {
    let viewer = viewers.get(request);
    if (!viewer) {
      const token = bearerToken(request);
      viewer = token ? viewerOfToken(token) : Promise.resolve(null);
      viewers.set(request, viewer);
    }
    return viewer;
  };
  // What the cache's HTTP edge (src/edge.ts) learnt of a request it passed on to Yoga, by
  // its node:http message (or the server context standing for it): its viewer, and that the
  // request limit counted it.
  const edgeViewers = new WeakMap<object, Promise<Viewer | null>>();
  const counted = new WeakSet<object>();
  const limitResponse = (retryAfterS: number) => ({
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterS) },
    body: JSON.stringify({
      errors: [{ message: 'Too many requests: slow down', extensions: { code: 'RATE_LIMITED' } }],
    }),
  });
  const limitRequests: Plugin<Context> = {
    onRequest: async ({ request, url, serverContext, endResponse, fetchAPI }) => {
      const server = (serverContext ?? {}) as Record<string, unknown>;
      const message = (server.req as object | undefined) ?? server;
      const seen = edgeViewers.get(message);
      if (seen) viewers.set(request, seen);
      // Every path but the probes: Yoga answers GraphQL on more paths than /graphql exactly.
      if (url.pathname === '/healthz' || url.pathname === '/readyz' || config.RATE_LIMIT_PER_MINUTE === 0)
        return;
      if (counted.has(message)) return;
      const decision = await rateLimiter.hit(
        clientAddress(request, server),
        'graphql',
        config.RATE_LIMIT_PER_MINUTE,
        60,
      );
      if (decision.allowed) return;
      const refusal = limitResponse(decision.retryAfterS);
      endResponse(new fetchAPI.Response(refusal.body, refusal));
    },
  };
  const plugins: Plugin<Context>[] = [
    // GraphiQL's page (GRAPHIQL; src/graphiql.ts), compressed and revalidated, in place of Yoga's.
    ...(config.GRAPHIQL ? [useGraphiQLPage(graphiqlOptions, '/graphql') as Plugin<Context>] : []),
    ...(metrics ? [metrics.plugin() as Plugin<Context>] : []),
    limitRequests,
    ...(metrics ? [metrics.endpoint(config.METRICS_TOKEN, metricsOpen) as Plugin<Context>] : []),
    useOperationName(),
    // Before anything reads the variables or parses the document (the response cache included).
    useInputGuard(),
    useErrorHygiene(config.NODE_ENV === 'production'),
    useContractErrorCodes(),
    useCacheHints(),
    ...transportPlugins({
      availability,
      redisState: () => redisHealth?.state ?? 'off',
      draining,
      viewerOf,
      graphqlEndpoint: '/graphql',
      ...(replicas ? { replicas: () => replicas.status() } : {}),
    }),
  ];
  const kinds = new OperationKinds();
  const edgeMisses: EdgeMisses = new WeakMap();
  // One per process: the HTTP edge and Yoga's lookup share their flights (src/cache/coalesce.ts).
  const coalescer = cache ? (givenCoalescer ?? new MissCoalescer()) : null;
  if (coalescer) metrics?.watchCoalescer(coalescer);
  const edge = cache
    ? new CacheEdge({
        coalescer: coalescer!,
        cache,
        kinds,
        misses: edgeMisses,
        schemaVersion: schemaVersion(),
        graphqlEndpoint: '/graphql',
        includeMetadata: config.NODE_ENV !== 'production',
        viewerOf: (token, message) => {
          const viewer = viewerOfToken(token);
          edgeViewers.set(message, viewer);
          return viewer;
        },
        databaseUp: () => availability.isUp,
        limit:
          config.RATE_LIMIT_PER_MINUTE === 0
            ? null
            : async (address) => {
                const decision = await rateLimiter.hit(address, 'graphql', config.RATE_LIMIT_PER_MINUTE, 60);
                return decision.allowed ? null : limitResponse(decision.retryAfterS);
              },
        counted,
      })
    : null;
  if (cache) {
    // Last: the response cache wraps execution as the final plugin.
    plugins.push(
      ...responseCachePlugins({
        coalescer: coalescer!,
        cache,
        kinds,
        edgeMisses,
        viewerOf,
        tokenOf: bearerToken,
        ttls: { ...DEFAULT_TTLS, ...config.CACHE_TTLS },
        defaultTtlS: config.CACHE_DEFAULT_TTL_S,
        schemaVersion: schemaVersion(),
        includeMetadata: config.NODE_ENV !== 'production',
      }),
    );
  }
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    // The transport's limits (16 KB anonymous, 8 MB signed in) are the ones that hold; Yoga's own
    // 25 MB limit would wrap every body in a second counting stream.
    maxRequestBodySize: false,
    // Yoga's default echoes any Origin with credentials: only the configured origins get CORS headers.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && config.CORS_ORIGINS.includes(origin)
        ? {
            origin: [origin],
            credentials: true,
            methods: ['GET', 'POST'],
            // A page may send its own request id and read the one answered (withCacheEdge).
            allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
            exposedHeaders: ['x-request-id'],
          }
        : false;
    },
    logging: yogaLogging(logger),
    // Served by useGraphiQLPage (above) when GRAPHIQL is on.
    graphiql: false,
    context: async ({ request, params, ...server }): Promise<Context> => {
      const sent = request.headers.has('authorization');
      const viewer = sent ? await viewerOf(request) : null;
      const info = currentRequest();
      if (info && viewer) info.signedIn = true;
      // Noted before any read: a result is cached only if nothing it read was invalidated since.
      // Anonymous answers are never stored.
      const cacheSequence = viewer && cache ? await cache.sequence() : null;
      // A signed-in query may read from a replica that has replayed its organization's writes; the
      // fence is read after the sequence, so an answer stored after an invalidation was read past
      // the fence recorded before it (src/db/replicas.ts). Mutations, and whatever cannot be told
      // to be a query, use the primary.
      const reader =
        replicas && viewer && params.query && kinds.of(params.query, params.operationName) === 'query'
          ? await replicas.readerFor(viewer.organizationId)
          : (replicas?.primaryReader ?? null);
      if (info && reader) info.database = reader.name;
      return createContext({
        db: reader?.db ?? database.db,
        replicas,
        config,
        viewer,
        cache,
        cacheSequence,
        bearerToken: viewer ? bearerToken(request) : null,
        // A stale token does not block sessionCreate; every other field asks to sign in again (401).
        staleToken: sent && !viewer,
        sessions,
        clientAddress: clientAddress(request, server),
        rateLimiter,
      });
    },
    maskedErrors: {
      // Expected errors keep their message and get a code; anything else is logged and masked,
      // so no stack trace, SQL text or connection string reaches a client.
      maskError: (error) => {
        const graphqlError = isGraphQLError(error) ? error : null;
        const original = graphqlError?.originalError;
        if (graphqlError && (!original || isGraphQLError(original))) {
          // The client's own error, coded in place: Yoga logs, as an error, any error this replaces
          // (a variable's coercion error with the client's value: a password).
          graphqlError.extensions.code ??= 'BAD_USER_INPUT' satisfies ErrorCode;
          return graphqlError;
        }
        // PostgreSQL unreachable: coded and retryable. Probed now rather than marked down: one
        // terminated connection (pg_terminate_backend) is not an outage.
        const failure = connectionFailure(original ?? error);
        if (failure) {
          void availability.check();
          return unavailableError(failure, graphqlError?.path);
        }
        // Every pooled connection busy for DB_ACQUIRE_TIMEOUT_MS: a busy pool, not a dead server
        // (availability is not asked), and nothing was sent.
        const busy = poolTimeout(original ?? error);
        if (busy) return poolTimeoutError(busy.timeoutMs, graphqlError?.path);
        // A timeout, lock timeout or deadlock: nothing wrong with the request, the client may retry.
        const retry = RETRYABLE_SQLSTATES.get(driverError(original ?? error).code ?? '');
        if (!retry) logger.error({ err: original ?? error, path: graphqlError?.path }, 'unexpected error');
        // The request's id, as in its X-Request-Id header and on its log lines: what support asks for.
        const requestId = currentRequest()?.id;
        return new GraphQLError(retry ?? 'Internal server error', {
          path: graphqlError?.path,
          extensions: {
            code: (retry ? 'QUERY_TIMEOUT' : 'INTERNAL_SERVER_ERROR') satisfies ErrorCode,
            ...(requestId ? { requestId } : {}),
          },
        });
      },
    },
    plugins,
  });
  return withCacheEdge(
    yoga,
    edge,
    metrics,
    (message) => {
      const { headers, socket } = message as IncomingMessage;
      const forwarded = headers['x-forwarded-for'];
      return addressOf(Array.isArray(forwarded) ? forwarded.join(',') : forwarded, socket?.remoteAddress);
    },
    { slowLog, redisBudgetMs, accessLog: new AccessLog(logger, config.ACCESS_LOG) },
  );
}

type Yoga = YogaServerInstance<Record<string, unknown>, Context>;

/** The API as a node:http listener, with `fetch` for in-process callers; both go through the edge. */
export type App = RequestListener & {
  fetch(
    input: string | URL | Request,
    init?: RequestInit,
    serverContext?: Record<string, unknown>,
  ): Promise<Response>;
  dispose(): Promise<void>;
};

/** The response with its request's id (a response of Yoga's or the edge's has mutable headers). */
function withRequestId(response: Response, id: string): Response {
  try {
    response.headers.set('x-request-id', id);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set('x-request-id', id);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * Yoga behind the response cache's HTTP edge (src/edge.ts): a request the edge answers never
 * reaches Yoga; one it passes on reaches Yoga with the body it read. Every request, whichever way
 * it came and whoever answers it, runs in its request context (src/request-context.ts: its id, its
 * operation, its Redis budget) and is answered with its `X-Request-Id`: the caller's when it is a
 * plain token, else a new one.
 */
function withCacheEdge(
  yoga: Yoga,
  edge: CacheEdge | null,
  metrics: Metrics | undefined,
  addressOf: (message: object) => string,
  {
    slowLog,
    redisBudgetMs,
    accessLog,
  }: { slowLog: SlowLog | undefined; redisBudgetMs: number; accessLog: AccessLog },
): App {
  const observe = (status: number, started: number) => {
    metrics?.edgeAnswers.inc({ status: String(status) });
    metrics?.observeRequest('/graphql', status, (performance.now() - started) / 1000);
  };

  // A body is sent whole, with its length, as Yoga sends it (over node:http, writeHead fixes the
  // headers before the body: without it the answer would be chunked).
  const withLength = ({ headers, body }: EdgeAnswer): Record<string, string> =>
    body === null ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };

  const handle: RequestListener = (req, res) => {
    const view: EdgeRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      header: (name) => {
        const value = req.headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      message: req,
      address: () => addressOf(req),
    };
    if (!edge?.wants(view)) {
      yoga(req, res);
      return;
    }
    const started = performance.now();
    const body = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      // A client gone mid-body: nothing to answer (and no unhandled 'error' event).
      req.on('error', reject);
    });
    // Continued through promises, so in the request's context (its id, its Redis budget) rather than
    // the socket's.
    body.then(
      async (bytes) => {
        const answer = await edge.answer(view, bytes.toString('utf8')).catch(() => null);
        if (!answer) {
          // Read already: Yoga takes the body from here (whatwg-node's "parsed body" path).
          // A stream, not the Buffer: whatwg-node enumerates a parsed body's keys (one per byte).
          (req as IncomingMessage & { body?: Readable }).body = Readable.from([bytes]);
          yoga(req, res);
          return;
        }
        res.writeHead(answer.status, withLength(answer));
        res.end(answer.body ?? undefined);
        observe(answer.status, started);
      },
      () => res.destroy(),
    );
  };

  const listener: RequestListener = (req, res) => {
    const header = req.headers['x-request-id'];
    const request = newRequest(Array.isArray(header) ? null : header, redisBudgetMs);
    // Set before anything answers: writeHead (Yoga's or the edge's) keeps it.
    res.setHeader('x-request-id', request.id);
    if (slowLog?.thresholdMs || accessLog.enabled) {
      const started = performance.now();
      // Once the answer is sent (or the client is gone): the access line and, when slow, its line.
      res.once('close', () => {
        const ms = performance.now() - started;
        slowLog?.request(request, res.statusCode, ms);
        const aborted = !res.writableFinished;
        accessLog.request(request, req.method ?? 'GET', req.url ?? '/', res.statusCode, ms, aborted);
      });
    }
    requestContext.run(request, handle, req, res);
  };

  const fetch: App['fetch'] = (input, init, serverContext = {}) => {
    const request = input instanceof Request && !init ? input : new Request(input, init);
    const info = newRequest(request.headers.get('x-request-id'), redisBudgetMs);
    const started = performance.now();
    return requestContext.run(info, async () => {
      const response = withRequestId(await handleFetch(request, serverContext), info.id);
      const ms = performance.now() - started;
      slowLog?.request(info, response.status, ms);
      accessLog.request(info, request.method, request.url, response.status, ms);
      return response;
    });
  };

  const handleFetch = async (request: Request, serverContext: Record<string, unknown>) => {
    const url = new URL(request.url);
    // Yoga's plugins see a copy of the server context (whatwg-node isolates it) and know a request
    // by its `req`, as over node:http: what the edge learns (counted, viewer, miss) is kept under a
    // `req` of its own, or the request limit would count a request it passes on twice.
    const message = (serverContext.req as object | undefined) ?? {};
    const view: EdgeRequest = {
      method: request.method,
      url: url.pathname + url.search,
      header: (name) => request.headers.get(name),
      message,
      bodyInMemory: true,
      address: () =>
        addressOf({
          headers: Object.fromEntries(request.headers),
          socket: (serverContext.req as IncomingMessage | undefined)?.socket,
        }),
    };
    if (!edge?.wants(view)) return yoga.fetch(request, serverContext);
    const started = performance.now();
    // The bytes, decoded as the listener does: Request.text() would drop a byte order mark, which
    // Yoga's JSON parser refuses (400), so the edge would answer a body Yoga does not, and Yoga would
    // get another body than the client's.
    const body = Buffer.from(await request.arrayBuffer());
    const answer = await edge.answer(view, body.toString('utf8')).catch(() => null);
    if (!answer) {
      return yoga.fetch(
        new Request(request.url, { method: request.method, headers: request.headers, body }),
        serverContext.req ? serverContext : { ...serverContext, req: message },
      );
    }
    observe(answer.status, started);
    return new Response(answer.body, { status: answer.status, headers: withLength(answer) });
  };

  return Object.assign(listener, { fetch, dispose: async () => yoga.dispose() });
}
