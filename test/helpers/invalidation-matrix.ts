/**
 * The invalidation matrix, on whatever topology a test file sets up: every mutation of the contract
 * against the reads it can change (the entity, its parent, lists, counts, a list that was empty
 * when cached, reads that select no id). Each read is cached first (and must hit), the mutation
 * runs, and the next read must equal the same read on an uncached instance; the reads the mutation
 * changes must actually differ. Through a round-robin proxy, the read that caches and the read
 * that must hit land on different instances.
 *
 * Run by test/cache/invalidation-matrix.test.ts (one Redis), test/cache/redis-cluster.test.ts (a
 * Redis Cluster) and test/api/many-instances.test.ts (three server processes behind nginx).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { sql } from 'drizzle-orm';
import { print } from 'graphql';
import { expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import type { Target } from './coherence-workload.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createRule,
  createUser,
} from './factories.js';

interface Fixture {
  org: string;
  admin: string;
  member: string;
  P: string;
  E: string;
  R: string;
  I: string;
  K: string;
}

const READS = {
  entity: graphql(
    `query MatrixEntity($R: ID!) { node(id: $R) { ... on Reconciliation { reference amount status itemsTotal difference } } }`,
  ),
  parent: graphql(
    `query MatrixParent($P: ID!) { node(id: $P) { ... on Project { name archived statusCounts { status count } reconciliations { totalCount edges { node { reference status } } } rules { name tolerance enabled } } } }`,
  ),
  list: graphql(
    `query MatrixList($P: ID!) { reconciliations(filter: { projectId: $P }) { totalCount edges { node { id reference amount status } } } }`,
  ),
  counts: graphql(`query MatrixCounts($P: ID!) { statusCounts(projectId: $P) { status count } }`),
  emptyList: graphql(
    `query MatrixEmptyList($E: ID!) { reconciliations(filter: { projectId: $E }) { totalCount edges { node { reference } } } }`,
  ),
  items: graphql(
    `query MatrixItems($R: ID!) { node(id: $R) { ... on Reconciliation { items { totalCount edges { node { amount } } } } } }`,
  ),
  projects: graphql(`query MatrixProjects { projects { totalCount edges { node { name archived } } } }`),
  settings: graphql(`query MatrixSettings { settings }`),
  orgCounts: graphql(`query MatrixOrgCounts { statusCounts { status count } }`),
  rule: graphql(
    `query MatrixRule($K: ID!) { node(id: $K) { ... on MatchingRule { name tolerance enabled } } }`,
  ),
} as const;
type Read = keyof typeof READS;

/** A document of the tables here, typed by codegen; any variables (varsFor picks them by name). */
type AnyDocument<T = unknown> = TypedDocumentNode<T, never>;
const loose = <T>(document: AnyDocument<T>) => document as TypedDocumentNode<T, Record<string, unknown>>;

export interface Case {
  mutation: string;
  query: AnyDocument<Record<string, { userErrors: unknown[] }>>;
  vars: (f: Fixture) => Record<string, unknown>;
  changes: Read[];
  /** Runs before the reads are cached. */
  prepare?: (t: Target, f: Fixture) => Promise<void>;
}

