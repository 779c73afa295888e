/**
 * A lock held past lock_timeout (SQLSTATE 55P03) is a coded, retryable answer, never an internal
 * error: BUSY in a mutation's userErrors (nothing written), QUERY_TIMEOUT on a read.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connectPostgres, type Database } from '../../src/db/client.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createMigratedDatabase, poolConfig, whileLocked } from '../helpers/db.js';
import { createOrganization, createProject, createUser, TEST_PASSWORD } from '../helpers/factories.js';

describe('lock timeout', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let database: Database;
  let app: App;
  let token: string;
  let project: { id: string; name: string };

  /** Posts a typed document to this test's own app (its pool has the short lock_timeout). */
  const post = async (document: TypedDocumentNode<unknown, never>, variables: Record<string, unknown> = {}) =>
    (await (
      await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: print(document), variables }),
      })
    ).json()) as {
      data?: Record<string, Record<string, unknown> | null> | null;
      errors?: { message: string; extensions: { code: string } }[];
    };

  /** Runs `work` while another connection holds `lock` in an open transaction. */
  beforeAll(async () => {
    handle = await createMigratedDatabase('locktimeout');
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'member', 'locked@example.test');
    project = await createProject(handle.database.db, org.id, { name: 'Before' });
    // A short lock_timeout: a waiting statement gives up after 200 ms, however loaded the machine.
    database = connectPostgres(handle.testDb.url, { ...poolConfig, DB_LOCK_TIMEOUT_MS: 200 });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CACHE_ENABLED: 'false' });
    app = createApp({ database, config, logger: pino({ level: 'silent' }) });
    token = '';
    const signIn = await post(
      graphql(
        `mutation LockTimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }`,
      ),
      { email: 'locked@example.test', password: TEST_PASSWORD },
    );
    token = signIn.data!.sessionCreate!.token as string;
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
    await handle?.close();
  });

  it('answers a mutation that waits past lock_timeout with BUSY, writes nothing, and succeeds on retry', async () => {
    const update =
      graphql(`mutation LockTimeoutProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: "After" }) {
      project { name } userErrors { code message field } } }`);
    const audits = async () =>
      (await handle.database.sql!`select count(*)::int as n from audit_logs`)[0]!.n as number;
    const auditsBefore = await audits();
    const id = encodeGlobalId('Project', project.id);
    const busy = await whileLocked(
      handle.testDb.url,
      (tx) => tx`select id from projects where id = ${project.id} for update`,
      () => post(update, { id }),
    );
    expect(busy.errors).toBeUndefined();
    expect(busy.data!.projectUpdate).toEqual({
      project: null,
      userErrors: [{ code: 'BUSY', message: expect.stringMatching(/try again/), field: null }],
    });
    const [row] = await handle.database.sql!`select name from projects where id = ${project.id}`;
    expect(row).toEqual({ name: 'Before' });
    expect(await audits()).toBe(auditsBefore);

    const retried = await post(update, { id });
    expect(retried.data!.projectUpdate).toEqual({ project: { name: 'After' }, userErrors: [] });
  });

  it('answers a read that waits past lock_timeout with QUERY_TIMEOUT, nothing of the SQL', async () => {
    const read = await whileLocked(
      handle.testDb.url,
      (tx) => tx`lock table projects in access exclusive mode`,
      () => post(graphql(`query LockTimeoutProjects { projects { totalCount } }`)),
    );
    expect(read.errors?.map((e) => e.extensions.code)).toEqual(['QUERY_TIMEOUT']);
    expect(read.errors?.[0]?.message).toMatch(/locked by another request.*try again/);
    expect(JSON.stringify(read)).not.toMatch(/lock timeout|select |from projects|55P03/i);
  });

  it('answers a mutation that runs past statement_timeout with BUSY too, and writes nothing', async () => {
    // statement_timeout before lock_timeout: the wait ends with 57014, not 55P03.
    const slow = connectPostgres(handle.testDb.url, {
      ...poolConfig,
      DB_STATEMENT_TIMEOUT_MS: 200,
      DB_LOCK_TIMEOUT_MS: 10_000,
    });
    const slowApp = createApp({
      database: slow,
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CACHE_ENABLED: 'false' }),
      logger: pino({ level: 'silent' }),
    });
    try {
      const res = await whileLocked(
        handle.testDb.url,
        (tx) => tx`select id from projects where id = ${project.id} for update`,
        async () =>
          (await (
            await slowApp.fetch('http://test/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({
                query: print(
                  graphql(
                    `mutation LockTimeoutProjectUpdateTimedOut($id: ID!) { projectUpdate(id: $id, input: { name: "Timed out" }) { project { name } userErrors { code } } }`,
                  ),
                ),
                variables: { id: encodeGlobalId('Project', project.id) },
              }),
            })
          ).json()) as { data?: { projectUpdate: unknown }; errors?: unknown[] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.projectUpdate).toEqual({ project: null, userErrors: [{ code: 'BUSY' }] });
      const [row] = await handle.database.sql!`select name from projects where id = ${project.id}`;
      expect(row?.name).not.toBe('Timed out');
    } finally {
      await slowApp.dispose();
      await slow.close();
    }
  });
});
