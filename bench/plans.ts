/**
 * The plan check, shared by `npm run db:explain` (bench/explain.ts, scale 100) and
 * test/api/plans.test.ts (a small scale, sequential scans disabled): the API's hot query shapes,
 * each asked of the real API in process as a GraphQL operation; every statement the driver sent
 * for it is captured with its parameters (postgres.js' debug hook, src/db/client.ts) and
 * EXPLAINed (ANALYZE, BUFFERS) on a connection of its own with the same parameters, twice: as
 * sent (a custom plan) and as PostgreSQL runs a prepared statement once it switches to a generic
 * plan (after five executions, when that looks no worse). A sequential scan of reconciliations,
 * reconciliation_items or audit_logs in either plan fails the shape.
 */
import { pino } from 'pino';
import postgres from 'postgres';
import { createApp } from '../src/app.js';
import { FailOpenCache } from '../src/cache/fail-open.js';
import { SessionCache } from '../src/cache/sessions.js';
import { MemoryTaggedCache } from '../src/cache/store.js';
import { loadConfig } from '../src/config.js';
import { connectPostgres } from '../src/db/client.js';
import { DEMO_PASSWORD, demoLogins } from '../src/db/seed.js';
import { encodeCursor } from '../src/loaders/keyset.js';
import { itemOrdering } from '../src/loaders/reconciliation-item.js';
import { encodeGlobalId } from '../src/schema/global-id.js';

/** The tables no hot shape may read sequentially. */
export const WATCHED_TABLES = ['reconciliations', 'reconciliation_items', 'audit_logs'] as const;

/** What the shapes ask about: the signed-in admin's organization. */
export interface Fixtures {
  organizationId: string;
  /** Global id of the project holding the reconciliation with the most items. */
  project: string;
  /** Global id of the organization's reconciliation with the most items (the bank import). */
  reconciliation: string;
  /** How many items it holds (10,000 from scale 10). */
  items: number;
  /** A cursor in the middle of its items. */
  middleItemCursor: string;
  /** 7 days before the newest reconciliation (or now, if that is earlier): the dashboard's window. */
  since: string;
}

export interface Shape {
  name: string;
  query: string;
  variables(f: Fixtures): Record<string, unknown>;
  /**
   * A later page: the operation is first asked with `after: null` (not checked), then checked with
   * `after` set to the end cursor this finds in that answer.
   */
  pageAfter?: (data: Data) => unknown;
}

// ---------------------------------------------------------------------------------------------
// The shapes

const DASHBOARD = `query PlanDashboard($since: DateTime!) {
  reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {
    totalCount
    edges { node { reference amount currency createdAt project { name } } }
  }
}`;

const RECONCILIATIONS = `query PlanReconciliations($after: String, $orderBy: ReconciliationOrder, $filter: ReconciliationFilter, $count: Boolean!) {
  reconciliations(first: 50, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount @include(if: $count)
    pageInfo { endCursor }
    edges { node { reference amount status createdAt } }
  }
}`;

const PROJECTS_RECONCILIATIONS = `query PlanProjectsReconciliations($orderBy: ReconciliationOrder) {
  projects(first: 20) {
    edges { node { name reconciliations(first: 10, orderBy: $orderBy) { totalCount edges { node { reference amount } } } } }
  }
}`;

const PROJECT_RECONCILIATIONS = `query PlanProjectReconciliations($project: ID!, $after: String, $orderBy: ReconciliationOrder, $count: Boolean!) {
  node(id: $project) {
    ... on Project {
      reconciliations(first: 50, after: $after, orderBy: $orderBy) {
        totalCount @include(if: $count)
        pageInfo { endCursor }
        edges { node { reference amount } }
      }
    }
  }
}`;

const PROJECTS = `query PlanProjects($after: String, $orderBy: ProjectOrder, $count: Boolean!) {
  projects(first: 50, after: $after, orderBy: $orderBy) {
    totalCount @include(if: $count)
    pageInfo { endCursor }
    edges { node { name archived } }
  }
}`;

const ITEMS = `query PlanItems($reconciliation: ID!, $first: Int, $last: Int, $after: String, $count: Boolean!) {
  node(id: $reconciliation) {
    ... on Reconciliation {
      itemsTotal @include(if: $count)
      difference @include(if: $count)
      items(first: $first, last: $last, after: $after) {
        totalCount @include(if: $count)
        edges { node { description amount bookedAt } }
      }
    }
  }
}`;

