/**
 * Every environment variable the service reads, parsed and validated in one place.
 * A bad value stops start-up with one line naming the variable (see `formatConfigError`).
 */
import { z } from 'zod';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

const variables = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(4000, 1).refine((p) => p < 65536, 'must be a port number'),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Slow clients (src/http-server.ts): 60 s lets the 8 MB signed-in body through at ~140 KB/s.
  HTTP_HEADERS_TIMEOUT_MS: int(10_000, 100),
  HTTP_REQUEST_TIMEOUT_MS: int(60_000, 100),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(5000, 100),
  /** A socket with nothing read or written for this long is closed (a client not reading its response). */
  HTTP_SOCKET_TIMEOUT_MS: int(120_000, 1000),
  /** Open connections per client socket address (0 = no cap); default 100, or 0 with TRUST_PROXY (below). */
  HTTP_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).optional(),
  /** Open connections in all (0 = no cap). */
  HTTP_MAX_CONNECTIONS: int(10_000),
  /**
   * SIGTERM or SIGINT drains (src/server.ts): /readyz answers 503, in-flight requests finish, the
   * pool and Redis close, exit 0. Past this many seconds the remaining connections are cut and the
   * process exits with 1.
   */
  SHUTDOWN_TIMEOUT_S: int(10, 1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // PostgreSQL. Without DATABASE_URL the service runs on embedded PGlite in DATA_DIR.
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  DATA_DIR: z.string().min(1).default('./.data'),
  /**
   * Streaming standbys of DATABASE_URL that serve signed-in queries (src/db/replicas.ts),
   * comma-separated `postgres://` URLs, each naming one server. Mutations, and every read of an
   * organization until a replica has replayed that organization's last write, go to the primary.
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), {
      message: 'must be comma-separated postgres:// URLs',
    }),
  /** A replica that has not caught up with the primary as of this long ago serves nothing. */
  REPLICA_MAX_LAG_MS: int(10_000, 100),
  /** How often each replica's replay position (and the primary's WAL position) is read. */
  REPLICA_POLL_MS: int(100, 10),
  // Pool defaults are the database guide's (Connection Pooling).
  DB_POOL_MAX: int(20, 1),
  /** Connections kept open at all times (at most DB_POOL_MAX), opened at start (src/db/pool.ts). */
  DB_POOL_MIN: int(5),
  /**
   * A statement waits at most this long for a free connection, then fails with POOL_TIMEOUT. No
   * "no limit": a wait with no bound is the freeze the guide's acquire timeout exists to prevent.
   */
  DB_ACQUIRE_TIMEOUT_MS: int(30_000, 1),
  DB_IDLE_TIMEOUT_S: int(600),
  DB_MAX_LIFETIME_S: int(1800),
  // Short: with PostgreSQL unreachable a request must not wait long (src/db/availability.ts).
  DB_CONNECT_TIMEOUT_S: int(5, 1),
  DB_STATEMENT_TIMEOUT_MS: int(30_000),
  DB_LOCK_TIMEOUT_MS: int(10_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(60_000),
  DB_APPLICATION_NAME: z.string().min(1).max(63).default('reconciliation-api'),
  // Seed the demo set on start when the database is empty (default on for the embedded database).
  SEED_DEMO: z.enum(['true', 'false', 'auto']).default('auto'),

  SESSION_TTL_S: int(12 * 3600, 60),
  /** Requests per minute per client address on /graphql (0 = no limit). */
  RATE_LIMIT_PER_MINUTE: int(600),
  /** Failed sign-ins per 15 minutes per client address, and on an account (src/auth/signin-limits.ts). */
  SIGNIN_ATTEMPTS_PER_15_MIN: int(10, 1),
  /**
   * When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics is open in
   * development and test and answers 404 in production (src/metrics.ts, `endpoint`).
   */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** GraphQL operation names given their own `operation` label in db_query_duration_seconds; later ones: `other`. */
  METRICS_MAX_OPERATIONS: int(50),
  /** A statement or request taking at least this long is logged once as 'slow statement' / 'slow request' (0: off). */
  SLOW_QUERY_MS: int(500),
  /**
   * One JSON line per request, msg 'request' (src/access-log.ts): id, method, path, operation,
   * status, duration, cache hit/miss, signed in, statements; probes and /metrics at debug level.
   */
  ACCESS_LOG: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Sign-ins of any outcome per 15 minutes per client address (src/auth/signin-limits.ts). */
  SIGNIN_PER_ADDRESS_PER_15_MIN: int(30, 1),
  /** Password checks computed at once, and waiting beyond them before sign-ins get 429 (src/auth/password.ts). */
  SIGNIN_HASH_CONCURRENCY: int(2, 1),
  SIGNIN_HASH_QUEUE: int(16),
  /** Take the client address from X-Forwarded-For (only behind a proxy you trust). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * Origins whose pages may call the API from a browser, comma-separated
   * (`https://app.example.com,https://admin.example.com`); empty: no cross-origin access.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s*]+$/.test(o)), {
      message: 'must be a comma-separated list of origins such as https://app.example.com (no path, no *)',
    }),
  /**
   * GraphiQL's page at GET /graphql from a browser (src/graphiql.ts): `true` or `false`; unset, on
   * outside production and off in production (below), where a browser's GET of /graphql then gets
   * the ordinary GraphQL-over-HTTP answer.
   */
  GRAPHIQL: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),

  // Redis: optional, a cache only.
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  /**
   * REDIS_URL is one node of a Redis Cluster (any node: the others are discovered). The response
   * cache and sessions then share one hash tag, `{<REDIS_KEY_PREFIX>rc}`; rate-limit counters spread.
   */
  REDIS_CLUSTER: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  REDIS_KEY_PREFIX: z.string().default('recon:'),
  REDIS_COMMAND_TIMEOUT_MS: int(250, 10),
  /** A Redis call slower than this skips Redis for everyone until it answers quickly (0: 60% of the timeout). */
  REDIS_SLOW_MS: int(0),
  // Response cache: Redis when REDIS_URL is set, else in memory (bounded).
  CACHE_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  CACHE_DEFAULT_TTL_S: int(60),
  /** JSON object of per-type or per-field TTLs in seconds, merged over the defaults: {"Project":600}. */
  CACHE_TTLS: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      try {
        const parsed = JSON.parse(v) as unknown;
        if (
          parsed &&
          typeof parsed === 'object' &&
          !Array.isArray(parsed) &&
          Object.values(parsed).every((n) => Number.isInteger(n) && (n as number) >= 0)
        ) {
          return parsed as Record<string, number>;
        }
      } catch {
        // reported below
      }
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON object of whole seconds, e.g. {"Project":600}',
      });
      return z.NEVER;
    }),
  CACHE_MAX_ENTRIES: int(5000, 1),
});

