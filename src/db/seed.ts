/**
 * Deterministic demo and load data, in set-based SQL (generate_series, one statement a table).
 * The same scale and anchor give the same rows, ids included (ids are md5-derived uuids).
 * Scale 1: 2 organizations, 10 projects, 2,000 reconciliations, 10,000 items;
 * scale 100: 7 organizations, 1,000 projects, 200,000 reconciliations, 1,009,995 items (from
 * scale 10 one reconciliation of the first organization holds a 10,000-line bank statement).
 * Every timestamp is at or before the anchor, which may not be in the future; the seed ends with
 * VACUUM ANALYZE (statistics, the visibility map for index-only scans, the GIN pending list).
 */
import { createHash } from 'node:crypto';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { hashPassword } from '../auth/password.js';
import type { SqlExecutor } from './executor.js';
import {
  auditLogs,
  matchingRules,
  organizations,
  projects,
  reconciliationItems,
  reconciliationStatusEnum,
  reconciliations,
  roleEnum,
  sessions,
  settings,
  users,
} from './schema.js';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ORGANIZATIONS = [
  { slug: 'acme', name: 'Acme Corp' },
  { slug: 'globex', name: 'Globex Inc' },
] as const;
export const ROLES = roleEnum.enumValues;

/** The demo logins: one per role in each of the two demo organizations. */
export const demoLogins = DEMO_ORGANIZATIONS.flatMap((o) =>
  ROLES.map((role) => ({
    email: `${role}@${o.slug}.test`,
    password: DEMO_PASSWORD,
    role,
    organization: o.name,
  })),
);

export interface SeedOptions {
  scale: number;
  /** Midnight (UTC) that the generated timestamps lead up to; default today. */
  anchor?: string;
  reset?: boolean;
  log?: (line: string) => void;
}

export interface SeedCounts {
  organizations: number;
  users: number;
  projects: number;
  reconciliations: number;
  reconciliationItems: number;
  matchingRules: number;
  auditLogs: number;
  settings: number;
}

export class SeedError extends Error {}

/*
 * The statements below are plain strings with $1 parameters (an SqlExecutor runs them on
 * postgres.js and PGlite alike, so not drizzle's sql objects), but every table, column and enum
 * type in them is rendered from src/db/schema.ts: renaming a column's key there is a compile error
 * here. The row aliases of generate_series and unnest (i, k, s, t(...), and p in the projects
 * insert) are the statements' own.
 */
type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;

/** A table's quoted name: `"reconciliations"`. */
const table = (t: PgTable) => `"${getTableName(t)}"`;

/** A pgEnum's quoted type name, for a cast: `"user_role"`. */
const enumType = (e: { enumName: string }) => `"${e.enumName}"`;

/** A table's columns by key: `"r"."created_at"` under an alias, `"created_at"` without one. */
function columns<T extends PgTable>(t: T, alias?: string): { readonly [K in ColumnKey<T>]: string } {
  const out: Record<string, string> = {};
  for (const [key, column] of Object.entries(getTableColumns(t) as Record<string, PgColumn>)) {
    out[key] = alias ? `"${alias}"."${column.name}"` : `"${column.name}"`;
  }
  return out as { readonly [K in ColumnKey<T>]: string };
}

/** `insert into "t" ("a", "b")`, the columns named by their keys in `t`. */
function insertInto<T extends PgTable>(t: T, ...keys: ColumnKey<T>[]): string {
  const all = columns(t);
  return `insert into ${table(t)} (${keys.map((key) => all[key]).join(', ')})`;
}

const TABLES = [
  organizations,
  users,
  sessions,
  projects,
  reconciliations,
  reconciliationItems,
  matchingRules,
  auditLogs,
  settings,
].map(table);
const orgColumns = columns(organizations);
const r = columns(reconciliations, 'r');
const p = columns(projects, 'p');

