/**
 * The invalidation matrix (test/helpers/invalidation-matrix.ts) on one Redis: every mutation of the
 * contract against the reads it can change, each read cached first (a hit), then fresh after the
 * mutation (equal to an uncached instance's answer, and changed where the mutation changes it).
 * The same matrix runs on a Redis Cluster (test/cache/redis-cluster.test.ts) and through nginx in
 * front of three server processes (test/api/many-instances.test.ts).
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { invalidationMatrixTests, type MatrixSetup } from '../helpers/invalidation-matrix.js';

describe('invalidation matrix', () => {
  let t: TestApp;
  let oracle: TestApp;
  let setup: MatrixSetup;

  beforeAll(async () => {
    t = await createTestApp('matrix', {}, { cache: 'redis', redisPrefix: `${inject('runId')}:matrix:` });
    oracle = await createTestApp('matrix-o', {}, { cache: 'none', shareDatabaseWith: t });
    setup = { db: t.database.db, target: t, oracle, label: 'one-redis' };
  });
  afterAll(async () => {
    await oracle?.close();
    await t?.close();
  });

  invalidationMatrixTests(() => setup);
});
