/** Start-up only: config -> database (migrate, demo seed) -> app -> listen; SIGTERM drains. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApp } from './app.js';
import { createCaches } from './cache/index.js';
import { RateLimiter } from './cache/rate-limit.js';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './db/client.js';
import { MigrationRunner } from './db/migrate.js';
import { ReplicaSet } from './db/replicas.js';
import { DEMO_PASSWORD, demoLogins, isEmpty, seed } from './db/seed.js';
import { createHttpServer } from './http-server.js';
import { createLogger } from './log.js';
import { Metrics } from './metrics.js';
import { SlowLog, statementObserver } from './slow-log.js';

const config = loadConfigOrExit();
// JSON lines on stdout from start-up on: error logs keep the error and drop the data it carried,
// and a line written while a request is served carries its id (src/log.ts).
const logger = createLogger(config.LOG_LEVEL);

const metrics = new Metrics(config.DB_APPLICATION_NAME, { maxOperations: config.METRICS_MAX_OPERATIONS });
// Every statement the pool sends is timed for /metrics and, when slow, logged with its request.
const slowLog = new SlowLog(logger, config.SLOW_QUERY_MS);
const hooks = {
  onQuery: metrics.onQuery,
  onAcquire: metrics.onAcquire,
  onStatement: statementObserver(metrics, slowLog),
};
const database = await openDatabase(config, hooks);
metrics.watchDatabase(database);
// The demo set (and its logins, named in the listening line) only where it is asked for: never on a
// production database unless SEED_DEMO=true.
const seedDemo = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && database.kind === 'pglite');
const executor = await database.executor();
try {
  // A first start migrates and seeds for a while (tens of seconds): each step says so as it begins.
  const runner = new MigrationRunner(executor, { log: (line) => logger.info(line) });
  const pending = (await runner.info()).filter((m) => m.state === 'pending').map((m) => m.file);
  if (pending.length) logger.info({ pending }, 'migrating');
  const started = performance.now();
  const ran = await runner.migrate();
  const applied = (await runner.info()).filter((m) => ran.includes(m.version)).map((m) => m.file);
  logger.info(
    { applied, ms: Math.round(performance.now() - started) },
    applied.length ? `migrated: ${applied.length} applied` : 'migrated: none pending',
  );
  if (seedDemo && (await isEmpty(executor))) {
    logger.info('seeding the demo set into the empty database');
    const seeding = performance.now();
    const counts = await seed(executor, { scale: 1, log: (line) => logger.info(line) });
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
    logger.info(
      { rows, counts, ms: Math.round(performance.now() - seeding) },
      `seeded the demo set: ${rows} rows`,
    );
  }
} finally {
  await executor.release();
}
// The guide's minimum: DB_POOL_MIN connections open before the first request, kept open from now on.
// A shortfall (PostgreSQL out of connections, or gone since the migrations) does not stop start-up:
// the pool keeps trying every 2 s and db_pool_size shows it (as HikariCP fills its minimum).
await database.pool?.fill().catch((err: unknown) => {
  logger.warn({ err, pool: database.pool?.stats() }, 'could not open DB_POOL_MIN connections: retrying');
});

const caches = await createCaches(config, logger, metrics.onCacheLookup);
// Streaming standbys for signed-in queries, behind the write fences (src/db/replicas.ts).
const replicas =
  config.DATABASE_URL && config.DATABASE_REPLICA_URLS.length > 0
    ? new ReplicaSet(
        database,
        config.DATABASE_URL,
        config.DATABASE_REPLICA_URLS,
        config,
        hooks,
        caches.fences,
        {
          maxLagMs: config.REPLICA_MAX_LAG_MS,
          pollMs: config.REPLICA_POLL_MS,
          logger,
        },
      )
    : null;
await replicas?.start();
if (replicas) metrics.watchReplicas(replicas);
const app = createApp({
  database,
  config,
  logger,
  cache: caches.cache,
  sessions: caches.sessions,
  metrics,
  rateLimiter: new RateLimiter(caches.redis, config.REDIS_KEY_PREFIX, caches.breaker),
  redisHealth: caches.breaker,
  slowLog,
  draining: () => draining,
  replicas,
  // Each request's Redis calls together wait one command timeout at most.
  redisBudgetMs: config.REDIS_COMMAND_TIMEOUT_MS,
});
const server = createHttpServer(app, {
  headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
  requestTimeoutMs: Math.max(config.HTTP_REQUEST_TIMEOUT_MS, config.HTTP_HEADERS_TIMEOUT_MS),
  keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  socketTimeoutMs: config.HTTP_SOCKET_TIMEOUT_MS,
  connectionsPerAddress: config.HTTP_CONNECTIONS_PER_ADDRESS,
  maxConnections: config.HTTP_MAX_CONNECTIONS,
});
server.on('error', async (err: NodeJS.ErrnoException) => {
  process.stderr.write(
    err.code === 'EADDRINUSE'
      ? `cannot listen: port ${config.PORT} is in use (set PORT to another)\n`
      : `cannot listen: ${err.message}\n`,
  );
  await database.close();
  process.exit(1);
});
server.listen(config.PORT, config.HOST, () => {
  // One JSON line like every other (no plain-text banner in the stream): the URL to open GraphiQL
  // at, what it runs on, and a demo login (the seed's public one: README, "Demo logins").
  const { port } = server.address() as { port: number };
  const wildcard = config.HOST === '0.0.0.0' || config.HOST === '::';
  const host = wildcard ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${port}/graphql`;
  const login = demoLogins[0]!;
  logger.info(
    {
      url,
      database: database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL',
      ...(replicas ? { replicas: replicas.status() } : {}),
      cache: !caches.cache ? 'off' : caches.redis ? 'Redis' : 'memory',
      ...(seedDemo
        ? { demoLogin: { email: login.email, password: DEMO_PASSWORD, more: 'README, Demo logins' } }
        : {}),
    },
    `listening at ${url}`,
  );
});

// Shutdown (SIGTERM, or SIGINT: Ctrl-C) drains within SHUTDOWN_TIMEOUT_S:
// 1. /readyz answers 503 `draining`, and every answer from now on closes its connection
//    (`Connection: close`), so load balancers and keep-alive clients move to another instance;
// 2. the server keeps listening while requests are in flight (a late request is still served, a
//    probe sees 503), and stops as soon as none is, or at half SHUTDOWN_TIMEOUT_S at the latest;
// 3. once the last connection closed: Yoga, Redis and the pool close, exit 0.
// Past SHUTDOWN_TIMEOUT_S the remaining connections are cut and the process exits with 1.
// `npm start` execs node (package.json), so the signal sent to npm reaches this process.
let draining = false;
/** Requests being answered, the probes aside (they must not keep a draining server listening). */
const inFlight = new Set<ServerResponse>();
server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
  if (draining) res.shouldKeepAlive = false;
  const path = req.url?.split('?', 1)[0];
  if (path === '/readyz' || path === '/healthz') return;
  inFlight.add(res);
  res.once('close', () => {
    inFlight.delete(res);
    if (draining && inFlight.size === 0) stopListening();
  });
});

