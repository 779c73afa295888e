-- migrate:no-transaction
-- Undo of 0001_indexes.
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_action;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_created_brin;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_org_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_audit_logs_user_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_matching_rules_org_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_matching_rules_project_priority;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_projects_org_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_org_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_reconciliation_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_reconciliation_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_covering;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_created_at;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_metadata;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_amount;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_reference;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_updated;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_pending;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_project_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_project_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_project_status;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_status;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_status_created;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_sessions_expires_at;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_sessions_org_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_sessions_user_id;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_settings_updated_by;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_users_org_id;
