-- dashboard, with 1 and with many rows per level: 2 statements, in the order sent

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."project_id" as "projectId", "x"."reference" as "reference", "x"."amount"::text as "amount", "x"."currency" as "currency", "x"."status" as "status", "x"."metadata" as "metadata", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "reconciliations" "x" where "x"."organization_id" = $1::uuid and "x"."status" = any($2::"reconciliation_status"[]) and "x"."created_at" > $3::timestamptz order by "x"."created_at" desc, "x"."id" desc limit $4;

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."name" as "name", "x"."archived" as "archived", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "projects" "x" where "x"."id" = any($1::uuid[]) and "x"."organization_id" = $2::uuid;
