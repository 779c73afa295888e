-- audit, with 1 and with many rows per level: 2 statements, in the order sent

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."user_id" as "userId", "x"."action" as "action", "x"."entity_type" as "entityType", "x"."entity_id" as "entityId", "x"."details" as "details", "x"."created_at" as "createdAt" from "audit_logs" "x" where "x"."organization_id" = $1::uuid order by "x"."created_at" desc, "x"."id" desc limit $2;

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."email" as "email", "x"."name" as "name", "x"."role" as "role", "x"."created_at" as "createdAt" from "users" "x" where "x"."id" = any($1::uuid[]) and "x"."organization_id" = $2::uuid;
