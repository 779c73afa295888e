/**
 * Audit rows, written in the transaction of the change they record.
 *
 * Actions are named `entity.verb`, one per mutation: `entity` is the snake_case singular of the
 * object the mutation is named for (reconciliationItemsAdd -> `reconciliation_item`), `verb` its
 * action in snake_case (`status_set`). The row's entityType/entityId say which row it is recorded
 * against (items added are recorded against their Reconciliation, a match against its Project).
 * The list is closed: a write names one of these, and the README lists them.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { auditLogs } from '../db/schema.js';
import { query } from '../db/sql.js';
import { names } from './rows.js';

export const AUDIT_ACTIONS = [
  'session.create',
  'session.delete',
  'project.create',
  'project.update',
  'project.archive',
  'project.unarchive',
  'reconciliation.create',
  'reconciliation.update',
  'reconciliation.delete',
  'reconciliation.status_set',
  'reconciliation.match',
  'reconciliation_item.add',
  'reconciliation_item.remove',
  'matching_rule.create',
  'matching_rule.update',
  'matching_rule.delete',
  'settings.update',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

const AUDIT_COLUMNS = names(
  auditLogs.organizationId,
  auditLogs.userId,
  auditLogs.action,
  auditLogs.entityType,
  auditLogs.entityId,
  auditLogs.details,
);

export async function writeAudit(tx: Db, viewer: Viewer, entry: AuditEntry): Promise<void> {
  await query(
    tx,
    sql`insert into ${auditLogs} (${AUDIT_COLUMNS})
        values (${viewer.organizationId}::uuid, ${viewer.userId}::uuid, ${entry.action}, ${entry.entityType},
                ${entry.entityId}::uuid, ${JSON.stringify(entry.details)}::jsonb)`,
  );
}

/** The fields that changed, as a compact before/after. */
export function diff<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) {
      b[f] = before[f];
      a[f] = after[f];
    }
  }
  return { before: b, after: a };
}
