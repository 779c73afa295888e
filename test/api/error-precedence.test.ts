/**
 * A mutation reports its expected failures in the order it checks them, as it always has: input
 * checks first, then each global id where the write first uses it (INVALID_ID), then NOT_FOUND.
 * So a malformed id never hides a validation error found earlier, and reconciliationUpdate with an
 * empty projectId changes the other fields without moving it. (Decoding every id in the resolver,
 * before the write, changed all of these once.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

type Errors = { code: string; field: string[] | null }[];

describe('error precedence and an empty projectId', () => {
  let t: TestApp;
  let token = '';
  let rid = '';

  beforeAll(async () => {
    t = await createTestApp('review-precedence');
    const db = t.database.db;
    const org = await createOrganization(db, 'Precedence');
    await createUser(db, org.id, 'member', 'member@precedence.test');
    token = await t.signIn('member@precedence.test');
    const p = await createProject(db, org.id);
    rid = encodeGlobalId('Reconciliation', (await createReconciliation(db, p, { reference: 'R-1' })).id);
  });
  afterAll(() => t.close());

  const errors = async (doc: string, vars: Record<string, unknown> = {}): Promise<Errors> => {
    const res = await t.request<Record<string, { userErrors: Errors }>, Record<string, unknown>>(doc, vars, {
      token,
    });
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!.userErrors;
  };
  const codes = (e: Errors) => e.map((x) => x.code);

  it('reconciliationUpdate with projectId "" changes the other fields and does not move', async () => {
    expect(
      await errors(
        `mutation($id: ID!) { reconciliationUpdate(id: $id, input: { projectId: "", reference: "R-1b" }) { userErrors { code field } } }`,
        { id: rid },
      ),
    ).toEqual([]);
  });

  it('input checks come before decoding the ids they do not need', async () => {
    expect(
      codes(
        await errors(
          `mutation { reconciliationItemsAdd(reconciliationId: "bad", items: []) { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['NO_ITEMS']);
    expect(
      codes(
        await errors(
          `mutation { reconciliationCreate(input: { projectId: "bad" }) { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['REQUIRED', 'REQUIRED', 'REQUIRED']);
    expect(
      codes(
        await errors(
          `mutation { reconciliationStatusSet(id: "bad", status: MATCHED, reason: " ") { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['BLANK']);
    expect(
      codes(
        await errors(
          `mutation { projectUpdate(id: "bad", input: { name: " " }) { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['BLANK']);
    expect(
      codes(
        await errors(
          `mutation { matchingRuleCreate(input: { projectId: "bad", name: " " }) { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['BLANK']);
    expect(
      codes(
        await errors(
          `mutation { matchingRuleUpdate(id: "bad", input: { projectId: "x", name: null }) { userErrors { code field } } }`,
        ),
      ),
    ).toEqual(['IMMUTABLE', 'REQUIRED']);
    expect(
      codes(
        await errors(
          `mutation($id: ID!) { reconciliationUpdate(id: $id, input: { projectId: "bad", amount: "-1" }) { userErrors { code field } } }`,
          { id: rid },
        ),
      ),
    ).toEqual(['NEGATIVE_AMOUNT']);
    expect(
      codes(
        await errors(
          `mutation($id: ID!) { reconciliationUpdate(id: $id, input: { projectId: "bad" }) { userErrors { code field } } }`,
          { id: encodeGlobalId('Reconciliation', '00000000-0000-4000-8000-000000000000') },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });
});