// Behind a proxy every connection comes from the proxy's address: a per-address cap would cap the
// proxy, so it is off there unless set.
const schema = variables
  .refine((c) => c.DATABASE_REPLICA_URLS.length === 0 || c.DATABASE_URL !== undefined, {
    message: 'needs DATABASE_URL (replicas are standbys of a PostgreSQL primary, not of PGlite)',
    path: ['DATABASE_REPLICA_URLS'],
  })
  .transform((c) => ({
    ...c,
    HTTP_CONNECTIONS_PER_ADDRESS: c.HTTP_CONNECTIONS_PER_ADDRESS ?? (c.TRUST_PROXY ? 0 : 100),
    // A development tool: a production server serves no page unless GRAPHIQL=true (as /metrics is
    // closed there without METRICS_TOKEN).
    GRAPHIQL: c.GRAPHIQL ?? c.NODE_ENV !== 'production',
  }));

export type Config = z.infer<typeof schema>;

/** The name of every variable read here; the README's Configuration table lists each (a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(variables.shape);

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`invalid environment variable ${variable}: ${reason}`);
  }
}

/** Parses the given environment (default: process.env); throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  const got = env[variable];
  // URLs may carry credentials: never echo them.
  const shown = got === undefined || /_URLS?$/.test(variable) ? '' : ` (got "${got}")`;
  throw new ConfigError(variable, `${issue.message}${shown}`);
}

/** Loads the config or exits the process with one clear line: never a stack trace. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`config error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
