/** A digest of every row of every table, to prove a failed request wrote nothing. */

import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { query } from '../../src/db/sql.js';

const TABLES = [
  'organizations',
  'users',
  'projects',
  'reconciliations',
  'reconciliation_items',
  'matching_rules',
  'audit_logs',
  'settings',
] as const;

export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await query<{ n: number; h: string }>(
      db,
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x`,
      ),
    );
    out[table] = `${row!.n}:${row!.h}`;
  }
  return out;
}
