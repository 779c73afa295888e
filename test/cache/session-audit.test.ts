/**
 * Sign-in and sign-out write the organization's audit log (session.create, session.delete) outside
 * the mutation wrapper (src/auth/sessions.ts): with the response cache on and the audit log made
 * cacheable (CACHE_TTLS; by default it is never cached), an audit-log answer cached before them must
 * not be served after them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

const AUDIT = 'query { auditLogs(first: 100) { totalCount edges { node { action } } } }';
const SIGN_OUT = 'mutation { sessionDelete { userErrors { code } } }';

describe('session writes and the cached audit log', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(
      'sessaudit',
      { CACHE_TTLS: '{"AuditLog":600,"AuditLogConnection":600}' },
      { cache: 'redis', redisPrefix: `${inject('runId')}:sessaudit:` },
    );
    const org = await createOrganization(t.database.db, 'Audited');
    await createUser(t.database.db, org.id, 'admin', 'admin@audited.test');
    await createUser(t.database.db, org.id, 'member', 'member@audited.test');
    admin = await t.signIn('admin@audited.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const actions = async () => {
    const res = await t.request<{ auditLogs: { edges: { node: { action: string } }[] } }, object>(
      AUDIT,
      {},
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    return {
      actions: res.data!.auditLogs.edges.map((e) => e.node.action),
      hit: res.extensions?.responseCache?.hit,
    };
  };

  it('a sign-in, then a sign-out, of another user are in the next audit-log answer', async () => {
    const before = await actions();
    // Cached now: the same request again is a hit.
    expect((await actions()).hit).toBe(true);
    const count = (a: string[], action: string) => a.filter((x) => x === action).length;

    const member = await t.signIn('member@audited.test');
    const afterSignIn = await actions();
    expect(count(afterSignIn.actions, 'session.create')).toBe(count(before.actions, 'session.create') + 1);

    const out = await t.request<{ sessionDelete: { userErrors: unknown[] } }, object>(
      SIGN_OUT,
      {},
      { token: member },
    );
    expect(out.data?.sessionDelete.userErrors).toEqual([]);
    const afterSignOut = await actions();
    expect(count(afterSignOut.actions, 'session.delete')).toBe(count(before.actions, 'session.delete') + 1);
  });
});
