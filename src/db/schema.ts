/**
 * Tables, in drizzle. Indexes beyond primary keys and unique constraints are written by hand in
 * drizzle/0001_indexes.sql (CREATE INDEX CONCURRENTLY, INCLUDE, BRIN, partial), which drizzle
 * cannot express; `drizzle-kit generate` diffs its own snapshots, so it never drops them.
 *
 * Tenancy: every tenant-owned table carries organization_id, and children reference their parent
 * by (id, organization_id), so a row can never point at another organization's parent.
 * Money: numeric, read and written as strings (never drizzle's number mode).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/** timestamptz kept as an ISO string: a JS Date drops the microseconds keyset cursors need. */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string', precision: 6 });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();
const id = () => uuid('id').primaryKey().defaultRandom();
/** Money: up to 20 integer digits and 6 decimals covers every ISO 4217 currency (at most 4). */
const money = (name: string) => numeric(name, { precision: 26, scale: 6 });

export const roleEnum = pgEnum('user_role', ['admin', 'member', 'viewer']);
export const reconciliationStatusEnum = pgEnum('reconciliation_status', [
  'pending',
  'matched',
  'partially_matched',
  'unmatched',
]);

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull().default('viewer'),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('users_id_organization_id_key').on(t.id, t.organizationId),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** sha256 of the bearer token: the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    unique('sessions_token_hash_key').on(t.tokenHash),
    foreignKey({
      name: 'sessions_user_fk',
      columns: [t.userId, t.organizationId],
      foreignColumns: [users.id, users.organizationId],
    }).onDelete('cascade'),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('projects_id_organization_id_key').on(t.id, t.organizationId),
    check('projects_name_not_blank', sql`length(btrim(${t.name})) > 0`),
  ],
);

export const reconciliations = pgTable(
  'reconciliations',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    projectId: uuid('project_id').notNull(),
    reference: text('reference').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    status: reconciliationStatusEnum('status').notNull().default('pending'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('reconciliations_id_organization_id_key').on(t.id, t.organizationId),
    unique('reconciliations_project_id_reference_key').on(t.projectId, t.reference),
    foreignKey({
      name: 'reconciliations_project_fk',
      columns: [t.projectId, t.organizationId],
      foreignColumns: [projects.id, projects.organizationId],
    }).onDelete('cascade'),
    check('reconciliations_currency_iso', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('reconciliations_metadata_object', sql`jsonb_typeof(${t.metadata}) = 'object'`),
    check('reconciliations_reference_not_blank', sql`length(btrim(${t.reference})) > 0`),
  ],
);

/**
 * How many reconciliations each project holds in each status: the database guide's
 * `recon:count:status:{status}` counter, kept in PostgreSQL where it can be exact (Redis is only
 * a cache here), with the response cache in front of it as before. Statement-level triggers on
 * reconciliations (drizzle/0003_status_counts.sql) keep it, in the writing transaction; that
 * migration also indexes organization_id, for the organization's counts.
 */
export const reconciliationStatusCounts = pgTable(
  'reconciliation_status_counts',
  {
    organizationId: uuid('organization_id').notNull(),
    projectId: uuid('project_id').notNull(),
    status: reconciliationStatusEnum('status').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ name: 'reconciliation_status_counts_pkey', columns: [t.projectId, t.status] }),
    // A deleted project's counts go with it (its reconciliations cascade the same way).
    foreignKey({
      name: 'reconciliation_status_counts_project_fk',
      columns: [t.projectId, t.organizationId],
      foreignColumns: [projects.id, projects.organizationId],
    }).onDelete('cascade'),
    check('reconciliation_status_counts_count_non_negative', sql`${t.count} >= 0`),
  ],
);

export const reconciliationItems = pgTable(
  'reconciliation_items',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    reconciliationId: uuid('reconciliation_id').notNull(),
    description: text('description').notNull().default(''),
    amount: money('amount').notNull(),
    bookedAt: ts('booked_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'reconciliation_items_reconciliation_fk',
      columns: [t.reconciliationId, t.organizationId],
      foreignColumns: [reconciliations.id, reconciliations.organizationId],
    }).onDelete('cascade'),
  ],
);

export const matchingRules = pgTable(
  'matching_rules',
  {
    id: id(),
    organizationId: uuid('organization_id').notNull(),
    projectId: uuid('project_id').notNull(),
    name: text('name').notNull(),
    tolerance: money('tolerance').notNull().default('0'),
    dateWindowDays: integer('date_window_days').notNull().default(0),
    matchReference: boolean('match_reference').notNull().default(false),
    priority: integer('priority').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: 'matching_rules_project_fk',
      columns: [t.projectId, t.organizationId],
      foreignColumns: [projects.id, projects.organizationId],
    }).onDelete('cascade'),
    check('matching_rules_tolerance_non_negative', sql`${t.tolerance} >= 0`),
    check('matching_rules_date_window_non_negative', sql`${t.dateWindowDays} >= 0`),
  ],
);

export const auditLogs = pgTable('audit_logs', {
  id: id(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  // Kept when the user is deleted: the trail outlives its author.
  userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: uuid('entity_id'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  createdAt: createdAt(),
});

export const settings = pgTable(
  'settings',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: updatedAt(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ name: 'settings_pkey', columns: [t.organizationId] })],
);
