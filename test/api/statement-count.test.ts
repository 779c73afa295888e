/**
 * No N+1, measured: every query shape runs the same number of statements with 1 row and with many
 * rows per level, and that number is stated here. A bearer token's session is read once and then
 * served from the session cache (src/cache/sessions.ts), so it costs no statement per request: each
 * token is used once before counting.
 *
 * The SQL each shape ran is kept in __sql__/<shape>.sql (the texts the driver sent, in order, with
 * uuids, timestamps and run-specific names replaced and whitespace collapsed), so a change of
 * shape is a diff in review: review it as you would the code that caused it. To accept a change:
 *   npx vitest run test/api/statement-count.test.ts -u
 * (a missing file is written on a local run and is a failure under CI, as vitest does).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createTree, createUser, TEST_PASSWORD } from '../helpers/factories.js';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g;

/** One statement as reviewed: nothing in it that differs between runs, whitespace collapsed. */
function normalise(text: string): string {
  // Test databases and Redis prefixes are named after the run (test/helpers/db.ts).
  return text
    .replace(UUID, '<uuid>')
    .replace(TIMESTAMP, '<ts>')
    .replaceAll(new RegExp(`${inject('runId')}\\w*`, 'gi'), '<run>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Compares the SQL a shape ran (with 1 row and with many per level) with __sql__/<shape>.sql:
 * the statements in the order sent, one per paragraph.
 */
async function expectSql(shape: string, runs: { one: { sql: string[] }; many: { sql: string[] } }) {
  const one = runs.one.sql.map(normalise);
  const many = runs.many.sql.map(normalise);
  const section = (title: string, texts: string[]) =>
    `-- ${title}: ${texts.length} statement${texts.length === 1 ? '' : 's'}, in the order sent\n\n${texts.map((x) => `${x};`).join('\n\n')}\n`;
  const text =
    one.join('\n') === many.join('\n')
      ? section(`${shape}, with 1 and with many rows per level`, many)
      : `${section(`${shape}, with 1 row per level`, one)}\n${section(`${shape}, with many rows per level`, many)}`;
  await expect(text).toMatchFileSnapshot(`__sql__/${shape}.sql`);
}

const TREE = graphql(`
  query Tree($p: Int!, $r: Int!, $i: Int!) {
    projects(first: $p) {
      edges {
        node {
          name
          reconciliations(first: $r) {
            edges {
              node {
                reference
                items(first: $i) { edges { node { amount reconciliation { reference } } } }
              }
            }
          }
        }
      }
    }
  }
`);

const COUNTS = graphql(`
  query Counts($p: Int!, $r: Int!) {
    projects(first: $p) {
      totalCount
      edges {
        node {
          statusCounts { status count }
          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }
        }
      }
    }
    statusCounts { status count }
  }
`);

const DASHBOARD = graphql(`
  query Dashboard($since: DateTime!) {
    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {
      edges { node { reference amount createdAt project { name } } }
    }
  }
`);

const NODES = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Project { name }
      ... on Reconciliation { reference }
      ... on ReconciliationItem { amount }
      ... on MatchingRule { name }
    }
  }
`);

const ORGANIZATION = graphql(`
  query Organization($n: Int!) {
    viewer {
      organization {
        projects(first: $n) { edges { node { rules { name } } } }
      }
    }
  }
`);

const AUDIT = graphql(`
  query Audit($n: Int!) {
    auditLogs(first: $n) { edges { node { action user { email } } } }
  }
