-- Undo of 0003_status_counts: the triggers, their function and the counter table.
DROP TRIGGER IF EXISTS reconciliations_status_counts_truncate ON "reconciliations";--> statement-breakpoint
DROP TRIGGER IF EXISTS reconciliations_status_counts_delete ON "reconciliations";--> statement-breakpoint
DROP TRIGGER IF EXISTS reconciliations_status_counts_update ON "reconciliations";--> statement-breakpoint
DROP TRIGGER IF EXISTS reconciliations_status_counts_insert ON "reconciliations";--> statement-breakpoint
DROP FUNCTION IF EXISTS reconciliation_status_counts_apply();--> statement-breakpoint
DROP TABLE IF EXISTS "reconciliation_status_counts";
