/**
 * Every mutation: success (with its audit row), each user error with its code and field path,
 * another tenant's id answered like a missing one, roles refused, and nothing written on failure.
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

type Vars = Record<string, unknown>;
/**
 * A typed document with any variables: the tests send variables the schema's types would refuse
 * (blank names, missing ids) on purpose, so only the result is typed.
 */
type Doc<T> = TypedDocumentNode<T, never>;
/** The payload of a document's one root field. */
type Payload<T> = NonNullable<T[Exclude<keyof T, '__typename'>]>;
interface UserErrorShape {
  code: string;
  field: string[] | null;
  message: string;
}

describe('mutations', () => {
  let t: TestApp;
  const tok = { admin: '', member: '', viewer: '', otherAdmin: '' };
  const ids = {
    project: '',
    archived: '',
    reconciliation: '',
    item: '',
    rule: '',
    otherProject: '',
    otherReconciliation: '',
    otherItem: '',
    otherRule: '',
  };

  beforeAll(async () => {
    t = await createTestApp('mutations');
    const db = t.database.db;
    const org = await createOrganization(db, 'Mine');
    await createUser(db, org.id, 'admin', 'admin@mine.test');
    await createUser(db, org.id, 'member', 'member@mine.test');
    await createUser(db, org.id, 'viewer', 'viewer@mine.test');
    const other = await createOrganization(db, 'Theirs');
    await createUser(db, other.id, 'admin', 'admin@theirs.test');
    tok.admin = await t.signIn('admin@mine.test');
    tok.member = await t.signIn('member@mine.test');
    tok.viewer = await t.signIn('viewer@mine.test');
    tok.otherAdmin = await t.signIn('admin@theirs.test');

    const project = await createProject(db, org.id, { name: 'Main' });
    const archived = await createProject(db, org.id, { name: 'Old', archived: true });
    const recon = await createReconciliation(db, project, { reference: 'R-1', amount: '100.00' });
    const item = await createItem(db, recon, { amount: '40.00' });
    const rule = await createRule(db, project, 'Exact');
    const theirProject = await createProject(db, other.id, { name: 'Theirs' });
    const theirRecon = await createReconciliation(db, theirProject, { reference: 'T-1' });
    const theirItem = await createItem(db, theirRecon);
    const theirRule = await createRule(db, theirProject);
    Object.assign(ids, {
      project: encodeGlobalId('Project', project.id),
      archived: encodeGlobalId('Project', archived.id),
      reconciliation: encodeGlobalId('Reconciliation', recon.id),
      item: encodeGlobalId('ReconciliationItem', item.id),
      rule: encodeGlobalId('MatchingRule', rule.id),
      otherProject: encodeGlobalId('Project', theirProject.id),
      otherReconciliation: encodeGlobalId('Reconciliation', theirRecon.id),
      otherItem: encodeGlobalId('ReconciliationItem', theirItem.id),
      otherRule: encodeGlobalId('MatchingRule', theirRule.id),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function run<T extends object>(query: Doc<T>, variables: Vars, token = tok.member) {
    const res = await t.request(query as TypedDocumentNode<T, Vars>, variables, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0]! as Payload<T>;
  }

  async function auditCount(action: string) {
    const rows = (await t.database.db.execute(
      `select count(*)::int as n from audit_logs where action = '${action}'`,
    )) as unknown as { n: number }[];
    return rows[0]!.n;
  }

  /** Asserts the mutation fails with exactly this user error and changes no row anywhere. */
  async function expectUserError(
    query: Doc<object>,
    variables: Vars,
    code: string,
    field: string[] | null,
    token = tok.member,
  ) {
    const before = await fingerprint(t.database.db);
    const payload = (await run(query, variables, token)) as unknown as Record<string, unknown> & {
      userErrors: UserErrorShape[];
    };
    expect(
      payload.userErrors.map((e) => ({ code: e.code, field: e.field })),
      JSON.stringify(variables),
    ).toContainEqual({
      code,
      field,
    });
    for (const [key, value] of Object.entries(payload))
      if (key !== 'userErrors') expect(value, key).toBeNull();
    expect(await fingerprint(t.database.db)).toEqual(before);
  }

  async function expectRefused(query: Doc<object>, variables: Vars, token: string, code = 'FORBIDDEN') {
    const before = await fingerprint(t.database.db);
    const res = await t.request(query as TypedDocumentNode<object, Vars>, variables, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await fingerprint(t.database.db)).toEqual(before);
  }

  describe('projects', () => {
    const CREATE = graphql(
      `mutation MutationsProjectCreate($input: ProjectInput!) { projectCreate(input: $input) { project { id name archived } userErrors { code field message } } }`,
    );
    const UPDATE = graphql(
      `mutation MutationsProjectUpdate($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { project { id name } userErrors { code field message } } }`,
    );
    const ARCHIVE = graphql(
      `mutation MutationsProjectArchive($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code field message } } }`,
    );
    const UNARCHIVE = graphql(
      `mutation MutationsProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code field message } } }`,
    );

    it('creates, updates, archives and unarchives, each audited', async () => {
      const created = await run(CREATE, { input: { name: '  New project ' } });
      expect(created).toMatchObject({ project: { name: 'New project', archived: false }, userErrors: [] });
      const id = (created.project as { id: string }).id;
      expect(await run(UPDATE, { id, input: { name: 'Renamed' } })).toMatchObject({
        project: { name: 'Renamed' },
      });
      expect(await run(ARCHIVE, { id })).toMatchObject({ project: { archived: true } });
      expect(await run(UNARCHIVE, { id })).toMatchObject({ project: { archived: false } });
      for (const action of ['project.create', 'project.update', 'project.archive', 'project.unarchive']) {
        expect(await auditCount(action), action).toBe(1);
      }
      const log = await t.request(
        graphql(
          `query MutationsAuditLogs { auditLogs(first: 1, filter: { action: "project.update" }) { edges { node { action entityId details user { email } } } } }`,
        ),
        {},
        { token: tok.admin },
      );
      expect(log.data?.auditLogs.edges[0]?.node).toMatchObject({
        entityId: id,
        details: { before: { name: 'New project' }, after: { name: 'Renamed' } },
      });
    });

    it('answers user errors and writes nothing', async () => {
      await expectUserError(CREATE, { input: { name: '   ' } }, 'BLANK', ['input', 'name']);
      await expectUserError(CREATE, { input: { name: 'x'.repeat(201) } }, 'TOO_LONG', ['input', 'name']);
      await expectUserError(UPDATE, { id: ids.otherProject, input: { name: 'Mine now' } }, 'NOT_FOUND', [
        'id',
      ]);
      await expectUserError(UPDATE, { id: ids.reconciliation, input: { name: 'x' } }, 'INVALID_ID', ['id']);
      await expectUserError(ARCHIVE, { id: ids.otherProject }, 'NOT_FOUND', ['id']);
      await expectUserError(UNARCHIVE, { id: 'garbage' }, 'INVALID_ID', ['id']);
    });

    it('refuses viewers and anonymous callers', async () => {
      await expectRefused(CREATE, { input: { name: 'Nope' } }, tok.viewer);
      const anonymous = await t.request(CREATE, { input: { name: 'Nope' } });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('reconciliations', () => {
    const CREATE =
      graphql(`mutation MutationsReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) {
      reconciliation { id reference amount currency status metadata project { id } } project { id statusCounts { status count } }
      userErrors { code field message } } }`);
    const UPDATE =
      graphql(`mutation MutationsReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) {
      reconciliation { reference amount currency metadata status } project { id } userErrors { code field message } } }`);
    const DELETE = graphql(
      `mutation MutationsReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field message } } }`,
    );
    const STATUS =
      graphql(`mutation MutationsReconciliationStatusSet($id: ID!, $status: ReconciliationStatus!, $reason: String!) {
      reconciliationStatusSet(id: $id, status: $status, reason: $reason) { reconciliation { status } project { id } userErrors { code field message } } }`);

    const input = (over: Vars = {}) => ({
      projectId: ids.project,
      reference: 'NEW-1',
      amount: '250.50',
      currency: 'EUR',
      metadata: { a: 1 },
      ...over,
    });

    it('creates one, returning it and its project', async () => {
      const payload = await run(CREATE, { input: input() });
      expect(payload).toMatchObject({
        reconciliation: {
          reference: 'NEW-1',
          amount: '250.50',
          currency: 'EUR',
          status: 'PENDING',
          metadata: { a: 1 },
          project: { id: ids.project },
        },
        project: { id: ids.project },
        userErrors: [],
      });
      expect(await auditCount('reconciliation.create')).toBe(1);
    });

    it('answers every validation and conflict as a user error, writing nothing', async () => {
      const cases: [Vars, string, string[]][] = [
        [{ reference: '' }, 'BLANK', ['input', 'reference']],
        [{ amount: '-1.00' }, 'NEGATIVE_AMOUNT', ['input', 'amount']],
        [{ amount: '1.005' }, 'INVALID_AMOUNT', ['input', 'amount']],
        [{ currency: 'JPY', amount: '100.5' }, 'INVALID_AMOUNT', ['input', 'amount']],
        [{ currency: 'XYZ' }, 'UNKNOWN_CURRENCY', ['input', 'currency']],
        [{ currency: 'eur' }, 'UNKNOWN_CURRENCY', ['input', 'currency']],
        [{ metadata: [1, 2] }, 'INVALID_JSON', ['input', 'metadata']],
        [{ metadata: 'text' }, 'INVALID_JSON', ['input', 'metadata']],
        [{ metadata: { big: 'x'.repeat(17_000) } }, 'INVALID_JSON', ['input', 'metadata']],
        [{ projectId: undefined }, 'REQUIRED', ['input', 'projectId']],
        [{ amount: undefined }, 'REQUIRED', ['input', 'amount']],
        [{ reference: 'R-1' }, 'DUPLICATE_REFERENCE', ['input', 'reference']],
        [{ projectId: ids.archived }, 'PROJECT_ARCHIVED', ['input', 'projectId']],
        [{ projectId: ids.otherProject }, 'NOT_FOUND', ['input', 'projectId']],
        [{ projectId: ids.rule }, 'INVALID_ID', ['input', 'projectId']],
      ];
      for (const [over, code, field] of cases)
        await expectUserError(CREATE, { input: input({ reference: 'FAIL-1', ...over }) }, code, field);
    });

    it('updates the given fields only, and refuses a duplicate reference', async () => {
      const payload = await run(UPDATE, {
        id: ids.reconciliation,
        input: { amount: '120.00', metadata: { b: 2 } },
      });
      expect(payload).toMatchObject({
        reconciliation: { reference: 'R-1', amount: '120.00', currency: 'EUR', metadata: { b: 2 } },
      });
      await run(CREATE, { input: input({ reference: 'TAKEN' }) });
      await expectUserError(
        UPDATE,
        { id: ids.reconciliation, input: { reference: 'TAKEN' } },
        'DUPLICATE_REFERENCE',
        ['input', 'reference'],
      );
      await run(UPDATE, { id: ids.reconciliation, input: { amount: '120.50' } });
      // Changing the currency alone re-checks the amount it keeps.
      await expectUserError(
        UPDATE,
        { id: ids.reconciliation, input: { currency: 'JPY' } },
        'INVALID_AMOUNT',
        ['input', 'amount'],
      );
      await expectUserError(
        UPDATE,
        { id: ids.reconciliation, input: { currency: 'JPY', amount: '1.5' } },
        'INVALID_AMOUNT',
        ['input', 'amount'],
      );
      await run(UPDATE, { id: ids.reconciliation, input: { amount: '120.00' } });
      await expectUserError(UPDATE, { id: ids.reconciliation, input: { reference: null } }, 'REQUIRED', [
        'input',
        'reference',
      ]);
      await expectUserError(UPDATE, { id: ids.otherReconciliation, input: { amount: '1.00' } }, 'NOT_FOUND', [
        'id',
      ]);
      await expectUserError(
        UPDATE,
        { id: ids.reconciliation, input: { projectId: ids.archived } },
        'PROJECT_ARCHIVED',
        ['input', 'projectId'],
      );
    });

    it('sets a status by hand with a reason in the audit log', async () => {
      const payload = await run(STATUS, {
        id: ids.reconciliation,
        status: 'MATCHED',
        reason: 'Confirmed by phone',
      });
      expect(payload).toMatchObject({ reconciliation: { status: 'MATCHED' }, project: { id: ids.project } });
      const rows = (await t.database.db.execute(
        `select details from audit_logs where action = 'reconciliation.status_set'`,
      )) as unknown as { details: unknown }[];
      expect(rows.map((r) => r.details)).toEqual([
        { before: { status: 'pending' }, after: { status: 'matched' }, reason: 'Confirmed by phone' },
      ]);
      await expectUserError(STATUS, { id: ids.reconciliation, status: 'PENDING', reason: ' ' }, 'BLANK', [
        'reason',
      ]);
      await expectUserError(
        STATUS,
        { id: ids.otherReconciliation, status: 'PENDING', reason: 'x' },
        'NOT_FOUND',
        ['id'],
      );
    });

    it('deletes one and its items', async () => {
      const created = await run(CREATE, { input: input({ reference: 'DOOMED' }) });
      const id = (created.reconciliation as { id: string }).id;
      await run(
        graphql(
          `mutation MutationsReconciliationItemAddOne($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: "1.00" }]) { userErrors { code } } }`,
        ),
        { id },
      );
      expect(await run(DELETE, { id })).toMatchObject({
        deletedId: id,
        project: { id: ids.project },
        userErrors: [],
      });
      const node = await t.request(
        graphql(`query MutationsNode($id: ID!) { node(id: $id) { id } }`),
        { id },
        { token: tok.member },
      );
      expect(node.data?.node).toBeNull();
      await expectUserError(DELETE, { id }, 'NOT_FOUND', ['id']);
      await expectUserError(DELETE, { id: ids.otherReconciliation }, 'NOT_FOUND', ['id']);
    });

    it('refuses viewers', async () => {
      await expectRefused(CREATE, { input: input({ reference: 'V' }) }, tok.viewer);
      await expectRefused(DELETE, { id: ids.reconciliation }, tok.viewer);
      await expectRefused(STATUS, { id: ids.reconciliation, status: 'PENDING', reason: 'x' }, tok.viewer);
    });
  });

  describe('items', () => {
    const ADD =
      graphql(`mutation MutationsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {
      reconciliation { id itemsTotal } items { id amount description } userErrors { code field message } } }`);
    const REMOVE = graphql(
      `mutation MutationsReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { itemsTotal } userErrors { code field message } } }`,
    );

    it('adds items and returns the reconciliation with its new total', async () => {
      const payload = await run(ADD, {
        id: ids.reconciliation,
        items: [
          { amount: '10.25', description: 'a' },
          { amount: '-0.25', description: 'reversal', bookedAt: '2026-11-01T10:00:00Z' },
        ],
      });
      expect(payload.userErrors).toEqual([]);
      expect(payload.items).toMatchObject([
        { amount: '10.25', description: 'a' },
        { amount: '-0.25', description: 'reversal' },
      ]);
      expect((payload.reconciliation as { itemsTotal: string }).itemsTotal).toBe('50.00');
    });

    it('answers user errors with the index of the bad item, writing nothing', async () => {
      await expectUserError(ADD, { id: ids.reconciliation, items: [] }, 'NO_ITEMS', ['items']);
      await expectUserError(
        ADD,
        { id: ids.reconciliation, items: [{ amount: '1.00' }, { amount: '1.001' }, { amount: '2.00' }] },
        'INVALID_AMOUNT',
        ['items', '1', 'amount'],
      );
      await expectUserError(
        ADD,
        { id: ids.reconciliation, items: [{ amount: '1', description: 'x'.repeat(501) }] },
        'TOO_LONG',
        ['items', '0', 'description'],
      );
      await expectUserError(ADD, { id: ids.otherReconciliation, items: [{ amount: '1.00' }] }, 'NOT_FOUND', [
        'reconciliationId',
      ]);
      await expectUserError(ADD, { id: ids.project, items: [{ amount: '1.00' }] }, 'INVALID_ID', [
        'reconciliationId',
      ]);
      const tooMany = Array.from({ length: 10_001 }, () => ({ amount: '0.01' }));
      await expectUserError(ADD, { id: ids.reconciliation, items: tooMany }, 'TOO_MANY_ITEMS', ['items']);
    });

    it('removes an item', async () => {
      expect(await run(REMOVE, { id: ids.item })).toMatchObject({
        deletedId: ids.item,
        reconciliation: { itemsTotal: '10.00' },
      });
      await expectUserError(REMOVE, { id: ids.item }, 'NOT_FOUND', ['id']);
      await expectUserError(REMOVE, { id: ids.otherItem }, 'NOT_FOUND', ['id']);
      await expectRefused(REMOVE, { id: ids.otherItem }, tok.viewer);
    });
  });

  describe('matching rules and settings', () => {
    const CREATE =
      graphql(`mutation MutationsMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) {
      matchingRule { id name tolerance dateWindowDays matchReference priority enabled } project { rules { name } } userErrors { code field message } } }`);
    const UPDATE =
      graphql(`mutation MutationsMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) {
      matchingRule { name tolerance enabled } userErrors { code field message } } }`);
    const DELETE = graphql(
      `mutation MutationsMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { rules { name } } userErrors { code field message } } }`,
    );
    const SETTINGS = graphql(
      `mutation MutationsSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code field message } } }`,
    );

    it('creates, updates and deletes rules', async () => {
      const created = await run(CREATE, {
        input: {
          projectId: ids.project,
          name: 'Loose',
          tolerance: '0.50',
          dateWindowDays: 7,
          matchReference: true,
          priority: 5,
        },
      });
      expect(created).toMatchObject({
        matchingRule: {
          name: 'Loose',
          tolerance: '0.50',
          dateWindowDays: 7,
          matchReference: true,
          priority: 5,
          enabled: true,
        },
        project: { rules: [{ name: 'Exact' }, { name: 'Loose' }] },
      });
      const id = (created.matchingRule as { id: string }).id;
      expect(await run(UPDATE, { id, input: { enabled: false, tolerance: '1' } })).toMatchObject({
        matchingRule: { name: 'Loose', tolerance: '1.00', enabled: false },
      });
      expect(await run(DELETE, { id })).toMatchObject({
        deletedId: id,
        project: { rules: [{ name: 'Exact' }] },
      });
      for (const action of ['matching_rule.create', 'matching_rule.update', 'matching_rule.delete']) {
        expect(await auditCount(action), action).toBe(1);
      }
    });

    it('answers rule user errors, writing nothing', async () => {
      await expectUserError(CREATE, { input: { projectId: ids.project, name: '' } }, 'BLANK', [
        'input',
        'name',
      ]);
      await expectUserError(CREATE, { input: { name: 'x' } }, 'REQUIRED', ['input', 'projectId']);
      await expectUserError(
        CREATE,
        { input: { projectId: ids.project, name: 'x', tolerance: '-1' } },
        'NEGATIVE_AMOUNT',
        ['input', 'tolerance'],
      );
      await expectUserError(
        CREATE,
        { input: { projectId: ids.project, name: 'x', dateWindowDays: -1 } },
        'OUT_OF_RANGE',
        ['input', 'dateWindowDays'],
      );
      await expectUserError(CREATE, { input: { projectId: ids.otherProject, name: 'x' } }, 'NOT_FOUND', [
        'input',
        'projectId',
      ]);
      await expectUserError(UPDATE, { id: ids.otherRule, input: { name: 'x' } }, 'NOT_FOUND', ['id']);
      await expectUserError(UPDATE, { id: ids.rule, input: { projectId: ids.project } }, 'IMMUTABLE', [
        'input',
        'projectId',
      ]);
      await expectUserError(DELETE, { id: ids.otherRule }, 'NOT_FOUND', ['id']);
      await expectRefused(CREATE, { input: { projectId: ids.project, name: 'x' } }, tok.viewer);
    });

    it('lets only an ADMIN replace settings', async () => {
      expect(await run(SETTINGS, { s: { currency: 'EUR', n: 1 } }, tok.admin)).toMatchObject({
        settings: { currency: 'EUR', n: 1 },
      });
      const read = await t.request(graphql(`query MutationsSettings { settings }`), {}, { token: tok.admin });
      expect(read.data?.settings).toEqual({ currency: 'EUR', n: 1 });
      const theirs = await t.request(
        graphql(`query MutationsSettings { settings }`),
        {},
        { token: tok.otherAdmin },
      );
      expect(theirs.data?.settings).toEqual({});
      await expectUserError(SETTINGS, { s: [1] }, 'INVALID_JSON', ['settings'], tok.admin);
      await expectRefused(SETTINGS, { s: {} }, tok.member);
      await expectRefused(SETTINGS, { s: {} }, tok.viewer);
      expect(await auditCount('settings.update')).toBe(1);
    });
  });
});