`);

describe('statements per request', () => {
  let t: TestApp;
  const tokens: Record<'one' | 'many', string> = { one: '', many: '' };
  const ids: Record<'one' | 'many', string[]> = { one: [], many: [] };

  beforeAll(async () => {
    // One connection: every statement the requests send is prepared (or not) on it, so
    // pg_prepared_statements there shows them all (the last test).
    t = await createTestApp('stmts', {}, { poolMax: 1, sessionsInRedis: true });
    const db = t.database.db;
    for (const [label, size] of [
      ['one', { projects: 1, reconciliations: 1, items: 1 }],
      ['many', { projects: 50, reconciliations: 50, items: 50 }],
    ] as const) {
      const org = await createOrganization(db, label);
      const user = await createUser(db, org.id, 'admin', `${label}@stmts.test`);
      await createTree(db, org.id, size);
      await db.execute(
        `insert into audit_logs (organization_id, user_id, action, entity_type)
         select '${org.id}', '${user.id}', 'project.create', 'Project' from generate_series(1, ${size.projects})`,
      );
      tokens[label] = await t.signIn(`${label}@stmts.test`, TEST_PASSWORD);
      expect((await t.request('{ viewer { id } }', {}, { token: tokens[label] })).errors).toBeUndefined();
      // A quarter of the cap on `nodes` (100 ids) of each type.
      const per = Math.ceil(size.projects / 2);
      const rows = (await db.execute(
        `(select 'Project' as t, id::text from projects where organization_id = '${org.id}' limit ${per})
         union all (select 'Reconciliation', id::text from reconciliations where organization_id = '${org.id}' limit ${per})
         union all (select 'ReconciliationItem', id::text from reconciliation_items where organization_id = '${org.id}' limit ${per})
         union all (select 'MatchingRule', id::text from matching_rules where organization_id = '${org.id}' limit ${per})`,
      )) as unknown as { t: string; id: string }[];
      ids[label] = rows.map((r) => encodeGlobalId(r.t, r.id));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every statement the counted requests sent. */
  const sent = new Set<string>();

  async function both<T>(
    run: (
      label: 'one' | 'many',
    ) => Promise<{ statementCount: number; sql: string[]; errors?: unknown; data?: T | null }>,
  ) {
    const one = await run('one');
    const many = await run('many');
    for (const text of [...one.sql, ...many.sql]) sent.add(text);
    expect(one.errors).toBeUndefined();
    expect(many.errors).toBeUndefined();
    return { one, many };
  }

  it('projects x reconciliations x items x item.reconciliation: 3 statements', async () => {
    const { one, many } = await both((l) =>
      l === 'one'
        ? t.counted(TREE, { p: 20, r: 10, i: 50 }, tokens.one)
        : t.counted(TREE, { p: 20, r: 10, i: 50 }, tokens.many),
    );
    const edges = many.data!.projects.edges;
    expect(edges).toHaveLength(20);
    expect(edges.flatMap((e) => e.node.reconciliations.edges)).toHaveLength(200);
    expect(
      edges.flatMap((e) => e.node.reconciliations.edges.flatMap((r) => r.node.items.edges)),
    ).toHaveLength(10_000);
    expect(one.data!.projects.edges).toHaveLength(1);
    // bearer, projects, reconciliations (one LATERAL for all projects), items (one LATERAL for
    // all reconciliations); item.reconciliation is served from the primed by-id loader.
    expect([one.statementCount, many.statementCount]).toEqual([3, 3]);
    await expectSql('tree', { one, many });
  });

  it('50 x 50 per level: the same 3 statements', async () => {
    const { one, many } = await both((l) => t.counted(TREE, { p: 50, r: 50, i: 1 }, tokens[l]));
    expect(many.data!.projects.edges.flatMap((e) => e.node.reconciliations.edges)).toHaveLength(2500);
    expect([one.statementCount, many.statementCount]).toEqual([3, 3]);
    await expectSql('tree-50-per-level', { one, many });
  });

  it('counts and sums: 7 statements', async () => {
    const { one, many } = await both((l) => t.counted(COUNTS, { p: 50, r: 50 }, tokens[l]));
    expect(many.data!.projects.totalCount).toBe(50);
    const first = many.data!.projects.edges[0]!.node;
    expect(first.reconciliations.totalCount).toBe(50);
    expect(first.statusCounts.find((s) => s.status === 'PENDING')?.count).toBe(50);
    // 50 items of 0.10, exactly
    expect(first.reconciliations.edges[0]!.node.itemsTotal).toBe('5.00');
    // bearer, projects, projects count, org status counts, project status counts,
    // reconciliations, reconciliations count, item totals
    expect([one.statementCount, many.statementCount]).toEqual([7, 7]);
    await expectSql('counts', { one, many });
  });

  it('the dashboard query (100 newest pending with project names): 2 statements', async () => {
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const { one, many } = await both((l) => t.counted(DASHBOARD, { since }, tokens[l]));
    expect(many.data!.reconciliations.edges).toHaveLength(100);
    expect(many.data!.reconciliations.edges[0]!.node.project.name).toMatch(/^Tree project/);
    expect([one.statementCount, many.statementCount]).toEqual([2, 2]);
    await expectSql('dashboard', { one, many });
  });

  it('nodes with mixed types: 1 statement (one UNION ALL)', async () => {
    const { one, many } = await both((l) => t.counted(NODES, { ids: ids[l] }, tokens[l]));
    expect(many.data!.nodes).toHaveLength(100);
    expect(new Set(many.data!.nodes.map((n) => n?.__typename))).toEqual(
      new Set(['Project', 'Reconciliation', 'ReconciliationItem', 'MatchingRule']),
    );
    expect(one.data!.nodes.every((n) => n !== null)).toBe(true);
    expect([one.statementCount, many.statementCount]).toEqual([1, 1]);
    // The same types asked in another order are the same statement text: a client cannot make
    // new texts (each one prepared in every pooled connection) by permuting its ids.
    const reversed = await t.counted(NODES, { ids: [...ids.many].reverse() }, tokens.many);
    expect(reversed.sql).toEqual(many.sql);
    await expectSql('nodes', { one, many });
  });

  it('viewer -> organization -> projects -> rules: 4 statements', async () => {
    const { one, many } = await both((l) => t.counted(ORGANIZATION, { n: 50 }, tokens[l]));
    expect(many.data!.viewer!.organization.projects.edges).toHaveLength(50);
    // viewer (user by id), organization by id, projects (LATERAL), rules
    expect([one.statementCount, many.statementCount]).toEqual([4, 4]);
    await expectSql('organization', { one, many });
  });

  it('audit logs with their users: 2 statements', async () => {
    const { one, many } = await both((l) => t.counted(AUDIT, { n: 50 }, tokens[l]));
    expect(many.data!.auditLogs.edges).toHaveLength(50);
    expect([one.statementCount, many.statementCount]).toEqual([2, 2]);
    await expectSql('audit', { one, many });
  });

  it('sends every statement above as a prepared statement, reused (parsed and planned once per connection)', async () => {
    expect(sent.size).toBeGreaterThan(5);
    // A second round: the statements are the same texts, so nothing new is prepared.
    const before = await t.database.sql!<
      { n: number }[]
    >`select count(*)::int as n from pg_prepared_statements`;
    await both((l) => t.counted(DASHBOARD, { since: '2000-01-01T00:00:00Z' }, tokens[l]));
    const prepared = await t.database.sql!<
      { statement: string }[]
    >`select statement from pg_prepared_statements`;
    const texts = new Set(prepared.map((p) => p.statement));
    expect([...sent].filter((text) => !texts.has(text))).toEqual([]);
    // The check's own statements above are prepared too (one each); the dashboard's were reused.
    expect(prepared.length).toBeLessThanOrEqual(before[0]!.n + 2);
  });
});