const TREE = `query PlanTree {
  projects(first: 20) {
    edges { node { name reconciliations(first: 10) { edges { node { reference amount items(first: 5) { edges { node { description amount bookedAt } } } } } } } }
  }
}`;

const STATUS_COUNTS = 'query PlanStatusCounts { statusCounts { status count } }';
const PROJECT_STATUS_COUNTS =
  'query PlanProjectStatusCounts($project: ID!) { statusCounts(projectId: $project) { status count } }';
const PROJECTS_STATUS_COUNTS =
  'query PlanProjectsStatusCounts { projects(first: 20) { edges { node { name statusCounts { status count } } } } }';

const AUDIT_LOGS = `query PlanAuditLogs($after: String, $filter: AuditLogFilter, $count: Boolean!) {
  auditLogs(first: 50, after: $after, filter: $filter) {
    totalCount @include(if: $count)
    pageInfo { endCursor }
    edges { node { action entityType createdAt user { name } } }
  }
}`;

const RULES =
  'query PlanRules { projects(first: 20) { edges { node { name rules { name priority enabled } } } } }';

type Data = Record<string, unknown>;
/** The end cursor of the connection at `path` in an answer. */
const endCursorOf =
  (...path: string[]) =>
  (d: Data) =>
    [...path, 'pageInfo', 'endCursor'].reduce<unknown>((v, k) => (v as Data | null | undefined)?.[k], d) ??
    null;

const RECONCILIATION_ORDERS = ['CREATED_AT', 'UPDATED_AT', 'AMOUNT'].flatMap((field) =>
  ['DESC', 'ASC'].map((direction) => ({ field, direction })),
);
const PROJECT_ORDERS = ['CREATED_AT', 'UPDATED_AT'].flatMap((field) =>
  ['DESC', 'ASC'].map((direction) => ({ field, direction })),
);
const label = (o: { field: string; direction: string }) =>
  `${o.field.toLowerCase().replace('_at', 'At')} ${o.direction.toLowerCase()}`;

/** Every shape checked, in the order printed. */
export const SHAPES: readonly Shape[] = [
  {
    name: 'dashboard (100 pending of 7 days) + count',
    query: DASHBOARD,
    variables: (f) => ({ since: f.since }),
  },
  ...(
    [
      ['', () => null],
      ['status ', () => ({ status: ['PENDING'] })],
      ['project ', (f: Fixtures) => ({ projectId: f.project })],
    ] as const
  ).flatMap(([filterLabel, filter]) =>
    RECONCILIATION_ORDERS.flatMap((orderBy): Shape[] => [
      {
        name: `reconciliations(${filterLabel}${label(orderBy)}) + count`,
        query: RECONCILIATIONS,
        variables: (f) => ({ orderBy, filter: filter(f), count: true }),
      },
      {
        name: `reconciliations(${filterLabel}${label(orderBy)}) page 2`,
        query: RECONCILIATIONS,
        variables: (f) => ({ orderBy, filter: filter(f), count: false }),
        pageAfter: endCursorOf('reconciliations'),
      },
    ]),
  ),
  ...RECONCILIATION_ORDERS.flatMap((orderBy): Shape[] => [
    {
      name: `20 projects x reconciliations(${label(orderBy)}) + counts`,
      query: PROJECTS_RECONCILIATIONS,
      variables: () => ({ orderBy }),
    },
    {
      name: `project.reconciliations(${label(orderBy)}) + count`,
      query: PROJECT_RECONCILIATIONS,
      variables: (f) => ({ project: f.project, orderBy, count: true }),
    },
    {
      name: `project.reconciliations(${label(orderBy)}) page 2`,
      query: PROJECT_RECONCILIATIONS,
      variables: (f) => ({ project: f.project, orderBy, count: false }),
      pageAfter: endCursorOf('node', 'reconciliations'),
    },
  ]),
  ...PROJECT_ORDERS.flatMap((orderBy): Shape[] => [
    {
      name: `projects(${label(orderBy)}) + count`,
      query: PROJECTS,
      variables: () => ({ orderBy, count: true }),
    },
    {
      name: `projects(${label(orderBy)}) page 2`,
      query: PROJECTS,
      variables: () => ({ orderBy, count: false }),
      pageAfter: endCursorOf('projects'),
    },
  ]),
  {
    name: 'items first 50 + count, itemsTotal',
    query: ITEMS,
    variables: (f) => ({ reconciliation: f.reconciliation, first: 50, count: true }),
  },
  {
    name: 'items page after the middle',
    query: ITEMS,
    variables: (f) => ({
      reconciliation: f.reconciliation,
      first: 50,
      after: f.middleItemCursor,
      count: false,
    }),
  },
  {
    name: 'items last 50',
    query: ITEMS,
    variables: (f) => ({ reconciliation: f.reconciliation, last: 50, count: false }),
  },
  { name: 'tree 20 projects x 10 x 5 items', query: TREE, variables: () => ({}) },
  { name: 'statusCounts (organization)', query: STATUS_COUNTS, variables: () => ({}) },
  {
    name: 'statusCounts(projectId)',
    query: PROJECT_STATUS_COUNTS,
    variables: (f) => ({ project: f.project }),
  },
  { name: '20 projects x statusCounts', query: PROJECTS_STATUS_COUNTS, variables: () => ({}) },
  { name: 'auditLogs + count', query: AUDIT_LOGS, variables: () => ({ count: true }) },
  {
    name: 'auditLogs page 2',
    query: AUDIT_LOGS,
    variables: () => ({ count: false }),
    pageAfter: endCursorOf('auditLogs'),
  },
  {
    name: 'auditLogs(action) + count',
    query: AUDIT_LOGS,
    variables: () => ({ filter: { action: 'reconciliation.update' }, count: true }),
  },
  {
    name: 'auditLogs(entityId) + count',
    query: AUDIT_LOGS,
    variables: (f) => ({ filter: { entityId: f.project }, count: true }),
  },
  {
    name: 'auditLogs(since 7 days) + count',
    query: AUDIT_LOGS,
    variables: (f) => ({ filter: { since: f.since }, count: true }),
  },
  { name: '20 projects x rules', query: RULES, variables: () => ({}) },
];

