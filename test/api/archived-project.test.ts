/**
 * An archived project is read-only (src/domain/locks.ts): every write to it or to anything in it
 * answers PROJECT_ARCHIVED, with the payload's objects null, and writes nothing (no row changed
 * anywhere, no audit row). Unarchiving is the one write it takes; archiving it again is a no-op.
 */

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
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
import { fingerprint } from '../helpers/fingerprint.js';

type Payload = Record<string, unknown> & { userErrors: { code: string; field: string[] | null }[] };

describe('an archived project', () => {
  let t: TestApp;
  let token = '';
  let organizationId = '';
  const ids = { archived: '', active: '', reconciliation: '', item: '', rule: '', activeReconciliation: '' };

  beforeAll(async () => {
    t = await createTestApp('archived');
    const db = t.database.db;
    const org = await createOrganization(db, 'Archive');
    organizationId = org.id;
    await createUser(db, org.id, 'member', 'member@archive.test');
    token = await t.signIn('member@archive.test');
    // Built active, then archived: its reconciliation, item and rule exist as they would have.
    const archived = await createProject(db, org.id, { name: 'Old' });
    const recon = await createReconciliation(db, archived, { reference: 'A-1', amount: '10.00' });
    const item = await createItem(db, recon, { amount: '10.00' });
    const rule = await createRule(db, archived, 'Exact');
    const active = await createProject(db, org.id, { name: 'Current' });
    const activeRecon = await createReconciliation(db, active, { reference: 'C-1' });
    Object.assign(ids, {
      archived: encodeGlobalId('Project', archived.id),
      active: encodeGlobalId('Project', active.id),
      reconciliation: encodeGlobalId('Reconciliation', recon.id),
      item: encodeGlobalId('ReconciliationItem', item.id),
      rule: encodeGlobalId('MatchingRule', rule.id),
      activeReconciliation: encodeGlobalId('Reconciliation', activeRecon.id),
    });
    const res = await t.request(
      graphql(
        `mutation ArchivedProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }`,
      ),
      { id: ids.archived },
      { token },
    );
    expect(res.data?.projectArchive.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function auditRows(): Promise<number> {
    const rows = (await t.database.db.execute(
      `select count(*)::int as n from audit_logs where organization_id = '${organizationId}'`,
    )) as unknown as { n: number }[];
    return rows[0]!.n;
  }

  // Results are read loosely: every document here selects one payload, read by its fields.
  async function run<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<Payload> {
    const res = await t.request(document, variables, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data as Record<string, Payload>)[0]!;
  }

  /** The write answers PROJECT_ARCHIVED at `field`, its objects null, and nothing is written. */
  async function refused<T, V>(document: TypedDocumentNode<T, V>, variables: V, field: string[]) {
    const before = await fingerprint(t.database.db);
    const audits = await auditRows();
    const payload = await run(document, variables);
    expect(payload.userErrors).toEqual([{ code: 'PROJECT_ARCHIVED', field }]);
    for (const [key, value] of Object.entries(payload))
      if (key !== 'userErrors') expect(value, key).toBeNull();
    expect(await auditRows(), 'no audit row').toBe(audits);
    expect(await fingerprint(t.database.db), 'no row changed').toEqual(before);
  }

  it('refuses projectUpdate (a rename)', async () => {
    await refused(
      graphql(
        `mutation ArchivedProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: "New" }) { project { id } userErrors { code field } } }`,
      ),
      { id: ids.archived },
      ['id'],
    );
  });

  it('refuses reconciliationCreate in it', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationCreate($p: ID!) { reconciliationCreate(input: { projectId: $p, reference: "A-2", amount: "1.00", currency: "EUR" }) { reconciliation { id } project { id } userErrors { code field } } }`,
      ),
      { p: ids.archived },
      ['input', 'projectId'],
    );
  });

  it('refuses reconciliationUpdate of its reconciliation', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationUpdate($id: ID!) { reconciliationUpdate(id: $id, input: { amount: "11.00" }) { reconciliation { id } project { id } userErrors { code field } } }`,
      ),
      { id: ids.reconciliation },
      ['id'],
    );
  });

  it('refuses reconciliationUpdate moving a reconciliation into it', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationUpdate2($id: ID!, $p: ID!) { reconciliationUpdate(id: $id, input: { projectId: $p }) { reconciliation { id } project { id } userErrors { code field } } }`,
      ),
      { id: ids.activeReconciliation, p: ids.archived },
      ['input', 'projectId'],
    );
  });

  it('refuses reconciliationDelete of its reconciliation', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field } } }`,
      ),
      { id: ids.reconciliation },
      ['id'],
    );
  });

  it('refuses reconciliationStatusSet of its reconciliation', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationStatusSet($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: "checked") { reconciliation { id } project { id } userErrors { code field } } }`,
      ),
      { id: ids.reconciliation },
      ['id'],
    );
  });

  it('refuses reconciliationItemsAdd to its reconciliation', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: "1.00" }]) { reconciliation { id } items { id } userErrors { code field } } }`,
      ),
      { id: ids.reconciliation },
      ['reconciliationId'],
    );
  });

  it('refuses reconciliationItemRemove of its item', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { id } userErrors { code field } } }`,
      ),
      { id: ids.item },
      ['id'],
    );
  });

  it('refuses reconciliationsMatch', async () => {
    await refused(
      graphql(
        `mutation ArchivedReconciliationsMatch($p: ID!) { reconciliationsMatch(projectId: $p) { project { id } statusCounts { count } changedCount userErrors { code field } } }`,
      ),
      { p: ids.archived },
      ['projectId'],
    );
  });

  it('refuses matchingRuleCreate in it', async () => {
    await refused(
      graphql(
        `mutation ArchivedMatchingRuleCreate($p: ID!) { matchingRuleCreate(input: { projectId: $p, name: "Loose", tolerance: "1.00" }) { matchingRule { id } project { id } userErrors { code field } } }`,
      ),
      { p: ids.archived },
      ['input', 'projectId'],
    );
  });

  it('refuses matchingRuleUpdate of its rule', async () => {
    await refused(
      graphql(
        `mutation ArchivedMatchingRuleUpdate($id: ID!) { matchingRuleUpdate(id: $id, input: { enabled: false }) { matchingRule { id } project { id } userErrors { code field } } }`,
      ),
      { id: ids.rule },
      ['id'],
    );
  });

  it('refuses matchingRuleDelete of its rule', async () => {
    await refused(
      graphql(
        `mutation ArchivedMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { id } userErrors { code field } } }`,
      ),
      { id: ids.rule },
      ['id'],
    );
  });

  it('takes projectArchive again as a no-op, and projectUnarchive, after which writes work again', async () => {
    const before = await fingerprint(t.database.db);
    const again = await run(
      graphql(
        `mutation ArchivedProjectArchive2($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code } } }`,
      ),
      { id: ids.archived },
    );
    expect(again).toEqual({ project: { archived: true }, userErrors: [] });
    expect(await fingerprint(t.database.db), 'archiving again writes nothing').toEqual(before);

    const unarchived = await run(
      graphql(
        `mutation ArchivedProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code } } }`,
      ),
      { id: ids.archived },
    );
    expect(unarchived).toEqual({ project: { archived: false }, userErrors: [] });
    const status = await run(
      graphql(
        `mutation ArchivedReconciliationStatusSet2($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: "checked") { reconciliation { status } userErrors { code } } }`,
      ),
      { id: ids.reconciliation },
    );
    expect(status).toEqual({ reconciliation: { status: 'MATCHED' }, userErrors: [] });
  });
});
