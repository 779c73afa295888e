/**
 * A stale bearer token (signed out, expired, unknown or malformed) makes the request anonymous:
 * sessionCreate signs in (a GraphiQL user need not clear the Headers tab first), and every other
 * field answers UNAUTHENTICATED "sign in again" with HTTP 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser, TEST_PASSWORD } from '../helpers/factories.js';

const EMAIL = 'stale@example.test';
const SIGN_IN = graphql(
  `mutation StaleTokenSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } } }`,
);

describe('a stale bearer token', () => {
  let t: TestApp;
  /** Authorization headers that name no session. */
  const stale: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp('stale-token', {}, { cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', EMAIL);
    const signedOut = await t.signIn(EMAIL);
    await t.request(
      graphql(`mutation StaleTokenSessionDelete { sessionDelete { userErrors { code } } }`),
      {},
      { token: signedOut },
    );
    stale['signed out'] = `Bearer ${signedOut}`;
    stale.unknown = `Bearer ${'x'.repeat(43)}`;
    stale.malformed = 'Bearer x';
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not stop sessionCreate: the request acts anonymously and signs in', async () => {
    for (const [kind, authorization] of Object.entries(stale)) {
      const res = await t.request(
        SIGN_IN,
        { email: EMAIL, password: TEST_PASSWORD },
        { headers: { authorization } },
      );
      expect(res.status, kind).toBe(200);
      expect(res.errors, kind).toBeUndefined();
      expect(res.data?.sessionCreate.viewer, kind).toEqual({ email: EMAIL });
      const token = res.data!.sessionCreate.token;
      expect(
        (await t.request(graphql(`query StaleTokenViewer { viewer { email } }`), {}, { token })).data,
        kind,
      ).toEqual({
        viewer: { email: EMAIL },
      });
    }
  });

  it('answers every other field UNAUTHENTICATED "sign in again" with HTTP 401', async () => {
    const someId = encodeGlobalId('Project', '00000000-0000-4000-8000-000000000000');
    const documents = [
      '{ viewer { email } }',
      '{ projects { totalCount } }',
      `{ node(id: "${someId}") { id } }`,
      `{ _entities(representations: [{ __typename: "Project", id: "${someId}" }]) { __typename } }`,
      'mutation { sessionDelete { userErrors { code } } }',
      'mutation { projectCreate(input: { name: "Stale" }) { userErrors { code } } }',
    ];
    for (const [kind, authorization] of Object.entries(stale)) {
      for (const document of documents) {
        const res = await t.request(document, {}, { headers: { authorization } });
        const what = `${kind}: ${document}`;
        expect(res.status, what).toBe(401);
        expect(res.errors?.[0]?.extensions?.code, what).toBe('UNAUTHENTICATED');
        expect(res.errors?.[0]?.message, what).toMatch(/sign in again/);
      }
    }
    // Nothing was written by the refused mutation.
    const projects = (await t.database.db.execute(
      `select count(*)::int as n from projects where name = 'Stale'`,
    )) as unknown as { n: number }[];
    expect([...projects]).toEqual([{ n: 0 }]);
  });

  it('still lets a client read the schema (GraphiQL loads its documentation with the same headers)', async () => {
    const res = await t.request(
      graphql(`query StaleTokenSchema { __schema { mutationType { name } } }`),
      {},
      { headers: { authorization: stale.unknown! } },
    );
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __schema: { mutationType: { name: 'Mutation' } } });
  });

  it('tells a request without a token to sign in first, as before', async () => {
    const res = await t.request(graphql(`query StaleTokenProjects { projects { totalCount } }`), {});
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/Sign in first/);
  });
});
