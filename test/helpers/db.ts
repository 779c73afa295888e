/** Test databases: each created fresh under the run's id and dropped by its owner. */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectPostgres, type Database, type PoolConfig, type PoolHooks } from '../../src/db/client.js';
import { MigrationRunner } from '../../src/db/migrate.js';
import { TcpProxy } from './net.js';

export const poolConfig: PoolConfig = loadConfig({ DB_POOL_MAX: '5', DB_APPLICATION_NAME: 'recon-test' });

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database named after the run; `drop()` removes it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const admin = inject('adminDatabaseUrl');
  const name = `${inject('runId')}_${label}_${randomBytes(3).toString('hex')}`.toLowerCase().slice(0, 63);
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
  return {
    name,
    url: withDatabase(admin, name),
    async drop() {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await s.end();
      }
    },
  };
}

/** A fresh, migrated database with a pool over it. */
export async function createMigratedDatabase(
  label: string,
  hooks: PoolHooks = {},
  pool: Partial<PoolConfig> = {},
): Promise<{ database: Database; testDb: TestDatabase; close(): Promise<void> }> {
  const testDb = await createTestDatabase(label);
  const database = connectPostgres(testDb.url, { ...poolConfig, ...pool }, hooks);
  const executor = await database.executor();
  try {
    await new MigrationRunner(executor).migrate();
  } finally {
    await executor.release();
  }
  return {
    database,
    testDb,
    async close() {
      await database.close();
      await testDb.drop();
    },
  };
}

/**
 * Runs `work` while another connection holds what `lock` takes, released after `work`: no sleeps,
 * so a loaded machine cannot make the lock arrive late.
 */
export async function whileLocked<T>(
  url: string,
  lock: (tx: postgres.TransactionSql) => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const blocker = postgres(url, { max: 1, onnotice: () => {} });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holding = blocker.begin(async (tx) => {
    await lock(tx);
    held();
    await released;
  });
  try {
    await Promise.race([isHeld, holding]);
    return await work();
  } finally {
    release();
    await holding;
    await blocker.end();
  }
}

/**
 * A migrated database of the test's own, reached through a TCP proxy the test can freeze: the
 * returned pool connects through the proxy, `handle.database` directly (for set-up).
 */
export async function createProxiedDatabase(label: string, pool: Partial<PoolConfig> = {}) {
  const handle = await createMigratedDatabase(label);
  const url = new URL(handle.testDb.url);
  const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${await proxy.listen()}`;
  const database = connectPostgres(url.toString(), { ...poolConfig, ...pool });
  return { handle, proxy, database };
}
