/**
 * Keyset pagination: walking forward and backward in pages of 1, 7 and 100 over 250 rows returns
 * every row once, in order, for every ordering; writes between pages do not make the walk skip or
 * repeat a row that stayed; foreign and forged cursors are clean BAD_USER_INPUT errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import type {
  OrderDirection,
  PageQuery,
  PageQueryVariables,
  ReconciliationOrderField,
} from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

const PAGE = graphql(`
  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {
    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {
      totalCount
      edges { cursor node { id reference } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`);

const NESTED_PAGE = graphql(`
  query NestedPage($projectId: ID!, $first: Int, $after: String) {
    node(id: $projectId) {
      ... on Project {
        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {
          edges { node { reference } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }
`);

interface Row {
  reference: string;
  id: string;
  createdAt: string;
  updatedAt: string;
  amount: string;
}

const N = 250;
const ORDERS: [ReconciliationOrderField, OrderDirection][] = [
  ['CREATED_AT', 'DESC'],
  ['CREATED_AT', 'ASC'],
  ['UPDATED_AT', 'DESC'],
  ['UPDATED_AT', 'ASC'],
  ['AMOUNT', 'DESC'],
  ['AMOUNT', 'ASC'],
];

/** Amount as an integer count of millionths, for exact comparison. */
const micros = (amount: string) => {
  const [i, f = ''] = amount.split('.');
  return BigInt(i!) * 1_000_000n + BigInt(f.padEnd(6, '0')) * (amount.startsWith('-') ? -1n : 1n);
};

function expectedOrder(rows: Row[], field: ReconciliationOrderField, direction: OrderDirection): string[] {
  const key = (r: Row) =>
    field === 'AMOUNT' ? micros(r.amount) : field === 'CREATED_AT' ? r.createdAt : r.updatedAt;
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return direction === 'ASC' ? c : -c;
  });
  return sorted.map((r) => r.reference);
}

