/** Money is exact from database to wire; filters narrow lists as the contract says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import type { ReconciliationFilter } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';

const TOTALS = graphql(`
  query Totals($id: ID!) {
    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }
  }
`);
const FILTERED = graphql(`
  query Filtered($filter: ReconciliationFilter) {
    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {
      totalCount
      edges { node { reference amount } }
    }
  }
`);

describe('Decimal', () => {
  let t: TestApp;
  let token: string;
  let reconciliationId: string;

  beforeAll(async () => {
    t = await createTestApp('decimal');
    const db = t.database.db;
    const org = await createOrganization(db);
    await createUser(db, org.id, 'viewer', 'money@example.test');
    token = await t.signIn('money@example.test');
    const project = await createProject(db, org.id);
    const r = await createReconciliation(db, project, { reference: 'SUM', amount: '100.00' });
    reconciliationId = encodeGlobalId('Reconciliation', r.id);
    // 0.1 has no exact binary float: 999 of them summed as floats give 99.89999999999...
    await db.execute(
      `insert into reconciliation_items (organization_id, reconciliation_id, amount, booked_at)
       select '${org.id}', '${r.id}', 0.10, now() from generate_series(1, 999)`,
    );
    await createItem(db, r, { amount: '0.000001' });
    const other = await createProject(db, org.id, { name: 'Filters' });
    const rows = [
      {
        reference: 'INV-100',
        amount: '10.00',
        status: 'pending',
        metadata: { source: 'bank', region: 'eu' },
        createdAt: '2026-01-01T00:00:00.000000Z',
      },
      {
        reference: 'INV-101',
        amount: '20.50',
        status: 'matched',
        metadata: { source: 'card' },
        createdAt: '2026-02-01T00:00:00.000000Z',
      },
      {
        reference: 'INV_1%2',
        amount: '30.00',
        status: 'unmatched',
        metadata: { source: 'bank', region: 'us' },
        createdAt: '2026-03-01T00:00:00.000000Z',
      },
      {
        reference: 'PAY-1',
        amount: '99999999999999999999.999999',
        status: 'partially_matched',
        metadata: {},
        createdAt: '2026-04-01T00:00:00.000000Z',
      },
      {
        reference: 'NEG-1',
        amount: '-5.25',
        status: 'pending',
        metadata: { tags: ['a', 'b'] },
        createdAt: '2026-05-01T00:00:00.000000Z',
      },
    ] as const;
    for (const row of rows) await createReconciliation(db, other, { ...row, metadata: { ...row.metadata } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sums many 0.10 items exactly and returns strings, never floats', async () => {
    const res = await t.request(TOTALS, { id: reconciliationId }, { token });
    expect(res.errors).toBeUndefined();
    expect(res.data?.node).toMatchObject({
      amount: '100.00',
      itemsTotal: '99.900001',
      difference: '0.099999',
      items: { totalCount: 1000, edges: [{ node: { amount: '0.10' } }] },
    });
  });

  it('keeps 20 integer digits and 6 decimals exactly', async () => {
    const res = await t.request(FILTERED, { filter: { reference: 'PAY-' } }, { token });
    expect(res.data?.reconciliations.edges[0]?.node.amount).toBe('99999999999999999999.999999');
  });

  it('refuses numbers and malformed strings as Decimal input', async () => {
    for (const value of [10, 10.5, '1e3', '12.3456789', '', ' 1', '1,00', 'NaN']) {
      const res = await t.request(FILTERED, { filter: { minAmount: value as string } }, { token });
      expect(res.errors?.[0]?.extensions?.code, String(value)).toBe('BAD_USER_INPUT');
    }
    const literal = await t.request(
      '{ reconciliations(filter: { minAmount: 10.5 }) { totalCount } }',
      {},
      { token },
    );
    expect(literal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  const cases: [string, ReconciliationFilter, string[]][] = [
    ['status list', { status: ['PENDING', 'UNMATCHED'] }, ['NEG-1', 'INV-100', 'INV_1%2', 'SUM']],
    [
      'created range',
      { createdAfter: '2026-01-15T00:00:00Z', createdBefore: '2026-04-15T00:00:00Z' },
      ['INV-101', 'INV_1%2', 'PAY-1'],
    ],
    ['reference prefix', { reference: 'INV-' }, ['INV-100', 'INV-101']],
    ['prefix with LIKE wildcards taken literally', { reference: 'INV_1%' }, ['INV_1%2']],
    ['metadata containment', { metadata: { source: 'bank' } }, ['INV-100', 'INV_1%2']],
    ['metadata containment, nested array', { metadata: { tags: ['b'] } }, ['NEG-1']],
    ['amount range', { minAmount: '10.00', maxAmount: '30' }, ['INV-100', 'INV-101', 'INV_1%2']],
    ['negative amounts', { maxAmount: '0' }, ['NEG-1']],
  ];
  for (const [name, filter, expected] of cases) {
    it(`filters by ${name}`, async () => {
      const res = await t.request(FILTERED, { filter }, { token });
      expect(res.errors).toBeUndefined();
      expect(res.data?.reconciliations.edges.map((e) => e.node.reference)).toEqual(expected);
      expect(res.data?.reconciliations.totalCount).toBe(expected.length);
    });
  }

  it('refuses metadata that is not an object, and a DateTime without offset', async () => {
    for (const filter of [
      { metadata: [1] },
      { metadata: 'x' },
      { createdAfter: '2026-01-01' },
      { createdAfter: '2026-01-01T00:00:00' },
    ]) {
      const res = await t.request(FILTERED, { filter: filter as ReconciliationFilter }, { token });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });
});
