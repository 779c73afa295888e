/** Audit logs: by id, and the organization's (root list). */
import { type SQL, sql } from 'drizzle-orm';
import { tags } from '../cache/tags.js';
import { aliased } from '../db/entity.js';
import { auditLogEntity } from '../db/rows.js';
import { auditLogs } from '../db/schema.js';
import { fetchConnection } from './batch.js';
import { capText } from './filters.js';
import { orderings } from './orderings.js';
import type { ListArgs, LoaderScope } from './scope.js';

const x = aliased(auditLogs);

export interface AuditLogFilter {
  /** Already decoded from its global id, as entityId. */
  userId?: string | null;
  action?: string | null;
  entityId?: string | null;
  since?: string | null;
  until?: string | null;
}

/** The filter as conditions on alias `x`; every value a bound parameter. */
export function auditLogConditions(filter: AuditLogFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.userId) where.push(sql`${x.userId} = ${filter.userId}::uuid`);
  if (filter.action) where.push(sql`${x.action} = ${capText(filter.action, 'filter.action')}`);
  if (filter.entityId) where.push(sql`${x.entityId} = ${filter.entityId}::uuid`);
  if (filter.since) where.push(sql`${x.createdAt} >= ${filter.since}::timestamptz`);
  if (filter.until) where.push(sql`${x.createdAt} < ${filter.until}::timestamptz`);
  return where;
}

export const auditLogOrdering = orderings(
  'auditLogs',
  { CREATED_AT: auditLogs.createdAt },
  { field: 'CREATED_AT', direction: 'DESC' },
)();

export function auditLogLoaders(scope: LoaderScope) {
  const { db, organizationId: org } = scope;
  return {
    auditLogById: (id: string) => scope.byId('AuditLog', id, () => tags.auditLogs(org)),

    /** The organization's audit log, newest first (the root list): one plain statement. */
    auditLogs(list: ListArgs<AuditLogFilter> = {}) {
      scope.tag(tags.auditLogs(org));
      return fetchConnection(
        db,
        org,
        { spec: auditLogEntity, ordering: auditLogOrdering, where: auditLogConditions(list.filter) },
        list,
      );
    },
  };
}
