/**
 * Matching, as the contract defines it, in one set-based statement for a whole project:
 * for each reconciliation and each enabled rule (or the default rule when there is none), the
 * admitted items are those booked within the rule's date window of the reconciliation's creation
 * date (0 = any date) and, when the rule says so, whose description contains the reference
 * (case-insensitive). A rule whose admitted items (at least one) sum to the amount within its
 * tolerance makes it MATCHED; otherwise PARTIALLY_MATCHED when a rule admits any item, UNMATCHED
 * when none does; no items at all leaves it PENDING. Its cost grows with rows, not round trips.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { query } from '../db/sql.js';

export interface MatchResult {
  /** Reconciliations whose status changed. */
  changed: number;
  /** How many reconciliations were evaluated. */
  evaluated: number;
}

export async function matchProject(tx: Db, organizationId: string, projectId: string): Promise<MatchResult> {
  const [row] = await query<{ changed: number; evaluated: number }>(
    tx,
    sql`
    with rules as (
      select k.id, k.tolerance, k.date_window_days, k.match_reference
      from matching_rules k
      where k.organization_id = ${organizationId}::uuid and k.project_id = ${projectId}::uuid and k.enabled
      union all
      -- the default rule: exact amount, any date, no reference check
      select null::uuid, 0, 0, false
      where not exists (
        select 1 from matching_rules k
        where k.organization_id = ${organizationId}::uuid and k.project_id = ${projectId}::uuid and k.enabled)
    ),
    targets as (
      select r.id, r.organization_id, r.reference, r.amount, (r.created_at at time zone 'UTC')::date as created_on, r.status
      from reconciliations r
      where r.organization_id = ${organizationId}::uuid and r.project_id = ${projectId}::uuid
    ),
    per_rule as (
      -- one row per reconciliation and rule: how many items the rule admits and their sum
      select t.id, count(i.id) as admitted, coalesce(sum(i.amount), 0) as total, t.amount, k.tolerance
      from targets t
      cross join rules k
      left join reconciliation_items i
        on i.reconciliation_id = t.id and i.organization_id = t.organization_id
       and (k.date_window_days = 0
            or abs((i.booked_at at time zone 'UTC')::date - t.created_on) <= k.date_window_days)
       and (not k.match_reference or strpos(lower(i.description), lower(t.reference)) > 0)
      -- by rule id: two rules with the same settings are two rules, not one with doubled items
      group by t.id, k.id, k.tolerance, t.amount
    ),
    decided as (
      select t.id, t.status as old_status,
             case
               when not exists (select 1 from reconciliation_items i
                                where i.reconciliation_id = t.id and i.organization_id = t.organization_id)
                 then 'pending'
               when bool_or(p.admitted > 0 and abs(p.total - p.amount) <= p.tolerance) then 'matched'
               when bool_or(p.admitted > 0) then 'partially_matched'
               else 'unmatched'
             end::reconciliation_status as status
      from targets t join per_rule p on p.id = t.id
      group by t.id, t.organization_id, t.status
    ),
    updated as (
      update reconciliations r set status = d.status, updated_at = now()
      from decided d
      where r.id = d.id and r.organization_id = ${organizationId}::uuid and r.status <> d.status
      returning r.id
    )
    select (select count(*)::int from updated) as changed, (select count(*)::int from decided) as evaluated`,
  );
  return { changed: row?.changed ?? 0, evaluated: row?.evaluated ?? 0 };
}
