/**
 * Tenancy and sign-in: two organizations with the same shapes of data; every root field, node,
 * nodes and nested field read as each returns only its own, and the other's ids are null.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { schema } from '../../src/schema/index.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createRule,
  createUser,
} from '../helpers/factories.js';

const EVERYTHING = graphql(`
  query Everything {
    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }
    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }
    reconciliations { totalCount edges { node { id reference project { name } } } }
    statusCounts { status count }
    auditLogs { totalCount edges { node { action user { email } } } }
    settings
  }
`);

const NODE = graphql(`
  query NodeById($id: ID!) { node(id: $id) { __typename id } }
`);
const NODES = graphql(`
  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }
`);
const BY_PROJECT = graphql(`
  query ByProject($projectId: ID!) {
    reconciliations(filter: { projectId: $projectId }) { totalCount }
    statusCounts(projectId: $projectId) { count }
  }
`);

interface Tenant {
  name: string;
  token: string;
  viewerToken: string;
  memberToken: string;
  ids: string[];
  projectId: string;
}

describe('tenancy', () => {
  let t: TestApp;
  const tenants: Tenant[] = [];

  beforeAll(async () => {
    t = await createTestApp('tenancy');
    const db = t.database.db;
    for (const name of ['alpha', 'beta']) {
      const org = await createOrganization(db, `Org ${name}`);
      const admin = await createUser(db, org.id, 'admin', `admin@${name}.test`);
      await createUser(db, org.id, 'viewer', `viewer@${name}.test`);
      await createUser(db, org.id, 'member', `member@${name}.test`);
      const project = await createProject(db, org.id, { name: `${name} project` });
      const rule = await createRule(db, project, `${name} rule`);
      const recon = await createReconciliation(db, project, { reference: `${name}-ref`, amount: '50.00' });
      const item = await createItem(db, recon, { description: `${name} item`, amount: '20.00' });
      await db.execute(
        `insert into audit_logs (organization_id, user_id, action, entity_type, entity_id) values ('${org.id}', '${admin.id}', '${name}.action', 'Project', '${project.id}')`,
      );
      await db.execute(
        `insert into settings (organization_id, settings) values ('${org.id}', '{"owner": "${name}"}')`,
      );
      tenants.push({
        name,
        token: await t.signIn(`admin@${name}.test`),
        viewerToken: await t.signIn(`viewer@${name}.test`),
        memberToken: await t.signIn(`member@${name}.test`),
        projectId: encodeGlobalId('Project', project.id),
        ids: [
          encodeGlobalId('Organization', org.id),
          encodeGlobalId('User', admin.id),
          encodeGlobalId('Project', project.id),
          encodeGlobalId('MatchingRule', rule.id),
          encodeGlobalId('Reconciliation', recon.id),
          encodeGlobalId('ReconciliationItem', item.id),
        ],
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every root and nested field returns only the caller’s organization', async () => {
    for (const me of tenants) {
      const other = tenants.find((x) => x !== me)!;
      const res = await t.request(EVERYTHING, {}, { token: me.token });
      expect(res.errors).toBeUndefined();
      const text = JSON.stringify(res.data);
      expect(text).toContain(me.name);
      expect(text).not.toContain(other.name);
      const d = res.data!;
      expect(d.viewer?.organization.users.edges).toHaveLength(3);
      expect(d.projects.totalCount).toBe(1);
      expect(d.reconciliations.totalCount).toBe(1);
      expect(d.statusCounts.reduce((n, s) => n + s.count, 0)).toBe(1);
      // the seeded entry and the three sign-ins of this organization's users
      expect(d.auditLogs.totalCount).toBe(4);
      expect(
        d.auditLogs.edges.every((e) => ['session.create', `${me.name}.action`].includes(e.node.action)),
      ).toBe(true);
      expect(d.settings).toEqual({ owner: me.name });
    }
  });

  it('node and nodes resolve the caller’s ids and answer null for the other organization’s', async () => {
    for (const me of tenants) {
      const other = tenants.find((x) => x !== me)!;
      for (const id of me.ids) {
        const res = await t.request(NODE, { id }, { token: me.token });
        expect(res.data?.node?.id).toBe(id);
      }
      for (const id of other.ids) {
        const res = await t.request(NODE, { id }, { token: me.token });
        expect(res.errors).toBeUndefined();
        expect(res.data?.node).toBeNull();
      }
      const mixed = await t.request(NODES, { ids: [...me.ids, ...other.ids] }, { token: me.token });
      expect(mixed.data?.nodes.map((n) => n?.id ?? null)).toEqual([...me.ids, ...other.ids.map(() => null)]);
      const filtered = await t.request(BY_PROJECT, { projectId: other.projectId }, { token: me.token });
      expect(filtered.data?.reconciliations.totalCount).toBe(0);
      expect(filtered.data?.statusCounts.every((s) => s.count === 0)).toBe(true);
    }
  });

  it('refuses malformed ids and ids of the wrong type with BAD_USER_INPUT', async () => {
    const [me] = tenants;
    const wrongType = me!.ids[4]!; // a Reconciliation id where a Project id is expected
    for (const [doc, vars] of [
      [NODE, { id: 'not-an-id' }],
      [NODE, { id: Buffer.from('Project:123').toString('base64url') }],
      [NODE, { id: Buffer.from('Invoice:00000000-0000-0000-0000-000000000000').toString('base64url') }],
      [BY_PROJECT, { projectId: wrongType }],
    ] as const) {
      const res = await t.request(doc as typeof NODE, vars as { id: string }, { token: me!.token });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
  });

  it('lets roles below ADMIN read but not audit logs or settings (FORBIDDEN)', async () => {
    const me = tenants[0]!;
    for (const token of [me.viewerToken, me.memberToken]) {
      const ok = await t.request(graphql(`query TenancyProjects { projects { totalCount } }`), {}, { token });
      expect(ok.errors).toBeUndefined();
      for (const query of [
        graphql(`query TenancyAuditLogs { auditLogs { totalCount } }`),
        graphql(`query TenancySettings { settings }`),
      ]) {
        const res = await t.request(query as TypedDocumentNode<unknown, object>, {}, { token });
        expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    }
  });

  it('refuses every root field but viewer to anonymous requests (UNAUTHENTICATED)', async () => {
    // `_service` is the subgraph SDL, public like introspection.
    const open = new Set(['viewer', '_service']);
    const someId = encodeGlobalId('Project', '00000000-0000-4000-8000-000000000000');
    const fields = Object.values(schema.getQueryType()!.getFields());
    expect(fields.length).toBeGreaterThan(6);
    for (const field of fields) {
      const required = field.args.filter((a) => a.type.toString().endsWith('!'));
      const args = required.length
        ? `(${required
            .map((a) =>
              a.name === 'representations'
                ? `${a.name}: [{ __typename: "Project", id: "${someId}" }]`
                : `${a.name}: ${a.type.toString().startsWith('[') ? '[]' : `"${someId}"`}`,
            )
            .join(', ')})`
        : '';
      const type = getNamedType(field.type);
      const selection =
        isObjectType(type) || type.name === 'Node' || type.name === '_Entity' ? ' { __typename }' : '';
      const res = await t.request(`{ ${field.name}${args}${selection} }`, {});
      if (open.has(field.name)) {
        expect(res.errors, field.name).toBeUndefined();
        if (field.name === 'viewer') expect(res.data).toEqual({ viewer: null });
      } else {
        expect(res.errors?.[0]?.extensions?.code, field.name).toBe('UNAUTHENTICATED');
      }
    }
    const typename = await t.request(graphql(`query TenancyTypename { __typename }`), {});
    expect(typename.data).toEqual({ __typename: 'Query' });
  });

  it('rejects wrong credentials, unknown and signed-out tokens', async () => {
    const bad = await t.request(
      graphql(
        `mutation TenancySessionCreate { sessionCreate(input: { email: "admin@alpha.test", password: "wrong" }) { token userErrors { code field } } }`,
      ),
    );
    expect(bad.data?.sessionCreate).toEqual({
      token: null,
      userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['input', 'password'] }],
    });
    const unknown = await t.request(
      graphql(`query TenancyProjects { projects { totalCount } }`),
      {},
      { token: 'x'.repeat(43) },
    );
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const token = await t.signIn('member@beta.test');
    const out = await t.request(
      graphql(`mutation TenancySessionDelete { sessionDelete { userErrors { code } } }`),
      {},
      { token },
    );
    expect(out.data).toEqual({ sessionDelete: { userErrors: [] } });
    const after = await t.request(graphql(`query TenancyViewer { viewer { email } }`), {}, { token });
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await t.database.db.execute(`update sessions set expires_at = now() - interval '1 second'`);
    const expired = await t.request(
      graphql(`query TenancyViewer { viewer { email } }`),
      {},
      { token: tenants[0]!.token },
    );
    expect(expired.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