// ---------------------------------------------------------------------------------------------
// Plans

/** One node of EXPLAIN's JSON output (the fields read here). */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface ScanNode {
  type: string;
  table: string;
  index: string | null;
  /** Rows the node looked at in all its loops: returned plus removed by a filter or a recheck. */
  rows: number;
}

export interface PlanSummary {
  executionMs: number;
  hit: number;
  read: number;
  scans: ScanNode[];
  /** Rows its Limit nodes returned in all their loops (a page, or a page per parent); null: no Limit. */
  pageRows: number | null;
  /** Nodes in the plan, one line each, indented (for --verbose and failures). */
  tree: string[];
}

export interface StatementPlan {
  text: string;
  params: unknown[];
  custom: PlanSummary | null;
  /** Null for a statement without parameters (its generic plan is its plan). */
  generic: PlanSummary | null;
  error: string | null;
}

export interface ShapeResult {
  shape: string;
  statements: StatementPlan[];
  /** Execution time and buffers of the custom plans, summed over the statements. */
  ms: number;
  hit: number;
  read: number;
  genericMs: number;
  worst: string;
  /** Why the shape fails: sequential scans of a watched table, errors. */
  failures: string[];
  /** Scans that read half a watched table or more without being sequential (reported, not failed). */
  warnings: string[];
}

