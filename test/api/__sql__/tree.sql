-- tree, with 1 and with many rows per level: 3 statements, in the order sent

select x.id as "id", x.organization_id as "organizationId", x.name as "name", x.archived as "archived", x.created_at as "createdAt", x.updated_at as "updatedAt" from projects x where x.organization_id = $1::uuid order by x.created_at desc, x.id desc limit $2;

select p.parent_id::text as "__parent", page.* from unnest($1::uuid[]) as p(parent_id) cross join lateral ( select x.id as "id", x.organization_id as "organizationId", x.project_id as "projectId", x.reference as "reference", x.amount::text as "amount", x.currency as "currency", x.status as "status", x.metadata as "metadata", x.created_at as "createdAt", x.updated_at as "updatedAt" from reconciliations x where x.organization_id = $2::uuid and x.project_id = p.parent_id order by x.created_at desc, x.id desc limit $3 ) page;

select p.parent_id::text as "__parent", page.* from unnest($1::uuid[]) as p(parent_id) cross join lateral ( select x.id as "id", x.organization_id as "organizationId", x.reconciliation_id as "reconciliationId", x.description as "description", x.amount::text as "amount", x.booked_at as "bookedAt", x.created_at as "createdAt" from reconciliation_items x where x.organization_id = $2::uuid and x.reconciliation_id = p.parent_id order by x.created_at asc, x.id asc limit $3 ) page;
