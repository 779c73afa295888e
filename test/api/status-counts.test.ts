/**
 * The status counter (drizzle/0003_status_counts.sql: the guide's recon:count:status, kept by
 * statement-level triggers) stays exact under concurrent writes: API writers of every kind in
 * parallel with SQL writers whose transactions roll back after the counter moved, then every
 * counter row is compared with a count of the reconciliations. And statements that change the same
 * projects' counts in opposite row orders never deadlock on the counter.
 */
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { decodeIdOf, encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';

const STATUSES = ['pending', 'matched', 'partially_matched', 'unmatched'] as const;
type Status = (typeof STATUSES)[number];

// Documents as strings: the typed-document map (test/gql) is generated and shared with other work.
const CREATE = `mutation StatusCountsCreate($input: ReconciliationInput!) {
  reconciliationCreate(input: $input) { reconciliation { id } userErrors { code message } } }`;
const UPDATE = `mutation StatusCountsUpdate($id: ID!, $input: ReconciliationInput!) {
  reconciliationUpdate(id: $id, input: $input) { reconciliation { id } userErrors { code message } } }`;
const STATUS_SET = `mutation StatusCountsStatusSet($id: ID!, $status: ReconciliationStatus!) {
  reconciliationStatusSet(id: $id, status: $status, reason: "test") { userErrors { code message } } }`;
const DELETE = `mutation StatusCountsDelete($id: ID!) {
  reconciliationDelete(id: $id) { userErrors { code message } } }`;
const MATCH = `mutation StatusCountsMatch($id: ID!) {
  reconciliationsMatch(projectId: $id) { userErrors { code message } } }`;
const ITEMS_ADD = `mutation StatusCountsItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) {
  reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code message } } }`;
const ARCHIVE = `mutation StatusCountsArchive($id: ID!) { projectArchive(id: $id) { userErrors { code message } } }`;
const UNARCHIVE = `mutation StatusCountsUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code message } } }`;
const ORG_COUNTS = `query StatusCountsOrg { statusCounts { status count } }`;
const PROJECT_COUNTS = `query StatusCountsProject($id: ID!) { statusCounts(projectId: $id) { status count } }`;

/** mulberry32: seeded randomness, so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const gid = (type: 'Project' | 'Reconciliation', id: string) => encodeGlobalId(type, id);

/** Counter rows that differ from a count of the reconciliations (zeros on either side are equal). */
async function drift(sql: Sql) {
  return sql`
    with truth as (select organization_id, project_id, status, count(*)::int as n
                     from reconciliations group by 1, 2, 3),
         counter as (select organization_id, project_id, status, count as n
                       from reconciliation_status_counts where count > 0)
    select coalesce(t.project_id, c.project_id)::text as project, coalesce(t.status, c.status)::text as status,
           t.n as truth, c.n as counter
      from truth t full join counter c
        on c.organization_id = t.organization_id and c.project_id = t.project_id and c.status = t.status
     where t.n is distinct from c.n`;
}

describe('status counter', () => {
  let t: TestApp;
  let sql: Sql;
  let tokens: string[];
  let otherToken: string;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp('status_counts', {}, { sessionsInRedis: true, poolMax: 8 });
    const [row] = await t.database.sql!<{ db: string }[]>`select current_database() as db`;
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${row!.db}`;
    sql = postgres(url.toString(), { max: 6, onnotice: () => {} });
    const org = await createOrganization(t.database.db);
    orgId = org.id;
    tokens = [];
    for (let i = 0; i < 4; i++) {
      await createUser(t.database.db, org.id, 'member', `writer${i}@counts.test`);
      tokens.push(await t.signIn(`writer${i}@counts.test`));
    }
    // Another organization writing at the same time: its counts must not leak into ours.
    const other = await createOrganization(t.database.db);
    await createUser(t.database.db, other.id, 'member', 'other@counts.test');
    otherToken = await t.signIn('other@counts.test');
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await t?.close();
  });

  it('equals a count of the reconciliations after concurrent writes of every kind, rollbacks included', async () => {
    const db = t.database.db;
    const projects: { id: string; organizationId: string }[] = [];
    for (let p = 0; p < 6; p++) projects.push(await createProject(db, orgId, { name: `Counted ${p}` }));
    const doomed = await createProject(db, orgId, { name: 'Deleted mid-run' });
    const otherOrg = (
      await sql<{ id: string }[]>`select organization_id::text as id from users
                                                  where email = 'other@counts.test'`
    )[0]!.id;
    const otherProject = await createProject(db, otherOrg, { name: 'Other tenant' });
    // A starting population in every status, items on some so matching changes statuses.
    const recs: { id: string; projectId: string }[] = [];
    for (const [i, project] of [...projects, doomed].entries()) {
      for (let r = 0; r < 12; r++) {
        const rec = await createReconciliation(db, project, {
          reference: `SEED-${i}-${r}`,
          amount: '30.00',
          status: STATUSES[r % 4]!,
        });
        if (r % 3 === 0) await createItem(db, rec, { amount: r % 2 ? '30.00' : '10.00' });
        recs.push({ id: rec.id, projectId: project.id });
      }
    }
    expect(await drift(sql)).toEqual([]);

    const codes: Record<string, number> = {};
    const unexpected: unknown[] = [];
    const note = (response: { data?: unknown; errors?: unknown }) => {
      if (response.errors) unexpected.push(response.errors);
      const payload = Object.values((response.data ?? {}) as Record<string, { userErrors?: unknown }>)[0] as
        | { userErrors?: { code: string; message: string }[] }
        | undefined;
      for (const e of payload?.userErrors ?? []) {
        codes[e.code] = (codes[e.code] ?? 0) + 1;
        // BUSY (a lock wait past lock_timeout, or a deadlock lost to the SQL writers below, which
        // do not take the API's project-first lock order) rolls the write back whole, like the others.
        if (!['DUPLICATE_REFERENCE', 'PROJECT_ARCHIVED', 'NOT_FOUND', 'BUSY'].includes(e.code))
          unexpected.push(e);
      }
    };

    const apiWriter = async (w: number) => {
      const rnd = random(1000 + w);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
      const token = tokens[w]!;
      for (let op = 0; op < 45; op++) {
        const project = pick([...projects, doomed]);
        const rec = pick(recs);
        const roll = rnd();
        if (roll < 0.25) {
          // Some references repeat on purpose: DUPLICATE_REFERENCE rolls the insert back.
          const response = await t.request(
            CREATE,
            {
              input: {
                projectId: gid('Project', project.id),
                reference: `API-${Math.floor(rnd() * 40)}`,
                amount: '30.00',
                currency: 'EUR',
              },
            },
            { token },
          );
          note(response);
          const created = (response.data as { reconciliationCreate?: { reconciliation?: { id: string } } })
            ?.reconciliationCreate?.reconciliation;
          if (created) recs.push({ id: decodeIdOf(created.id, 'Reconciliation'), projectId: project.id });
        } else if (roll < 0.45) {
          note(
            await t.request(
              STATUS_SET,
              { id: gid('Reconciliation', rec.id), status: pick(STATUSES).toUpperCase() },
              { token },
            ),
          );
        } else if (roll < 0.6) {
          // A move to another project; a reference taken there rolls it back (DUPLICATE_REFERENCE).
          note(
            await t.request(
              UPDATE,
              {
                id: gid('Reconciliation', rec.id),
                input: {
                  projectId: gid('Project', project.id),
                  ...(rnd() < 0.3 ? { reference: `API-${Math.floor(rnd() * 40)}` } : {}),
                },
              },
              { token },
            ),
          );
        } else if (roll < 0.7) {
          note(await t.request(DELETE, { id: gid('Reconciliation', rec.id) }, { token }));
        } else if (roll < 0.8) {
          note(
            await t.request(
              ITEMS_ADD,
              { id: gid('Reconciliation', rec.id), items: [{ amount: '10.00' }] },
              { token },
            ),
          );
        } else if (roll < 0.93) {
          note(await t.request(MATCH, { id: gid('Project', project.id) }, { token }));
        } else {
          // Archived for a moment: writes to it in between are refused (PROJECT_ARCHIVED).
          note(await t.request(ARCHIVE, { id: gid('Project', project.id) }, { token }));
          note(await t.request(UNARCHIVE, { id: gid('Project', project.id) }, { token }));
        }
      }
    };

    // Another tenant writing at the same time, into its own project.
    const otherWriter = async () => {
      for (let i = 0; i < 20; i++) {
        note(
          await t.request(
            CREATE,
            {
              input: {
                projectId: gid('Project', otherProject.id),
                reference: `OTHER-${i}`,
                amount: '1.00',
                currency: 'EUR',
              },
            },
            { token: otherToken },
          ),
        );
      }
    };

    // Transactions whose statements moved the counter, then rolled back; and multi-row statements
    // that commit (a set-based status change across projects, a bulk insert).
    let rolledBack = 0;
    let sqlDeadlocks = 0;
    const deadlock = (err: { code?: string }) => {
      if (err.code !== '40P01') throw err;
      sqlDeadlocks++;
    };
    const sqlWriter = async (w: number) => {
      const rnd = random(2000 + w);
      for (let i = 0; i < 25; i++) {
        const project = projects[Math.floor(rnd() * projects.length)]!;
        const status = STATUSES[Math.floor(rnd() * 4)]!;
        if (rnd() < 0.5) {
          await sql
            .begin(async (tx) => {
              await tx`update reconciliations set status = ${status}::reconciliation_status
                        where project_id = ${project.id}::uuid`;
              await tx`insert into reconciliations (organization_id, project_id, reference, amount, currency)
                       values (${orgId}::uuid, ${project.id}::uuid, ${`SQL-RB-${w}-${i}`}, 5, 'EUR')`;
              await tx`delete from reconciliations where id in (
                         select id from reconciliations where project_id = ${project.id}::uuid limit 2)`;
              throw new Error('roll back');
            })
            .catch((err: Error & { code?: string }) => {
              if (err.message === 'roll back') rolledBack++;
              else deadlock(err);
            });
        } else {
          await sql
            .begin(async (tx) => {
              await tx`update reconciliations set status = ${status}::reconciliation_status
                        where organization_id = ${orgId}::uuid and reference like ${`SEED-%-${i % 12}`}`;
            })
            .catch(deadlock);
          await sql`insert into reconciliations (organization_id, project_id, reference, amount, currency)
                    select ${orgId}::uuid, ${project.id}::uuid, ${`SQL-${w}-${i}-`} || g, 5, 'EUR'
                      from generate_series(1, 3) g`;
        }
      }
    };

    // The project deleted while the others write: its reconciliations and counter rows cascade.
    const projectDelete = async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sql`delete from projects where id = ${doomed.id}::uuid`;
    };

    await Promise.all([
      ...tokens.map((_, w) => apiWriter(w)),
      otherWriter(),
      sqlWriter(1),
      sqlWriter(2),
      projectDelete(),
    ]);

    expect(unexpected).toEqual([]);
    expect(rolledBack).toBeGreaterThan(0);
    // Row-level deadlocks between the ad-hoc SQL writers and others roll back too (reported, allowed).
    console.info(
      `status counter: ${rolledBack} rolled back, ${sqlDeadlocks} SQL deadlocks, user errors`,
      codes,
    );
    expect(codes.DUPLICATE_REFERENCE ?? 0).toBeGreaterThan(0);
    // The writes did change statuses: every status has reconciliations somewhere.
    const [statuses] = await sql<
      { n: number }[]
    >`select count(distinct status)::int as n from reconciliations`;
    expect(statuses!.n).toBe(4);

    expect(await drift(sql)).toEqual([]);
    expect(
      await sql`select * from reconciliation_status_counts where project_id = ${doomed.id}::uuid`,
    ).toEqual([]);

    // Through the API: the organization's counts and each project's, all four statuses, zeros too.
    const truth = await sql<{ project: string; status: Status; n: number }[]>`
      select project_id::text as project, status::text as status, count(*)::int as n
        from reconciliations where organization_id = ${orgId}::uuid group by 1, 2`;
    const expected = (rows: readonly { status: Status; n: number }[]) =>
      STATUSES.map((s) => ({
        status: s.toUpperCase(),
        count: rows.filter((r) => r.status === s).reduce((sum, r) => sum + r.n, 0),
      }));
    const org = await t.request(ORG_COUNTS, {}, { token: tokens[0] });
    expect((org.data as { statusCounts: unknown }).statusCounts).toEqual(expected(truth));
    for (const project of projects) {
      const one = await t.request(PROJECT_COUNTS, { id: gid('Project', project.id) }, { token: tokens[0] });
      expect((one.data as { statusCounts: unknown }).statusCounts).toEqual(
        expected(truth.filter((r) => r.project === project.id)),
      );
    }
    const other = await t.request(ORG_COUNTS, {}, { token: otherToken });
    expect((other.data as { statusCounts: { count: number }[] }).statusCounts.map((c) => c.count)).toEqual([
      20, 0, 0, 0,
    ]);
  });

  it('never deadlocks on the counter between statements that change the same projects in opposite row orders', async () => {
    const db = t.database.db;
    const a = await createProject(db, orgId, { name: 'Order A' });
    const b = await createProject(db, orgId, { name: 'Order B' });
    // Each side's rows are stored A-then-B for one connection and B-then-A for the other, so a
    // per-row counter update would take (A, status) and (B, status) in opposite orders.
    const insert = (project: { id: string }, side: string, n: number) =>
      sql`insert into reconciliations (organization_id, project_id, reference, amount, currency, metadata)
          select ${orgId}::uuid, ${project.id}::uuid, ${`ORDER-${side}-`} || g || '-' || ${project.id}, 1, 'EUR',
                 jsonb_build_object('side', ${side}::text)
            from generate_series(1, ${n}::int) g`;
    await insert(a, 'one', 50);
    await insert(b, 'one', 50);
    await insert(b, 'two', 50);
    await insert(a, 'two', 50);

    const flip = (side: string, rounds: number) =>
      sql.reserve().then(async (conn) => {
        try {
          for (let i = 0; i < rounds; i++) {
            // One statement, both projects, every row's status changed: each of the four keys
            // (A and B, old and new status) moves.
            await conn`update reconciliations
                          set status = case when status = 'pending' then 'matched' else 'pending' end::reconciliation_status
                        where project_id in (${a.id}::uuid, ${b.id}::uuid) and metadata->>'side' = ${side}`;
          }
        } finally {
          conn.release();
        }
      });
    await Promise.all([flip('one', 60), flip('two', 60)]);

    expect(await drift(sql)).toEqual([]);
    const counts = await sql<{ status: string; count: number }[]>`
      select status::text as status, sum(count)::int as count from reconciliation_status_counts
       where project_id in (${a.id}::uuid, ${b.id}::uuid) group by 1 order by 1`;
    // 60 flips each: back to pending.
    expect(counts).toEqual([
      { status: 'matched', count: 0 },
      { status: 'pending', count: 200 },
    ]);
  });
});
