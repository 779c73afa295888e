import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import type { SqlExecutor } from '../../src/db/executor.js';
import { demoLogins, SeedError, seed } from '../../src/db/seed.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { fingerprint } from '../helpers/fingerprint.js';

const ANCHOR = '2026-11-28';

describe('seed', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let db: SqlExecutor;

  beforeAll(async () => {
    handle = await createMigratedDatabase('seed');
    db = await handle.database.executor();
  });
  afterAll(async () => {
    await db.release();
    await handle.close();
  });

  it('fills every table at scale 1 with the four statuses and consistent tenancy', async () => {
    const counts = await seed(db, { scale: 1, anchor: ANCHOR });
    expect(counts).toEqual({
      organizations: 2,
      users: 6,
      projects: 10,
      reconciliations: 2000,
      reconciliationItems: 10_000,
      matchingRules: 20,
      auditLogs: 1000,
      settings: 2,
    });
    const statuses = await db.query<{ status: string }>(
      'select distinct status::text as status from reconciliations order by 1',
    );
    expect(statuses.map((s) => s.status)).toEqual(['matched', 'partially_matched', 'pending', 'unmatched']);
    // Matched reconciliations' items sum exactly to the amount.
    const [wrong] = await db.query<{ n: number }>(
      `select count(*)::int as n from reconciliations r
        where r.status = 'matched' and r.amount <> (select sum(amount) from reconciliation_items i where i.reconciliation_id = r.id)`,
    );
    expect(wrong?.n).toBe(0);
    // Some pending rows fall in the 7 days before the anchor (the dashboard query has data).
    const [recent] = await db.query<{ n: number }>(
      `select count(*)::int as n from reconciliations where status = 'pending' and created_at > $1::timestamptz - interval '7 days'`,
      [ANCHOR],
    );
    expect(recent!.n).toBeGreaterThan(20);
    const [audit] = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_logs a join users u on u.id = a.user_id where u.organization_id <> a.organization_id`,
    );
    expect(audit?.n).toBe(0);
  });

  it('documents working demo logins for each role in two organizations', async () => {
    expect(demoLogins).toHaveLength(6);
    for (const login of demoLogins) {
      const [user] = await db.query<{ role: string; password_hash: string; org: string }>(
        `select u.role::text as role, u.password_hash, o.name as org from users u join organizations o on o.id = u.organization_id where email = $1`,
        [login.email],
      );
      expect(user?.role).toBe(login.role);
      expect(user?.org).toBe(login.organization);
      expect(await verifyPassword(login.password, user!.password_hash)).toBe(true);
      expect(await verifyPassword('wrong', user!.password_hash)).toBe(false);
    }
  });

  it('refuses to seed over data, and with --reset gives the same rows again', async () => {
    const before = await fingerprint(handle.database.db);
    await expect(seed(db, { scale: 1, anchor: ANCHOR })).rejects.toThrow(SeedError);
    expect(await fingerprint(handle.database.db)).toEqual(before);
    await seed(db, { scale: 1, anchor: ANCHOR, reset: true });
    expect(await fingerprint(handle.database.db)).toEqual(before);
    await seed(db, { scale: 2, anchor: ANCHOR, reset: true });
    expect((await fingerprint(handle.database.db)).reconciliations).not.toBe(before.reconciliations);
  });

  it('from scale 10 holds a 10,000-item bank import, dates nothing after the anchor, and ends vacuumed', async () => {
    const counts = await seed(db, { scale: 10, anchor: ANCHOR, reset: true });
    expect(counts.reconciliationItems).toBe(20_000 * 5 + 10_000 - 5);
    const [largest] = await db.query<{ n: number; org: string; sum_ok: boolean }>(
      `select count(*)::int as n, min(o.name) as org, min(r.amount) - sum(i.amount) = case min(r.status::text) when 'partially_matched' then 1 else 0 end as sum_ok
         from reconciliation_items i join reconciliations r on r.id = i.reconciliation_id
         join organizations o on o.id = r.organization_id
        group by i.reconciliation_id order by 1 desc limit 1`,
    );
    // In the first demo organization (the admin the plan check signs in as), summing as its status says.
    expect(largest).toEqual({ n: 10_000, org: 'Acme Corp', sum_ok: true });
    const [latest] = await db.query<{ latest: string; after: boolean }>(
      `select max(t)::text as latest, max(t) > $1::timestamptz as after from (
         select greatest(created_at, updated_at) as t from organizations
         union all select greatest(created_at, updated_at) from users
         union all select greatest(created_at, updated_at) from projects
         union all select greatest(created_at, updated_at) from reconciliations
         union all select greatest(created_at, booked_at) from reconciliation_items
         union all select greatest(created_at, updated_at) from matching_rules
         union all select created_at from audit_logs
         union all select updated_at from settings) x`,
      [ANCHOR],
    );
    expect(latest?.after, `latest timestamp ${latest?.latest}`).toBe(false);
    // VACUUM ran: the visibility map is set (index-only scans read no heap page).
    const [visible] = await db.query<{ pages: number; visible: number }>(
      `select relpages as pages, relallvisible as visible from pg_class where relname = 'reconciliations'`,
    );
    expect(visible!.visible).toBeGreaterThan(0);
    expect(visible!.visible).toBe(visible!.pages);
  });

  it('refuses an anchor in the future', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(seed(db, { scale: 1, anchor: tomorrow, reset: true })).rejects.toThrow(/future/);
  });

  it('rejects a bad scale', async () => {
    await expect(seed(db, { scale: 0 })).rejects.toThrow(/scale must be a whole number/);
    await expect(seed(db, { scale: 1.5 })).rejects.toThrow(/scale must be a whole number/);
  });
});
