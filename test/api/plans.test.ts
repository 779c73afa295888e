/**
 * The plan check of `npm run db:explain` (bench/plans.ts, the same shapes and the same code) on a
 * small seeded database with sequential scans disabled: at this scale PostgreSQL may rightly read
 * a small table whole, but with `enable_seqscan = off` a Seq Scan that survives means no index
 * can serve the shape at all. The scale-100 check, with real plans, is `npm run db:explain`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlans, SHAPES, WATCHED_TABLES } from '../../bench/plans.js';
import { seed } from '../../src/db/seed.js';
import { createMigratedDatabase } from '../helpers/db.js';

describe('query plans of the hot shapes', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;

  beforeAll(async () => {
    handle = await createMigratedDatabase('plans');
    const executor = await handle.database.executor();
    try {
      await seed(executor, { scale: 1 });
    } finally {
      await executor.release();
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('every shape has an index for each table it reads (no Seq Scan survives enable_seqscan = off)', async () => {
    const { results } = await checkPlans({ url: handle.testDb.url, seqscan: false });
    expect(results.map((r) => r.shape)).toEqual(SHAPES.map((s) => s.name));
    // Each shape sent statements, and together they read every watched table.
    expect(results.filter((r) => r.statements.length === 0).map((r) => r.shape)).toEqual([]);
    const read = new Set(
      results.flatMap((r) => r.statements.flatMap((s) => (s.custom?.scans ?? []).map((scan) => scan.table))),
    );
    for (const table of WATCHED_TABLES) expect(read).toContain(table);
    // Each statement was explained both ways: as sent and as a generic plan.
    expect(results.flatMap((r) => r.statements).filter((s) => s.params.length && !s.generic)).toEqual([]);
    expect(
      results.filter((r) => r.failures.length).map((r) => `${r.shape}: ${r.failures.join('; ')}`),
    ).toEqual([]);
  });

  it('fails a shape whose table has no usable index', async () => {
    // The organization's audit log count can use the indexes that lead with organization_id;
    // without them, only a Seq Scan is left.
    for (const index of ['org_created', 'org_action_created', 'org_entity_created']) {
      await handle.database.sql!.unsafe(`drop index idx_audit_logs_${index}`);
    }
    const { results } = await checkPlans({
      url: handle.testDb.url,
      seqscan: false,
      shapes: SHAPES.filter((s) => s.name === 'auditLogs + count'),
    });
    expect(results[0]!.failures).toContain('statement 2 (custom plan): Seq Scan on audit_logs');
    expect(results[0]!.failures).toContain('statement 2 (generic plan): Seq Scan on audit_logs');
  });
});
