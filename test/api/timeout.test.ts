/** A statement cancelled by statement_timeout answers QUERY_TIMEOUT, with nothing of the SQL. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { connectPostgres, type Database } from '../../src/db/client.js';
import { graphql } from '../gql/index.js';
import { createMigratedDatabase, poolConfig, whileLocked } from '../helpers/db.js';
import { createOrganization, createProject, createUser, TEST_PASSWORD } from '../helpers/factories.js';

describe('statement timeout', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let database: Database;

  beforeAll(async () => {
    handle = await createMigratedDatabase('timeout');
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'viewer', 'slow@example.test');
    await createProject(handle.database.db, org.id);
    database = connectPostgres(handle.testDb.url, { ...poolConfig, DB_STATEMENT_TIMEOUT_MS: 300 });
  });
  afterAll(async () => {
    await database?.close();
    await handle?.close();
  });

  it('answers QUERY_TIMEOUT when a read waits past the timeout', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CACHE_ENABLED: 'false' });
    const app = createApp({ database, config, logger: pino({ level: 'silent' }) });
    const post = async (document: TypedDocumentNode<unknown, never>, variables: object, token?: string) =>
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
        data?: Record<string, { token?: string }> | null;
        errors?: { message: string; extensions: { code: string } }[];
      };
    const signIn = await post(
      graphql(
        `mutation TimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }`,
      ),
      { email: 'slow@example.test', password: TEST_PASSWORD },
    );
    const token = signIn.data!.sessionCreate!.token!;

    // Another session holds the projects table: the read waits on it until statement_timeout.
    try {
      await whileLocked(
        handle.testDb.url,
        (tx) => tx`lock table projects in access exclusive mode`,
        async () => {
          const res = await post(graphql(`query TimeoutProjects { projects { totalCount } }`), {}, token);
          expect(res.errors?.[0]?.extensions.code).toBe('QUERY_TIMEOUT');
          expect(res.errors?.[0]?.message).toBe('The query took too long and was cancelled');
          expect(JSON.stringify(res)).not.toMatch(/canceling statement|select |from projects|57014/i);
        },
      );
    } finally {
      await app.dispose();
    }
  });
});
