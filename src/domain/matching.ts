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
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';
import { col, from, name } from '../db/entity.js';
import {
  matchingRules,
  reconciliationItems,
  reconciliationStatusEnum,
  reconciliations,
} from '../db/schema.js';
import { query } from '../db/sql.js';
import { enumType } from './rows.js';

export interface MatchResult {
  /** Reconciliations whose status changed. */
  changed: number;
  /** How many reconciliations were evaluated. */
  evaluated: number;
}

// The tables under the aliases the statement reads them by; the CTEs name their own columns.
const k = (column: PgColumn) => col('k', column);
const r = (column: PgColumn) => col('r', column);
const i = (column: PgColumn) => col('i', column);
const rule = matchingRules;
const rec = reconciliations;
const item = reconciliationItems;
const status = enumType(reconciliationStatusEnum);

export async function matchProject(tx: Db, organizationId: string, projectId: string): Promise<MatchResult> {
  const enabledRules = sql`${from(rule, 'k')}
      where ${k(rule.organizationId)} = ${organizationId}::uuid and ${k(rule.projectId)} = ${projectId}::uuid and ${k(rule.enabled)}`;
  const [row] = await query<{ changed: number; evaluated: number }>(
    tx,
    sql`
    with rules as (
      select ${k(rule.id)} as id, ${k(rule.tolerance)} as tolerance, ${k(rule.dateWindowDays)} as date_window_days,
             ${k(rule.matchReference)} as match_reference
      from ${enabledRules}
      union all
      -- the default rule: exact amount, any date, no reference check
      select null::uuid, 0, 0, false
      where not exists (select 1 from ${enabledRules})
    ),
    targets as (
      select ${r(rec.id)} as id, ${r(rec.organizationId)} as organization_id, ${r(rec.reference)} as reference,
             ${r(rec.amount)} as amount, (${r(rec.createdAt)} at time zone 'UTC')::date as created_on, ${r(rec.status)} as status
      from ${from(rec, 'r')}
      where ${r(rec.organizationId)} = ${organizationId}::uuid and ${r(rec.projectId)} = ${projectId}::uuid
    ),
    per_rule as (
      -- one row per reconciliation and rule: how many items the rule admits and their sum
      select t.id, count(${i(item.id)}) as admitted, coalesce(sum(${i(item.amount)}), 0) as total, t.amount, k.tolerance
      from targets t
      cross join rules k
      left join ${from(item, 'i')}
        on ${i(item.reconciliationId)} = t.id and ${i(item.organizationId)} = t.organization_id
       and (k.date_window_days = 0
            or abs((${i(item.bookedAt)} at time zone 'UTC')::date - t.created_on) <= k.date_window_days)
       and (not k.match_reference or strpos(lower(${i(item.description)}), lower(t.reference)) > 0)
      -- by rule id: two rules with the same settings are two rules, not one with doubled items
      group by t.id, k.id, k.tolerance, t.amount
    ),
    decided as (
      select t.id, t.status as old_status,
             case
               when not exists (select 1 from ${from(item, 'i')}
                                where ${i(item.reconciliationId)} = t.id and ${i(item.organizationId)} = t.organization_id)
                 then 'pending'
               when bool_or(p.admitted > 0 and abs(p.total - p.amount) <= p.tolerance) then 'matched'
               when bool_or(p.admitted > 0) then 'partially_matched'
               else 'unmatched'
             end::${status} as status
      from targets t join per_rule p on p.id = t.id
      group by t.id, t.organization_id, t.status
    ),
    updated as (
      update ${rec} r set ${name(rec.status)} = d.status, ${name(rec.updatedAt)} = now()
      from decided d
      where ${r(rec.id)} = d.id and ${r(rec.organizationId)} = ${organizationId}::uuid and ${r(rec.status)} <> d.status
      returning ${r(rec.id)}
    )
    select (select count(*)::int from updated) as changed, (select count(*)::int from decided) as evaluated`,
  );
  return { changed: row?.changed ?? 0, evaluated: row?.evaluated ?? 0 };
}
