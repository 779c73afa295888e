-- migrate:no-transaction
-- Undo of 0004_plan_indexes.
DROP STATISTICS IF EXISTS stat_reconciliations_org_project;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_org_entity_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_org_action_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_project_amount;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_project_updated;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_project_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_status_created;
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_org_id ON reconciliation_items (organization_id);
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_org_reconciliation_created;
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_project_created ON reconciliations (project_id, created_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_reconciliation_created ON reconciliation_items (reconciliation_id, created_at, id);
