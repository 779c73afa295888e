/**
 * The seeded coherence workload, on whatever topology a test file sets up: the cached instances it
 * sends requests to (Targets: an app in process, or HTTP through a proxy, where each request lands
 * on the next instance), an uncached oracle over the same database, and the database itself.
 *
 * A random run spreads a seeded sequence of mutations and queries over the instances, and every
 * query's answer must equal the same query on the oracle at that moment: zero stale reads, and a
 * good share of cache hits. A scripted run checks what reads alone cannot see: after every mutation
 * (repeated, toggled back and forth, created-deleted-created, sessions of one user signing out in
 * turn), its payload, a read through each instance and the oracle, a direct read of the database
 * and the audit rows must agree; and an ETag held by one user gives no 304 to anyone else.
 *
 * Run by test/cache/coherence.test.ts (one Redis), test/cache/redis-cluster.test.ts (a Redis
 * Cluster) and test/api/many-instances.test.ts (three server processes behind nginx).
 */

import { isDeepStrictEqual } from 'node:util';
import { print } from 'graphql';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import type { GraphQLResponse, TestApp } from './app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createRule,
  createUser,
} from './factories.js';
import {
  auditCount,
  projectRow,
  reconciliationRow,
  ruleRow,
  sessionExists,
  settingsRow,
  userIdByEmail,
  uuidOf,
} from './truth.js';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20261128;

/** Where requests go: an app in process (TestApp), or HTTP to a server or a proxy (test/helpers/http-target.ts). */
export type Target = Pick<TestApp, 'request' | 'signIn'>;

export interface CoherenceSetup {
  /** The database the instances share (the fixture is written to it, and the truth read from it). */
  db: Db;
  /**
   * The cached instances, named a, b, c... in messages (at least two). Through a round-robin proxy,
   * the proxy's target given several times: consecutive requests land on different instances.
   */
  instances: Target[];
  /** An instance with no response cache over the same database. */
  oracle: Target;
}

export interface Org {
  /** The organization's uuid and the name its users' emails are under. */
  id: string;
  name: string;
  tokens: string[];
  admin: string;
  projects: string[];
  reconciliations: string[];
  items: string[];
  rules: string[];
}

type Vars = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: payloads are read loosely and compared to the database
type Data = any;
type Gql = {
  data?: Record<string, Record<string, unknown> & { userErrors?: unknown[] }> | null;
  errors?: unknown[];
};

/**
 * Two organizations (north and south), each with an admin and a member signed in (on the first and
 * second instance), two projects, their rules, reconciliations and items. Once per database: the
 * users' emails are fixed.
 */
export async function seedCoherenceOrganizations({ db, instances }: CoherenceSetup): Promise<Org[]> {
  const orgs: Org[] = [];
  for (const name of ['north', 'south']) {
    const org = await createOrganization(db, name);
    await createUser(db, org.id, 'admin', `admin@${name}.test`);
    await createUser(db, org.id, 'member', `member@${name}.test`);
    const entry: Org = {
      id: org.id,
      name,
      tokens: [],
      admin: '',
      projects: [],
      reconciliations: [],
      items: [],
      rules: [],
    };
    for (let p = 0; p < 2; p++) {
      const project = await createProject(db, org.id, { name: `${name} project ${p}` });
      entry.projects.push(encodeGlobalId('Project', project.id));
      entry.rules.push(encodeGlobalId('MatchingRule', (await createRule(db, project, `rule ${p}`)).id));
      for (let r = 0; r < 3; r++) {
        const recon = await createReconciliation(db, project, {
          reference: `${name}-${p}-${r}`,
          amount: `${(r + 1) * 10}.00`,
        });
        entry.reconciliations.push(encodeGlobalId('Reconciliation', recon.id));
        const item = await createItem(db, recon, {
          amount: `${(r + 1) * 5}.00`,
          description: `pay ${name}-${p}-${r}`,
        });
        entry.items.push(encodeGlobalId('ReconciliationItem', item.id));
      }
    }
    entry.admin = await instances[0]!.signIn(`admin@${name}.test`);
    entry.tokens = [entry.admin, await instances[1 % instances.length]!.signIn(`member@${name}.test`)];
    orgs.push(entry);
  }
  return orgs;
}

export interface RandomRunCounts {
  queries: number;
  mutations: number;
  /** Reads answered from the response cache. */
  hits: number;
  /** Reads whose data differed from the oracle's (each also fails the run at once). */
  stale: number;
}

