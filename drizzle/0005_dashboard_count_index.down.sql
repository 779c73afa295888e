-- migrate:no-transaction
-- Undo of 0005_dashboard_count_index.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_status ON reconciliations (organization_id, status);
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_status_created;
