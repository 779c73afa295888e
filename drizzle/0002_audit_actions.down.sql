-- Undo of 0002_audit_actions: the old names back (the code before it writes those).
UPDATE audit_logs SET action = 'reconciliation_items.add' WHERE action = 'reconciliation_item.add';
--> statement-breakpoint
UPDATE audit_logs SET action = 'reconciliations.match' WHERE action = 'reconciliation.match';
