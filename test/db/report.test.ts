import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../../src/db/report.js';
import { createMigratedDatabase } from '../helpers/db.js';

describe('db:report', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  beforeAll(async () => {
    handle = await createMigratedDatabase('report');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("prints the guide's monitoring queries for this database", async () => {
    const executor = await handle.database.executor();
    try {
      const text = await report(executor);
      for (const section of [
        'Index usage',
        'Unused indexes',
        'Tables:',
        'Buffer cache hit ratio',
        'Slowest statements',
      ]) {
        expect(text).toContain(section);
      }
      expect(text).toContain('idx_reconciliations_covering');
      expect(text).toMatch(/reconciliation_items\s+\d+/);
    } finally {
      await executor.release();
    }
  });
});
