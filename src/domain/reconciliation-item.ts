/** Writes of reconciliation items: add up to 10,000 (batched, all or nothing), remove one. */
import { sql } from 'drizzle-orm';
import { col, from, selectList, toRow } from '../db/entity.js';
import {
  type ReconciliationItemRow,
  type ReconciliationRow,
  reconciliationEntity,
  reconciliationItemEntity,
} from '../db/rows.js';
import { reconciliationItems } from '../db/schema.js';
import { pgArray, query } from '../db/sql.js';
import { writeAudit } from './audit.js';
import { Checks, fail, notFound } from './errors.js';
import { lockReconciliation } from './locks.js';
import { deleteRow, names, oneRow, updateRow } from './rows.js';
import { checkAmount } from './validation.js';
import type { Write } from './write.js';

export const MAX_ITEMS_PER_CALL = 10_000;
/** Rows per INSERT: the statement count of a call grows with batches, not items. */
export const ITEM_BATCH_SIZE = 2_000;

export interface ReconciliationItemInput {
  description?: string | null;
  amount: string;
  bookedAt?: string | null;
}

const i = reconciliationItems;

/** Adds items to a reconciliation, in the order given; its updated_at moves (its item list changed). */
export async function addItems(
  w: Write,
  reconciliationId: string,
  items: readonly ReconciliationItemInput[],
): Promise<{ reconciliation: ReconciliationRow; items: ReconciliationItemRow[] }> {
  if (items.length === 0) fail('NO_ITEMS', 'Give at least one item', ['items']);
  if (items.length > MAX_ITEMS_PER_CALL) {
    fail('TOO_MANY_ITEMS', `At most ${MAX_ITEMS_PER_CALL} items per call, got ${items.length}`, ['items']);
  }
  // The reconciliation's row lock serializes concurrent writers of it (project locked first).
  const field = ['reconciliationId'];
  const { reconciliation, project } = await lockReconciliation(
    w.tx,
    w.viewer,
    w.decodeId(reconciliationId, 'Reconciliation', field),
    field,
  );
  const checks = new Checks();
  items.forEach((item, n) => {
    const field = ['items', String(n)];
    checkAmount(checks, item.amount, [...field, 'amount'], {
      currency: reconciliation.currency,
      allowNegative: true,
    });
    if ((item.description ?? '').length > 500)
      checks.add('TOO_LONG', 'At most 500 characters', [...field, 'description']);
  });
  // Report the first few problems, each with its index, rather than thousands.
  checks.errors.splice(20);
  checks.throwIfAny();
  w.changed.projectIds.add(project.id);
  w.changed.reconciliationIds.add(reconciliation.id);

  const now = new Date().toISOString();
  const added: ReconciliationItemRow[] = [];
  for (let start = 0; start < items.length; start += ITEM_BATCH_SIZE) {
    const batch = items.slice(start, start + ITEM_BATCH_SIZE);
    // One multi-row INSERT per batch: arrays unnested in order (with ordinality keeps it).
    const rows = await query<Record<string, unknown>>(
      w.tx,
      sql`insert into ${i} as x (${names(i.organizationId, i.reconciliationId, i.description, i.amount, i.bookedAt)})
          select ${reconciliation.organizationId}::uuid, ${reconciliation.id}::uuid, d, a, b
          from unnest(${pgArray(batch.map((item) => item.description ?? ''))}::text[],
                      ${pgArray(batch.map((item) => item.amount))}::numeric[],
                      ${pgArray(batch.map((item) => item.bookedAt ?? now))}::timestamptz[]) with ordinality as u(d, a, b, n)
          order by n
          returning ${selectList(reconciliationItemEntity, 'x')}`,
    );
    added.push(...rows.map((row) => toRow(reconciliationItemEntity, row)));
  }
  const touched = await updateRow(w.tx, reconciliationEntity, reconciliation, null);
  await writeAudit(w.tx, w.viewer, {
    action: 'reconciliation_item.add',
    entityType: 'Reconciliation',
    entityId: reconciliation.id,
    details: { count: added.length },
  });
  return { reconciliation: touched, items: added };
}

/** Removes one item; its reconciliation's updated_at moves. */
export async function removeItem(
  w: Write,
  id: string,
): Promise<{ deleted: ReconciliationItemRow; reconciliation: ReconciliationRow }> {
  const itemId = w.decodeId(id, 'ReconciliationItem', ['id']);
  const item =
    (await oneRow(
      w.tx,
      reconciliationItemEntity,
      sql`select ${selectList(reconciliationItemEntity, 'x')} from ${from(i)}
          where ${col('x', i.id)} = ${itemId}::uuid and ${col('x', i.organizationId)} = ${w.viewer.organizationId}::uuid`,
    )) ?? notFound('ReconciliationItem', ['id']);
  const { reconciliation, project } = await lockReconciliation(w.tx, w.viewer, item.reconciliationId, ['id']);
  w.changed.projectIds.add(project.id);
  w.changed.reconciliationIds.add(reconciliation.id);
  // The item may have gone while we waited for the locks.
  if (!(await deleteRow(w.tx, i, item))) notFound('ReconciliationItem', ['id']);
  const touched = await updateRow(w.tx, reconciliationEntity, reconciliation, null);
  await writeAudit(w.tx, w.viewer, {
    action: 'reconciliation_item.remove',
    entityType: 'ReconciliationItem',
    entityId: item.id,
    details: {
      before: {
        amount: item.amount,
        description: item.description,
        reconciliationId: reconciliation.id,
      },
    },
  });
  return { deleted: item, reconciliation: touched };
}
