-- migrate:no-transaction
-- The dashboard's totalCount (pending reconciliations of the last 7 days, README) read the
-- organization's pending rows through idx_reconciliations_pending or idx_reconciliations_created_at
-- and filtered them (383-449 buffers at scale 100): with created_at after (organization_id, status)
-- it is an index-only scan of the rows it counts (7 buffers). It replaces 0004's
-- idx_reconciliations_org_status, its strict prefix: the counts that used it (with or without a
-- status filter) use this one, index-only.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_status_created
  ON reconciliations (organization_id, status, created_at);
--> statement-breakpoint
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_org_status;
