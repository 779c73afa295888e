-- migrate:no-transaction
-- The indexes the plan check (npm run db:explain, bench/plans.ts) found missing at scale 100.
-- Each leads with organization_id: every tenant-scoped statement filters on it, and an index
-- without it in its equality prefix leaves that condition to a filter on the heap. PostgreSQL
-- then estimates a child list's page as a handful of rows and prefers reading all of a parent's
-- rows through a bitmap and sorting them (a 10,000-item reconciliation: 10,000 rows read and
-- sorted for a page of 50) over seeking the ordered index. Built CONCURRENTLY, as 0001.

-- Items of a reconciliation in page order (the items connection, first, last and after a cursor),
-- their count (index-only) and their sum (index-only through INCLUDE (amount)).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliation_items_org_reconciliation_created
  ON reconciliation_items (organization_id, reconciliation_id, created_at, id) INCLUDE (amount);
--> statement-breakpoint
-- A strict left prefix of the index above (it only led the organization's foreign key, which the
-- index above now leads): one index less to write on every item import.
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_org_id;
--> statement-breakpoint
-- 0001's (reconciliation_id, created_at, id): every read of items is tenant-scoped and seeks the
-- index above; the foreign key's lookups (a reconciliation deleted) use
-- idx_reconciliation_items_reconciliation_id. One index less to write on every item import.
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliation_items_reconciliation_created;
--> statement-breakpoint
-- totalCount with a status filter (and counts per status): an index-only scan of the organization's
-- rows in those statuses, instead of every pending row of every organization (50,000 rows at scale
-- 100). With created_at last, the dashboard's count (pending, created in the last 7 days) is an
-- index-only scan of just the rows it counts (7 buffers instead of 383-449).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_status_created
  ON reconciliations (organization_id, status, created_at);
--> statement-breakpoint
-- A project's reconciliations in each ordering (the nested connection, and the root list filtered
-- by project): one seek per project instead of all its rows read and sorted.
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_project_created
  ON reconciliations (organization_id, project_id, created_at DESC, id DESC);
--> statement-breakpoint
-- It replaces 0001's (project_id, created_at DESC, id DESC) for the same reason: no read of
-- reconciliations is without its organization, and the foreign key's lookups (a project deleted)
-- use idx_reconciliations_project_id. Every index is written by every update that changes a
-- column it holds (matching rewrites status and updated_at: with 20 indexes a 100,000-row match
-- took 45% longer than with the 16 of 0001).
DROP INDEX CONCURRENTLY IF EXISTS idx_reconciliations_project_created;
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_project_updated
  ON reconciliations (organization_id, project_id, updated_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reconciliations_org_project_amount
  ON reconciliations (organization_id, project_id, amount DESC, id DESC);
--> statement-breakpoint
-- The audit log filtered by action, or by entity (one object's history), newest first, and its
-- count: without them the page walked the organization's whole log in time order filtering the
-- action, and the count read that action's rows in every organization (25,000 rows, 2,288 buffers
-- at scale 100).
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_org_action_created
  ON audit_logs (organization_id, action, created_at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_logs_org_entity_created
  ON audit_logs (organization_id, entity_id, created_at DESC, id DESC);
--> statement-breakpoint
-- A project's rows all belong to one organization, which PostgreSQL does not know: it multiplies
-- the two conditions' selectivities, expects a seventh of a project's rows (fewer than a page),
-- and then reads the whole project through a bitmap and sorts it rather than seek the index
-- above. The dependency statistics make the estimate a project's size; ANALYZE builds them.
CREATE STATISTICS IF NOT EXISTS stat_reconciliations_org_project (dependencies)
  ON organization_id, project_id FROM reconciliations;
--> statement-breakpoint
-- Only a table with rows is analyzed now (autovacuum does the rest): an empty table analyzed
-- records "empty", and plans made from that (a foreign key's check of each inserted item) scan
-- reconciliations row by row while a bulk insert fills it: quadratic. Never analyzed, PostgreSQL
-- assumes a table of some size and seeks the index.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM reconciliations) THEN
    ANALYZE reconciliations;
  END IF;
END
$$;