/**
 * `steps` random operations (about 30% mutations, each probed before and after on every instance)
 * over the instances, every read compared to the oracle's at that moment. Fails at the first stale
 * read; at the end, also unless a tenth of the reads were cache hits (the cache was really used).
 */
export async function runRandomWorkload(
  { instances, oracle }: CoherenceSetup,
  orgs: Org[],
  { seed = SEED, steps }: { seed?: number; steps: number },
): Promise<RandomRunCounts> {
  const counts: RandomRunCounts = { queries: 0, mutations: 0, hits: 0, stale: 0 };
  try {
    const random = prng(seed);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const amount = () =>
      `${Math.floor(random() * 100)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;

    const queries: ((o: Org) => [string, Vars])[] = [
      () => [
        print(
          graphql(
            `query CoherenceReconciliations { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }`,
          ),
        ),
        {},
      ],
      () => [
        print(
          graphql(
            `query CoherenceProjects { projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }`,
          ),
        ),
        {},
      ],
      () => [print(graphql(`query CoherenceStatusCounts { statusCounts { status count } }`)), {}],
      (o) => [
        print(
          graphql(
            `query CoherenceReconciliationItems($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }`,
          ),
        ),
        { id: pick(o.reconciliations) },
      ],
      () => [
        print(
          graphql(
            `query CoherenceMatchedCount { reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }`,
          ),
        ),
        {},
      ],
      // a client that selects no id
      (o) => [
        print(
          graphql(
            `query CoherenceProjectPage($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }`,
          ),
        ),
        { p: pick(o.projects) },
      ],
      () => [
        print(
          graphql(
            `query CoherenceUnarchivedCount { viewer { organization { projects(filter: { archived: false }) { totalCount } } } }`,
          ),
        ),
        {},
      ],
      () => [print(graphql(`query CoherenceSettings { settings }`)), {}],
      (o) => [
        print(
          graphql(
            `query CoherenceRule($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }`,
          ),
        ),
        { id: pick(o.rules) },
      ],
    ];

    const mutations: ((o: Org) => [string, Vars, (data: Gql) => void])[] = [
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }`,
          ),
        ),
        {
          input: {
            projectId: pick(o.projects),
            reference: `R${Math.floor(random() * 1e9)}`,
            amount: amount(),
            currency: 'EUR',
          },
        },
        (d) => {
          const id = (d.data?.reconciliationCreate?.reconciliation as { id?: string } | null)?.id;
          if (id) o.reconciliations.push(id);
        },
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }`,
          ),
        ),
        {
          id: pick(o.reconciliations),
          input: random() < 0.5 ? { amount: amount() } : { projectId: pick(o.projects) },
        },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }`,
          ),
        ),
        {
          id: pick(o.reconciliations),
          items: Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({ amount: amount() })),
        },
        (d) => {
          const items = (d.data?.reconciliationItemsAdd?.items as { id: string }[] | null) ?? [];
          o.items.push(...items.map((i) => i.id));
        },
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }`,
          ),
        ),
        { id: pick(o.items) },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: "checked") { userErrors { code } } }`,
          ),
        ),
        { id: pick(o.reconciliations), s: pick(['PENDING', 'MATCHED', 'PARTIALLY_MATCHED', 'UNMATCHED']) },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }`,
          ),
        ),
        { id: pick(o.projects) },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }`,
          ),
        ),
        { id: pick(o.reconciliations) },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }`,
          ),
        ),
        { id: pick(o.projects), n: `Project ${Math.floor(random() * 1000)}` },
        () => {},
      ],
      (o) => [
        random() < 0.5
          ? print(
              graphql(
                `mutation CoherenceProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }`,
              ),
            )
          : print(
              graphql(
                `mutation CoherenceProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }`,
              ),
            ),
        { id: pick(o.projects) },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }`,
          ),
        ),
        {
          id: pick(o.rules),
          input: { tolerance: `${Math.floor(random() * 5)}.00`, enabled: random() < 0.7 },
        },
        () => {},
      ],
      (o) => [
        print(
          graphql(
            `mutation CoherenceMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }`,
          ),
        ),
        {
          input: {
            projectId: pick(o.projects),
            name: `rule ${Math.floor(random() * 100)}`,
            tolerance: '1.00',
          },
        },
        (d) => {
          const id = (d.data?.matchingRuleCreate?.matchingRule as { id?: string } | null)?.id;
          if (id) o.rules.push(id);
        },
      ],
      () => [
        print(
          graphql(
            `mutation CoherenceSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }`,
          ),
        ),
        { s: { n: Math.floor(random() * 10) } },
        () => {},
      ],
    ];

    const check = async (step: number, instance: Target, org: Org, query: string, vars: Vars) => {
      const token = query.includes('settings') ? org.admin : pick(org.tokens);
      const cached = await instance.request(query, vars, { token });
      const truth = await oracle.request(query, vars, { token });
      counts.queries++;
      if (cached.extensions?.responseCache?.hit) counts.hits++;
      if (JSON.stringify(cached.data) !== JSON.stringify(truth.data)) counts.stale++;
      expect(cached.data, `step ${step}: ${query} ${JSON.stringify(vars)}`).toEqual(truth.data);
      expect(cached.errors).toEqual(truth.errors);
    };
    for (let step = 0; step < steps; step++) {
      const org = pick(orgs);
      const instance = instances[Math.floor(random() * instances.length)]!;
      if (random() < 0.3) {
        const [query, vars, after] = pick(mutations)(org);
        // Probe: read what the mutation touches on both instances first (so it is cached), then
        // again after the mutation, on both.
        const probes: [string, Vars][] = [pick(queries)(org)];
        if (
          typeof vars.id === 'string' &&
          vars.id.startsWith(encodeGlobalId('Reconciliation', '').slice(0, 8))
        ) {
          probes.push(queries[3]!(org).map((x, i) => (i === 1 ? { id: vars.id } : x)) as [string, Vars]);
        }
        for (const [q, v] of probes) for (const i of instances) await check(step, i, org, q, v);
        const res = (await instance.request(query, vars, { token: org.admin })) as Gql;
        expect(res.errors, `step ${step}: ${query}`).toBeUndefined();
        after(res);
        counts.mutations++;
        for (const [q, v] of probes) for (const i of instances) await check(step, i, org, q, v);
      } else {
        const [query, vars] = pick(queries)(org);
        await check(step, instance, org, query, vars);
      }
    }
    expect(counts.stale).toBe(0);
    expect(counts.mutations).toBeGreaterThan(steps / 6);
    // The cache was really used: a good share of the reads were hits.
    expect(counts.hits).toBeGreaterThan(counts.queries / 10);
  } finally {
    console.info(
      `coherence (${steps} random steps, ${instances.length} instances): ${JSON.stringify(counts)}`,
    );
  }
  return counts;
}

