/**
 * The pool's acquire timeout (src/db/pool.ts) on a path test/api/pool.test.ts leaves out:
 * the viewer's session looked up in PostgreSQL (no session cache), where a busy pool must answer
 * the coded, retryable POOL_TIMEOUT, not an internal error nor a request to sign in again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

const PROJECTS = graphql(`query PoolProjects { projects { totalCount } }`);
const ACQUIRE_TIMEOUT_MS = 500;
const HOLD_S = 3;

describe('a busy pool while the session is looked up in PostgreSQL', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(
      'reviewpoolsession',
      {},
      { poolMax: 1, pool: { DB_ACQUIRE_TIMEOUT_MS: ACQUIRE_TIMEOUT_MS } },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'admin', 'review-pool@example.test');
    token = await t.signIn('review-pool@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers POOL_TIMEOUT (HTTP 200, retryable), not a 500 nor UNAUTHENTICATED', async () => {
    const hold = t.database.sql!.unsafe(`select pg_sleep(${HOLD_S})`).then(() => {});
    try {
      const response = await t.request(PROJECTS, {}, { token });
      console.log('review:', response.status, JSON.stringify(response.errors));
      expect(response.errors?.[0]?.extensions?.code).toBe('POOL_TIMEOUT');
      expect(response.status).toBe(200);
    } finally {
      await hold;
    }
    // and the token still works afterwards
    const again = await t.request(PROJECTS, {}, { token });
    expect(again.errors).toBeUndefined();
  });
});
