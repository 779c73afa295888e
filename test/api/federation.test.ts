/** Federation: the subgraph SDL keys every entity by id; _entities resolves within the tenant. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId, NODE_TYPES } from '../../src/schema/global-id.js';
import { printedSubgraphSchema } from '../../src/schema/index.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

const ENTITIES = graphql(`query FederationEntities($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on Project { name } ... on Reconciliation { reference amount } } }`);

describe('federation', () => {
  let t: TestApp;
  let token: string;
  let mine: { project: string; reconciliation: string };
  let theirs: string;

  beforeAll(async () => {
    t = await createTestApp('federation');
    const db = t.database.db;
    const org = await createOrganization(db);
    await createUser(db, org.id, 'viewer', 'gateway@example.test');
    const project = await createProject(db, org.id, { name: 'Federated' });
    const r = await createReconciliation(db, project, { reference: 'FED-1', amount: '12.50' });
    mine = {
      project: encodeGlobalId('Project', project.id),
      reconciliation: encodeGlobalId('Reconciliation', r.id),
    };
    const other = await createOrganization(db);
    theirs = encodeGlobalId('Project', (await createProject(db, other.id, { name: 'Hidden' })).id);
    token = await t.signIn('gateway@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('publishes a subgraph SDL with @key(fields: "id") on every entity', async () => {
    const res = await t.request(graphql(`query FederationService { _service { sdl } }`), {});
    const sdl = res.data!._service.sdl;
    expect(NODE_TYPES).toHaveLength(7);
    for (const type of NODE_TYPES) {
      expect(sdl, type).toMatch(new RegExp(`type ${type} implements Node\\s+@key\\(fields: "id"\\)`));
    }
    const committed = await readFile(new URL('../../subgraph.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSubgraphSchema());
  });

  it('resolves references in one statement, and another tenant’s or a wrong-type id to null', async () => {
    const res = await t.counted(
      ENTITIES,
      {
        r: [
          { __typename: 'Project', id: mine.project },
          { __typename: 'Reconciliation', id: mine.reconciliation },
          { __typename: 'Project', id: theirs },
          { __typename: 'Project', id: mine.reconciliation },
        ],
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect((res.data as { _entities: unknown[] })._entities).toEqual([
      { __typename: 'Project', name: 'Federated' },
      { __typename: 'Reconciliation', reference: 'FED-1', amount: '12.50' },
      null,
      null,
    ]);
    // bearer + one UNION ALL for both types
    expect(res.statementCount).toBe(2);
  });

  it('refuses anonymous references', async () => {
    const res = await t.request(ENTITIES, { r: [{ __typename: 'Project', id: mine.project }] });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
