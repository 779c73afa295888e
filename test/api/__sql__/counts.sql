-- counts, with 1 and with many rows per level: 7 statements, in the order sent

select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."name" as "name", "x"."archived" as "archived", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "projects" "x" where "x"."organization_id" = $1::uuid order by "x"."created_at" desc, "x"."id" desc limit $2;

select "c"."status"::text as status, sum("c"."count")::int as n from "reconciliation_status_counts" "c" where "c"."organization_id" = $1::uuid group by 1;

select count(*)::int as n from "projects" "x" where "x"."organization_id" = $1::uuid;

select "c"."project_id"::text as project, "c"."status"::text as status, "c"."count" as n from "reconciliation_status_counts" "c" where "c"."organization_id" = $1::uuid and "c"."project_id" = any($2::uuid[]);

select p.parent_id::text as "__parent", page.* from unnest($1::uuid[]) as p(parent_id) cross join lateral ( select "x"."id" as "id", "x"."organization_id" as "organizationId", "x"."project_id" as "projectId", "x"."reference" as "reference", "x"."amount"::text as "amount", "x"."currency" as "currency", "x"."status" as "status", "x"."metadata" as "metadata", "x"."created_at" as "createdAt", "x"."updated_at" as "updatedAt" from "reconciliations" "x" where "x"."organization_id" = $2::uuid and "x"."project_id" = p.parent_id order by "x"."created_at" desc, "x"."id" desc limit $3 ) page;

select "x"."project_id"::text as parent, count(*)::int as n from "reconciliations" "x" where "x"."organization_id" = $1::uuid and "x"."project_id" = any($2::uuid[]) group by 1;

select "r"."id"::text as id, coalesce(t.total, 0)::text as "itemsTotal", ("r"."amount" - coalesce(t.total, 0))::text as difference from "reconciliations" "r" left join lateral ( select sum("i"."amount") as total from "reconciliation_items" "i" where "i"."reconciliation_id" = "r"."id" and "i"."organization_id" = "r"."organization_id" ) t on true where "r"."organization_id" = $1::uuid and "r"."id" = any($2::uuid[]);