export const MATRIX_CASES: Case[] = [
  {
    mutation: 'projectCreate',
    query: graphql(
      `mutation MatrixProjectCreate { projectCreate(input: { name: "Another" }) { userErrors { code } } }`,
    ),
    vars: () => ({}),
    changes: ['projects'],
  },
  {
    mutation: 'projectUpdate',
    query: graphql(
      `mutation MatrixProjectUpdate($P: ID!) { projectUpdate(id: $P, input: { name: "Renamed" }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['parent', 'projects'],
  },
  {
    mutation: 'projectArchive',
    query: graphql(
      `mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['parent', 'projects'],
  },
  {
    mutation: 'projectUnarchive',
    query: graphql(
      `mutation MatrixProjectUnarchive($P: ID!) { projectUnarchive(id: $P) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['parent', 'projects'],
    prepare: async (t, f) => {
      await t.request(
        graphql(`mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }`),
        { P: f.P },
        { token: f.member },
      );
    },
  },
  {
    mutation: 'reconciliationCreate (into an empty project)',
    query: graphql(
      `mutation MatrixReconciliationCreateIntoEmpty($E: ID!) { reconciliationCreate(input: { projectId: $E, reference: "NEW", amount: "5.00", currency: "EUR" }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ E: f.E }),
    changes: ['emptyList', 'orgCounts'],
  },
  {
    mutation: 'reconciliationCreate',
    query: graphql(
      `mutation MatrixReconciliationCreate($P: ID!) { reconciliationCreate(input: { projectId: $P, reference: "NEW", amount: "5.00", currency: "EUR" }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['parent', 'list', 'counts', 'orgCounts'],
  },
  {
    mutation: 'reconciliationUpdate',
    query: graphql(
      `mutation MatrixReconciliationUpdate($R: ID!) { reconciliationUpdate(id: $R, input: { amount: "99.00" }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ R: f.R }),
    changes: ['entity', 'list'],
  },
  {
    mutation: 'reconciliationUpdate (moved to another project)',
    query: graphql(
      `mutation MatrixReconciliationMove($R: ID!, $E: ID!) { reconciliationUpdate(id: $R, input: { projectId: $E }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ R: f.R, E: f.E }),
    changes: ['parent', 'list', 'counts', 'emptyList'],
  },
  {
    mutation: 'reconciliationDelete',
    query: graphql(
      `mutation MatrixReconciliationDelete($R: ID!) { reconciliationDelete(id: $R) { userErrors { code } } }`,
    ),
    vars: (f) => ({ R: f.R }),
    changes: ['entity', 'parent', 'list', 'counts', 'items', 'orgCounts'],
  },
  {
    mutation: 'reconciliationItemsAdd',
    query: graphql(
      `mutation MatrixReconciliationItemsAdd($R: ID!) { reconciliationItemsAdd(reconciliationId: $R, items: [{ amount: "1.00" }]) { userErrors { code } } }`,
    ),
    vars: (f) => ({ R: f.R }),
    changes: ['entity', 'items'],
  },
  {
    mutation: 'reconciliationItemRemove',
    query: graphql(
      `mutation MatrixReconciliationItemRemove($I: ID!) { reconciliationItemRemove(id: $I) { userErrors { code } } }`,
    ),
    vars: (f) => ({ I: f.I }),
    changes: ['entity', 'items'],
  },
  {
    mutation: 'reconciliationStatusSet',
    query: graphql(
      `mutation MatrixReconciliationStatusSet($R: ID!) { reconciliationStatusSet(id: $R, status: UNMATCHED, reason: "by hand") { userErrors { code } } }`,
    ),
    vars: (f) => ({ R: f.R }),
    changes: ['entity', 'parent', 'list', 'counts', 'orgCounts'],
  },
  {
    mutation: 'reconciliationsMatch',
    query: graphql(
      `mutation MatrixReconciliationsMatch($P: ID!) { reconciliationsMatch(projectId: $P) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['entity', 'parent', 'list', 'counts', 'orgCounts'],
  },
  {
    mutation: 'matchingRuleCreate',
    query: graphql(
      `mutation MatrixMatchingRuleCreate($P: ID!) { matchingRuleCreate(input: { projectId: $P, name: "Loose", tolerance: "2.00" }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ P: f.P }),
    changes: ['parent'],
  },
  {
    mutation: 'matchingRuleUpdate',
    query: graphql(
      `mutation MatrixMatchingRuleUpdate($K: ID!) { matchingRuleUpdate(id: $K, input: { tolerance: "3.00", enabled: false }) { userErrors { code } } }`,
    ),
    vars: (f) => ({ K: f.K }),
    changes: ['parent', 'rule'],
  },
  {
    mutation: 'matchingRuleDelete',
    query: graphql(
      `mutation MatrixMatchingRuleDelete($K: ID!) { matchingRuleDelete(id: $K) { userErrors { code } } }`,
    ),
    vars: (f) => ({ K: f.K }),
    changes: ['parent', 'rule'],
  },
  {
    mutation: 'settingsUpdate',
    query: graphql(
      `mutation MatrixSettingsUpdate { settingsUpdate(settings: { theme: "dark" }) { userErrors { code } } }`,
    ),
    vars: () => ({}),
    changes: ['settings'],
  },
];

export interface MatrixSetup {
  /** The database the instances share (each case writes its own organization to it). */
  db: Db;
  /** The cached API (an app in process, or HTTP through a proxy). */
  target: Target;
  /** An instance with no response cache over the same database. */
  oracle: Target;
  /** Makes the users' emails unique when several matrices share a database. */
  label: string;
}

let fixtures = 0;

async function fixture({ db, target, label }: MatrixSetup): Promise<Fixture> {
  const i = ++fixtures;
  const org = await createOrganization(db, `Matrix ${label} ${i}`);
  await createUser(db, org.id, 'admin', `admin${i}@${label}.matrix.test`);
  await createUser(db, org.id, 'member', `member${i}@${label}.matrix.test`);
  const p = await createProject(db, org.id, { name: 'P' });
  const e = await createProject(db, org.id, { name: 'E' });
  const r = await createReconciliation(db, p, { reference: 'R', amount: '10.00', status: 'matched' });
  const item = await createItem(db, r, { amount: '4.00' });
  const k = await createRule(db, p, 'Exact');
  await db.execute(
    sql`insert into settings (organization_id, settings) values (${org.id}::uuid, '{"theme":"light"}')`,
  );
  return {
    org: org.id,
    admin: await target.signIn(`admin${i}@${label}.matrix.test`),
    member: await target.signIn(`member${i}@${label}.matrix.test`),
    P: encodeGlobalId('Project', p.id),
    E: encodeGlobalId('Project', e.id),
    R: encodeGlobalId('Reconciliation', r.id),
    I: encodeGlobalId('ReconciliationItem', item.id),
    K: encodeGlobalId('MatchingRule', k.id),
  };
}

const varsFor = (document: AnyDocument, f: Fixture) => {
  const query = print(document);
  return Object.fromEntries(
    (['P', 'E', 'R', 'I', 'K'] as const).filter((k) => query.includes(`$${k}:`)).map((k) => [k, f[k]]),
  );
};

/** One case on a fresh organization: every read cached (a hit), the mutation, every read fresh. */
export async function checkInvalidation(setup: MatrixSetup, c: Case): Promise<void> {
  const { target: t, oracle } = setup;
  const f = await fixture(setup);
  await c.prepare?.(t, f);
  const token = (read: Read) => (read === 'settings' ? f.admin : f.member);
  /** One of the reads, with the fixture's variables it names, as the user it is for. */
  const ask = (target: Target, read: Read) => {
    const query = loose<unknown>(READS[read]);
    return target.request(query, varsFor(query, f), { token: token(read) });
  };
  const before: Partial<Record<Read, unknown>> = {};
  for (const read of Object.keys(READS) as Read[]) {
    await ask(t, read);
    const cached = await ask(t, read);
    expect(cached.errors, read).toBeUndefined();
    expect(cached.extensions?.responseCache?.hit, `${read} is cached`).toBe(true);
    before[read] = cached.data;
  }
  const result = await t.request(loose(c.query), c.vars(f), {
    token: c.mutation === 'settingsUpdate' ? f.admin : f.member,
  });
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data!)[0]!.userErrors).toEqual([]);
  for (const read of Object.keys(READS) as Read[]) {
    const after = await ask(t, read);
    const truth = await ask(oracle, read);
    expect(after.data, `${read} after ${c.mutation}`).toEqual(truth.data);
    if (c.changes.includes(read)) expect(after.data, `${read} changed`).not.toEqual(before[read]);
  }
}

/** sessionDelete: the signed-out token gets no cached answer. */
export async function checkSignOut(setup: MatrixSetup): Promise<void> {
  const { target: t } = setup;
  const f = await fixture(setup);
  await t.request(READS.projects, {}, { token: f.member });
  expect((await t.request(READS.projects, {}, { token: f.member })).extensions?.responseCache?.hit).toBe(
    true,
  );
  await t.request(
    graphql(`mutation MatrixSessionDelete { sessionDelete { userErrors { code } } }`),
    {},
    { token: f.member },
  );
  const after = await t.request(READS.projects, {}, { token: f.member });
  expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(after.data ?? null).toBeNull();
}

/**
 * The matrix as tests of the calling describe block, one a mutation: `setup` is read when each
 * runs (after the block's beforeAll).
 */
export function invalidationMatrixTests(setup: () => MatrixSetup, timeoutMs?: number): void {
  for (const c of MATRIX_CASES) {
    it(`${c.mutation}: every read after it is fresh`, () => checkInvalidation(setup(), c), timeoutMs);
  }
  it('sessionDelete: the signed-out token gets no cached answer', () => checkSignOut(setup()), timeoutMs);
}
