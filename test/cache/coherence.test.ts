/**
 * Coherence under a random workload: two server instances share one Redis and one database; a
 * seeded random sequence of mutations and queries is spread over both, and every query's answer
 * must equal the same query on an uncached instance at that moment. Zero stale reads.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createRule,
  createUser,
} from '../helpers/factories.js';

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

const SEED = 20261128;
const STEPS = 600;

interface Org {
  tokens: string[];
  admin: string;
  projects: string[];
  reconciliations: string[];
  items: string[];
  rules: string[];
}

type Vars = Record<string, unknown>;
type Gql = {
  data?: Record<string, Record<string, unknown> & { userErrors?: unknown[] }> | null;
  errors?: unknown[];
};

describe('cache coherence', () => {
  let a: TestApp;
  let b: TestApp;
  let oracle: TestApp;
  const orgs: Org[] = [];
  const counts = { queries: 0, mutations: 0, hits: 0, stale: 0 };

  beforeAll(async () => {
    const prefix = `${inject('runId')}:coherence:`;
    a = await createTestApp('coherence', {}, { cache: 'redis', redisPrefix: prefix });
    b = await createTestApp('coherence-b', {}, { cache: 'redis', redisPrefix: prefix, shareDatabaseWith: a });
    oracle = await createTestApp('coherence-o', {}, { cache: 'none', shareDatabaseWith: a });
    const db = a.database.db;
    for (const name of ['north', 'south']) {
      const org = await createOrganization(db, name);
      await createUser(db, org.id, 'admin', `admin@${name}.test`);
      await createUser(db, org.id, 'member', `member@${name}.test`);
      const entry: Org = { tokens: [], admin: '', projects: [], reconciliations: [], items: [], rules: [] };
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
      entry.admin = await a.signIn(`admin@${name}.test`);
      entry.tokens = [entry.admin, await b.signIn(`member@${name}.test`)];
      orgs.push(entry);
    }
  });
  afterAll(async () => {
    console.info(`coherence: ${JSON.stringify(counts)}`);
    await oracle?.close();
    await b?.close();
    await a?.close();
  });

  it(`answers ${STEPS} random operations on two cached instances exactly as an uncached one`, async () => {
    const random = prng(SEED);
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const amount = () =>
      `${Math.floor(random() * 100)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;

    const queries: ((o: Org) => [string, Vars])[] = [
      () => [
        '{ reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }',
        {},
      ],
      () => [
        '{ projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }',
        {},
      ],
      () => ['{ statusCounts { status count } }', {}],
      (o) => [
        'query($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }',
        { id: pick(o.reconciliations) },
      ],
      () => ['{ reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }', {}],
      // a client that selects no id
      (o) => [
        'query($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }',
        { p: pick(o.projects) },
      ],
      () => ['{ viewer { organization { projects(filter: { archived: false }) { totalCount } } } }', {}],
      () => ['{ settings }', {}],
      (o) => [
        'query($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }',
        { id: pick(o.rules) },
      ],
    ];

    const mutations: ((o: Org) => [string, Vars, (data: Gql) => void])[] = [
      (o) => [
        'mutation($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }',
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
        'mutation($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }',
        {
          id: pick(o.reconciliations),
          input: random() < 0.5 ? { amount: amount() } : { projectId: pick(o.projects) },
        },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }',
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
        'mutation($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }',
        { id: pick(o.items) },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: "checked") { userErrors { code } } }',
        { id: pick(o.reconciliations), s: pick(['PENDING', 'MATCHED', 'PARTIALLY_MATCHED', 'UNMATCHED']) },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }',
        { id: pick(o.projects) },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }',
        { id: pick(o.reconciliations) },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }',
        { id: pick(o.projects), n: `Project ${Math.floor(random() * 1000)}` },
        () => {},
      ],
      (o) => [
        random() < 0.5
          ? 'mutation($id: ID!) { projectArchive(id: $id) { userErrors { code } } }'
          : 'mutation($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }',
        { id: pick(o.projects) },
        () => {},
      ],
      (o) => [
        'mutation($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }',
        {
          id: pick(o.rules),
          input: { tolerance: `${Math.floor(random() * 5)}.00`, enabled: random() < 0.7 },
        },
        () => {},
      ],
      (o) => [
        'mutation($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }',
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
        'mutation($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }',
        { s: { n: Math.floor(random() * 10) } },
        () => {},
      ],
    ];

    const check = async (step: number, instance: TestApp, org: Org, query: string, vars: Vars) => {
      const token = query.includes('settings') ? org.admin : pick(org.tokens);
      const cached = await instance.request(query, vars, { token });
      const truth = await oracle.request(query, vars, { token });
      counts.queries++;
      if (cached.extensions?.responseCache?.hit) counts.hits++;
      if (JSON.stringify(cached.data) !== JSON.stringify(truth.data)) counts.stale++;
      expect(cached.data, `step ${step}: ${query} ${JSON.stringify(vars)}`).toEqual(truth.data);
      expect(cached.errors).toEqual(truth.errors);
    };
    for (let step = 0; step < STEPS; step++) {
      const org = pick(orgs);
      const instance = random() < 0.5 ? a : b;
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
        for (const [q, v] of probes) for (const i of [a, b]) await check(step, i, org, q, v);
        const res = (await instance.request(query, vars, { token: org.admin })) as Gql;
        expect(res.errors, `step ${step}: ${query}`).toBeUndefined();
        after(res);
        counts.mutations++;
        for (const [q, v] of probes) for (const i of [a, b]) await check(step, i, org, q, v);
      } else {
        const [query, vars] = pick(queries)(org);
        await check(step, instance, org, query, vars);
      }
    }
    expect(counts.stale).toBe(0);
    expect(counts.mutations).toBeGreaterThan(100);
    // The cache was really used: a good share of the reads were hits.
    expect(counts.hits).toBeGreaterThan(counts.queries / 10);
  });
});
