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

  it('rejects a bad scale', async () => {
    await expect(seed(db, { scale: 0 })).rejects.toThrow(/scale must be a whole number/);
    await expect(seed(db, { scale: 1.5 })).rejects.toThrow(/scale must be a whole number/);
  });
});
