/** Transport: health, readiness, GET rules, GraphiQL, masking of internal errors, schema drift. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedSchema } from '../../src/schema/index.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';

describe('HTTP', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp('http', {}, { sessionsInRedis: true });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'http@example.test');
    await createProject(t.database.db, org.id, { name: 'Visible' });
    token = await t.signIn('http@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.fetch('http://test/healthz')).status).toBe(200);
    expect((await t.app.fetch('http://test/readyz')).status).toBe(200);
  });

  it('serves GraphiQL to a browser', async () => {
    const res = await t.app.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('graphiql');
  });

  it('answers queries over GET and refuses mutations over GET', async () => {
    const read = await t.request(graphql(`query HttpProjects { projects { totalCount } }`), undefined, {
      token,
      method: 'GET',
    });
    expect(read.data).toEqual({ projects: { totalCount: 1 } });
    const write = await t.request(
      graphql(`mutation HttpSessionDelete { sessionDelete { userErrors { code } } }`),
      undefined,
      {
        token,
        method: 'GET',
      },
    );
    expect(write.status).toBe(405);
    expect(write.data ?? null).toBeNull();
  });

  it('gives a syntax or validation error a code', async () => {
    for (const query of [
      '{ projects { nope } }',
      '{ projects { ',
      'query($n: Int!) { projects(first: $n) { totalCount } }',
    ]) {
      const res = await t.request(query, {}, { token });
      expect(res.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses queries above the complexity or depth limit with QUERY_TOO_COMPLEX, before any SQL', async () => {
    const wide =
      '{ projects(first: 100) { edges { node { reconciliations(first: 100) { edges { node { items(first: 100) { edges { node { amount } } } } } } } } } }';
    const deep =
      '{ viewer { organization { projects { edges { node { reconciliations { edges { node { project { organization { projects { edges { node { name } } } } } } } } } } } } } }';
    for (const query of [wide, deep]) {
      const res = await t.counted(query, {}, token);
      expect(res.errors?.[0]?.extensions?.code, query).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors?.[0]?.message).toMatch(/above the limit/);
      // refused before any resolver: no statement (the session was cached at sign-in)
      expect(res.statementCount).toBe(0);
    }
    // _entities is not a Pothos field, and is measured all the same (10 x two nested pages of 100)
    const entities = await t.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { ${'reconciliations(first: 100) { edges { node { items(first: 100) { edges { node { amount } } } } } }'} } } }`,
      { r: Array.from({ length: 10 }, () => ({ __typename: 'Project', id: 'UHJvamVjdDow' })) },
      { token },
    );
    expect(entities.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // ... and costs one selection per representation: 600 x a page of 100 is too much
    const many = await t.request(
      graphql(
        `query HttpEntitiesOverCost($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }`,
      ),
      { r: Array.from({ length: 600 }, () => ({ __typename: 'Project', id: 'UHJvamVjdDow' })) },
      { token },
    );
    expect(many.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const few = await t.request(
      graphql(
        `query HttpEntitiesNone($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }`,
      ),
      { r: [] },
      { token },
    );
    expect(few.errors).toBeUndefined();
    // The limit follows the variables of each request, not the first one seen for a document
    // (Yoga caches validation per document).
    const paged = graphql(
      `query HttpPaged($n: Int!) { projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { items(first: $n) { edges { node { amount } } } } } } } } } }`,
    );
    expect((await t.request(paged, { n: 2 }, { token })).errors).toBeUndefined();
    expect((await t.request(paged, { n: 100 }, { token })).errors?.[0]?.extensions?.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
    expect((await t.request(paged, { n: 2 }, { token })).errors).toBeUndefined();
    // an oversized page is bad input, not complexity
    const oversized = await t.request(
      graphql(`query HttpOversizedPage { projects(first: 60000) { totalCount } }`),
      {},
      { token },
    );
    expect(oversized.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await t.request(
      graphql(
        `query HttpWithinLimits { projects(first: 100) { edges { node { name reconciliations(first: 100) { edges { node { reference amount } } } } } } }`,
      ),
      {},
      { token },
    );
    expect(ok.errors).toBeUndefined();
  });

  it('masks internal errors: no SQL, stack or connection string reaches the client', async () => {
    await t.database.db.execute('alter table projects rename column name to name_broken');
    try {
      const res = await t.request(
        graphql(`query HttpMasked { projects { edges { node { name } } } }`),
        {},
        { token },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const text = JSON.stringify(res);
      expect(text).not.toMatch(/select|name_broken|postgres|at \w+ \(|stack/i);
      expect(text).not.toContain(t.config.DB_APPLICATION_NAME);
    } finally {
      await t.database.db.execute('alter table projects rename column name_broken to name');
    }
  });

  it('has a committed schema.graphql equal to the printed schema (run npm run codegen)', async () => {
    const committed = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });
});
