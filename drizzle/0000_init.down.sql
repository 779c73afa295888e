-- Undo of 0000_init: drops every table and type it created (children first).
DROP TABLE IF EXISTS "settings";--> statement-breakpoint
DROP TABLE IF EXISTS "audit_logs";--> statement-breakpoint
DROP TABLE IF EXISTS "matching_rules";--> statement-breakpoint
DROP TABLE IF EXISTS "reconciliation_items";--> statement-breakpoint
DROP TABLE IF EXISTS "reconciliations";--> statement-breakpoint
DROP TABLE IF EXISTS "projects";--> statement-breakpoint
DROP TABLE IF EXISTS "sessions";--> statement-breakpoint
DROP TABLE IF EXISTS "users";--> statement-breakpoint
DROP TABLE IF EXISTS "organizations";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."user_role";--> statement-breakpoint
DROP TYPE IF EXISTS "public"."reconciliation_status";
