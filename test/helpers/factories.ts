/**
 * Factories: rows inserted with explicit values through drizzle, money as literal strings.
 * One password hash is computed once and shared (scrypt is deliberately slow).
 */
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../src/auth/password.js';
import type { Db } from '../../src/db/client.js';
import {
  matchingRules,
  organizations,
  projects,
  reconciliationItems,
  reconciliations,
  users,
} from '../../src/db/schema.js';

export const TEST_PASSWORD = 'test-password';
let passwordHash: Promise<string> | undefined;

let seq = 0;
const next = () => ++seq;

export async function createOrganization(db: Db, name = `Org ${next()}`) {
  const [org] = await db.insert(organizations).values({ name }).returning();
  return org!;
}

export async function createUser(
  db: Db,
  organizationId: string,
  role: 'admin' | 'member' | 'viewer' = 'member',
  email = `user${next()}-${role}@example.test`,
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({ organizationId, email, name: `User ${email}`, role, passwordHash: await passwordHash })
    .returning();
  return user!;
}

export async function createProject(
  db: Db,
  organizationId: string,
  values: { name?: string; archived?: boolean; createdAt?: string } = {},
) {
  const [project] = await db
    .insert(projects)
    .values({
      organizationId,
      name: values.name ?? `Project ${next()}`,
      archived: values.archived ?? false,
      ...(values.createdAt ? { createdAt: values.createdAt, updatedAt: values.createdAt } : {}),
    })
    .returning();
  return project!;
}

export async function createReconciliation(
  db: Db,
  project: { id: string; organizationId: string },
  values: Partial<{
    reference: string;
    amount: string;
    currency: string;
    status: 'pending' | 'matched' | 'partially_matched' | 'unmatched';
    metadata: Record<string, unknown>;
    createdAt: string;
    updatedAt: string;
  }> = {},
) {
  const [row] = await db
    .insert(reconciliations)
    .values({
      organizationId: project.organizationId,
      projectId: project.id,
      reference: values.reference ?? `REF-${next()}`,
      amount: values.amount ?? '100.00',
      currency: values.currency ?? 'EUR',
      status: values.status ?? 'pending',
      metadata: values.metadata ?? {},
      ...(values.createdAt ? { createdAt: values.createdAt } : {}),
      ...(values.updatedAt || values.createdAt ? { updatedAt: values.updatedAt ?? values.createdAt } : {}),
    })
    .returning();
  return row!;
}

export async function createItem(
  db: Db,
  reconciliation: { id: string; organizationId: string },
  values: Partial<{ description: string; amount: string; bookedAt: string }> = {},
) {
  const [row] = await db
    .insert(reconciliationItems)
    .values({
      organizationId: reconciliation.organizationId,
      reconciliationId: reconciliation.id,
      description: values.description ?? 'payment',
      amount: values.amount ?? '10.00',
      bookedAt: values.bookedAt ?? new Date().toISOString(),
    })
    .returning();
  return row!;
}

export async function createRule(
  db: Db,
  project: { id: string; organizationId: string },
  name = `Rule ${next()}`,
) {
  const [row] = await db
    .insert(matchingRules)
    .values({ organizationId: project.organizationId, projectId: project.id, name })
    .returning();
  return row!;
}

/**
 * A tree in one organization, set-based: `projects` projects, each with `reconciliations`
 * reconciliations, each with `items` items and one rule per project.
 */
export async function createTree(
  db: Db,
  organizationId: string,
  size: { projects: number; reconciliations: number; items: number },
) {
  // Test set-up, not a request: a loaded machine may take longer than the pool's statement_timeout.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`
    with p as (
      insert into projects (organization_id, name, created_at, updated_at)
      select ${organizationId}::uuid, 'Tree project ' || g, now() - g * interval '1 minute', now() - g * interval '1 minute'
      from generate_series(1, ${size.projects}::int) g
      returning id, organization_id
    ), rules as (
      insert into matching_rules (organization_id, project_id, name) select organization_id, id, 'Exact' from p
    ), r as (
      insert into reconciliations (organization_id, project_id, reference, amount, currency, created_at, updated_at)
      select p.organization_id, p.id, 'TREE-' || p.id || '-' || g, (g * 10)::numeric, 'EUR',
             now() - g * interval '1 second', now() - g * interval '1 second'
      from p cross join generate_series(1, ${size.reconciliations}::int) g
      returning id, organization_id
    )
    insert into reconciliation_items (organization_id, reconciliation_id, description, amount, booked_at)
    select r.organization_id, r.id, 'item ' || g, '0.10', now()
    from r cross join generate_series(1, ${size.items}::int) g`);
  });
  // Planner statistics, as autovacuum would gather on a live database.
  await db.execute(sql`analyze projects, reconciliations, reconciliation_items, matching_rules`);
}