describe('keyset pagination', () => {
  let t: TestApp;
  let token: string;
  let projectId: string;
  let project: { id: string; organizationId: string };
  let rows: Row[];

  beforeAll(async () => {
    t = await createTestApp('pages');
    const db = t.database.db;
    const org = await createOrganization(db);
    await createUser(db, org.id, 'member', 'pager@example.test');
    token = await t.signIn('pager@example.test');
    project = await createProject(db, org.id);
    projectId = encodeGlobalId('Project', project.id);
    rows = [];
    const base = Date.parse('2026-01-01T00:00:00Z');
    for (let i = 0; i < N; i++) {
      // Ties on purpose: 5 rows share each created_at, 10 each updated_at, 25 each amount, and
      // timestamps carry microseconds that a JS Date would drop.
      const createdAt = `${new Date(base + Math.floor(i / 5) * 1000).toISOString().slice(0, 19)}.123456Z`;
      const updatedAt = `${new Date(base + ((i * 7) % 25) * 60_000).toISOString().slice(0, 19)}.000001Z`;
      const amount = `${(i % 10) * 10}.05`;
      const r = await createReconciliation(db, project, {
        reference: `P-${String(i).padStart(3, '0')}`,
        amount,
        createdAt,
        updatedAt,
      });
      rows.push({ reference: r.reference, id: r.id, createdAt, updatedAt, amount });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  async function walk(
    order: { field: ReconciliationOrderField; direction: OrderDirection },
    size: number,
    backward: boolean,
  ): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null | undefined = null;
    for (let guard = 0; guard < N + 5; guard++) {
      const vars = backward
        ? { projectId, last: size, before: cursor, order }
        : { projectId, first: size, after: cursor, order };
      const res: Awaited<ReturnType<typeof t.request<PageQuery, PageQueryVariables>>> = await t.request(
        PAGE,
        vars,
        { token },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data!.reconciliations;
      const refs = conn.edges.map((e) => e.node.reference);
      if (backward) seen.unshift(...refs);
      else seen.push(...refs);
      const more = backward ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
      if (!more) break;
      cursor = backward ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
    }
    return seen;
  }

  for (const [field, direction] of ORDERS) {
    for (const size of [1, 7, 100]) {
      it(`walks ${field} ${direction} in pages of ${size}, forward and backward`, async () => {
        const expected = expectedOrder(rows, field, direction);
        expect(await walk({ field, direction }, size, false)).toEqual(expected);
        expect(await walk({ field, direction }, size, true)).toEqual(expected);
      });
    }
  }

  it('reports totalCount and page flags', async () => {
    const res = await t.request(PAGE, { projectId, first: 7 }, { token });
    expect(res.data!.reconciliations.totalCount).toBe(N);
    expect(res.data!.reconciliations.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const last = await t.request(PAGE, { projectId, last: 7 }, { token });
    expect(last.data!.reconciliations.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('neither skips nor repeats rows that stayed while rows are inserted and deleted between pages', async () => {
    const db = t.database.db;
    const order = { field: 'CREATED_AT' as const, direction: 'DESC' as const };
    const before = expectedOrder(rows, 'CREATED_AT', 'DESC');
    const seen: string[] = [];
    const deleted = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res: Awaited<ReturnType<typeof t.request<PageQuery, PageQueryVariables>>> = await t.request(
        PAGE,
        { projectId, first: 20, after: cursor, order },
        { token },
      );
      const conn = res.data!.reconciliations;
      seen.push(...conn.edges.map((e) => e.node.reference));
      if (!conn.pageInfo.hasNextPage) break;
      cursor = conn.pageInfo.endCursor;
      // Between pages: delete the last row just read and one row not read yet, and insert rows
      // both before and after the cursor's position.
      const lastRead = seen.filter((ref) => ref.startsWith('P-') && !deleted.has(ref)).at(-1);
      const ahead = before.find((ref) => !seen.includes(ref) && !deleted.has(ref));
      for (const ref of [lastRead, ahead]) {
        if (!ref) continue;
        await db.execute(
          `delete from reconciliations where reference = '${ref}' and project_id = '${project.id}'`,
        );
        deleted.add(ref);
      }
      await createReconciliation(db, project, {
        reference: `NEW-${page}-old`,
        createdAt: '2025-06-01T00:00:00.000000Z',
      });
      await createReconciliation(db, project, {
        reference: `NEW-${page}-new`,
        createdAt: '2027-06-01T00:00:00.000000Z',
      });
    }
    const stayed = before.filter((ref) => !deleted.has(ref));
    const seenStayed = seen.filter((ref) => ref.startsWith('P-') && !deleted.has(ref));
    expect(seenStayed).toEqual(stayed);
    expect(new Set(seen).size).toBe(seen.length);
    // Restore the rows for any later test.
    await db.execute(`delete from reconciliations where reference like 'NEW-%'`);
  });

  it('paginates a nested connection by cursor too', async () => {
    const first = await t.request(NESTED_PAGE, { projectId, first: 3 }, { token });
    const node = first.data!.node as {
      reconciliations: { edges: { node: { reference: string } }[]; pageInfo: { endCursor: string | null } };
    };
    const second = await t.request(
      NESTED_PAGE,
      { projectId, first: 3, after: node.reconciliations.pageInfo.endCursor },
      { token },
    );
    const next = second.data!.node as typeof node;
    const current = (
      await t.request(PAGE, { projectId, first: 6, order: { field: 'AMOUNT', direction: 'ASC' } }, { token })
    ).data!.reconciliations.edges.map((e) => e.node.reference);
    expect(
      [...node.reconciliations.edges, ...next.reconciliations.edges].map((e) => e.node.reference),
    ).toEqual(current);
  });

  it('refuses a cursor from another ordering, a forged cursor and oversized pages with BAD_USER_INPUT', async () => {
    const byDate = await t.request(PAGE, { projectId, first: 2 }, { token });
    const cursor = byDate.data!.reconciliations.pageInfo.endCursor!;
    const cases = [
      { projectId, first: 2, after: cursor, order: { field: 'AMOUNT' as const, direction: 'DESC' as const } },
      {
        projectId,
        first: 2,
        after: cursor,
        order: { field: 'CREATED_AT' as const, direction: 'ASC' as const },
      },
      { projectId, first: 2, after: 'not-a-cursor' },
      {
        projectId,
        first: 2,
        after: Buffer.from('["reconciliations:CREATED_AT:DESC","1 or 1=1","x"]').toString('base64url'),
      },
      {
        projectId,
        first: 2,
        after: Buffer.from(
          '["reconciliations:CREATED_AT:DESC","2026-01-01T00:00:00.000000Z","00000000-0000-0000-0000-00000000000g"]',
        ).toString('base64url'),
      },
      { projectId, first: 101 },
      { projectId, last: -1 },
      { projectId, first: 1, last: 1 },
    ];
    for (const vars of cases) {
      const res = await t.request(PAGE, vars, { token });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).not.toMatch(/select|postgres|stack/i);
    }
  });
});