export function seedSizes(scale: number) {
  const projects = 10 * scale;
  const reconciliations = 2000 * scale;
  const itemsPerReconciliation = 5;
  // From scale 10 (not the demo's scale 1): one reconciliation of project 1 (the first
  // organization's), created about 30 days before the anchor, holds a 10,000-line bank statement
  // imported at once, so the plan check (bench/plans.ts) has a long items list to page through.
  const bankImport =
    scale >= 10
      ? { reconciliation: projects * Math.floor((2 * reconciliations) / 3 / projects) + 1, items: 10_000 }
      : null;
  return {
    organizations: 2 + Math.floor(scale / 20),
    projects,
    reconciliations,
    itemsPerReconciliation,
    bankImport,
    items:
      reconciliations * itemsPerReconciliation + (bankImport ? bankImport.items - itemsPerReconciliation : 0),
    auditLogs: 1000 * scale,
  };
}

/** True when none of the seeded tables holds a row. */
export async function isEmpty(db: SqlExecutor): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(
    `select exists (select 1 from ${table(organizations)}) or exists (select 1 from ${table(users)}) as any`,
  );
  return !row?.any;
}

/** Fills an empty database (or, with `reset`, empties it first), in one transaction. */
export async function seed(db: SqlExecutor, options: SeedOptions): Promise<SeedCounts> {
  const { scale } = options;
  if (!Number.isInteger(scale) || scale < 1 || scale > 10_000) {
    throw new SeedError(`scale must be a whole number from 1 to 10000, got ${scale}`);
  }
  const anchor = options.anchor ?? `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
  if (Number.isNaN(Date.parse(anchor))) throw new SeedError(`anchor must be a date, got "${anchor}"`);
  // Every row is dated at or before the anchor: a later one would be dated in the future. Asked of
  // the database, which dates the rows: it reads an anchor without an offset in its session's zone
  // (UTC), where Date.parse would read it in this host's.
  const [when] = await db.query<{ future: boolean }>('select $1::timestamptz > now() as future', [anchor]);
  if (when?.future) throw new SeedError(`anchor must not be in the future, got "${anchor}"`);
  const log = options.log ?? (() => {});
  const size = seedSizes(scale);

  // Password hashes are computed up front (scrypt is deliberately slow), outside the transaction.
  const orgs = Array.from({ length: size.organizations }, (_, i) => {
    const demo = DEMO_ORGANIZATIONS[i];
    return { n: i + 1, slug: demo?.slug ?? `org${i + 1}`, name: demo?.name ?? `Organization ${i + 1}` };
  });
  const accounts = await Promise.all(
    orgs.flatMap((o) =>
      ROLES.map(async (role) => {
        const email = `${role}@${o.slug}.test`;
        // Deterministic salt so the same scale gives the same rows; demo data only.
        const salt = createHash('sha256').update(`seed:${email}`).digest().subarray(0, 16);
        return {
          org: o.n,
          email,
          role,
          name: `${role[0]!.toUpperCase()}${role.slice(1)} of ${o.name}`,
          hash: await hashPassword(DEMO_PASSWORD, salt),
        };
      }),
    ),
  );

  const counts = {} as SeedCounts;
  const step = async (into: PgTable, key: keyof SeedCounts, text: string, params: unknown[] = []) => {
    const started = performance.now();
    const rows = await db.query<{ n: string }>(
      `with ins as (${text} returning 1) select count(*)::text as n from ins`,
      params,
    );
    counts[key] = Number(rows[0]?.n ?? 0);
    log(
      `seed: ${getTableName(into).padEnd(22)} ${String(counts[key]).padStart(9)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  };

  await db.exec('begin');
  try {
    // Bulk load: commit durability is not needed until the end, and the seed is all or nothing.
    await db.exec('set local synchronous_commit = off');
    // A bulk load outlasts the request-sized timeouts the pool's connections carry.
    await db.exec('set local statement_timeout = 0');
    if (options.reset) await db.exec(`truncate ${TABLES.join(', ')} cascade`);
    else if (!(await isEmpty(db))) {
      throw new SeedError('the database already has data: run the seed with --reset to replace it');
    }

    await step(
      organizations,
      'organizations',
      `${insertInto(organizations, 'id', 'name', 'createdAt', 'updatedAt')}
       select md5('org:' || n)::uuid, name, $1::timestamptz - interval '400 days', $1::timestamptz - interval '400 days'
         from unnest($2::int[], $3::text[]) as t(n, name)`,
      [anchor, orgs.map((o) => o.n), orgs.map((o) => o.name)],
    );
    await step(
      users,
      'users',
      `${insertInto(users, 'id', 'organizationId', 'email', 'name', 'role', 'passwordHash', 'createdAt', 'updatedAt')}
       select md5('user:' || email)::uuid, md5('org:' || org)::uuid, email, name, role::${enumType(roleEnum)}, hash,
              $1::timestamptz - interval '399 days', $1::timestamptz - interval '399 days'
         from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(org, email, name, role, hash)`,
      [
        anchor,
        accounts.map((u) => u.org),
        accounts.map((u) => u.email),
        accounts.map((u) => u.name),
        accounts.map((u) => u.role),
        accounts.map((u) => u.hash),
      ],
    );
    await step(
      projects,
      'projects',
      `${insertInto(projects, 'id', 'organizationId', 'name', 'archived', 'createdAt', 'updatedAt')}
       select md5('project:' || p)::uuid, md5('org:' || ((p - 1) % $2 + 1))::uuid, 'Project ' || lpad(p::text, 5, '0'),
              p % 10 = 0, $1::timestamptz - interval '365 days' + p * interval '1 minute',
              $1::timestamptz - interval '365 days' + p * interval '1 minute'
         from generate_series(1, $3::int) p`,
      [anchor, size.organizations, size.projects],
    );
    // Reconciliations spread over the 90 days before the anchor, oldest first; project p gets
    // every P-th row. Amounts 10.00 to 100,000.00 from a multiplicative hash of the row number.
    await step(
      reconciliations,
      'reconciliations',
      `${insertInto(reconciliations, 'id', 'organizationId', 'projectId', 'reference', 'amount', 'currency', 'status', 'metadata', 'createdAt', 'updatedAt')}
       select md5('recon:' || i)::uuid,
              md5('org:' || (((i - 1) % $3) % $2 + 1))::uuid,
              md5('project:' || ((i - 1) % $3 + 1))::uuid,
              'INV-' || lpad(i::text, 8, '0'),
              ((i::bigint * 7919) % 9999001 + 1000) / 100.0,
              (array['EUR', 'USD', 'GBP', 'CHF'])[i % 4 + 1],
              (array['pending', 'pending', 'matched', 'matched', 'matched', 'partially_matched', 'unmatched', 'matched'])[i % 8 + 1]::${enumType(reconciliationStatusEnum)},
              jsonb_build_object('source', (array['bank', 'card', 'sepa'])[i % 3 + 1],
                                 'region', (array['eu', 'us', 'uk', 'apac', 'latam'])[i % 5 + 1],
                                 'batch', i / 1000),
              ts, least(ts + (i % 72) * interval '1 hour', $1::timestamptz)
         from generate_series(1, $4::int) i,
              lateral (select $1::timestamptz - interval '90 days' + (i::float8 / $4) * interval '90 days' - (i % 7) * interval '1 second' as ts) t`,
      [anchor, size.organizations, size.projects, size.reconciliations],
    );
    // n items a reconciliation (five; the bank import's 10,000); matched ones sum exactly to the
    // amount, partially matched ones fall 1.00 short, unmatched ones carry another reference and
    // are booked 60 days late (at the anchor at the latest). The import's lines were booked in the
    // weeks before it and all written by one request, so they share one created_at.
    await step(
      reconciliationItems,
      'reconciliationItems',
      `${insertInto(reconciliationItems, 'id', 'organizationId', 'reconciliationId', 'description', 'amount', 'bookedAt', 'createdAt')}
       select md5('item:' || ${r.id} || ':' || s)::uuid, ${r.organizationId}, ${r.id},
              case when ${r.status} = 'unmatched' then 'Transfer ref X' || s else 'Payment ' || ${r.reference} || ' part ' || (s + 1) end,
              case when s < k.n - 1 then round(${r.amount} / k.n, 2)
                   else ${r.amount} - (k.n - 1) * round(${r.amount} / k.n, 2) - case when ${r.status} = 'partially_matched' then 1 else 0 end end,
              case when k.bank then ${r.createdAt} - (k.n - s) * interval '3 minutes'
                   else least(${r.createdAt} + (s + case when ${r.status} = 'unmatched' then 60 else 0 end) * interval '1 day', $1::timestamptz) end,
              case when k.bank then ${r.createdAt} + interval '1 hour'
                   else least(${r.createdAt} + s * interval '1 minute', $1::timestamptz) end
         from ${table(reconciliations)} "r"
              cross join lateral (select ${r.id} = md5('recon:' || $3::int)::uuid as bank) b
              cross join lateral (select b.bank, case when b.bank then $4::int else $2::int end as n) k
              cross join generate_series(0, k.n - 1) s`,
      [
        anchor,
        size.itemsPerReconciliation,
        size.bankImport?.reconciliation ?? 0,
        size.bankImport?.items ?? 0,
      ],
    );
    await step(
      matchingRules,
      'matchingRules',
      `${insertInto(matchingRules, 'id', 'organizationId', 'projectId', 'name', 'tolerance', 'dateWindowDays', 'matchReference', 'priority', 'enabled', 'createdAt', 'updatedAt')}
       select md5('rule:' || ${p.id} || ':' || k)::uuid, ${p.organizationId}, ${p.id},
              case k when 1 then 'Exact amount' else 'Within 1.00, 30 days, same reference' end,
              case k when 1 then 0 else 1 end, case k when 1 then 0 else 30 end, k = 2, k * 10, true,
              ${p.createdAt}, ${p.createdAt}
         from ${table(projects)} "p" cross join generate_series(1, 2) k`,
    );
    await step(
      auditLogs,
      'auditLogs',
      `${insertInto(auditLogs, 'id', 'organizationId', 'userId', 'action', 'entityType', 'entityId', 'details', 'createdAt')}
       select md5('audit:' || i)::uuid, md5('org:' || (((i - 1) % $3) % $2 + 1))::uuid,
              md5('user:' || (array['admin', 'member'])[i % 2 + 1] || '@' ||
                  coalesce((array[${DEMO_ORGANIZATIONS.map((o) => `'${o.slug}'`).join(', ')}])[((i - 1) % $3) % $2 + 1], 'org' || (((i - 1) % $3) % $2 + 1)) || '.test')::uuid,
              (array['reconciliation.create', 'reconciliation.update', 'reconciliation.status_set', 'reconciliation_item.add'])[i % 4 + 1],
              'Reconciliation', md5('recon:' || i)::uuid,
              jsonb_build_object('seed', true, 'n', i),
              $1::timestamptz - interval '90 days' + (i::float8 / $4) * interval '90 days'
         from generate_series(1, $4::int) i`,
      [anchor, size.organizations, size.projects, size.auditLogs],
    );
    await step(
      settings,
      'settings',
      `${insertInto(settings, 'organizationId', 'settings', 'updatedAt')}
       select ${orgColumns.id}, jsonb_build_object('defaultCurrency', 'EUR', 'matchingTolerance', '0.00'), ${orgColumns.createdAt} from ${table(organizations)}`,
    );
    await db.exec('commit');
  } catch (err) {
    await db.exec('rollback');
    throw err;
  }
  // VACUUM, not only ANALYZE: it sets the visibility map (index-only scans, such as the counts,
  // read no heap page) and moves the rows out of the GIN index's pending list (until then every
  // `metadata` filter reads the whole list). VACUUM cannot run in a transaction: after the commit,
  // on its own (simple protocol on postgres.js, exec on PGlite).
  const started = performance.now();
  await db.exec(`vacuum analyze ${TABLES.join(', ')}`);
  log(`seed: vacuum analyze ${' '.repeat(16)}in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return counts;
}
