/** Start-up only: config -> database (migrate, demo seed) -> app -> listen; SIGTERM drains. */
import { pino } from 'pino';
import { createApp } from './app.js';
import { createCaches } from './cache/index.js';
import { RateLimiter } from './cache/rate-limit.js';
import { loadConfigOrExit } from './config.js';
import { openDatabase } from './db/client.js';
import { MigrationRunner } from './db/migrate.js';
import { DEMO_PASSWORD, demoLogins, isEmpty, seed } from './db/seed.js';
import { createHttpServer } from './http-server.js';
import { serializeError } from './log.js';
import { Metrics } from './metrics.js';
import { SlowLog, statementObserver } from './slow-log.js';

const config = loadConfigOrExit();
// Error logs keep the error and drop the data it carried (src/log.ts), from start-up on.
const logger = pino({ level: config.LOG_LEVEL, serializers: { err: serializeError } });

const metrics = new Metrics(config.DB_APPLICATION_NAME, { maxOperations: config.METRICS_MAX_OPERATIONS });
// Every statement the pool sends is timed for /metrics and, when slow, logged with its request.
const slowLog = new SlowLog(logger, config.SLOW_QUERY_MS);
const database = await openDatabase(config, {
  onQuery: metrics.onQuery,
  onAcquire: metrics.onAcquire,
  onStatement: statementObserver(metrics, slowLog),
});
metrics.watchDatabase(database);
const executor = await database.executor();
try {
  await new MigrationRunner(executor, { log: (line) => logger.info(line) }).migrate();
  const seedDemo = config.SEED_DEMO === 'true' || (config.SEED_DEMO === 'auto' && database.kind === 'pglite');
  if (seedDemo && (await isEmpty(executor))) {
    logger.info('empty database: seeding the demo set');
    await seed(executor, { scale: 1, log: (line) => logger.info(line) });
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
  const where = `${database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}, cache ${
    !caches.cache ? 'off' : caches.redis ? 'in Redis' : 'in memory'
  }`;
  const login = demoLogins[0]!;
  process.stdout.write(
    `\nReconciliation API on ${where}\n  GraphiQL: http://localhost:${config.PORT}/graphql\n  demo login: ${login.email} / ${DEMO_PASSWORD} (more in the README)\n\n`,
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: draining in-flight requests`);
  // Stop accepting; close idle keep-alive sockets; in-flight requests finish, then the pool closes.
  server.close(async () => {
    await app.dispose();
    await caches.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.warn('drain timed out after 10 s: closing connections');
    server.closeAllConnections();
  }, 10_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
