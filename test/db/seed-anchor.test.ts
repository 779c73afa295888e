/**
 * Review of the seed's future-anchor check (src/db/seed.ts): an anchor written without an offset
 * is a time in the database session's zone (UTC) when the rows are dated, so the check must read
 * it the same way, whatever the zone of the host running the seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/db/executor.js';
import { seed } from '../../src/db/seed.js';
import { createMigratedDatabase } from '../helpers/db.js';

describe('seed anchor on a host east of UTC', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let db: SqlExecutor;
  const zone = process.env.TZ;

  beforeAll(async () => {
    handle = await createMigratedDatabase('reviewseedtz');
    db = await handle.database.executor();
  });
  afterAll(async () => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    await db?.release();
    await handle?.close();
  });

  it('refuses an offset-less anchor ten hours ahead in UTC', async () => {
    // UTC+14: the host reads the anchor as 14 hours earlier than PostgreSQL dates the rows.
    process.env.TZ = 'Pacific/Kiritimati';
    const anchor = new Date(Date.now() + 10 * 3600_000).toISOString().slice(0, 19);
    await expect(seed(db, { scale: 1, anchor })).rejects.toThrow(/future/);
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from reconciliations');
    expect(row!.n).toBe(0);
  });
});
