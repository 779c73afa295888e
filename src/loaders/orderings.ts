/** The unique orders each list can be read in (sort key, then id). */
import type { Ordering } from './keyset.js';

export type Direction = 'ASC' | 'DESC';
export type ReconciliationOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'AMOUNT';
export type ProjectOrderField = 'CREATED_AT' | 'UPDATED_AT';

const COLUMNS = {
  CREATED_AT: { field: 'createdAt', column: 'x.created_at', kind: 'timestamp' },
  UPDATED_AT: { field: 'updatedAt', column: 'x.updated_at', kind: 'timestamp' },
  AMOUNT: { field: 'amount', column: 'x.amount', kind: 'decimal' },
} as const;

function ordering(list: string, by: keyof typeof COLUMNS, direction: Direction): Ordering {
  return {
    name: `${list}:${by}:${direction}`,
    ...COLUMNS[by],
    direction: direction === 'ASC' ? 'asc' : 'desc',
  };
}

export const reconciliationOrdering = (
  o?: { field?: ReconciliationOrderField | null; direction?: Direction | null } | null,
) => ordering('reconciliations', o?.field ?? 'CREATED_AT', o?.direction ?? 'DESC');
export const projectOrdering = (
  o?: { field?: ProjectOrderField | null; direction?: Direction | null } | null,
) => ordering('projects', o?.field ?? 'CREATED_AT', o?.direction ?? 'DESC');
export const itemOrdering = ordering('items', 'CREATED_AT', 'ASC');
export const userOrdering = ordering('users', 'CREATED_AT', 'ASC');
export const auditLogOrdering = ordering('auditLogs', 'CREATED_AT', 'DESC');
