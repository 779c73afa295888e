/**
 * `nodes` and `_entities` fetch by id in bounded, linear work: a list above its cap is refused
 * before any SQL, and a list of the cap's size is one batch that leaves the server responsive.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityByIdLoader } from '../../src/loaders/batch.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { ID_LIST_CAPS } from '../../src/schema/limits.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

/** Either document of the tables below, with either's variables. */
type AnyDocument = TypedDocumentNode<unknown, object>;

const NODES = graphql(
  `query IdCapsNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Reconciliation { reference } } }`,
);
const ENTITIES = graphql(
  `query IdCapsEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Reconciliation { reference } } }`,
);

describe('id list caps', () => {
  let t: TestApp;
  let token: string;
  let organizationId: string;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp('idcaps', {}, { sessionsInRedis: true });
    const db = t.database.db;
    const org = await createOrganization(db);
    organizationId = org.id;
    // VIEWER: the least privileged signed-in caller can send these lists.
    await createUser(db, org.id, 'viewer', 'viewer@caps.test');
    const project = await createProject(db, org.id);
    const mine = await createReconciliation(db, project, { reference: 'CAP-1' });
    // The cap's worth of ids: one real row, the rest ids that exist nowhere (the same work for SQL).
    ids = [mine.id, ...Array.from({ length: ID_LIST_CAPS._entities!.max - 1 }, () => randomUUID())];
    token = await t.signIn('viewer@caps.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    [
      'nodes',
      NODES,
      (n: number) => ({ ids: ids.slice(0, n).map((id) => encodeGlobalId('Reconciliation', id)) }),
    ],
    [
      '_entities',
      ENTITIES,
      (n: number) => ({
        r: Array.from({ length: n }, (_, i) => ({
          __typename: 'Reconciliation',
          id: encodeGlobalId('Reconciliation', ids[i % ids.length]!),
        })),
      }),
    ],
  ] as const)(
    '%s: one id over the cap is BAD_USER_INPUT naming the argument, before any SQL',
    async (field, query, vars) => {
      const cap = ID_LIST_CAPS[field]!;
      const res = await t.counted(query as AnyDocument, vars(cap.max + 1), token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: cap.argument });
      expect(res.errors?.[0]?.message).toContain(`at most ${cap.max}`);
      expect(res.data ?? null).toBeNull();
      // no statement ran (the session was cached at sign-in)
      expect(res.statementCount).toBe(0);
      // a literal list is counted as well
      const literal = `{ nodes(ids: [${Array.from({ length: ID_LIST_CAPS.nodes!.max + 1 }, () => '"x"').join(',')}]) { id } }`;
      expect((await t.request(literal, {}, { token })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    },
  );

  it.each([
    ['nodes', NODES, 'nodes'],
    ['_entities', ENTITIES, '_entities'],
  ] as const)(
    '%s: the cap’s worth of ids is one statement and /healthz answers meanwhile (a test about time, wide margins)',
    async (field, query, key) => {
      const cap = ID_LIST_CAPS[field]!.max;
      const vars =
        key === 'nodes'
          ? { ids: ids.slice(0, cap).map((id) => encodeGlobalId('Reconciliation', id)) }
          : {
              r: ids
                .slice(0, cap)
                .map((id) => ({ __typename: 'Reconciliation', id: encodeGlobalId('Reconciliation', id) })),
            };
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      let settled = false;
      const big = t.counted(query as AnyDocument, vars, token).finally(() => {
        settled = true;
      });
      // /healthz asked again and again for as long as the big request runs: each answer waits at
      // most for the longest stretch the big request holds the event loop.
      const health: { status: number; ms: number }[] = [];
      while (!settled) {
        const asked = performance.now();
        const res = await t.app.fetch('http://test/healthz');
        health.push({ status: res.status, ms: performance.now() - asked });
        // /healthz is answered without I/O: let the big request's I/O run between two asks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const res = await big;
      const totalMs = performance.now() - started;
      delay.disable();
      expect(health.length).toBeGreaterThan(0);
      expect(health.every((h) => h.status === 200)).toBe(true);
      expect(res.errors).toBeUndefined();
      const list = (res.data as Record<string, ({ reference?: string } | null)[]>)[key]!;
      expect(list).toHaveLength(cap);
      expect(list[0]?.reference).toBe('CAP-1');
      expect(list.slice(1).every((n) => n === null)).toBe(true);
      // one UNION ALL by id (the session was cached at sign-in)
      expect(res.statementCount).toBe(1);
      // Measured here: well under a second. The margins allow a loaded two-core machine.
      expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(2_000);
      expect(totalMs).toBeLessThan(5_000);
      expect(delay.max / 1e6).toBeLessThan(2_000);
    },
  );

  it('groups 50,000 keys of one type in linear time (the loader alone; the API caps the list)', async () => {
    const loader = entityByIdLoader(t.database.db, organizationId);
    const keys = Array.from({ length: 50_000 }, () => ({
      type: 'Reconciliation' as const,
      id: randomUUID(),
    }));
    const started = performance.now();
    const rows = await loader.loadMany(keys);
    expect(rows).toHaveLength(50_000);
    expect(rows.every((r) => r === null)).toBe(true);
    // Quadratic grouping took minutes at this size; linear takes well under a second.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
