/** Reconciliations: by id, the organization's list, a project's, and counts per status. */
import { type SQL, sql } from 'drizzle-orm';
import { tags } from '../cache/tags.js';
import { aliased, enumType, from } from '../db/entity.js';
import {
  RECONCILIATION_STATUSES,
  type ReconciliationRow,
  type ReconciliationStatus,
  reconciliationEntity,
  type StatusCount,
} from '../db/rows.js';
import { reconciliationStatusCounts, reconciliationStatusEnum, reconciliations } from '../db/schema.js';
import { escapeLike, pgArray, query } from '../db/sql.js';
import { badInput } from '../errors.js';
import { connectionByParentLoader, fetchConnection, type ListSource } from './batch.js';
import { capText, FILTER_LIMITS } from './filters.js';
import { orderings } from './orderings.js';
import { keyed, type ListArgs, type LoaderScope, tagged } from './scope.js';

const x = aliased(reconciliations);
const c = aliased(reconciliationStatusCounts, 'c');
const STATUS_COUNTS = from(reconciliationStatusCounts, 'c');
const STATUS_ARRAY = sql`${enumType(reconciliationStatusEnum)}[]`;

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

/** The filter as conditions on alias `x`; every value a bound parameter. */
export function reconciliationConditions(filter: ReconciliationFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.projectId) where.push(sql`${x.projectId} = ${filter.projectId}::uuid`);
  if (filter.status) where.push(sql`${x.status} = any(${pgArray(filter.status)}::${STATUS_ARRAY})`);
  if (filter.createdAfter) where.push(sql`${x.createdAt} > ${filter.createdAfter}::timestamptz`);
  if (filter.createdBefore) where.push(sql`${x.createdAt} < ${filter.createdBefore}::timestamptz`);
  if (filter.reference !== null && filter.reference !== undefined && filter.reference !== '') {
    where.push(sql`${x.reference} like ${`${escapeLike(capText(filter.reference, 'filter.reference'))}%`}`);
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
    where.push(sql`${x.metadata} @> ${json}::jsonb`);
  }
  if (filter.minAmount) where.push(sql`${x.amount} >= ${filter.minAmount}::numeric`);
  if (filter.maxAmount) where.push(sql`${x.amount} <= ${filter.maxAmount}::numeric`);
  return where;
}

export type ReconciliationOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'AMOUNT';
export const reconciliationOrdering = orderings<ReconciliationOrderField>(
  'reconciliations',
  {
    CREATED_AT: reconciliations.createdAt,
    UPDATED_AT: reconciliations.updatedAt,
    AMOUNT: reconciliations.amount,
  },
  { field: 'CREATED_AT', direction: 'DESC' },
);

export type ReconciliationListArgs = ListArgs<ReconciliationFilter, ReconciliationOrderField>;

const source = (list: ReconciliationListArgs): ListSource<ReconciliationRow> => ({
  spec: reconciliationEntity,
  ordering: reconciliationOrdering(list.orderBy),
  where: reconciliationConditions(list.filter),
});

/** Every status in the enum's order, zeros included. */
function statusCounts(rows: { status: ReconciliationStatus; n: number }[]): StatusCount[] {
  const byStatus = new Map(rows.map((r) => [r.status, r.n]));
  return RECONCILIATION_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

export function reconciliationLoaders(scope: LoaderScope) {
  const { db, organizationId: org } = scope;
  return {
    reconciliationById: (id: string) =>
      scope.byId('Reconciliation', id, (row) => tags.projectReconciliations(row.projectId)),

    /** The organization's reconciliations (the root list): one plain statement. */
    reconciliations(list: ReconciliationListArgs = {}) {
      scope.tag(tags.reconciliations(org));
      return fetchConnection(db, org, source(list), list, scope.prime('Reconciliation'));
    },

    /** A page of each project's reconciliations: one LATERAL statement for all the projects. */
    reconciliationsByProjectId(projectId: string, list: ReconciliationListArgs = {}) {
      return scope.memo('reconciliationsByProjectId', list, () =>
        tagged(
          connectionByParentLoader(
            db,
            org,
            { ...source(list), parent: x.projectId },
            list,
            scope.prime('Reconciliation'),
          ),
          tags.projectReconciliations,
          scope.tag,
        ),
      )(projectId);
    },

    /**
     * Counts per status read from the counter the triggers keep exact (drizzle/0003_status_counts.sql:
     * the database guide's recon:count:status), a few rows per project whatever its size; the
     * response cache stays in front of it, tagged as before.
     */
    statusCountsByProjectId: keyed<string, StatusCount[]>(scope, tags.projectReconciliations, async (ids) => {
      const rows = await query<{ project: string; status: ReconciliationStatus; n: number }>(
        db,
        sql`select ${c.projectId}::text as project, ${c.status}::text as status, ${c.count} as n
            from ${STATUS_COUNTS}
            where ${c.organizationId} = ${org}::uuid and ${c.projectId} = any(${pgArray(ids)}::uuid[])`,
      );
      return ids.map((id) => statusCounts(rows.filter((r) => r.project === id)));
    }),

    /** The organization's counts per status: the sum of its projects' counters. */
    async statusCounts(): Promise<StatusCount[]> {
      scope.tag(tags.reconciliations(org));
      const rows = await query<{ status: ReconciliationStatus; n: number }>(
        db,
        sql`select ${c.status}::text as status, sum(${c.count})::int as n from ${STATUS_COUNTS}
            where ${c.organizationId} = ${org}::uuid group by 1`,
      );
      return statusCounts(rows);
    },
  };
}
