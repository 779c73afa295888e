/** Audit rows, written in the transaction of the change they record. */
import { sql } from 'drizzle-orm';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { query } from '../db/sql.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export async function writeAudit(tx: Db, viewer: Viewer, entry: AuditEntry): Promise<void> {
  await query(
    tx,
    sql`insert into audit_logs (organization_id, user_id, action, entity_type, entity_id, details)
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