/**
 * `rounds` scripted scenarios (same mutation repeated, toggled back and forth, created-deleted-created,
 * sessions of one user signing out in turn, revalidation by other users), every mutation step
 * checked against the database. Every disagreement is collected; the run fails with them at the end.
 */
export async function runScriptedWorkload(
  { db, instances, oracle }: CoherenceSetup,
  orgs: Org[],
  { seed = SEED + 1, rounds }: { seed?: number; rounds: number },
): Promise<void> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  /** a, b, c... in messages. */
  const names = instances.map((_, i) => String.fromCharCode(97 + i));
  const unique = () => Math.floor(random() * 1e9).toString(36);
  // Every disagreement is recorded and the run goes on, so one run reports every step that fails.
  const failures: string[] = [];
  const tally = {
    rounds: 0,
    mutationSteps: 0,
    failedSteps: 0,
    revalidations: 0,
    failedRevalidations: 0,
    changedBeforeRevalidation: 0,
    ownerNotModified: 0,
  };
  const byCheck: Record<string, number> = {};
  const agree = (check: string, label: string, actual: unknown, expected: unknown) => {
    if (isDeepStrictEqual(actual, expected)) return;
    failures.push(`${label}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    byCheck[check] = (byCheck[check] ?? 0) + 1;
  };
  const signedOut: string[] = [];

  /** A read through the API and how its answer shows the truth (by default, as it is). */
  interface Read {
    query: string;
    vars: Vars;
    token?: string;
    view: (res: GraphQLResponse<Data>) => unknown;
    of?: (truth: unknown) => unknown;
  }
  const codes = (res: GraphQLResponse<Data>) => res.errors?.map((e) => e.extensions?.code);
  const nodeView = (res: GraphQLResponse<Data>) => (res.errors ? codes(res) : (res.data?.node ?? null));

  /**
   * One mutation step on a random instance: reads through every instance first (so a stale entry
   * would show), then the mutation; after it, the payload, each read on every instance and the
   * uncached oracle, and the audit count must all match the database.
   */
  async function mutate(
    label: string,
    m: {
      org: Org;
      token: string;
      doc: string;
      vars: Vars;
      field: string;
      /** The database's answer, given the payload (a create's id is only known from it). */
      truth: (payload: Data) => Promise<unknown>;
      /** The payload's claim, in the same form. */
      claim: (payload: Data) => unknown;
      reads: (payload: Data | null) => Read[];
      audit: { action: string; entityId?: string | null; delta: number };
    },
  ): Promise<Data> {
    const on = Math.floor(random() * instances.length);
    const at = `${label} (${m.field} on ${names[on]})`;
    const failedBefore = failures.length;
    tally.mutationSteps++;
    for (const read of m.reads(null)) {
      for (const instance of instances)
        await instance.request(read.query, read.vars, { token: read.token ?? m.token });
    }
    const audits = await auditCount(db, m.org.id, m.audit.action, m.audit.entityId);
    const res = await instances[on]!.request<Data, Vars>(m.doc, m.vars, { token: m.token });
    const payload = res.data?.[m.field] ?? null;
    agree('errors', `${at}: errors`, codes(res), undefined);
    agree('userErrors', `${at}: userErrors`, payload?.userErrors, []);
    const truth = await m.truth(payload);
    agree('payload vs database', `${at}: payload vs database`, payload ? m.claim(payload) : null, truth);
    for (const read of m.reads(payload)) {
      const expected = read.of ? read.of(truth) : truth;
      for (const [which, instance] of [
        ...instances.map((t, i) => [names[i]!, t] as const),
        ['oracle', oracle] as const,
      ]) {
        const got = await instance.request<Data, Vars>(read.query, read.vars, {
          token: read.token ?? m.token,
        });
        agree(
          `read through ${which}`,
          `${at}: read through ${which} vs database (${read.query})`,
          read.view(got),
          expected,
        );
      }
    }
    const added = (await auditCount(db, m.org.id, m.audit.action, m.audit.entityId)) - audits;
    agree('audit rows', `${at}: audit rows added (${m.audit.action})`, added, m.audit.delta);
    if (failures.length > failedBefore) tally.failedSteps++;
    return payload;
  }

  const PROJECT_NODE = print(
    graphql(`query CoherenceProjectNode($id: ID!) { node(id: $id) { ... on Project { name archived } } }`),
  );
  const ARCHIVED_LIST = print(
    graphql(
      `query CoherenceArchivedList($s: String!) { projects(first: 100, filter: { archived: true, search: $s }) { edges { node { id } } } }`,
    ),
  );
  const RECON_NODE = print(
    graphql(
      `query CoherenceReconciliationNode($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount status } } }`,
    ),
  );
  const MATCHED_LIST = print(
    graphql(
      `query CoherenceMatchedList($p: ID!) { reconciliations(first: 100, filter: { projectId: $p, status: [MATCHED] }) { edges { node { id } } } }`,
    ),
  );
  const RULE_NODE = print(
    graphql(`query CoherenceRuleNode($id: ID!) { node(id: $id) { ... on MatchingRule { name enabled } } }`),
  );
  const PROJECT_RULES = print(
    graphql(
      `query CoherenceProjectRules($p: ID!) { node(id: $p) { ... on Project { rules { id enabled } } } }`,
    ),
  );

  const projectTruth = (id: string) => () => projectRow(db, id);
  const projectReads = (id: string, search: string) => (): Read[] => [
    { query: PROJECT_NODE, vars: { id }, view: nodeView },
    {
      query: ARCHIVED_LIST,
      vars: { s: search },
      view: (r) => r.data?.projects.edges.some((e: Data) => e.node.id === id) ?? codes(r),
      of: (t) => (t as { archived: boolean } | null)?.archived ?? false,
    },
  ];
  // numeric(_, 6) in the table, two places in the API: compare the numbers, not the digits.
  const decimal = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);
  const reconciliationShown = (r: { reference: string; amount: string; status: string } | null) =>
    r && { reference: r.reference, amount: decimal(r.amount), status: r.status.toUpperCase() };
  const reconciliationTruth = async (id: string) => reconciliationShown(await reconciliationRow(db, id));
  const reconciliationReads = (id: string, projectId: string): Read[] => [
    {
      query: RECON_NODE,
      vars: { id },
      view: (r) => (r.errors ? codes(r) : reconciliationShown(r.data?.node ?? null)),
    },
    {
      query: MATCHED_LIST,
      vars: { p: projectId },
      view: (r) => r.data?.reconciliations.edges.some((e: Data) => e.node.id === id) ?? codes(r),
      of: (t) => (t as { status: string } | null)?.status === 'MATCHED',
    },
  ];
  const ruleReads = (id: string, projectId: string): Read[] => [
    { query: RULE_NODE, vars: { id }, view: nodeView },
    {
      query: PROJECT_RULES,
      vars: { p: projectId },
      view: (r) => {
        const rule = r.data?.node?.rules.find((x: Data) => x.id === id);
        return rule ? { enabled: rule.enabled } : null;
      },
      of: (t) => (t ? { enabled: (t as { enabled: boolean }).enabled } : null),
    },
  ];

  // The steps scenarios are made of. Each is one checked mutation.
  const projectCreate = (label: string, org: Org, token: string, name: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceProjectCreate($n: String!) { projectCreate(input: { name: $n }) { project { id name archived } userErrors { code } } }`,
        ),
      ),
      vars: { n: name },
      field: 'projectCreate',
      truth: async (p) => (p?.project ? projectRow(db, p.project.id) : 'no project in the payload'),
      claim: (p) => p.project && { name: p.project.name, archived: p.project.archived },
      reads: (p) => (p?.project ? projectReads(p.project.id, name)() : []),
      audit: { action: 'project.create', delta: 1 },
    });
  const setArchived = async (
    label: string,
    org: Org,
    token: string,
    id: string,
    name: string,
    to: boolean,
  ) => {
    const was = (await projectRow(db, id))?.archived;
    const field = to ? 'projectArchive' : 'projectUnarchive';
    return mutate(label, {
      org,
      token,
      doc: `mutation($id: ID!) { ${field}(id: $id) { project { name archived } userErrors { code } } }`,
      vars: { id },
      field,
      truth: projectTruth(id),
      claim: (p) => p.project,
      reads: projectReads(id, name),
      // Archiving an archived project changes nothing and writes nothing.
      audit: {
        action: to ? 'project.archive' : 'project.unarchive',
        entityId: uuidOf(id),
        delta: was === to ? 0 : 1,
      },
    });
  };
  const rename = (label: string, org: Org, token: string, id: string, name: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { project { name archived } userErrors { code } } }`,
        ),
      ),
      vars: { id, n: name },
      field: 'projectUpdate',
      truth: projectTruth(id),
      claim: (p) => p.project,
      reads: projectReads(id, name),
      audit: { action: 'project.update', entityId: uuidOf(id), delta: 1 },
    });
  const settingsUpdate = (label: string, org: Org, value: Record<string, unknown>) =>
    mutate(label, {
      org,
      token: org.admin,
      doc: print(
        graphql(
          `mutation CoherenceScenarioSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }`,
        ),
      ),
      vars: { s: value },
      field: 'settingsUpdate',
      truth: () => settingsRow(db, org.id),
      claim: (p) => p.settings,
      reads: () => [
        {
          query: print(graphql(`query CoherenceSettings { settings }`)),
          vars: {},
          view: (r) => r.data?.settings ?? codes(r),
        },
      ],
      audit: { action: 'settings.update', entityId: null, delta: 1 },
    });
  const reconciliationCreate = (
    label: string,
    org: Org,
    token: string,
    projectId: string,
    reference: string,
  ) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference amount status } userErrors { code } } }`,
        ),
      ),
      vars: { input: { projectId, reference, amount: '12.50', currency: 'EUR' } },
      field: 'reconciliationCreate',
      truth: async (p) =>
        p?.reconciliation ? reconciliationTruth(p.reconciliation.id) : 'no reconciliation',
      claim: (p) => reconciliationShown(p.reconciliation),
      reads: (p) => (p?.reconciliation ? reconciliationReads(p.reconciliation.id, projectId) : []),
      audit: { action: 'reconciliation.create', delta: 1 },
    });
  const reconciliationDelete = (label: string, org: Org, token: string, id: string, projectId: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }`,
        ),
      ),
      vars: { id },
      field: 'reconciliationDelete',
      truth: () => reconciliationTruth(id),
      // Deleted: the database must hold nothing, and the payload must name that id.
      claim: (p) => (p.deletedId === id ? null : { deletedId: p.deletedId }),
      reads: () => reconciliationReads(id, projectId),
      audit: { action: 'reconciliation.delete', entityId: uuidOf(id), delta: 1 },
    });
  const statusSet = (label: string, org: Org, token: string, id: string, projectId: string, status: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: "checked") { reconciliation { reference amount status } userErrors { code } } }`,
        ),
      ),
      vars: { id, s: status },
      field: 'reconciliationStatusSet',
      truth: () => reconciliationTruth(id),
      claim: (p) => reconciliationShown(p.reconciliation),
      reads: () => reconciliationReads(id, projectId),
      audit: { action: 'reconciliation.status_set', entityId: uuidOf(id), delta: 1 },
    });
  const ruleCreate = (label: string, org: Org, token: string, projectId: string, name: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id name enabled } userErrors { code } } }`,
        ),
      ),
      vars: { input: { projectId, name, tolerance: '1.00' } },
      field: 'matchingRuleCreate',
      truth: async (p) => (p?.matchingRule ? ruleRow(db, p.matchingRule.id) : 'no rule'),
      claim: (p) => p.matchingRule && { name: p.matchingRule.name, enabled: p.matchingRule.enabled },
      reads: (p) => (p?.matchingRule ? ruleReads(p.matchingRule.id, projectId) : []),
      audit: { action: 'matching_rule.create', delta: 1 },
    });
  const ruleDelete = (label: string, org: Org, token: string, id: string, projectId: string) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId userErrors { code } } }`,
        ),
      ),
      vars: { id },
      field: 'matchingRuleDelete',
      truth: () => ruleRow(db, id),
      claim: (p) => (p.deletedId === id ? null : { deletedId: p.deletedId }),
      reads: () => ruleReads(id, projectId),
      audit: { action: 'matching_rule.delete', entityId: uuidOf(id), delta: 1 },
    });
  const ruleEnable = (
    label: string,
    org: Org,
    token: string,
    id: string,
    projectId: string,
    enabled: boolean,
  ) =>
    mutate(label, {
      org,
      token,
      doc: print(
        graphql(
          `mutation CoherenceScenarioMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { matchingRule { name enabled } userErrors { code } } }`,
        ),
      ),
      vars: { id, input: { enabled } },
      field: 'matchingRuleUpdate',
      truth: () => ruleRow(db, id),
      claim: (p) => p.matchingRule,
      reads: () => ruleReads(id, projectId),
      audit: { action: 'matching_rule.update', entityId: uuidOf(id), delta: 1 },
    });
  const signOut = async (label: string, org: Org, email: string, token: string, all: string[]) => {
    const userId = await userIdByEmail(db, email);
    const viewerReads = (): Read[] =>
      all.map((t) => ({
        query: print(graphql(`query CoherenceViewerEmail { viewer { email } }`)),
        vars: {},
        token: t,
        view: (r) => r.data?.viewer?.email ?? codes(r)?.[0],
      }));
    // Each token's read must show whether its own session row exists.
    const truths = async () => {
      const out: unknown[] = [];
      for (const t of all) out.push((await sessionExists(db, t)) ? email : 'UNAUTHENTICATED');
      return out;
    };
    return mutate(label, {
      org,
      token,
      doc: print(graphql(`mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }`)),
      vars: {},
      field: 'sessionDelete',
      truth: async () => ({ signedOut: !(await sessionExists(db, token)), reads: await truths() }),
      claim: () => ({
        signedOut: true,
        reads: all.map((t) => (t === token || signedOut.includes(t) ? 'UNAUTHENTICATED' : email)),
      }),
      reads: () =>
        viewerReads().map((read, i) => ({
          ...read,
          of: (t) => (t as { reads: unknown[] }).reads[i],
        })),
      audit: { action: 'session.delete', entityId: userId, delta: 1 },
    });
  };

  /** A client holding a response and its ETag: what do others get with that ETag? */
  async function revalidation(label: string, org: Org) {
    const owner = pick(org.tokens);
    const other = orgs.find((o) => o !== org)!;
    const query = pick([
      print(
        graphql(
          `query CoherenceRecentlyUpdated { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status } } } }`,
        ),
      ),
      print(
        graphql(
          `query CoherenceFirstProjects { projects(first: 5) { totalCount edges { node { name archived } } } }`,
        ),
      ),
      print(graphql(`query CoherenceStatusCounts { statusCounts { status count } }`)),
      print(graphql(`query CoherenceViewerRole { viewer { email role } }`)),
    ]);
    const [first, second] = pick([[0, 1] as const, [1, 0] as const]);
    const held = await instances[first]!.request<Data, Vars>(query, {}, { token: owner });
    const etag = held.headers.get('etag');
    tally.revalidations++;
    const failedBefore = failures.length;
    if (!etag) agree('ETag', `${label}: a cached read carries an ETag (${query})`, null, 'an ETag');
    else {
      if (random() < 0.5) {
        // Someone changes what the read shows, and the owner reads again: the entry is re-cached.
        tally.changedBeforeRevalidation++;
        const project = await projectCreate(`${label} change`, org, org.admin, `RV ${unique()}`);
        if (project?.project) {
          await reconciliationCreate(`${label} change`, org, org.admin, project.project.id, `RV${unique()}`);
        }
        await instances[second]!.request(query, {}, { token: owner });
      }
      const callers: [string, Record<string, string>][] = [
        ['another organization', { authorization: `Bearer ${other.admin}` }],
        ['another user', { authorization: `Bearer ${org.tokens.find((t) => t !== owner)!}` }],
        ['a signed-out token', { authorization: `Bearer ${pick(signedOut)}` }],
        ['Authorization: x', { authorization: 'x' }],
        ['no Authorization', {}],
      ];
      const shown = (r: GraphQLResponse<Data>) => ({ status: r.status, data: r.data, errors: codes(r) });
      for (const [who, headers] of callers) {
        const truth = shown(await oracle.request(query, {}, { headers }));
        for (const [i, instance] of instances.entries()) {
          const got = await instance.request(query, {}, { headers: { ...headers, 'if-none-match': etag } });
          agree(
            'revalidation by others',
            `${label}: ${who} revalidating on ${names[i]} (${query})`,
            shown(got),
            truth,
          );
        }
      }
      // The owner may get 304 only if the copy it holds is still what the database says.
      const truth = await oracle.request<Data, Vars>(query, {}, { token: owner });
      for (const i of [second, first]) {
        const got = await instances[i]!.request<Data, Vars>(
          query,
          {},
          {
            token: owner,
            headers: { 'if-none-match': etag },
          },
        );
        if (got.status === 304) tally.ownerNotModified++;
        agree(
          'revalidation by the owner',
          `${label}: the owner revalidating on ${names[i]} (${query}, status ${got.status})`,
          got.status === 304 ? held.data : got.data,
          truth.data,
        );
      }
    }
    if (failures.length > failedBefore) tally.failedRevalidations++;
  }

  // Scenarios, in a seeded order that covers every kind equally.
  const scenarios: Record<string, (label: string, org: Org) => Promise<void>> = {
    'same mutation repeated': async (label, org) => {
      const token = pick(org.tokens);
      const project = (await projectCreate(`${label} setup`, org, token, `Rep ${unique()}`))?.project?.id;
      if (!project) return;
      const kind = pick([
        'projectUpdate',
        'settingsUpdate',
        'statusSet',
        'projectCreate',
        'ruleUpdate',
      ] as const);
      const times = 2 + Math.floor(random() * 2);
      if (kind === 'projectUpdate') {
        const name = `Same ${unique()}`;
        for (let i = 0; i < times; i++) await rename(`${label} #${i + 1}`, org, token, project, name);
      } else if (kind === 'settingsUpdate') {
        const value = { same: unique() };
        for (let i = 0; i < times; i++) await settingsUpdate(`${label} #${i + 1}`, org, value);
      } else if (kind === 'statusSet') {
        const created = await reconciliationCreate(`${label} setup`, org, token, project, `S${unique()}`);
        const status = pick(['MATCHED', 'UNMATCHED', 'PARTIALLY_MATCHED']);
        for (let i = 0; i < times; i++) {
          await statusSet(`${label} #${i + 1}`, org, token, created.reconciliation.id, project, status);
        }
      } else if (kind === 'projectCreate') {
        const name = `Twice ${unique()}`;
        const ids = new Set<string>();
        for (let i = 0; i < times; i++) {
          const created = await projectCreate(`${label} #${i + 1}`, org, token, name);
          agree('new id', `${label} #${i + 1}: a new project`, ids.has(created?.project?.id), false);
          ids.add(created?.project?.id);
        }
      } else {
        const rule = await ruleCreate(`${label} setup`, org, token, project, `rule ${unique()}`);
        for (let i = 0; i < times; i++) {
          await ruleEnable(`${label} #${i + 1}`, org, token, rule.matchingRule.id, project, false);
        }
      }
    },
    'toggled back and forth': async (label, org) => {
      const token = pick(org.tokens);
      const name = `Tog ${unique()}`;
      const project = (await projectCreate(`${label} setup`, org, token, name))?.project?.id;
      if (!project) return;
      const kind = pick(['archive', 'rename', 'settings', 'status', 'rule'] as const);
      const turns = 3 + Math.floor(random() * 2);
      if (kind === 'archive') {
        for (let i = 0; i < turns; i++)
          await setArchived(`${label} #${i + 1}`, org, token, project, name, i % 2 === 0);
      } else if (kind === 'rename') {
        const [x, y] = [`${name} A`, `${name} B`];
        for (let i = 0; i < turns; i++)
          await rename(`${label} #${i + 1}`, org, token, project, i % 2 ? y : x);
      } else if (kind === 'settings') {
        const [x, y] = [{ mode: 'a', n: unique() }, { mode: 'b' }];
        for (let i = 0; i < turns; i++) await settingsUpdate(`${label} #${i + 1}`, org, i % 2 ? y : x);
      } else if (kind === 'status') {
        const created = await reconciliationCreate(`${label} setup`, org, token, project, `T${unique()}`);
        const id = created.reconciliation.id;
        for (let i = 0; i < turns; i++) {
          await statusSet(`${label} #${i + 1}`, org, token, id, project, i % 2 ? 'PENDING' : 'MATCHED');
        }
      } else {
        const rule = await ruleCreate(`${label} setup`, org, token, project, `rule ${unique()}`);
        for (let i = 0; i < turns; i++) {
          await ruleEnable(`${label} #${i + 1}`, org, token, rule.matchingRule.id, project, i % 2 === 1);
        }
      }
    },
    'create, delete, create': async (label, org) => {
      const token = pick(org.tokens);
      const project = (await projectCreate(`${label} setup`, org, token, `Cdc ${unique()}`))?.project?.id;
      if (!project) return;
      if (random() < 0.5) {
        const reference = `CDC${unique()}`;
        const first = await reconciliationCreate(`${label} create`, org, token, project, reference);
        await reconciliationDelete(`${label} delete`, org, token, first.reconciliation.id, project);
        const again = await reconciliationCreate(`${label} create again`, org, token, project, reference);
        agree('new id', `${label}: a new id`, again?.reconciliation?.id === first.reconciliation.id, false);
      } else {
        const name = `rule ${unique()}`;
        const first = await ruleCreate(`${label} create`, org, token, project, name);
        await ruleDelete(`${label} delete`, org, token, first.matchingRule.id, project);
        const again = await ruleCreate(`${label} create again`, org, token, project, name);
        agree('new id', `${label}: a new id`, again?.matchingRule?.id === first.matchingRule.id, false);
      }
    },
    'sessions of one user signing out in turn': async (label, org) => {
      const email = `member@${org.name}.test`;
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++) tokens.push(await pick(instances).signIn(email));
      const order = [...tokens].sort(() => random() - 0.5);
      for (const [i, token] of order.entries()) {
        await signOut(`${label} #${i + 1}`, org, email, token, tokens);
        signedOut.push(token);
      }
    },
    'revalidation by other users': revalidation,
  };
  // One signed-out token exists before the first revalidation.
  const gone = await instances[0]!.signIn(`member@${orgs[0]!.name}.test`);
  await instances[1]!.request(
    print(graphql(`mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }`)),
    {},
    { token: gone },
  );
  signedOut.push(gone);

  const kinds = Object.keys(scenarios);
  for (let round = 0; round < rounds; round++) {
    const kind = kinds[round % kinds.length]!;
    const org = pick(orgs);
    const label = `round ${round} ${kind} (${org.name})`;
    tally.rounds++;
    try {
      await scenarios[kind]!(label, org);
    } catch (err) {
      failures.push(`${label}: threw ${(err as Error).message}`);
    }
  }
  console.info(
    `coherence (${rounds} scripted rounds, ${instances.length} instances): ${JSON.stringify({ ...tally, failures: byCheck })}`,
  );
  if (failures.length) console.info(failures.slice(0, 60).join('\n'));
  expect({ failed: failures.length, first: failures.slice(0, 5) }).toEqual({ failed: 0, first: [] });
  expect(tally.mutationSteps).toBeGreaterThan(rounds * 2);
}
