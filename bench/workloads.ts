/**
 * The five workloads, as each server is asked them, and the canonical form their answers are
 * compared in. Imported by the orchestrator (equality check) and by the load generator: no database
 * or server code here.
 */
export const SERVERS = ['floor', 'postgraphile', 'api-off', 'api-warm'] as const;
export type ServerName = (typeof SERVERS)[number];
export const WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const WORKLOAD_TITLES: Record<WorkloadName, string> = {
  W1: 'one reconciliation by id with its project name (200 ids rotated)',
  W2: 'dashboard: 100 newest pending of the last 7 days, with project names',
  W3: '20 projects x 10 newest reconciliations x 5 items',
  W4: 'status counts of one project',
  W5: 'keyset walk of one project, pages of 50 (cursor chained per connection)',
};

/** What every server is asked about: the admin's organization, chosen once by the orchestrator. */
export interface Fixtures {
  orgId: string;
  reconIds: string[];
  reconGlobalIds: string[];
  projectId: string;
  projectGlobalId: string;
  /** ISO instant: 7 days before the newest reconciliation (or now, if older). */
  since: string;
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** One connection's request sequence: W5 feeds each answer back to get the next cursor. */
export interface Driver {
  next(): Request;
  /** Whether `onBody` needs the parsed answer (only the cursor walk). */
  readonly chained: boolean;
  onBody(body: string): void;
  /** True right after the walk's last page (the next request starts over). */
  readonly wrapped: boolean;
}

const STATUSES = ['pending', 'matched', 'partially_matched', 'unmatched'] as const;

const API: Record<WorkloadName, string> = {
  W1: `query W1($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount currency status createdAt project { name } } } }`,
  W2: `query W2($since: DateTime!) { reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) { edges { node { reference amount currency createdAt project { name } } } } }`,
  W3: `query W3 { projects(first: 20) { edges { node { name reconciliations(first: 10) { edges { node { reference amount items(first: 5) { edges { node { description amount bookedAt } } } } } } } } } }`,
  W4: `query W4($p: ID!) { statusCounts(projectId: $p) { status count } }`,
  W5: `query W5($p: ID!, $after: String) { reconciliations(first: 50, after: $after, filter: { projectId: $p }) { edges { node { reference amount currency createdAt } } pageInfo { endCursor hasNextPage } } }`,
};

const NEWEST = 'orderBy: [CREATED_AT_DESC, ROW_ID_DESC]';
const PGL: Record<WorkloadName, string> = {
  W1: `query W1($id: UUID!, $org: UUID!) { reconciliationByRowIdAndOrganizationId(rowId: $id, organizationId: $org) { reference amount currency status createdAt projectByProjectIdAndOrganizationId { name } } }`,
  W2: `query W2($org: UUID!, $since: Datetime!) { allReconciliations(first: 100, condition: { organizationId: $org, status: pending }, filter: { createdAt: { greaterThan: $since } }, ${NEWEST}) { nodes { reference amount currency createdAt projectByProjectIdAndOrganizationId { name } } } }`,
  W3: `query W3($org: UUID!) { allProjects(first: 20, condition: { organizationId: $org }, ${NEWEST}) { nodes { name reconciliationsByProjectIdAndOrganizationId(first: 10, ${NEWEST}) { nodes { reference amount reconciliationItemsByReconciliationIdAndOrganizationId(first: 5, orderBy: [CREATED_AT_ASC, ROW_ID_ASC]) { nodes { description amount bookedAt } } } } } } }`,
  W4: `query W4($p: UUID!, $org: UUID!) { ${STATUSES.map((s) => `${s}: allReconciliations(condition: { projectId: $p, organizationId: $org, status: ${s} }) { totalCount }`).join(' ')} }`,
  W5: `query W5($p: UUID!, $org: UUID!, $after: Cursor) { allReconciliations(first: 50, after: $after, condition: { projectId: $p, organizationId: $org }, ${NEWEST}) { nodes { reference amount currency createdAt } pageInfo { endCursor hasNextPage } } }`,
};

const gql = (query: string, variables: Record<string, unknown>): Request => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

/** The floor's first-page cursor: after everything. */
const FLOOR_START = 'infinity|ffffffff-ffff-ffff-ffff-ffffffffffff';

/** A connection's driver; `start` spreads the connections over the W1 ids. */
export function makeDriver(server: ServerName, workload: WorkloadName, fx: Fixtures, start = 0): Driver {
  const api = server === 'api-off' || server === 'api-warm';
  if (workload === 'W1') {
    let i = start;
    const ids = api ? fx.reconGlobalIds : fx.reconIds;
    return {
      chained: false,
      wrapped: false,
      onBody: () => {},
      next: () => {
        const id = ids[i++ % ids.length]!;
        if (server === 'floor') return { method: 'GET', path: `/w1?org=${fx.orgId}&id=${id}` };
        return api ? gql(API.W1, { id }) : gql(PGL.W1, { id, org: fx.orgId });
      },
    };
  }
  if (workload === 'W5') {
    let after: string | null = null;
    const driver = {
      chained: true,
      wrapped: false,
      next(): Request {
        if (server === 'floor') {
          return {
            method: 'GET',
            path: `/w5?org=${fx.orgId}&project=${fx.projectId}&after=${encodeURIComponent(after ?? FLOOR_START)}`,
          };
        }
        return api
          ? gql(API.W5, { p: fx.projectGlobalId, after })
          : gql(PGL.W5, { p: fx.projectId, org: fx.orgId, after });
      },
      onBody(body: string) {
        const page = pageOf(server, JSON.parse(body));
        after = page.hasNext ? page.cursor : null;
        driver.wrapped = !page.hasNext;
      },
    };
    return driver;
  }
  const fixed: Request =
    server === 'floor'
      ? {
          method: 'GET',
          path: {
            W2: `/w2?org=${fx.orgId}&since=${encodeURIComponent(fx.since)}`,
            W3: `/w3?org=${fx.orgId}`,
            W4: `/w4?org=${fx.orgId}&project=${fx.projectId}`,
          }[workload],
        }
      : api
        ? gql(API[workload], { W2: { since: fx.since }, W3: {}, W4: { p: fx.projectGlobalId } }[workload])
        : gql(
            PGL[workload],
            {
              W2: { org: fx.orgId, since: fx.since },
              W3: { org: fx.orgId },
              W4: { p: fx.projectId, org: fx.orgId },
            }[workload],
          );
  return { chained: false, wrapped: false, onBody: () => {}, next: () => fixed };
}

/** Which workload a cached API result (JSON text) answers, from its shape; null for anything else. */
export function workloadOfResult(json: string): WorkloadName | null {
  const data = (JSON.parse(json) as { data?: Json }).data;
  if (!data) return null;
  if ('node' in data) return 'W1';
  if ('projects' in data) return 'W3';
  if ('statusCounts' in data) return 'W4';
  if ('reconciliations' in data) return 'pageInfo' in (data.reconciliations as Json) ? 'W5' : 'W2';
  return null;
}

// ---- canonical forms -------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Row = Record<string, unknown>;

/** An instant, whatever its spelling (ISO, or PostgreSQL's text output), as an ISO string to the ms. */
export function instant(value: unknown): string {
  const text = String(value)
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00');
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(value)}`);
  return new Date(ms).toISOString();
}

/** A decimal string without insignificant zeros ("10.500000" -> "10.5"). */
export function decimal(value: unknown): string {
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

const sorted = <T>(xs: T[]) =>
  xs.map((x) => JSON.stringify(x)).sort() as unknown as T[] /* strings: compared as text */;

const edges = (connection: unknown): Row[] => {
  const c = connection as { edges?: { node: Row }[]; nodes?: Row[] };
  return c.nodes ?? c.edges!.map((e) => e.node);
};

function dataOf(body: unknown): Json {
  const b = body as { data?: Json; errors?: { message: string }[] };
  if (b.errors?.length || !b.data) {
    throw new Error(`GraphQL error: ${JSON.stringify(b.errors ?? b).slice(0, 500)}`);
  }
  return b.data;
}

function pageOf(server: ServerName, body: unknown): { rows: Row[]; cursor: string | null; hasNext: boolean } {
  if (server === 'floor') {
    const b = body as { rows: Row[]; next: boolean };
    const last = b.rows[b.rows.length - 1];
    return {
      rows: b.rows.map((r) => ({ ...r, createdAt: r.created_at })),
      cursor: last ? `${String(last.created_at)}|${String(last.id)}` : null,
      hasNext: b.next,
    };
  }
  const data = dataOf(body);
  const conn = (data.reconciliations ?? data.allReconciliations) as {
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
  return { rows: edges(conn), cursor: conn.pageInfo.endCursor, hasNext: conn.pageInfo.hasNextPage };
}

const money = (r: Row) => ({
  reference: r.reference,
  amount: decimal(r.amount),
  currency: r.currency,
  createdAt: instant(r.createdAt ?? r.created_at),
});

/** One answer in canonical form (W5: one page; the orchestrator concatenates the walk). */
export function canonical(server: ServerName, workload: WorkloadName, body: unknown): unknown {
  if (workload === 'W5') return pageOf(server, body).rows.map(money);
  if (server === 'floor') {
    const rows = body as Row[];
    switch (workload) {
      case 'W1': {
        const r = body as Row;
        return { ...money(r), status: r.status, projectName: r.name };
      }
      case 'W2':
        return sorted(rows.map((r) => ({ ...money(r), projectName: r.name })));
      case 'W3': {
        const recons = new Map<
          string,
          { projectName: unknown; reference: unknown; amount: string; items: Row[] }
        >();
        for (const r of rows) {
          const key = String(r.reference);
          if (!recons.has(key)) {
            recons.set(key, {
              projectName: r.name,
              reference: r.reference,
              amount: decimal(r.amount),
              items: [],
            });
          }
          if (r.booked_at !== null) {
            recons.get(key)!.items.push({
              description: r.description,
              amount: decimal(r.item_amount),
              bookedAt: instant(r.booked_at),
            });
          }
        }
        return sorted([...recons.values()].map((r) => ({ ...r, items: sorted(r.items) })));
      }
      case 'W4':
        return Object.fromEntries(STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.count ?? 0]));
    }
  }
  const data = dataOf(body);
  const projectName = (r: Row) =>
    ((r.project ?? r.projectByProjectIdAndOrganizationId) as { name: string } | null)?.name;
  switch (workload) {
    case 'W1': {
      const r = (data.node ?? data.reconciliationByRowIdAndOrganizationId) as Row;
      return { ...money(r), status: String(r.status).toLowerCase(), projectName: projectName(r) };
    }
    case 'W2':
      return sorted(
        edges(data.reconciliations ?? data.allReconciliations).map((r) => ({
          ...money(r),
          projectName: projectName(r),
        })),
      );
    case 'W3':
      return sorted(
        edges(data.projects ?? data.allProjects).flatMap((p) =>
          edges(p.reconciliations ?? p.reconciliationsByProjectIdAndOrganizationId).map((r) => ({
            projectName: p.name,
            reference: r.reference,
            amount: decimal(r.amount),
            items: sorted(
              edges(r.items ?? r.reconciliationItemsByReconciliationIdAndOrganizationId).map((i) => ({
                description: i.description,
                amount: decimal(i.amount),
                bookedAt: instant(i.bookedAt),
              })),
            ),
          })),
        ),
      );
    case 'W4': {
      if (data.statusCounts) {
        const counts = data.statusCounts as { status: string; count: number }[];
        return Object.fromEntries(
          STATUSES.map((s) => [s, counts.find((c) => c.status.toLowerCase() === s)?.count ?? 0]),
        );
      }
      return Object.fromEntries(STATUSES.map((s) => [s, (data[s] as { totalCount: number }).totalCount]));
    }
  }
}
