/** Reconciliation items: by id, a reconciliation's, and each reconciliation's exact totals. */
import { sql } from 'drizzle-orm';
import { tags } from '../cache/tags.js';
import { aliased, from } from '../db/entity.js';
import { reconciliationItemEntity } from '../db/rows.js';
import { reconciliationItems, reconciliations } from '../db/schema.js';
import { pgArray, query } from '../db/sql.js';
import { connectionByParentLoader } from './batch.js';
import { orderings } from './orderings.js';
import { keyed, type ListArgs, type LoaderScope, tagged } from './scope.js';

const x = aliased(reconciliationItems);
const r = aliased(reconciliations, 'r');
const i = aliased(reconciliationItems, 'i');
const RECONCILIATIONS_R = from(reconciliations, 'r');
const ITEMS_I = from(reconciliationItems, 'i');

export const itemOrdering = orderings(
  'items',
  { CREATED_AT: reconciliationItems.createdAt },
  { field: 'CREATED_AT', direction: 'ASC' },
)();

export interface Totals {
  itemsTotal: string;
  difference: string;
}

export function reconciliationItemLoaders(scope: LoaderScope) {
  const { db, organizationId: org } = scope;
  return {
    reconciliationItemById: (id: string) =>
      scope.byId('ReconciliationItem', id, (row) => tags.items(row.reconciliationId)),

    /** A page of each reconciliation's items: one LATERAL statement for all of them. */
    itemsByReconciliationId(reconciliationId: string, list: ListArgs = {}) {
      return scope.memo('itemsByReconciliationId', list, () =>
        tagged(
          connectionByParentLoader(
            db,
            org,
            { spec: reconciliationItemEntity, ordering: itemOrdering, where: [], parent: x.reconciliationId },
            list,
            scope.prime('ReconciliationItem'),
          ),
          tags.items,
          scope.tag,
        ),
      )(reconciliationId);
    },

    /** Each reconciliation's exact item sum and amount - sum, computed in numeric by PostgreSQL. */
    totalsByReconciliationId: keyed<string, Totals>(scope, tags.items, async (ids) => {
      const rows = await query<{ id: string } & Totals>(
        db,
        sql`select ${r.id}::text as id, coalesce(t.total, 0)::text as "itemsTotal", (${r.amount} - coalesce(t.total, 0))::text as difference
            from ${RECONCILIATIONS_R}
            left join lateral (
              select sum(${i.amount}) as total from ${ITEMS_I}
              where ${i.reconciliationId} = ${r.id} and ${i.organizationId} = ${r.organizationId}
            ) t on true
            where ${r.organizationId} = ${org}::uuid and ${r.id} = any(${pgArray(ids)}::uuid[])`,
      );
      const totals = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => totals.get(id) ?? { itemsTotal: '0', difference: '0' });
    }),
  };
}
