-- Audit actions follow one pattern, `entity.verb` with the entity singular (src/domain/audit.ts):
-- the two that did not are renamed in the rows already written.
UPDATE audit_logs SET action = 'reconciliation_item.add' WHERE action = 'reconciliation_items.add';
--> statement-breakpoint
UPDATE audit_logs SET action = 'reconciliation.match' WHERE action = 'reconciliations.match';
