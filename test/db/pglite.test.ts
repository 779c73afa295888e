import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSnapshot } from '../../src/db/catalog.js';
import { type Database, openPglite } from '../../src/db/client.js';
import type { SqlExecutor } from '../../src/db/executor.js';
import { MigrationRunner, readMigrations } from '../../src/db/migrate.js';
import { reconciliations } from '../../src/db/schema.js';
import { seed } from '../../src/db/seed.js';

// One in-memory PGlite for the file: it takes seconds to start.
describe('migrations and seed on embedded PGlite', () => {
  let database: Database;
  let executor: SqlExecutor;

  beforeAll(async () => {
    database = await openPglite(null);
    executor = await database.executor();
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies, undoes and re-applies every migration to the same catalog', async () => {
    const runner = new MigrationRunner(executor);
    const versions = (await readMigrations()).map((m) => m.version);
    expect(await runner.migrate()).toEqual(versions);
    const up = await catalogSnapshot(executor);
    expect(up.indexes.length).toBeGreaterThan(30);
    expect(up.indexes.every((i) => i.valid)).toBe(true);
    expect(up.indexes.find((i) => i.name === 'idx_reconciliations_covering')).toMatchObject({
      keys: ['status', 'created_at'],
      include: ['reference', 'amount'],
    });
    expect(up.indexes.find((i) => i.name === 'idx_audit_logs_created_brin')?.method).toBe('brin');

    await runner.undo(-1);
    expect((await catalogSnapshot(executor)).tables).toEqual(['schema_migrations']);
    await runner.migrate();
    expect(await catalogSnapshot(executor)).toEqual(up);
  });

  it('seeds the demo set and reads it back through drizzle with exact money', async () => {
    const counts = await seed(executor, { scale: 1, anchor: '2026-11-28' });
    expect(counts.reconciliations).toBe(2000);
    const [row] = await database.db
      .select({ total: sql<string>`sum(${reconciliations.amount})::text`, n: sql<number>`count(*)::int` })
      .from(reconciliations);
    expect(row?.n).toBe(2000);
    expect(typeof row?.total).toBe('string');
    expect(row?.total).toMatch(/^\d+\.\d+$/);
    // The status counter (drizzle/0003_status_counts.sql) is kept by triggers here too.
    const drift = await executor.query<{ n: number }>(
      `select count(*)::int as n from (
         (select project_id, status, count(*)::int from reconciliations group by 1, 2
          except select project_id, status, count from reconciliation_status_counts where count > 0)
         union all
         (select project_id, status, count from reconciliation_status_counts where count > 0
          except select project_id, status, count(*)::int from reconciliations group by 1, 2)) d`,
    );
    expect(drift[0]?.n).toBe(0);
  });
});
