/**
 * Deterministic demo and load data, in set-based SQL (generate_series, one statement a table).
 * The same scale and anchor give the same rows, ids included (ids are md5-derived uuids).
 * Scale 1: 2 organizations, 10 projects, 2,000 reconciliations, 10,000 items;
 * scale 100: 7 organizations, 1,000 projects, 200,000 reconciliations, 1,000,000 items.
 */
import { createHash } from 'node:crypto';
import { hashPassword } from '../auth/password.js';
import type { SqlExecutor } from './executor.js';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ORGANIZATIONS = [
  { slug: 'acme', name: 'Acme Corp' },
  { slug: 'globex', name: 'Globex Inc' },
] as const;
export const ROLES = ['admin', 'member', 'viewer'] as const;

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

const TABLES = [
  'organizations',
  'users',
  'sessions',
  'projects',
  'reconciliations',
  'reconciliation_items',
  'matching_rules',
  'audit_logs',
  'settings',
] as const;

export function seedSizes(scale: number) {
  return {
    organizations: 2 + Math.floor(scale / 20),
    projects: 10 * scale,
    reconciliations: 2000 * scale,
    itemsPerReconciliation: 5,
    auditLogs: 1000 * scale,
  };
}

/** True when none of the seeded tables holds a row. */
export async function isEmpty(db: SqlExecutor): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(
    `select exists (select 1 from organizations) or exists (select 1 from users) as any`,
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
  const log = options.log ?? (() => {});
  const size = seedSizes(scale);

  // Password hashes are computed up front (scrypt is deliberately slow), outside the transaction.
  const orgs = Array.from({ length: size.organizations }, (_, i) => {
    const demo = DEMO_ORGANIZATIONS[i];
    return { n: i + 1, slug: demo?.slug ?? `org${i + 1}`, name: demo?.name ?? `Organization ${i + 1}` };
  });
  const users = await Promise.all(
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
  const step = async (table: string, key: keyof SeedCounts, text: string, params: unknown[] = []) => {
    const started = performance.now();
    const rows = await db.query<{ n: string }>(
      `with ins as (${text} returning 1) select count(*)::text as n from ins`,
      params,
    );
    counts[key] = Number(rows[0]?.n ?? 0);
    log(
      `seed: ${table.padEnd(22)} ${String(counts[key]).padStart(9)} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
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
      'organizations',
      'organizations',
      `insert into organizations (id, name, created_at, updated_at)
       select md5('org:' || n)::uuid, name, $1::timestamptz - interval '400 days', $1::timestamptz - interval '400 days'
         from unnest($2::int[], $3::text[]) as t(n, name)`,
      [anchor, orgs.map((o) => o.n), orgs.map((o) => o.name)],
    );
    await step(
      'users',
      'users',
      `insert into users (id, organization_id, email, name, role, password_hash, created_at, updated_at)
       select md5('user:' || email)::uuid, md5('org:' || org)::uuid, email, name, role::user_role, hash,
              $1::timestamptz - interval '399 days', $1::timestamptz - interval '399 days'
         from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(org, email, name, role, hash)`,
      [
        anchor,
        users.map((u) => u.org),
        users.map((u) => u.email),
        users.map((u) => u.name),
        users.map((u) => u.role),
        users.map((u) => u.hash),
      ],
    );
    await step(
      'projects',
      'projects',
      `insert into projects (id, organization_id, name, archived, created_at, updated_at)
       select md5('project:' || p)::uuid, md5('org:' || ((p - 1) % $2 + 1))::uuid, 'Project ' || lpad(p::text, 5, '0'),
              p % 10 = 0, $1::timestamptz - interval '365 days' + p * interval '1 minute',
              $1::timestamptz - interval '365 days' + p * interval '1 minute'
         from generate_series(1, $3::int) p`,
      [anchor, size.organizations, size.projects],
    );
    // Reconciliations spread over the 90 days before the anchor, oldest first; project p gets
    // every P-th row. Amounts 10.00 to 100,000.00 from a multiplicative hash of the row number.
    await step(
      'reconciliations',
      'reconciliations',
      `insert into reconciliations (id, organization_id, project_id, reference, amount, currency, status, metadata, created_at, updated_at)
       select md5('recon:' || i)::uuid,
              md5('org:' || (((i - 1) % $3) % $2 + 1))::uuid,
              md5('project:' || ((i - 1) % $3 + 1))::uuid,
              'INV-' || lpad(i::text, 8, '0'),
              ((i::bigint * 7919) % 9999001 + 1000) / 100.0,
              (array['EUR', 'USD', 'GBP', 'CHF'])[i % 4 + 1],
              (array['pending', 'pending', 'matched', 'matched', 'matched', 'partially_matched', 'unmatched', 'matched'])[i % 8 + 1]::reconciliation_status,
              jsonb_build_object('source', (array['bank', 'card', 'sepa'])[i % 3 + 1],
                                 'region', (array['eu', 'us', 'uk', 'apac', 'latam'])[i % 5 + 1],
                                 'batch', i / 1000),
              ts, ts + (i % 72) * interval '1 hour'
         from generate_series(1, $4::int) i,
              lateral (select $1::timestamptz - interval '90 days' + (i::float8 / $4) * interval '90 days' - (i % 7) * interval '1 second' as ts) t`,
      [anchor, size.organizations, size.projects, size.reconciliations],
    );
    // Five items a reconciliation; matched ones sum exactly to the amount, partially matched
    // ones fall 1.00 short, unmatched ones carry another reference and are booked 60 days late.
    await step(
      'reconciliation_items',
      'reconciliationItems',
      `insert into reconciliation_items (id, organization_id, reconciliation_id, description, amount, booked_at, created_at)
       select md5('item:' || r.id || ':' || s)::uuid, r.organization_id, r.id,
              case when r.status = 'unmatched' then 'Transfer ref X' || s else 'Payment ' || r.reference || ' part ' || (s + 1) end,
              case when s < 4 then round(r.amount / 5, 2)
                   else r.amount - 4 * round(r.amount / 5, 2) - case when r.status = 'partially_matched' then 1 else 0 end end,
              r.created_at + (s + case when r.status = 'unmatched' then 60 else 0 end) * interval '1 day',
              r.created_at + s * interval '1 minute'
         from reconciliations r cross join generate_series(0, $1::int - 1) s`,
      [size.itemsPerReconciliation],
    );
    await step(
      'matching_rules',
      'matchingRules',
      `insert into matching_rules (id, organization_id, project_id, name, tolerance, date_window_days, match_reference, priority, enabled, created_at, updated_at)
       select md5('rule:' || p.id || ':' || k)::uuid, p.organization_id, p.id,
              case k when 1 then 'Exact amount' else 'Within 1.00, 30 days, same reference' end,
              case k when 1 then 0 else 1 end, case k when 1 then 0 else 30 end, k = 2, k * 10, true,
              p.created_at, p.created_at
         from projects p cross join generate_series(1, 2) k`,
    );
    await step(
      'audit_logs',
      'auditLogs',
      `insert into audit_logs (id, organization_id, user_id, action, entity_type, entity_id, details, created_at)
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
      'settings',
      'settings',
      `insert into settings (organization_id, settings, updated_at)
       select id, jsonb_build_object('defaultCurrency', 'EUR', 'matchingTolerance', '0.00'), created_at from organizations`,
    );
    await db.exec('commit');
  } catch (err) {
    await db.exec('rollback');
    throw err;
  }
  const started = performance.now();
  await db.exec(`analyze ${TABLES.join(', ')}`);
  log(`seed: analyze ${' '.repeat(23)}in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return counts;
}
