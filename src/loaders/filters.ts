/** Filter arguments turned into SQL conditions on alias `x`; every value is a bound parameter. */
import { type SQL, sql } from 'drizzle-orm';
import { aliased, enumType } from '../db/entity.js';
import type { ReconciliationStatus } from '../db/rows.js';
import { auditLogs, projects, reconciliationStatusEnum, reconciliations } from '../db/schema.js';
import { escapeLike, pgArray } from '../db/sql.js';
import { badInput } from '../errors.js';

// Columns on alias `x`, built once.
const r = aliased(reconciliations);
const p = aliased(projects);
const a = aliased(auditLogs);
const STATUS_ARRAY = sql`${enumType(reconciliationStatusEnum)}[]`;

/**
 * Filter values are matched against every row (a `like` pattern, a `@>` containment): a value of
 * megabytes ties PostgreSQL up for seconds, so they are capped here, where every list query's
 * filter passes before its SQL is written.
 */
export const FILTER_LIMITS = { text: 200, metadataBytes: 4096 } as const;

function capText(value: string, argument: string): string {
  if (value.length > FILTER_LIMITS.text) {
    throw badInput(`"${argument}" must be at most ${FILTER_LIMITS.text} characters`, { argument });
  }
  return value;
}

export interface ReconciliationFilter {
  /** Already decoded from its global id. */
  projectId?: string | null;
  status?: ReconciliationStatus[] | null;
  createdAfter?: string | null;
  createdBefore?: string | null;
  reference?: string | null;
  metadata?: unknown;
  minAmount?: string | null;
  maxAmount?: string | null;
}

export function reconciliationConditions(filter: ReconciliationFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.projectId) where.push(sql`${r.projectId} = ${filter.projectId}::uuid`);
  if (filter.status) {
    where.push(sql`${r.status} = any(${pgArray(filter.status)}::${STATUS_ARRAY})`);
  }
  if (filter.createdAfter) where.push(sql`${r.createdAt} > ${filter.createdAfter}::timestamptz`);
  if (filter.createdBefore) where.push(sql`${r.createdAt} < ${filter.createdBefore}::timestamptz`);
  if (filter.reference !== null && filter.reference !== undefined && filter.reference !== '') {
    where.push(sql`${r.reference} like ${`${escapeLike(capText(filter.reference, 'filter.reference'))}%`}`);
  }
  if (filter.metadata !== null && filter.metadata !== undefined) {
    if (typeof filter.metadata !== 'object' || Array.isArray(filter.metadata)) {
      throw badInput('"filter.metadata" must be a JSON object', { argument: 'filter.metadata' });
    }
    const json = JSON.stringify(filter.metadata);
    if (Buffer.byteLength(json) > FILTER_LIMITS.metadataBytes) {
      throw badInput(`"filter.metadata" must be at most ${FILTER_LIMITS.metadataBytes} bytes of JSON`, {
        argument: 'filter.metadata',
      });
    }
    where.push(sql`${r.metadata} @> ${json}::jsonb`);
  }
  if (filter.minAmount) where.push(sql`${r.amount} >= ${filter.minAmount}::numeric`);
  if (filter.maxAmount) where.push(sql`${r.amount} <= ${filter.maxAmount}::numeric`);
  return where;
}

export interface ProjectFilter {
  archived?: boolean | null;
  search?: string | null;
}

export function projectConditions(filter: ProjectFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.archived !== null && filter.archived !== undefined)
    where.push(sql`${p.archived} = ${filter.archived}`);
  if (filter.search) {
    where.push(sql`${p.name} ilike ${`%${escapeLike(capText(filter.search, 'filter.search'))}%`}`);
  }
  return where;
}

export interface AuditLogFilter {
  userId?: string | null;
  action?: string | null;
  entityId?: string | null;
  since?: string | null;
  until?: string | null;
}

export function auditLogConditions(filter: AuditLogFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.userId) where.push(sql`${a.userId} = ${filter.userId}::uuid`);
  if (filter.action) where.push(sql`${a.action} = ${capText(filter.action, 'filter.action')}`);
  if (filter.entityId) where.push(sql`${a.entityId} = ${filter.entityId}::uuid`);
  if (filter.since) where.push(sql`${a.createdAt} >= ${filter.since}::timestamptz`);
  if (filter.until) where.push(sql`${a.createdAt} < ${filter.until}::timestamptz`);
  return where;
}