let listening = true;
let onClosed = () => {};
/** Settles once the server stopped listening and its last connection closed. */
const closed = new Promise<void>((resolve) => {
  onClosed = resolve;
});
function stopListening() {
  if (!listening) return;
  listening = false;
  // Idle keep-alive connections close now, the others after their answer (Connection: close).
  server.close(() => onClosed());
  server.closeIdleConnections();
}

async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  const started = performance.now();
  const timeoutMs = config.SHUTDOWN_TIMEOUT_S * 1000;
  logger.info(
    { signal, inFlight: inFlight.size, timeoutS: config.SHUTDOWN_TIMEOUT_S },
    `${signal}: draining (/readyz answers 503; in-flight requests finish)`,
  );
  setTimeout(() => {
    logger.error(
      { inFlight: inFlight.size, timeoutS: config.SHUTDOWN_TIMEOUT_S },
      `drain timed out after ${config.SHUTDOWN_TIMEOUT_S} s: cutting connections, exit 1`,
    );
    server.closeAllConnections();
    process.exit(1);
  }, timeoutMs);
  // Answers not begun yet close their connection too.
  for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
  if (inFlight.size === 0) stopListening();
  else setTimeout(stopListening, timeoutMs / 2).unref();
  await closed;
  try {
    await app.dispose();
    await replicas?.close();
    await caches.close();
    await database.close();
  } catch (err) {
    logger.error({ err }, 'shutdown: closing failed, exit 1');
    process.exit(1);
  }
  logger.info({ ms: Math.round(performance.now() - started) }, 'drained: stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
