/** Every exit path of the pool's gate gives its permit back (src/db/pool.ts). */
import { sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase } from '../helpers/db.js';

let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
beforeAll(async () => {
  handle = await createMigratedDatabase('reviewpermits', {}, { DB_POOL_MAX: 1, DB_ACQUIRE_TIMEOUT_MS: 2000 });
});
afterAll(async () => {
  await handle?.close();
});

describe('permits', () => {
  it('are back after throws, rollbacks, savepoints, failures and statements never awaited', async () => {
    const { db, pool, sql } = handle.database;
    const stats = () => pool!.stats();
    // a statement created and dropped: no permit taken
    void sql!.unsafe('select 1');
    void sql!`select 1`;
    db.execute(dsql`select 1`);
    expect(stats().active).toBe(0);
    // a transaction callback that throws
    await expect(
      db.transaction(async () => {
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(stats().active).toBe(0);
    // a transaction callback that throws synchronously
    await expect(
      sql!.begin((() => {
        throw new Error('sync');
      }) as never),
    ).rejects.toThrow('sync');
    expect(stats().active).toBe(0);
    // tx.rollback()
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(dsql`select 1`);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(stats().active).toBe(0);
    // a savepoint that fails, caught, then the transaction commits
    await db.transaction(async (tx) => {
      await tx
        .transaction(async (t2) => {
          await t2.execute(dsql`select 1/0`);
        })
        .catch(() => {});
      await tx.execute(dsql`select 1`);
    });
    expect(stats().active).toBe(0);
    // a failing statement
    await expect(db.execute(dsql`select 1/0`)).rejects.toThrow();
    expect(stats().active).toBe(0);
    // a statement inside a transaction on the outer pool: waits, times out, nothing frozen
    const started = performance.now();
    await expect(
      db.transaction(async () => {
        await db.execute(dsql`select 1`);
      }),
    ).rejects.toThrow();
    console.log('self-wait ended after', Math.round(performance.now() - started), 'ms');
    expect(stats().active).toBe(0);
    // a reservation released
    const ex = await handle.database.executor();
    expect(stats().active).toBe(1);
    await ex.release();
    expect(stats().active).toBe(0);
    expect((await db.execute(dsql`select 1 as n`)) as unknown).toBeTruthy();
    expect(stats()).toMatchObject({ active: 0, waiting: 0 });
  });
});
