/**
 * `npm run bench`: the seed guide's dashboard query (the 100 newest pending reconciliations of the
 * last 7 days with their project names), timed in process through the whole HTTP stack, as a
 * response-cache miss and as a hit, on a seeded database.
 *
 * Uses BENCH_DATABASE_URL if set (a database already seeded with `npm run db:seed`), else creates
 * `recon_bench` on the local server and seeds it at BENCH_SCALE (default 100). Redis: REDIS_URL,
 * else the local server. Keys go under a prefix of their own, removed at the end.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import postgres from 'postgres';
import { createApp } from '../src/app.js';
import { createCaches } from '../src/cache/index.js';
import { loadConfig } from '../src/config.js';
import { connectPostgres } from '../src/db/client.js';
import { MigrationRunner } from '../src/db/migrate.js';
import { DEMO_PASSWORD, isEmpty, seed } from '../src/db/seed.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const scale = Number(process.env.BENCH_SCALE ?? 100);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench:${process.pid}:`;

let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = 'recon_bench'`;
  if (!exists) await admin.unsafe('create database recon_bench');
  await admin.end();
  url = 'postgres://postgres@127.0.0.1:5432/recon_bench';
}
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: prefix,
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  // One client sends every request: the per-address limit would measure itself.
  RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '0',
});
const database = connectPostgres(url, config);
const exec = await database.executor();
await new MigrationRunner(exec).migrate();
if (await isEmpty(exec)) {
  process.stdout.write(`seeding scale ${scale}...\n`);
  await seed(exec, { scale, log: (l) => process.stdout.write(`${l}\n`) });
}
await exec.release();

const logger = pino({ level: 'silent' });
const caches = await createCaches(config, logger);
const cached = createApp({ database, config, logger, cache: caches.cache, sessions: caches.sessions });
const uncached = createApp({ database, config: { ...config, CACHE_ENABLED: false }, logger });

const query = `query Dashboard($since: DateTime!) {
  reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {
    edges { node { reference amount currency createdAt project { name } } }
  }
}`;
const post = (app: typeof cached, body: unknown, token?: string) =>
  app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const signIn = await post(uncached, {
  query: `mutation { sessionCreate(input: { email: "admin@acme.test", password: "${DEMO_PASSWORD}" }) { token } }`,
});
const token = ((await signIn.json()) as { data: { sessionCreate: { token: string } } }).data.sessionCreate
  .token;
const since = new Date(Date.now() - 7 * 86_400_000).toISOString();

async function time(app: typeof cached, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const res = await post(app, { query, variables: { since } }, token);
    const body = (await res.json()) as { data?: { reconciliations: { edges: unknown[] } }; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    out.push(performance.now() - started);
  }
  return out.sort((a, b) => a - b);
}
const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(2);

await time(uncached, 20); // warm PostgreSQL's buffers and the prepared statements
const miss = await time(uncached, ROUNDS);
await post(cached, { query, variables: { since } }, token); // store it
const hit = await time(cached, ROUNDS);
const rows = (
  (await (await post(uncached, { query, variables: { since } }, token)).json()) as {
    data: { reconciliations: { edges: unknown[] } };
  }
).data.reconciliations.edges.length;

process.stdout.write(
  [
    `dashboard query, ${rows} rows, ${ROUNDS} rounds each, in process (ms):`,
    `  miss (PostgreSQL): p50 ${pct(miss, 50)}  p95 ${pct(miss, 95)}  p99 ${pct(miss, 99)}`,
    `  hit  (Redis):      p50 ${pct(hit, 50)}  p95 ${pct(hit, 95)}  p99 ${pct(hit, 99)}`,
    `  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
    '',
  ].join('\n'),
);

const redis = new Redis(redisUrl);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
  cursor = next;
  for (const key of keys) await redis.del(key);
} while (cursor !== '0');
redis.disconnect();
await caches.close();
await database.close();
