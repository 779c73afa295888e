-- organization, with 1 and with many rows per level: 4 statements, in the order sent

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."email" as "email", "x"."name" as "name", "x"."role" as "role", "x"."created_at" as "createdAt" from "users" "x" where "x"."id" = any($1::uuid[]) and "x"."organization_id" = $2::uuid;

select "x"."id" as "id", "x"."name" as "name", "x"."created_at" as "createdAt" from "organizations" "x" where "x"."id" = any($1::uuid[]) and "x"."id" = $2::uuid;

select p.parent_id::text as "__parent", page.* from unnest($1::uuid[]) as p(parent_id) cross join lateral ( select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."name" as "name", "x"."archived" as "archived", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "projects" "x" where "x"."organization_id" = $2::uuid and "x"."organization_id" = p.parent_id order by "x"."created_at" desc, "x"."id" desc limit $3 ) page;

select "x"."project_id"::text as "__parent", "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."project_id" as "projectId", "x"."name" as "name", "x"."tolerance"::text as "tolerance", "x"."date_window_days" as "dateWindowDays", "x"."match_reference" as "matchReference", "x"."priority" as "priority", "x"."enabled" as "enabled", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "matching_rules" "x" where "x"."organization_id" = $1::uuid and "x"."project_id" = any($2::uuid[]) order by "x"."priority", "x"."id";
