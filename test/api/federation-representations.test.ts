/**
 * _entities with hostile representations, as a careless gateway or an attacker holding a
 * token would send them. Every one is refused as the client's error (BAD_USER_INPUT) or answered
 * null; none is an internal error, none reaches another organization's data, and a large batch costs
 * a bounded number of statements.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

const ENTITIES = `query HostileEntities($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on Project { name } ... on Reconciliation { reference } } }`;

type Answer = Awaited<ReturnType<TestApp['request']>>;
const codes = (res: Answer) => res.errors?.map((e) => e.extensions?.code) ?? [];

describe('_entities with hostile representations', () => {
  let t: TestApp;
  let token: string;
  let mine: string;
  let theirs: string;
  let theirReconciliation: string;

  beforeAll(async () => {
    t = await createTestApp('hostileentities');
    const db = t.database.db;
    const org = await createOrganization(db);
    await createUser(db, org.id, 'viewer', 'hostile@example.test');
    mine = encodeGlobalId('Project', (await createProject(db, org.id, { name: 'Mine' })).id);
    const other = await createOrganization(db);
    const project = await createProject(db, other.id, { name: 'Theirs' });
    theirs = encodeGlobalId('Project', project.id);
    theirReconciliation = encodeGlobalId(
      'Reconciliation',
      (await createReconciliation(db, project, { reference: 'SECRET-REF', amount: '1.00' })).id,
    );
    token = await t.signIn('hostile@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const ask = (r: unknown) => t.request(ENTITIES, { r } as never, { token });

  const refused: [string, (mine: string) => unknown][] = [
    ['a number', () => 1],
    ['a string', () => 'Project'],
    ['an array', (mine) => [mine]],
    ['no __typename', (mine) => ({ id: mine })],
    ['a non-entity type', (mine) => ({ __typename: 'PageInfo', id: mine })],
    ['the Query type', (mine) => ({ __typename: 'Query', id: mine })],
    ['__proto__', (mine) => JSON.parse(`{"__typename":"__proto__","id":"${mine}"}`)],
    ['an inherited name', (mine) => ({ __typename: 'toString', id: mine })],
    ['an interface', (mine) => ({ __typename: 'Node', id: mine })],
    ['a nested id', (mine) => ({ __typename: 'Project', id: { id: mine } })],
    ['a numeric id', () => ({ __typename: 'Project', id: 5 })],
    ['a null id', () => ({ __typename: 'Project', id: null })],
  ];
  for (const [what, representation] of refused) {
    it(`refuses ${what} as BAD_USER_INPUT`, async () => {
      const res = await ask([{ __typename: 'Project', id: mine }, representation(mine)]);
      expect((res.data as { _entities: unknown[] } | null)?._entities?.[0] ?? null).toBeNull();
      expect(res.status).toBe(200);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(res)).not.toContain('Theirs');
    });
  }

  it('answers a malformed global id with a client error on its entity, the others resolved', async () => {
    const bad = [
      '',
      '!!!',
      'x'.repeat(10_000),
      Buffer.from('Project:not-a-uuid').toString('base64url'),
      Buffer.from(`Project:${randomUUID()}\u0000`).toString('base64url'),
      Buffer.from(`Projéct:${randomUUID()}`).toString('base64url'),
      '"}\r\n{"injected":1',
    ];
    for (const id of bad) {
      const res = await ask([
        { __typename: 'Project', id: mine },
        { __typename: 'Project', id },
      ]);
      expect(codes(res), id.slice(0, 40)).toEqual(['BAD_USER_INPUT']);
      expect((res.data as { _entities: unknown[] } | null)?._entities?.[0], id.slice(0, 40)).toEqual({
        __typename: 'Project',
        name: 'Mine',
      });
      expect(JSON.stringify(res.errors).length).toBeLessThan(2000);
    }
  });

  it('answers another organization’s objects, wrong types and unknown uuids null, no error, nothing of theirs', async () => {
    const res = await ask([
      { __typename: 'Project', id: theirs },
      { __typename: 'Reconciliation', id: theirReconciliation },
      { __typename: 'Reconciliation', id: theirs },
      { __typename: 'Project', id: theirReconciliation },
      { __typename: 'Project', id: encodeGlobalId('Project', randomUUID()) },
      // Extra fields (a gateway's @requires) are ignored.
      { __typename: 'Project', id: mine, organizationId: 'x', name: 'forged' },
    ]);
    expect(res.errors).toBeUndefined();
    expect((res.data as { _entities: unknown[] })._entities).toEqual([
      null,
      null,
      null,
      null,
      null,
      { __typename: 'Project', name: 'Mine' },
    ]);
    expect(JSON.stringify(res)).not.toMatch(/Theirs|SECRET-REF/);
  });

  it('takes 10,000 references (duplicates and unknowns) in a bounded number of statements, refuses 10,001', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      i % 3 === 0
        ? { __typename: 'Project', id: mine }
        : i % 3 === 1
          ? { __typename: 'Project', id: encodeGlobalId('Project', randomUUID()) }
          : { __typename: 'Reconciliation', id: theirReconciliation },
    );
    const res = await t.counted(ENTITIES, { r: many } as never, token);
    expect(res.errors).toBeUndefined();
    expect((res.data as { _entities: unknown[] })._entities).toHaveLength(10_000);
    expect(res.statementCount).toBeLessThanOrEqual(4);
    const over = await ask([...many, { __typename: 'Project', id: mine }]);
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors?.[0]?.message).toMatch(/at most 10000 representations/);
  });
});
