/**
 * Batch item import (10,000 items, all or nothing, statements per batch not per item) and
 * concurrent writers: no lost item, and matching sees whole batches only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { ITEM_BATCH_SIZE } from '../../src/schema/reconciliation-item/mutations.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';
import { fingerprint } from '../helpers/fingerprint.js';

const ADD =
  graphql(`mutation ItemsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {
  reconciliation { itemsTotal difference items(first: 1) { totalCount } } userErrors { code field message } } }`);
const MATCH = graphql(
  `mutation ItemsReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }`,
);
const READ = graphql(
  `query ItemsNode($id: ID!) { node(id: $id) { ... on Reconciliation { status itemsTotal items(first: 1) { totalCount } } } }`,
);

interface AddResult {
  reconciliationItemsAdd: {
    reconciliation: { itemsTotal: string; difference: string; items: { totalCount: number } } | null;
    userErrors: { code: string; field: string[]; message: string }[];
  };
}

describe('items', () => {
  let t: TestApp;
  let token: string;
  let project: { id: string; organizationId: string };

  beforeAll(async () => {
    t = await createTestApp('items', {}, { sessionsInRedis: true });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'loader@example.test');
    token = await t.signIn('loader@example.test');
    project = await createProject(t.database.db, org.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const items = (n: number, amount = '0.10') =>
    Array.from({ length: n }, (_, i) => ({ amount, description: `line ${i}` }));

  it('adds 10,000 items in one call with an exact total and statements per batch, not per item', async () => {
    const big = await createReconciliation(t.database.db, project, { reference: 'BIG', amount: '1000.00' });
    const small = await createReconciliation(t.database.db, project, {
      reference: 'SMALL',
      amount: '1000.00',
    });
    const started = performance.now();
    const many = await t.counted(
      ADD,
      { id: encodeGlobalId('Reconciliation', big.id), items: items(10_000) },
      token,
    );
    const ms = Math.round(performance.now() - started);
    const one = await t.counted(
      ADD,
      { id: encodeGlobalId('Reconciliation', small.id), items: items(ITEM_BATCH_SIZE) },
      token,
    );
    const payload = (many.data as AddResult).reconciliationItemsAdd;
    expect(payload.userErrors).toEqual([]);
    expect(payload.reconciliation).toEqual({
      itemsTotal: '1000.00',
      difference: '0.00',
      items: { totalCount: 10_000 },
    });
    // 10,000 items are 5 batches, 2,000 are 1: four more statements, whatever the item count.
    expect(many.statementCount - one.statementCount).toBe(10_000 / ITEM_BATCH_SIZE - 1);
    expect(one.statementCount).toBeLessThanOrEqual(12);
    const audit = (await t.database.db.execute(
      `select details from audit_logs where action = 'reconciliation_item.add' and entity_id = '${big.id}'`,
    )) as unknown as { details: unknown }[];
    expect(audit.map((a) => a.details)).toEqual([{ count: 10_000 }]);
    console.info(`adding 10,000 items: ${ms} ms, ${many.statementCount} statements`);
  });

  it('writes nothing when one item in the middle is bad, and names its index', async () => {
    const r = await createReconciliation(t.database.db, project, { reference: 'BAD', amount: '1.00' });
    const list = items(10_000);
    list[5_000] = { amount: '0.001', description: 'a tenth of a cent' };
    const before = await fingerprint(t.database.db);
    const res = await t.request(ADD, { id: encodeGlobalId('Reconciliation', r.id), items: list }, { token });
    expect(res.data?.reconciliationItemsAdd.reconciliation).toBeNull();
    expect(res.data?.reconciliationItemsAdd.userErrors).toEqual([
      {
        code: 'INVALID_AMOUNT',
        field: ['items', '5000', 'amount'],
        message: 'EUR amounts have at most 2 decimals',
      },
    ]);
    expect(await fingerprint(t.database.db)).toEqual(before);
  });

  it('loses no item when two requests add to one reconciliation at once', async () => {
    const r = await createReconciliation(t.database.db, project, { reference: 'RACE', amount: '200.00' });
    const id = encodeGlobalId('Reconciliation', r.id);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => t.request(ADD, { id, items: items(500) }, { token })),
    );
    for (const res of results) expect(res.data?.reconciliationItemsAdd.userErrors).toEqual([]);
    const read = await t.request(READ, { id }, { token });
    expect(read.data?.node).toMatchObject({ itemsTotal: '200.00', items: { totalCount: 2000 } });
  });

  it('matches on whole batches only while items are being added', async () => {
    const projectId = encodeGlobalId('Project', project.id);
    // The batch is two INSERT statements: +0.10 x 2,000 then -0.10 x 2,000, summing to zero.
    // Matching that saw none or all of it finds 100.00 (MATCHED); half of it would find
    // 300.00 (PARTIALLY_MATCHED).
    const batch = [...items(ITEM_BATCH_SIZE, '0.10'), ...items(ITEM_BATCH_SIZE, '-0.10')];
    for (let round = 0; round < 6; round++) {
      const r = await createReconciliation(t.database.db, project, {
        reference: `RACE-${round}`,
        amount: '100.00',
      });
      await createItem(t.database.db, r, { amount: '100.00' });
      const id = encodeGlobalId('Reconciliation', r.id);
      const [add, match] = await Promise.all([
        t.request(ADD, { id, items: batch }, { token }),
        new Promise((resolve) => setTimeout(resolve, round * 15)).then(() =>
          t.request(MATCH, { id: projectId }, { token }),
        ),
      ]);
      expect(add.data?.reconciliationItemsAdd.userErrors).toEqual([]);
      expect(match.errors).toBeUndefined();
      const read = await t.request(READ, { id }, { token });
      expect(read.data?.node).toMatchObject({
        status: 'MATCHED',
        items: { totalCount: 1 + 2 * ITEM_BATCH_SIZE },
      });
    }
  });
});
