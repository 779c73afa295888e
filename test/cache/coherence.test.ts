/**
 * Coherence under the seeded workload (test/helpers/coherence-workload.ts) on one Redis: two server
 * instances in process share it and one database; every read must equal the same read on an
 * uncached instance at that moment (zero stale reads), and after every scripted mutation its
 * payload, a read through each instance and the oracle, the database and the audit rows agree.
 * The same workload runs on a Redis Cluster (test/cache/redis-cluster.test.ts) and through nginx
 * in front of three server processes (test/api/many-instances.test.ts).
 */

import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type CoherenceSetup,
  type Org,
  runRandomWorkload,
  runScriptedWorkload,
  seedCoherenceOrganizations,
} from '../helpers/coherence-workload.js';

const STEPS = 600;
/** Scenario rounds of the scripted run (each a few mutation steps). */
const ROUNDS = 50;

describe('cache coherence', () => {
  let a: TestApp;
  let b: TestApp;
  let oracle: TestApp;
  let setup: CoherenceSetup;
  let orgs: Org[];

  beforeAll(async () => {
    const prefix = `${inject('runId')}:coherence:`;
    a = await createTestApp('coherence', {}, { cache: 'redis', redisPrefix: prefix });
    b = await createTestApp('coherence-b', {}, { cache: 'redis', redisPrefix: prefix, shareDatabaseWith: a });
    oracle = await createTestApp('coherence-o', {}, { cache: 'none', shareDatabaseWith: a });
    setup = { db: a.database.db, instances: [a, b], oracle };
    orgs = await seedCoherenceOrganizations(setup);
  });
  afterAll(async () => {
    await oracle?.close();
    await b?.close();
    await a?.close();
  });

  // A loaded two-core machine takes over a minute for each run: the bounds are generous, since a
  // run cut off by its timeout would go on beside the next one and see its writes.
  it(`answers ${STEPS} random operations on two cached instances exactly as an uncached one`, async () => {
    await runRandomWorkload(setup, orgs, { steps: STEPS });
  }, 240_000);

  it('after every mutation, its payload, both instances, the database and the audit log agree (repeats, toggles, re-creates, sign-outs, revalidation by others)', async () => {
    await runScriptedWorkload(setup, orgs, { rounds: ROUNDS });
  }, 240_000);
});