function summarise(root: PlanNode, executionMs: number): PlanSummary {
  const scans: ScanNode[] = [];
  const tree: string[] = [];
  let pageRows: number | null = null;
  const walk = (node: PlanNode, depth: number) => {
    const loops = node['Actual Loops'] ?? 1;
    if (node['Node Type'] === 'Limit') pageRows = (pageRows ?? 0) + (node['Actual Rows'] ?? 0) * loops;
    const rows =
      ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      loops;
    if (node['Relation Name'] && node['Node Type'].endsWith('Scan')) {
      scans.push({
        type: node['Node Type'],
        table: node['Relation Name'],
        index: node['Index Name'] ?? null,
        rows,
      });
    }
    const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
    const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    tree.push(
      `${'  '.repeat(depth)}${node['Node Type']}${using}${on} (rows ${node['Actual Rows'] ?? 0} x ${loops} loops${
        node['Rows Removed by Filter'] ? `, ${node['Rows Removed by Filter']} filtered` : ''
      }, buffers ${node['Shared Hit Blocks'] ?? 0} hit ${node['Shared Read Blocks'] ?? 0} read)`,
    );
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(root, 0);
  return {
    executionMs,
    hit: root['Shared Hit Blocks'] ?? 0,
    read: root['Shared Read Blocks'] ?? 0,
    scans,
    pageRows,
    tree,
  };
}

type Explained = { Plan: PlanNode; 'Execution Time': number };

function parseExplain(rows: Record<string, unknown>[]): Explained {
  const value = rows[0]?.['QUERY PLAN'];
  const json = (typeof value === 'string' ? JSON.parse(value) : value) as Explained[];
  return json[0]!;
}

/** A parameter as an SQL literal of unknown type, for EXECUTE (the prepared statement types it). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `'${text.replaceAll("'", "''")}'`;
}

const EXPLAIN = 'explain (analyze, buffers, format json)';

async function explainStatement(ex: postgres.Sql, text: string, params: unknown[]): Promise<StatementPlan> {
  const plan: StatementPlan = { text, params, custom: null, generic: null, error: null };
  try {
    // As the API sent it, with its values: PostgreSQL plans for them (a custom plan).
    const custom = parseExplain(await ex.unsafe(`${EXPLAIN} ${text}`, params as never[]));
    plan.custom = summarise(custom.Plan, custom['Execution Time']);
    if (params.length) {
      // The plan a prepared statement may switch to: one for any values (generic).
      await ex.unsafe('set plan_cache_mode = force_generic_plan');
      await ex.unsafe(`prepare plan_check as ${text}`);
      try {
        const generic = parseExplain(
          await ex.unsafe(`${EXPLAIN} execute plan_check(${params.map(literal).join(', ')})`),
        );
        plan.generic = summarise(generic.Plan, generic['Execution Time']);
      } finally {
        await ex.unsafe('deallocate plan_check');
        await ex.unsafe('reset plan_cache_mode');
      }
    }
  } catch (err) {
    plan.error = (err as Error).message;
  }
  return plan;
}

const describeScan = (s: ScanNode) =>
  `${s.type}${s.index ? ` ${s.index}` : ` on ${s.table}`} ${s.rows.toLocaleString('en-US')} rows`;

/**
 * A paged statement whose scan of a watched table reads more than this many rows, and more than
 * this many times the rows its pages returned, is reported: it reads a whole list to return a page
 * (not a failure: at a small scale that can be the right plan).
 */
const OVERREAD_ROWS = 1000;
const OVERREAD_FACTOR = 10;

function judge(shape: string, statements: StatementPlan[], tableRows: Map<string, number>): ShapeResult {
  const failures: string[] = [];
  const warnings: string[] = [];
  let worst: { scan: ScanNode; generic: boolean } | null = null;
  statements.forEach((s, n) => {
    if (s.error) failures.push(`statement ${n + 1}: ${s.error}`);
    for (const [kind, summary] of [
      ['custom', s.custom],
      ['generic', s.generic],
    ] as const) {
      for (const scan of summary?.scans ?? []) {
        if (!worst || scan.rows > worst.scan.rows) worst = { scan, generic: kind === 'generic' };
        const watched = (WATCHED_TABLES as readonly string[]).includes(scan.table);
        if (!watched) continue;
        const page = summary?.pageRows ?? null;
        if (scan.type === 'Seq Scan') {
          failures.push(`statement ${n + 1} (${kind} plan): Seq Scan on ${scan.table}`);
        } else if (page !== null && scan.rows > OVERREAD_ROWS && scan.rows > OVERREAD_FACTOR * page) {
          warnings.push(
            `statement ${n + 1} (${kind} plan): ${describeScan(scan)} read for ${page.toLocaleString('en-US')} rows of pages`,
          );
        } else if (scan.rows >= 0.5 * (tableRows.get(scan.table) ?? Number.POSITIVE_INFINITY)) {
          warnings.push(
            `statement ${n + 1} (${kind} plan): ${describeScan(scan)}, half of ${scan.table} or more`,
          );
        }
      }
    }
  });
  const sum = (f: (p: PlanSummary) => number, kind: 'custom' | 'generic') =>
    statements.reduce(
      (t, s) => t + (s[kind] ? f(s[kind]!) : s.custom && kind === 'generic' ? f(s.custom) : 0),
      0,
    );
  const w = worst as { scan: ScanNode; generic: boolean } | null;
  return {
    shape,
    statements,
    ms: sum((p) => p.executionMs, 'custom'),
    hit: sum((p) => p.hit, 'custom'),
    read: sum((p) => p.read, 'custom'),
    genericMs: sum((p) => p.executionMs, 'generic'),
    worst: w ? `${describeScan(w.scan)}${w.generic ? ' (generic)' : ''}` : '-',
    failures: [...new Set(failures)],
    warnings: [...new Set(warnings)],
  };
}

// ---------------------------------------------------------------------------------------------
// The run

export interface PlanCheckOptions {
  /** The database, migrated and seeded (any scale; the admin of the first demo organization signs in). */
  url: string;
  /** false: `enable_seqscan = off` for every EXPLAIN, so a Seq Scan that survives has no usable index. */
  seqscan?: boolean;
  shapes?: readonly Shape[];
  log?: (line: string) => void;
}

export interface PlanCheck {
  fixtures: Fixtures;
  results: ShapeResult[];
}

const READS = /^\s*(select|with)\b/i;

/** Runs every shape through the API over `url` and explains what it sent. */
export async function checkPlans(options: PlanCheckOptions): Promise<PlanCheck> {
  const log = options.log ?? (() => {});
  const config = loadConfig({
    DATABASE_URL: options.url,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    CACHE_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    DB_POOL_MAX: '2',
    DB_POOL_MIN: '1',
    DB_APPLICATION_NAME: 'plan-check',
    DB_STATEMENT_TIMEOUT_MS: '0',
  });
  let capture: { text: string; params: unknown[] }[] | null = null;
  const database = connectPostgres(options.url, config, {
    onQuery: (text, params) => capture?.push({ text, params: [...params] }),
  });
  const logger = pino({ level: 'silent' });
  // Sessions in memory, as Redis holds them in production: a request costs no session statement.
  const sessions = new SessionCache(new FailOpenCache(new MemoryTaggedCache(100), logger));
  const app = createApp({ database, config, logger, cache: null, sessions });
  // Its own connection: EXPLAIN ANALYZE runs each statement again, outside the API's pool.
  const ex = postgres(options.url, {
    max: 1,
    prepare: false,
    onnotice: () => {},
    connection: { TimeZone: 'UTC', application_name: 'plan-check-explain' },
  });
  try {
    const ask = async (query: string, variables: Record<string, unknown>, token: string | null) => {
      const response = await app.fetch('http://plan-check/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Data; errors?: { message: string }[] };
      if (body.errors?.length || !body.data) {
        throw new Error(`${query.slice(0, 40)}...: ${JSON.stringify(body.errors ?? body)}`);
      }
      return body.data;
    };
    const admin = demoLogins[0]!;
    const signedIn = await ask(
      'mutation PlanSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }',
      { email: admin.email, password: DEMO_PASSWORD },
      null,
    );
    const token = (signedIn.sessionCreate as { token: string | null } | null)?.token;
    if (!token) throw new Error(`cannot sign in as ${admin.email}: is the database seeded?`);

    const fixtures = await findFixtures(ex, admin.email);
    log(
      `organization of ${admin.email}; largest reconciliation: ${fixtures.items.toLocaleString('en-US')} items`,
    );
    if (options.seqscan === false) await ex.unsafe('set enable_seqscan = off');
    const tableRows = new Map(
      (
        await ex<{ relname: string; n: number }[]>`
          select relname, reltuples::float8 as n from pg_class
          where relname = any(${WATCHED_TABLES as unknown as string[]}) and relkind = 'r'`
      ).map((r) => [r.relname, r.n]),
    );

    const results: ShapeResult[] = [];
    for (const shape of options.shapes ?? SHAPES) {
      const variables = shape.variables(fixtures);
      if (shape.pageAfter) {
        const first = await ask(shape.query, { ...variables, after: null }, token);
        variables.after = shape.pageAfter(first);
        if (!variables.after) throw new Error(`${shape.name}: the first page has no end cursor`);
      }
      const sent: { text: string; params: unknown[] }[] = [];
      capture = sent;
      try {
        await ask(shape.query, variables, token);
      } finally {
        capture = null;
      }
      const statements: StatementPlan[] = [];
      for (const s of sent.filter((s) => READS.test(s.text))) {
        statements.push(await explainStatement(ex, s.text, s.params));
      }
      const result = judge(shape.name, statements, tableRows);
      results.push(result);
      log(
        `${result.failures.length ? 'FAIL' : 'ok  '} ${shape.name}: ${statements.length} statements, ${result.ms.toFixed(1)} ms`,
      );
    }
    return { fixtures, results };
  } finally {
    await ex.end({ timeout: 5 });
    await app.dispose();
    await database.close();
  }
}

/** The admin's organization, its reconciliation with the most items, a cursor in their middle. */
async function findFixtures(ex: postgres.Sql, email: string): Promise<Fixtures> {
  const [user] = await ex<{ organization_id: string }[]>`
    select organization_id::text from users where email = ${email}`;
  if (!user) throw new Error(`no user ${email}`);
  const org = user.organization_id;
  const [largest] = await ex<{ reconciliation_id: string; project_id: string; n: number }[]>`
    select i.reconciliation_id::text, r.project_id::text, i.n
      from (select reconciliation_id, count(*)::int as n from reconciliation_items
             where organization_id = ${org}::uuid group by 1 order by 2 desc, 1 limit 1) i
      join reconciliations r on r.id = i.reconciliation_id`;
  if (!largest) throw new Error('the organization has no reconciliation items: is the database seeded?');
  // The item in the middle, its created_at as the API's rows hold it (microseconds, UTC).
  const [middle] = await ex<{ id: string; created_at: string }[]>`
    select id::text, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at
      from reconciliation_items where reconciliation_id = ${largest.reconciliation_id}::uuid
     order by created_at, id offset ${Math.floor(largest.n / 2)} limit 1`;
  const [newest] = await ex<{ since: string }[]>`
    select to_char(least(max(created_at), now()) at time zone 'UTC' - interval '7 days',
                   'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as since
      from reconciliations where organization_id = ${org}::uuid`;
  return {
    organizationId: org,
    project: encodeGlobalId('Project', largest.project_id),
    reconciliation: encodeGlobalId('Reconciliation', largest.reconciliation_id),
    items: largest.n,
    middleItemCursor: encodeCursor(itemOrdering, { id: middle!.id, createdAt: middle!.created_at } as never),
    since: newest!.since,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const pad = (text: string, width: number, right = false) =>
  right ? text.padStart(width) : text.padEnd(width);

/** One table: shape, statements, execution time, buffers, the generic plans' time, worst node, result. */
export function formatTable(results: readonly ShapeResult[]): string {
  const rows = results.map((r) => [
    r.shape,
    String(r.statements.length),
    r.ms.toFixed(1),
    String(r.hit),
    String(r.read),
    r.genericMs.toFixed(1),
    r.worst,
    r.failures.length ? 'FAIL' : r.warnings.length ? 'WARN' : 'PASS',
  ]);
  const header = ['shape', 'stmts', 'ms', 'hit', 'read', 'generic ms', 'worst node', 'result'];
  const right = [false, true, true, true, true, true, false, false];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!, right[i])).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Each failing or warned shape's statements and plans, for finding the cause. */
export function formatDetails(results: readonly ShapeResult[], all = false): string {
  const out: string[] = [];
  for (const r of results) {
    if (!all && !r.failures.length && !r.warnings.length) continue;
    out.push(`\n## ${r.shape}`);
    for (const f of r.failures) out.push(`FAIL ${f}`);
    for (const w of r.warnings) out.push(`WARN ${w}`);
    r.statements.forEach((s, n) => {
      out.push(`-- statement ${n + 1}: ${s.text.replace(/\s+/g, ' ')}`);
      out.push(`   parameters: ${JSON.stringify(s.params).slice(0, 300)}`);
      if (s.error) out.push(`   error: ${s.error}`);
      if (s.custom)
        out.push(
          `   custom plan, ${s.custom.executionMs.toFixed(2)} ms:`,
          ...s.custom.tree.map((t) => `     ${t}`),
        );
      if (s.generic)
        out.push(
          `   generic plan, ${s.generic.executionMs.toFixed(2)} ms:`,
          ...s.generic.tree.map((t) => `     ${t}`),
        );
    });
  }
  return out.join('\n');
}
