import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { poolOptions } from '../../src/db/client.js';
import { createMigratedDatabase } from '../helpers/db.js';

describe('connection pool', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  beforeAll(async () => {
    handle = await createMigratedDatabase('pool');
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("defaults to the guide's pool settings", () => {
    const options = poolOptions(loadConfig({}));
    expect(options).toMatchObject({
      max: 20,
      idle_timeout: 600,
      max_lifetime: 1800,
      // not the guide's 30 s: with PostgreSQL unreachable a request must not hang (src/db/availability.ts)
      connect_timeout: 5,
      prepare: true,
      connection: { application_name: 'reconciliation-api' },
    });
  });

  it('sets the timeouts and application_name on every connection', async () => {
    const sql = handle.database.sql!;
    const rows = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql.begin(async (tx) => {
          const [r] = await tx<
            { st: string; lt: string; it: string; app: string }[]
          >`select current_setting('statement_timeout') as st, current_setting('lock_timeout') as lt,
                   current_setting('idle_in_transaction_session_timeout') as it, current_setting('application_name') as app,
                   pg_sleep(0.05)`;
          return r!;
        }),
      ),
    );
    for (const r of rows) expect(r).toMatchObject({ st: '30s', lt: '10s', it: '1min', app: 'recon-test' });
    const [active] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where application_name = 'recon-test' and datname = current_database()`;
    expect(active!.n).toBeGreaterThanOrEqual(2);
  });

  it('cancels a statement past statement_timeout with SQLSTATE 57014', async () => {
    const sql = handle.database.sql!;
    await expect(
      sql.begin(async (tx) => {
        await tx`set local statement_timeout = 50`;
        await tx`select pg_sleep(1)`;
      }),
    ).rejects.toMatchObject({ code: '57014' });
  });
});
