/**
 * Audit rows, written in the transaction of the change they record.
 *
 * Actions are one closed list: a write names one of these.
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
  'reconciliations.match',
  'reconciliation_items.add',
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
