/**
 * Finds the PostgreSQL and Redis the suite runs against: DATABASE_URL / REDIS_URL when set, else
 * a server answering on the default local port, else containers started with testcontainers.
 * Each run gets a unique id: test databases are named after it and Redis keys are prefixed with it,
 * and teardown drops exactly those databases and deletes exactly those keys.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    redisUrl: string;
    runId: string;
  }
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_REDIS = 'redis://127.0.0.1:6379';

async function postgresAnswers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function noContainerRuntime(service: string, err: unknown): Error {
  const why = err instanceof Error ? err.message : String(err);
  return new Error(
    `no ${service} for the tests: none answers on its default local port, ${service === 'PostgreSQL' ? 'DATABASE_URL' : 'REDIS_URL'} is not set, and testcontainers could not start one (${why.split('\n')[0]}). Start ${service} locally, set the variable, or install Docker.`,
  );
}

export default async function setup(project: TestProject) {
  const stops: Array<() => Promise<unknown>> = [];
  const runId = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (await postgresAnswers(LOCAL_POSTGRES)) adminUrl = LOCAL_POSTGRES;
    else {
      try {
        const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
        const container = await new PostgreSqlContainer('postgres:15-alpine').start();
        stops.push(() => container.stop());
        adminUrl = container.getConnectionUri();
      } catch (err) {
        throw noContainerRuntime('PostgreSQL', err);
      }
    }
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    if (await redisAnswers(LOCAL_REDIS)) redisUrl = LOCAL_REDIS;
    else {
      try {
        const { RedisContainer } = await import('@testcontainers/redis');
        const container = await new RedisContainer('redis:7-alpine').start();
        stops.push(() => container.stop());
        redisUrl = container.getConnectionUrl();
      } catch (err) {
        throw noContainerRuntime('Redis', err);
      }
    }
  }

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('redisUrl', redisUrl);
  project.provide('runId', runId);

  return async () => {
    // Safety net: test files drop their own databases; this drops any a crashed file left.
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      const leftovers = await sql<{ datname: string }[]>`
        select datname from pg_database where datname like ${`${runId}%`}`;
      for (const { datname } of leftovers)
        await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    } finally {
      await sql.end();
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}:*`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) await redis.del(key);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    for (const stop of stops) await stop();
  };
}
