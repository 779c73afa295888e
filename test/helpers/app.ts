/**
 * The API in process over a fresh, migrated database, with every statement the real driver
 * sends counted (postgres.js' debug hook), and requests made through `app.fetch`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { inject } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { MissCoalescer } from '../../src/cache/coalesce.js';
import { type Caches, createCaches } from '../../src/cache/index.js';
import { RateLimiter } from '../../src/cache/rate-limit.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database, PoolConfig } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import { SlowLog, statementObserver } from '../../src/slow-log.js';
import { graphql } from '../gql/index.js';
import { createMigratedDatabase } from './db.js';

const SIGN_IN = graphql(`
  mutation TestAppSignIn($email: String!, $password: String!) {
    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } }
  }
`);

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  extensions?: { responseCache?: { hit: boolean; didCache?: boolean; ttl?: number } } & Record<
    string,
    unknown
  >;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** Every statement sent since the last reset. */
  statements: string[];
  request<T, V>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    options?: { token?: string | null; method?: 'GET' | 'POST'; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Runs a request and returns it with the statements it sent. */
  counted<T, V>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    token?: string | null,
  ): Promise<GraphQLResponse<T> & { statementCount: number; sql: string[] }>;
  signIn(email: string, password?: string): Promise<string>;
  caches: Caches;
  /** The app's response-cache miss coalescing (src/cache/coalesce.ts). */
  coalescer: MissCoalescer;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The response cache: none (default), in memory, or in the test run's Redis under its own prefix. */
  cache?: 'none' | 'memory' | 'redis';
  /** Another instance's database to share (a second server over the same data). */
  shareDatabaseWith?: TestApp;
  /** A Redis URL other than the suite's (the outage test runs its own redis-server). */
  redisUrl?: string;
  /** The key prefix; by default one of its own under the run's id. */
  redisPrefix?: string;
  /** Collects the app's log lines (messages) instead of discarding them. */
  logLines?: string[];
  /** Collects each log line whole (its JSON text, every field), for tests that search all of it. */
  rawLogLines?: string[];
  /** Serve /metrics from this registry (its statement counter hooked to the driver). */
  metrics?: Metrics;
  /**
   * With the response cache off, sessions still cached in the run's Redis (as a production server
   * with REDIS_URL does): a request costs no statement for its session.
   */
  sessionsInRedis?: boolean;
  /** The pool's size (default 5): 1 keeps every statement on one connection, to inspect it. */
  poolMax?: number;
  /** Other pool settings (DB_POOL_MIN, DB_ACQUIRE_TIMEOUT_MS, ...). */
  pool?: Partial<PoolConfig>;
  /** Keep the request and sign-in limits in Redis (as src/server.ts does) rather than in memory. */
  rateLimitsInRedis?: boolean;
}

export async function createTestApp(
  label: string,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const statements: string[] = [];
  // The pool exists before the logger and config: its statement hook is bound once they do (as in
  // src/server.ts: the histogram and the slow-query log).
  let observeStatement: ((text: string, ms: number, failed: boolean) => void) | null = null;
  const handle = options.shareDatabaseWith
    ? { database: options.shareDatabaseWith.database, close: async () => {} }
    : await createMigratedDatabase(
        label,
        {
          onQuery: (q) => {
            statements.push(q);
            options.metrics?.onQuery(q);
          },
          onAcquire: (ms, ok) => options.metrics?.onAcquire(ms, ok),
          onStatement: (text, ms, failed) => observeStatement?.(text, ms, failed),
        },
        { ...(options.poolMax ? { DB_POOL_MAX: options.poolMax } : {}), ...options.pool },
      );
  if (options.metrics) options.metrics.watchDatabase(handle.database);
  const mode = options.cache ?? 'none';
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // The suite sends thousands of requests and sign-ins from one address; rate-limit.test.ts
    // turns the limits on.
    RATE_LIMIT_PER_MINUTE: '0',
    SIGNIN_ATTEMPTS_PER_15_MIN: '1000000',
    SIGNIN_PER_ADDRESS_PER_15_MIN: '1000000',
    SIGNIN_HASH_QUEUE: '1000',
    // A loaded machine makes any statement slow now and then: tests that read the log set it.
    SLOW_QUERY_MS: '0',
    // One line per request would crowd the tests that count log lines: tests of the access log set it.
    ACCESS_LOG: 'false',
    CACHE_ENABLED: mode === 'none' ? 'false' : 'true',
    ...(mode === 'redis' || options.sessionsInRedis
      ? {
          REDIS_URL: options.redisUrl ?? inject('redisUrl'),
          REDIS_KEY_PREFIX: options.redisPrefix ?? `${inject('runId')}:${label}:`,
        }
      : {}),
    ...env,
  });
  const lines = options.logLines;
  const raw = options.rawLogLines;
  // As src/server.ts builds it: every line of a request carries its id (src/log.ts).
  const logger =
    lines || raw
      ? createLogger('info', {
          write: (line: string) => {
            lines?.push(String(JSON.parse(line).msg));
            raw?.push(line);
          },
        })
      : createLogger('silent');
  const slowLog = new SlowLog(logger, config.SLOW_QUERY_MS);
  observeStatement = statementObserver(options.metrics, slowLog);
  const caches = await createCaches(config, logger, options.metrics?.onCacheLookup);
  const coalescer = new MissCoalescer();
  const app = createApp({
    database: handle.database,
    config,
    logger,
    cache: caches.cache,
    sessions: caches.sessions,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.rateLimitsInRedis
      ? { rateLimiter: new RateLimiter(caches.redis, config.REDIS_KEY_PREFIX, caches.breaker) }
      : {}),
    redisHealth: caches.breaker,
    slowLog,
    coalescer,
  });

  const request: TestApp['request'] = async (document, variables, options = {}) => {
    const query = typeof document === 'string' ? document : print(document);
    const headers: Record<string, string> = {
      accept: 'application/graphql-response+json, application/json',
      ...options.headers,
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    if (options.method === 'GET') {
      const params = new URLSearchParams({ query });
      if (variables) params.set('variables', JSON.stringify(variables));
      response = await app.fetch(`http://test/graphql?${params}`, { headers });
    } else {
      headers['content-type'] = 'application/json';
      response = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
    }
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as Omit<GraphQLResponse<never>, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<never>;
  };

  return {
    app,
    coalescer,
    database: handle.database,
    config,
    statements,
    request,
    async counted(document, variables, token) {
      statements.length = 0;
      const result = await request(document, variables, { token: token ?? null });
      const sql = [...statements];
      return { ...result, statementCount: sql.length, sql };
    },
    async signIn(email, password = 'test-password') {
      const result = await request(SIGN_IN, { email, password });
      const token = result.data?.sessionCreate.token;
      if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(result)}`);
      return token;
    },
    caches,
    async close() {
      await app.dispose();
      await caches.close();
      await handle.close();
    },
  };
}
