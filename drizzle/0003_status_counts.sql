-- The database guide's `recon:count:status:{status}` counter, kept in PostgreSQL where it can be
-- exact (Redis is only a cache: losing it costs speed, never a wrong count); the response cache
-- stays in front of it as before. statusCounts reads a few counter rows instead of counting every
-- reconciliation. The table comes from drizzle-kit (src/db/schema.ts); the triggers and the
-- backfill are written by hand.
CREATE TABLE "reconciliation_status_counts" (
	"organization_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"status" "reconciliation_status" NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "reconciliation_status_counts_pkey" PRIMARY KEY("project_id","status"),
	CONSTRAINT "reconciliation_status_counts_count_non_negative" CHECK ("reconciliation_status_counts"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "reconciliation_status_counts" ADD CONSTRAINT "reconciliation_status_counts_project_fk" FOREIGN KEY ("project_id","organization_id") REFERENCES "public"."projects"("id","organization_id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- The organization's counts (a project's are the primary key's prefix). A plain build: the table
-- is new, and no other transaction can see it before this one commits.
CREATE INDEX idx_reconciliation_status_counts_organization_id ON "reconciliation_status_counts" (organization_id);
--> statement-breakpoint
-- Kept inside the writing transaction by statement-level triggers: one row change per (project,
-- status) a statement changes, whatever its row count (set-based matching rewrites a whole
-- project in one UPDATE). The net change per key comes from the transition tables; keys whose
-- change nets to zero (an UPDATE that leaves the status alone) are not touched and take no lock.
-- Every key a statement changes is first locked (or created at 0) in key order, in one upsert:
-- two statements never hold each other's next key, so they cannot deadlock on the counter. Only
-- then are the decrements applied: a CHECK is tested on the row an upsert proposes before its
-- conflict is found, so a negative proposal would fail even where the row exists. A decrement of
-- a key that had no row can only mean a wrong counter, and fails the check, loudly. A deleted
-- project's keys are skipped: its counter rows go with it (the foreign key cascades), whichever
-- of the two cascades runs first.
CREATE FUNCTION reconciliation_status_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs uuid[];
  projects_ uuid[];
  statuses reconciliation_status[];
  deltas integer[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM reconciliation_status_counts;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(organization_id), array_agg(project_id), array_agg(status), array_agg(n)
      INTO orgs, projects_, statuses, deltas
      FROM (SELECT organization_id, project_id, status, count(*)::int AS n
              FROM new_rows GROUP BY 1, 2, 3) d;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(organization_id), array_agg(project_id), array_agg(status), array_agg(n)
      INTO orgs, projects_, statuses, deltas
      FROM (SELECT organization_id, project_id, status, sum(n)::int AS n
              FROM (SELECT organization_id, project_id, status, 1 AS n FROM new_rows
                    UNION ALL
                    SELECT organization_id, project_id, status, -1 FROM old_rows) changes
             GROUP BY 1, 2, 3 HAVING sum(n) <> 0) d;
  ELSE -- DELETE
    SELECT array_agg(organization_id), array_agg(project_id), array_agg(status), array_agg(n)
      INTO orgs, projects_, statuses, deltas
      FROM (SELECT organization_id, project_id, status, -count(*)::int AS n
              FROM old_rows GROUP BY 1, 2, 3) d;
  END IF;
  IF orgs IS NULL THEN
    RETURN NULL;
  END IF;
  -- Lock every key in order (a missing one is created at 0) and add the increments.
  INSERT INTO reconciliation_status_counts AS c (organization_id, project_id, status, count)
  SELECT d.o, d.p, d.s, greatest(d.n, 0)
    FROM unnest(orgs, projects_, statuses, deltas) AS d(o, p, s, n)
   WHERE EXISTS (SELECT 1 FROM projects x WHERE x.id = d.p AND x.organization_id = d.o)
   ORDER BY d.p, d.s
  ON CONFLICT (project_id, status) DO UPDATE SET count = c.count + excluded.count
   WHERE excluded.count > 0;
  -- The decrements, on rows this statement already holds.
  IF EXISTS (SELECT 1 FROM unnest(deltas) n WHERE n < 0) THEN
    UPDATE reconciliation_status_counts c SET count = c.count + d.n
      FROM unnest(orgs, projects_, statuses, deltas) AS d(o, p, s, n)
     WHERE d.n < 0 AND c.project_id = d.p AND c.status = d.s
       AND EXISTS (SELECT 1 FROM projects x WHERE x.id = d.p AND x.organization_id = d.o);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Online backfill: writers of reconciliations wait (readers do not) from here to the commit, so
-- no write falls between the count below and the triggers taking over. At 200,000
-- reconciliations the wait is about a second (the count is one pass over the table).
LOCK TABLE "reconciliations" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER reconciliations_status_counts_insert AFTER INSERT ON "reconciliations"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reconciliation_status_counts_apply();
--> statement-breakpoint
-- Transition tables forbid a column list (UPDATE OF status, ...): every UPDATE fires it, and one
-- that changes no status, project or organization nets to nothing.
CREATE TRIGGER reconciliations_status_counts_update AFTER UPDATE ON "reconciliations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reconciliation_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER reconciliations_status_counts_delete AFTER DELETE ON "reconciliations"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reconciliation_status_counts_apply();
--> statement-breakpoint
CREATE TRIGGER reconciliations_status_counts_truncate AFTER TRUNCATE ON "reconciliations"
  FOR EACH STATEMENT EXECUTE FUNCTION reconciliation_status_counts_apply();
--> statement-breakpoint
INSERT INTO reconciliation_status_counts (organization_id, project_id, status, count)
SELECT organization_id, project_id, status, count(*)::int FROM reconciliations GROUP BY 1, 2, 3;
