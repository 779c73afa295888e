-- migrate:no-transaction
-- The database guide's whole index set, plus the indexes the tenant-scoped hot queries need.
-- Built CONCURRENTLY, so each statement runs on its own, outside a transaction: the runner drops
-- an INVALID index left by a failed build before retrying and checks each new index is valid.
-- Descending keys use plain DESC (nulls first), the same order a query's `order by x desc` asks
-- for, so PostgreSQL can walk the index instead of sorting.

-- Index types (guide: "Index Types")
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_status ON reconciliations (status);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_pending ON reconciliations (created_at)
  WHERE status = 'pending';
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_project_status ON reconciliations (project_id, status);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_covering ON reconciliations (status, created_at)
  INCLUDE (reference, amount);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_metadata ON reconciliations USING gin (metadata);
--> statement-breakpoint
-- The guide names both its BRIN and its B-tree on audit_logs.created_at "idx_audit_logs_created";
-- the BRIN gets a suffix so both exist.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_created_brin ON audit_logs USING brin (created_at);
--> statement-breakpoint

-- Recommended indexes (guide: "Recommended Indexes")
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_project_id ON reconciliations (project_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_created_at ON reconciliations (created_at DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_status_created ON reconciliations (status, created_at DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_reconciliation_id ON reconciliation_items (reconciliation_id);
--> statement-breakpoint
-- Unique: sign-in looks a user up by email, and two users must not share one.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_org_id ON users (organization_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_user_id ON audit_logs (user_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_action ON audit_logs (action);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_created ON audit_logs (created_at DESC);
--> statement-breakpoint

-- Tenant-scoped keyset pagination: (tenant or parent, sort key, id) so `where org = $1 and
-- (created_at, id) < ($2, $3) order by created_at desc, id desc limit n` is one index seek.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_projects_org_created ON projects (organization_id, created_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_created ON reconciliations (organization_id, created_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_updated ON reconciliations (organization_id, updated_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_amount ON reconciliations (organization_id, amount DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_project_created ON reconciliations (project_id, created_at DESC, id DESC);
--> statement-breakpoint
-- Reference prefix search within a tenant (`reference like 'INV-12%'`), whatever the collation.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_reference ON reconciliations (organization_id, reference text_pattern_ops);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_reconciliation_created ON reconciliation_items (reconciliation_id, created_at, id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_org_created ON audit_logs (organization_id, created_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_matching_rules_project_priority ON matching_rules (project_id, priority, id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_sessions_user_id ON sessions (user_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_sessions_expires_at ON sessions (expires_at);
--> statement-breakpoint

-- Foreign keys not already led by an index above (organization_id references organizations).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_org_id ON reconciliation_items (organization_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_matching_rules_org_id ON matching_rules (organization_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_sessions_org_id ON sessions (organization_id);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_settings_updated_by ON settings (updated_by);
