/**
 * The response cache never answers a mutation and never gives a 304 to anyone but the caller's own
 * key (issue 8, items 1, 2 and 4). Every mutation below is sent by the same user with the same
 * document and variables as an earlier one within the TTL: it must still run, write its audit row,
 * and answer what the database then holds. Run against both cache stores.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';
import {
  auditCount,
  projectRow,
  reconciliationRow,
  sessionExists,
  settingsRow,
  uuidOf,
} from '../helpers/truth.js';

// biome-ignore lint/suspicious/noExplicitAny: payloads are read loosely and compared to the database
type Data = any;

const ARCHIVE = graphql(
  `mutation BypassProjectArchive($id: ID!) { projectArchive(id: $id) { project { id archived } userErrors { code } } }`,
);
const UNARCHIVE = graphql(
  `mutation BypassProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { id archived } userErrors { code } } }`,
);
const RENAME = graphql(
  `mutation BypassProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }`,
);
const PROJECT = graphql(
  `query BypassProject($id: ID!) { node(id: $id) { ... on Project { name archived } } }`,
);
const SETTINGS_UPDATE = graphql(
  `mutation BypassSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }`,
);
const STATUS_SET = graphql(
  `mutation BypassReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: "checked") { reconciliation { status } userErrors { code } } }`,
);
const RECONCILIATION = graphql(
  `query BypassReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { reference status } } }`,
);
const PROJECT_CREATE = graphql(
  `mutation BypassProjectCreate($name: String!) { projectCreate(input: { name: $name }) { project { id name } userErrors { code } } }`,
);
const RECONCILIATION_CREATE = graphql(
  `mutation BypassReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference } userErrors { code } } }`,
);
const RECONCILIATION_DELETE = graphql(
  `mutation BypassReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }`,
);
const SIGN_OUT = graphql(`mutation BypassSessionDelete { sessionDelete { userErrors { code } } }`);
const VIEWER = graphql(`query BypassViewer { viewer { email } }`);
const LIST = graphql(
  `query BypassList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference } } } }`,
);
const COUNT = graphql(`query BypassCount($first: Int) { reconciliations(first: $first) { totalCount } }`);

// Entries outlive the test however slow the machine: a replay or a 304 never depends on timing.
const LONG_TTLS = {
  CACHE_DEFAULT_TTL_S: '3600',
  CACHE_TTLS: JSON.stringify(
    Object.fromEntries(
      [
        'Reconciliation',
        'ReconciliationItem',
        'ReconciliationConnection',
        'StatusCount',
        'Project',
        'User',
      ].map((type) => [type, 3600]),
    ),
  ),
};

const codeOf = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;

for (const mode of ['redis', 'memory'] as const) {
  describe(`mutations bypass the ${mode} response cache`, () => {
    let t: TestApp;
    let orgId: string;
    let memberId: string;
    const tok = { admin: '', member: '', other: '' };
    const db = () => t.database.db;

    beforeAll(async () => {
      t = await createTestApp(`mbypass-${mode}`, LONG_TTLS, { cache: mode });
      const org = await createOrganization(db(), 'Bypass');
      orgId = org.id;
      await createUser(db(), org.id, 'admin', 'admin@bypass.test');
      memberId = (await createUser(db(), org.id, 'member', 'member@bypass.test')).id;
      const other = await createOrganization(db(), 'Bypass elsewhere');
      await createUser(db(), other.id, 'admin', 'admin@bypass-elsewhere.test');
      const project = await createProject(db(), org.id, { name: 'Bypass project' });
      await createReconciliation(db(), project, { reference: 'BYPASS-1' });
      const theirs = await createProject(db(), other.id, { name: 'Their project' });
      await createReconciliation(db(), theirs, { reference: 'THEIRS-1' });
      tok.admin = await t.signIn('admin@bypass.test');
      tok.member = await t.signIn('member@bypass.test');
      tok.other = await t.signIn('admin@bypass-elsewhere.test');
    });
    afterAll(async () => {
      await t?.close();
    });

    /**
     * Sends a mutation and checks it ran: no error, no userError, `check` (the payload against the
     * database) holds, and exactly one audit row was added.
     */
    async function runs(
      doc: TypedDocumentNode<object, never>,
      variables: Record<string, unknown>,
      token: string,
      audit: { action: string; entityId?: string | null },
      check: (payload: Data) => Promise<void> = async () => {},
    ): Promise<Data> {
      // The document's text names it in the messages below.
      const document = print(doc);
      const before = await auditCount(db(), orgId, audit.action, audit.entityId);
      const res = await t.request(doc as TypedDocumentNode<Data, Record<string, unknown>>, variables, {
        token,
      });
      expect(res.errors, document).toBeUndefined();
      const payload = Object.values(res.data as object)[0] as Data;
      expect(payload.userErrors, document).toEqual([]);
      await check(payload);
      expect(await auditCount(db(), orgId, audit.action, audit.entityId), `audit row for ${document}`).toBe(
        before + 1,
      );
      expect(res.extensions?.responseCache?.hit ?? false, 'answered from the cache').toBe(false);
      return payload;
    }

    it('projectArchive -> projectUnarchive -> projectArchive runs every time', async () => {
      const project = await createProject(db(), orgId, { name: 'Toggled' });
      const id = encodeGlobalId('Project', project.id);
      const read = async () =>
        (await (t.request(PROJECT, { id }, { token: tok.member }) as Promise<GraphQLResponse<Data>>)).data
          .node;
      expect(await read()).toEqual({ name: 'Toggled', archived: false });
      for (const [document, archived] of [
        [ARCHIVE, true],
        [UNARCHIVE, false],
        [ARCHIVE, true],
        [UNARCHIVE, false],
      ] as const) {
        const action = archived ? 'project.archive' : 'project.unarchive';
        await runs(document, { id }, tok.member, { action, entityId: project.id }, async (payload) => {
          expect((await projectRow(db(), id))?.archived, 'database').toBe(archived);
          expect(payload.project.archived, 'payload').toBe(archived);
          expect(await read(), 'read').toEqual({ name: 'Toggled', archived });
        });
      }
    });

    it('projectUpdate name A -> B -> A leaves A', async () => {
      const project = await createProject(db(), orgId, { name: 'A' });
      const id = encodeGlobalId('Project', project.id);
      for (const name of ['B', 'A', 'B', 'A']) {
        const audit = { action: 'project.update', entityId: project.id };
        await runs(RENAME, { id, name }, tok.member, audit, async (payload) => {
          expect((await projectRow(db(), id))?.name, 'database').toBe(name);
          expect(payload.project.name, 'payload').toBe(name);
          const read = await (t.request(PROJECT, { id }, { token: tok.member }) as Promise<
            GraphQLResponse<Data>
          >);
          expect(read.data.node.name, 'read').toBe(name);
        });
      }
    });

    it('settingsUpdate toggled back and forth is written every time', async () => {
      for (const mode of ['on', 'off', 'on', 'off']) {
        const audit = { action: 'settings.update', entityId: null };
        await runs(SETTINGS_UPDATE, { s: { mode } }, tok.admin, audit, async (payload) => {
          expect(await settingsRow(db(), orgId), 'database').toEqual({ mode });
          expect(payload.settings, 'payload').toEqual({ mode });
          const read = await (t.request(
            graphql(`query BypassSettings { settings }`),
            {},
            { token: tok.admin },
          ) as Promise<GraphQLResponse<Data>>);
          expect(read.data.settings, 'read').toEqual({ mode });
        });
      }
    });

    it('reconciliationStatusSet toggled back and forth is written every time', async () => {
      const project = await createProject(db(), orgId);
      const recon = await createReconciliation(db(), project, { reference: 'TOGGLE-1' });
      const id = encodeGlobalId('Reconciliation', recon.id);
      for (const status of ['MATCHED', 'PENDING', 'MATCHED', 'PENDING']) {
        const audit = { action: 'reconciliation.status_set', entityId: recon.id };
        await runs(STATUS_SET, { id, s: status }, tok.member, audit, async (payload) => {
          expect((await reconciliationRow(db(), id))?.status, 'database').toBe(status.toLowerCase());
          expect(payload.reconciliation.status, 'payload').toBe(status);
          const read = await (t.request(RECONCILIATION, { id }, { token: tok.member }) as Promise<
            GraphQLResponse<Data>
          >);
          expect(read.data.node.status, 'read').toBe(status);
        });
      }
    });

    it('projectCreate sent twice creates two projects', async () => {
      const name = `Twice ${mode}`;
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        await runs(PROJECT_CREATE, { name }, tok.member, { action: 'project.create' }, async (payload) => {
          expect(ids, 'a new project each time').not.toContain(payload.project.id);
          ids.push(payload.project.id);
          expect(await projectRow(db(), payload.project.id), 'database').toEqual({ name, archived: false });
        });
      }
      for (const id of ids) expect(await auditCount(db(), orgId, 'project.create', uuidOf(id))).toBe(1);
    });

    it('reconciliationCreate -> reconciliationDelete -> the same create makes a new row', async () => {
      const project = await createProject(db(), orgId);
      const input = {
        projectId: encodeGlobalId('Project', project.id),
        reference: `AGAIN-${mode}`,
        amount: '12.50',
        currency: 'EUR',
      };
      const first = await runs(RECONCILIATION_CREATE, { input }, tok.member, {
        action: 'reconciliation.create',
      });
      const firstId: string = first.reconciliation.id;
      expect(await reconciliationRow(db(), firstId)).toMatchObject({ reference: input.reference });
      const audit = { action: 'reconciliation.delete', entityId: uuidOf(firstId) };
      await runs(RECONCILIATION_DELETE, { id: firstId }, tok.member, audit, async (payload) => {
        expect(await reconciliationRow(db(), firstId), 'database').toBeNull();
        expect(payload.deletedId).toBe(firstId);
      });
      const create = { action: 'reconciliation.create' };
      const again = await runs(RECONCILIATION_CREATE, { input }, tok.member, create, async (payload) => {
        expect(payload.reconciliation.id, 'the deleted id again').not.toBe(firstId);
        expect(await reconciliationRow(db(), payload.reconciliation.id), 'database').toMatchObject({
          reference: input.reference,
          status: 'pending',
        });
      });
      const read = await (t.request(
        RECONCILIATION,
        { id: again.reconciliation.id },
        { token: tok.member },
      ) as Promise<GraphQLResponse<Data>>);
      expect(read.data.node).toEqual({ reference: input.reference, status: 'PENDING' });
    });

    it('a mutation with If-None-Match runs, and no mutation response carries an ETag', async () => {
      const project = await createProject(db(), orgId, { name: 'Conditional' });
      const id = encodeGlobalId('Project', project.id);
      const first = await (t.request(ARCHIVE, { id }, { token: tok.member }) as Promise<
        GraphQLResponse<Data>
      >);
      expect(first.data.projectArchive.project.archived).toBe(true);
      const firstEtag = first.headers.get('etag');
      await runs(UNARCHIVE, { id }, tok.member, { action: 'project.unarchive', entityId: project.id });
      // The earlier response's ETag if it had one, else an ETag the cache certainly holds.
      const cachedRead = await t.request(LIST, { first: 3 }, { token: tok.member });
      const etag = firstEtag ?? cachedRead.headers.get('etag');
      expect(etag).toBeTruthy();
      const auditBefore = await auditCount(db(), orgId, 'project.archive', project.id);
      const again = await (t.request(
        ARCHIVE,
        { id },
        { token: tok.member, headers: { 'if-none-match': etag! } },
      ) as Promise<GraphQLResponse<Data>>);
      expect(again.status).toBe(200);
      expect(again.data?.projectArchive.project.archived).toBe(true);
      expect((await projectRow(db(), id))?.archived).toBe(true);
      expect(await auditCount(db(), orgId, 'project.archive', project.id)).toBe(auditBefore + 1);
      expect(firstEtag, 'a mutation response carries an ETag').toBeNull();
      expect(again.headers.get('etag')).toBeNull();
    });

    it('signing out a second session of one user deletes it and the token stops working', async () => {
      const t1 = await t.signIn('member@bypass.test');
      const t2 = await t.signIn('member@bypass.test');
      for (const token of [t1, t2]) {
        expect(
          (await (t.request(VIEWER, {}, { token }) as Promise<GraphQLResponse<Data>>)).data.viewer.email,
        ).toBe('member@bypass.test');
      }
      for (const [token, still] of [
        [t1, t2],
        [t2, null],
      ] as const) {
        const auditsBefore = await auditCount(db(), orgId, 'session.delete', memberId);
        const res = await (t.request(SIGN_OUT, {}, { token }) as Promise<GraphQLResponse<Data>>);
        expect(res.errors).toBeUndefined();
        expect(res.data.sessionDelete.userErrors).toEqual([]);
        expect(await sessionExists(db(), token), 'session row deleted').toBe(false);
        expect(await auditCount(db(), orgId, 'session.delete', memberId)).toBe(auditsBefore + 1);
        expect(codeOf(await t.request(VIEWER, {}, { token }))).toBe('UNAUTHENTICATED');
        if (still) {
          expect(await sessionExists(db(), still)).toBe(true);
          expect(
            (await (t.request(VIEWER, {}, { token: still }) as Promise<GraphQLResponse<Data>>)).data.viewer
              .email,
          ).toBe('member@bypass.test');
        }
      }
      expect(codeOf(await t.request(VIEWER, {}, { token: t1 }))).toBe('UNAUTHENTICATED');
    });

    it('answers If-None-Match with 304 only for the caller’s own session, document and variables', async () => {
      const own = await (t.request(LIST, { first: 5 }, { token: tok.member }) as Promise<
        GraphQLResponse<Data>
      >);
      expect(own.status).toBe(200);
      // A second request: the answer is now cached under the member's key either way.
      const cached = await (t.request(LIST, { first: 5 }, { token: tok.member }) as Promise<
        GraphQLResponse<Data>
      >);
      const etag = cached.headers.get('etag') ?? own.headers.get('etag');
      expect(etag).toBeTruthy();
      const conditional = (token: string | null, extra: Record<string, string> = {}) => ({
        token,
        headers: { 'if-none-match': etag!, ...extra },
      });
      expect((await t.request(LIST, { first: 5 }, conditional(tok.member))).status).toBe(304);

      const sameUserOtherSession = await t.signIn('member@bypass.test');
      const signedOut = await t.signIn('member@bypass.test');
      await t.request(SIGN_OUT, {}, { token: signedOut });
      const others: [string, () => Promise<GraphQLResponse<Data>>][] = [
        ['another user', () => t.request(LIST, { first: 5 }, conditional(tok.admin))],
        ['another organization', () => t.request(LIST, { first: 5 }, conditional(tok.other))],
        [
          'another session of the same user',
          () => t.request(LIST, { first: 5 }, conditional(sameUserOtherSession)),
        ],
        ['a signed-out token', () => t.request(LIST, { first: 5 }, conditional(signedOut))],
        ['Authorization: x', () => t.request(LIST, { first: 5 }, conditional(null, { authorization: 'x' }))],
        ['no Authorization', () => t.request(LIST, { first: 5 }, conditional(null))],
        ['another document', () => t.request(COUNT, { first: 5 }, conditional(tok.member))],
        ['other variables', () => t.request(LIST, { first: 4 }, conditional(tok.member))],
        [
          'another user by GET',
          () => t.request(LIST, { first: 5 }, { ...conditional(tok.admin), method: 'GET' }),
        ],
      ];
      const given304: string[] = [];
      for (const [who, send] of others) {
        const res = await send();
        if (res.status === 304) given304.push(who);
        else if (who === 'another organization') {
          expect(JSON.stringify(res.data)).toContain('THEIRS-1');
          expect(JSON.stringify(res.data)).not.toContain('BYPASS-1');
        } else if (who === 'a signed-out token' || who === 'Authorization: x') {
          expect(codeOf(res)).toBe('UNAUTHENTICATED');
        }
      }
      expect(given304, 'these got 304 for the member’s ETag').toEqual([]);
      // The ETag is still the member's: the refusals above were not misses.
      expect((await t.request(LIST, { first: 5 }, conditional(tok.member))).status).toBe(304);
      expect(
        (await t.request(LIST, { first: 5 }, { ...conditional(tok.member), method: 'GET' })).status,
      ).toBe(304);
      // Shared caches must key what they keep by the caller, too.
      for (const res of [own, cached]) {
        const vary = (res.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/);
        expect(vary, 'Vary names Authorization').toContain('authorization');
      }
    });

    it('gives no 304 for an ETag whose content changed since', async () => {
      const before = await (t.request(LIST, { first: 7 }, { token: tok.member }) as Promise<
        GraphQLResponse<Data>
      >);
      const etag = before.headers.get('etag');
      expect(etag).toBeTruthy();
      const project = await createProject(db(), orgId);
      await runs(
        RECONCILIATION_CREATE,
        {
          input: {
            projectId: encodeGlobalId('Project', project.id),
            reference: `NEWER-${mode}`,
            amount: '1.00',
            currency: 'EUR',
          },
        },
        tok.admin,
        { action: 'reconciliation.create' },
      );
      // The member reads again (and the new answer is cached), then revalidates the old copy.
      const now = await (t.request(LIST, { first: 7 }, { token: tok.member }) as Promise<
        GraphQLResponse<Data>
      >);
      expect(now.data.reconciliations.totalCount).toBe(before.data.reconciliations.totalCount + 1);
      const revalidated = await (t.request(
        LIST,
        { first: 7 },
        { token: tok.member, headers: { 'if-none-match': etag! } },
      ) as Promise<GraphQLResponse<Data>>);
      // A 304 tells the client its old copy is current: only right if the content is the same.
      expect(revalidated.status === 304 ? before.data : revalidated.data).toEqual(now.data);
    });
  });
}
