/**
 * One request, one identity: who a request acts as is fixed when it starts (from its bearer token)
 * and a sessionCreate inside it does not change that. The payload's `viewer` is the new user, read
 * for it; everything else in the document, later mutations included, still acts as the caller.
 * (Until issue 10 a sign-in switched the rest of the request to the new user.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser, TEST_PASSWORD } from '../helpers/factories.js';

const SIGN_IN_THEN_WRITE = graphql(`
  mutation SessionIdentitySignInThenWrite($email: String!, $password: String!) {
    sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } }
    projectCreate(input: { name: "Written by whom?" }) { project { id } userErrors { code } }
  }
`);
const SIGN_IN_THEN_SIGN_OUT = graphql(`
  mutation SessionIdentitySignInThenSignOut($email: String!, $password: String!) {
    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }
    sessionDelete { userErrors { code } }
  }
`);
const WHO = graphql(`query SessionIdentityWho { viewer { email } }`);

describe('a sign-in inside a request', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('session-identity');
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'first@identity.test');
    await createUser(t.database.db, org.id, 'member', 'second@identity.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not let an anonymous request write after it signs in', async () => {
    const res = await t.request(SIGN_IN_THEN_WRITE, {
      email: 'first@identity.test',
      password: TEST_PASSWORD,
    });
    // projectCreate is non-null: its refusal nulls the whole answer (as any failed root field does).
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['projectCreate', 'UNAUTHENTICATED'],
    ]);
    const rows = await t.database
      .sql!`select count(*)::int as n from projects where name = 'Written by whom?'`;
    expect(rows[0]?.n).toBe(0);
  });

  it('signs out the token the request came with, not the session it just made', async () => {
    const caller = await t.signIn('first@identity.test');
    const res = await t.request(
      SIGN_IN_THEN_SIGN_OUT,
      { email: 'second@identity.test', password: TEST_PASSWORD },
      { token: caller },
    );
    expect(res.errors).toBeUndefined();
    const made = res.data!.sessionCreate.token!;
    expect(res.data?.sessionDelete.userErrors).toEqual([]);
    expect((await t.request(WHO, {}, { token: made })).data).toEqual({
      viewer: { email: 'second@identity.test' },
    });
    const old = await t.request(WHO, {}, { token: caller });
    expect(old.data?.viewer ?? null).toBeNull();
  });
});
