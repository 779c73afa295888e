/**
 * What counts as evidence that the primary answers (src/db/sql.ts `lastDatabaseAnswer`, read by the
 * reachability probe, src/db/availability.ts: a probe that times out while statements keep coming
 * back met a busy server, not a gone one). A read replica's answers are not: with replicas serving
 * signed-in reads, a frozen primary would otherwise be excused for as long as they serve.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres, type Database } from '../../src/db/client.js';
import { lastDatabaseAnswer, notThePrimary, query } from '../../src/db/sql.js';
import { createTestDatabase, poolConfig, type TestDatabase } from '../helpers/db.js';

describe('evidence that the primary answers', () => {
  let testDb: TestDatabase;
  let primary: Database;
  let replica: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('primaryanswers');
    primary = connectPostgres(testDb.url, poolConfig);
    // Another handle on the same server standing for a replica: only its registration differs.
    replica = connectPostgres(testDb.url, poolConfig);
    notThePrimary(replica.db);
  });
  afterAll(async () => {
    await primary?.close();
    await replica?.close();
    await testDb?.drop();
  });

  it("counts the primary's answers, never a replica's", async () => {
    const before = performance.now();
    await query(replica.db, sql`select 1 as one`);
    expect(lastDatabaseAnswer()).toBeLessThan(before);
    await query(primary.db, sql`select 1 as one`);
    expect(lastDatabaseAnswer()).toBeGreaterThanOrEqual(before);
  });
});
