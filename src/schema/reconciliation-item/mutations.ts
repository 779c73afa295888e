/** reconciliationItemsAdd (up to 10,000, batched, all or nothing) and reconciliationItemRemove. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { selectList, toRow } from '../../db/entity.js';
import {
  type ReconciliationItemRow,
  type ReconciliationRow,
  reconciliationEntity,
  reconciliationItemEntity,
} from '../../db/rows.js';
import { pgArray, query } from '../../db/sql.js';
import { writeAudit } from '../../domain/audit.js';
import { Checks, fail, notFound } from '../../domain/errors.js';
import { lockReconciliation } from '../../domain/locks.js';
import { oneRow, returning } from '../../domain/rows.js';
import { checkAmount } from '../../domain/validation.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutate, mutationId, payloadType } from '../mutation.js';
import { ReconciliationItemRef, ReconciliationRef } from '../refs.js';

export const MAX_ITEMS_PER_CALL = 10_000;
/** Rows per INSERT: the statement count of a call grows with batches, not items. */
export const ITEM_BATCH_SIZE = 2_000;

const ReconciliationItemInput = builder.inputType('ReconciliationItemInput', {
  description: 'An item that arrived.',
  fields: (t) => ({
    description: t.string({
      required: false,
      description: 'Free text, at most 500 characters (default empty).',
    }),
    amount: t.field({
      type: 'Decimal',
      required: true,
      description: 'The amount; may be negative (a reversal).',
    }),
    bookedAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'When it was booked (default now).',
    }),
  }),
});

const ReconciliationItemsAddPayload = payloadType<{
  reconciliation: ReconciliationRow;
  items: ReconciliationItemRow[];
}>('ReconciliationItemsAddPayload', 'The result of reconciliationItemsAdd.', (t) => ({
  reconciliation: t.field({
    type: ReconciliationRef,
    nullable: true,
    description: 'The reconciliation the items were added to.',
    resolve: (p) => p.reconciliation ?? null,
  }),
  items: t.field({
    type: [ReconciliationItemRef],
    nullable: true,
    description: 'The items added, in the order given.',
    resolve: (p) => p.items ?? null,
  }),
}));

const ReconciliationItemRemovePayload = payloadType<{ deletedId: string; reconciliation: ReconciliationRow }>(
  'ReconciliationItemRemovePayload',
  'The result of reconciliationItemRemove.',
  (t) => ({
    deletedId: t.id({
      nullable: true,
      description: 'Global id of the removed item.',
      resolve: (p) => p.deletedId ?? null,
    }),
    reconciliation: t.field({
      type: ReconciliationRef,
      nullable: true,
      description: 'The reconciliation it was removed from.',
      resolve: (p) => p.reconciliation ?? null,
    }),
  }),
);

/** Marks the reconciliation changed (its item list did) and returns it as it is now. */
async function touch(tx: Db, row: ReconciliationRow): Promise<ReconciliationRow> {
  return (await oneRow(
    tx,
    reconciliationEntity,
    sql`update reconciliations x set updated_at = now()
        where x.id = ${row.id}::uuid and x.organization_id = ${row.organizationId}::uuid ${returning(reconciliationEntity)}`,
  ))!;
}

builder.mutationFields((t) => ({
  reconciliationItemsAdd: t.field({
    type: ReconciliationItemsAddPayload,
    description: `Adds up to ${MAX_ITEMS_PER_CALL} items to a reconciliation, all or nothing.`,
    authScopes: { member: true },
    args: {
      reconciliationId: t.arg.id({ required: true }),
      items: t.arg({ type: [ReconciliationItemInput], required: true }),
    },
    resolve: (_root, { reconciliationId, items }, ctx) =>
      mutate(ctx, 'reconciliationItemsAdd', async (tx, changed) => {
        if (items.length === 0) fail('NO_ITEMS', 'Give at least one item', ['items']);
        if (items.length > MAX_ITEMS_PER_CALL) {
          fail('TOO_MANY_ITEMS', `At most ${MAX_ITEMS_PER_CALL} items per call, got ${items.length}`, [
            'items',
          ]);
        }
        // The reconciliation's row lock serializes concurrent writers of it (project locked first).
        const { reconciliation, project } = await lockReconciliation(
          tx,
          ctx,
          mutationId(String(reconciliationId), 'Reconciliation', ['reconciliationId']),
          ['reconciliationId'],
        );
        const checks = new Checks();
        items.forEach((item, i) => {
          const field = ['items', String(i)];
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
        if (project.archived) fail('PROJECT_ARCHIVED', 'The project is archived', ['reconciliationId']);
        changed.projectIds.add(project.id);
        changed.reconciliationIds.add(reconciliation.id);

        const now = new Date().toISOString();
        const added: ReconciliationItemRow[] = [];
        for (let start = 0; start < items.length; start += ITEM_BATCH_SIZE) {
          const batch = items.slice(start, start + ITEM_BATCH_SIZE);
          // One multi-row INSERT per batch: arrays unnested in order (with ordinality keeps it).
          const rows = await query<Record<string, unknown>>(
            tx,
            sql`insert into reconciliation_items as x (organization_id, reconciliation_id, description, amount, booked_at)
                select ${reconciliation.organizationId}::uuid, ${reconciliation.id}::uuid, d, a, b
                from unnest(${pgArray(batch.map((i) => i.description ?? ''))}::text[],
                            ${pgArray(batch.map((i) => i.amount))}::numeric[],
                            ${pgArray(batch.map((i) => i.bookedAt ?? now))}::timestamptz[]) with ordinality as u(d, a, b, n)
                order by n
                returning ${selectList(reconciliationItemEntity, 'x')}`,
          );
          added.push(...rows.map((r) => toRow(reconciliationItemEntity, r)));
        }
        const touched = await touch(tx, reconciliation);
        await writeAudit(tx, ctx.viewer!, {
          action: 'reconciliation_items.add',
          entityType: 'Reconciliation',
          entityId: reconciliation.id,
          details: { count: added.length },
        });
        return { reconciliation: touched, items: added };
      }),
  }),
  reconciliationItemRemove: t.field({
    type: ReconciliationItemRemovePayload,
    description: 'Removes one item from its reconciliation.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'reconciliationItemRemove', async (tx, changed) => {
        const itemId = mutationId(String(id), 'ReconciliationItem', ['id']);
        const item =
          (await oneRow(
            tx,
            reconciliationItemEntity,
            sql`select ${selectList(reconciliationItemEntity, 'x')} from reconciliation_items x
                where x.id = ${itemId}::uuid and x.organization_id = ${ctx.viewer!.organizationId}::uuid`,
          )) ?? notFound('ReconciliationItem', ['id']);
        const { reconciliation, project } = await lockReconciliation(tx, ctx, item.reconciliationId, ['id']);
        if (project.archived) fail('PROJECT_ARCHIVED', 'The project is archived', ['id']);
        changed.projectIds.add(project.id);
        changed.reconciliationIds.add(reconciliation.id);
        // The item may have gone while we waited for the locks.
        const removed = await query(
          tx,
          sql`delete from reconciliation_items where id = ${item.id}::uuid and organization_id = ${item.organizationId}::uuid returning id`,
        );
        if (!removed.length) notFound('ReconciliationItem', ['id']);
        const touched = await touch(tx, reconciliation);
        await writeAudit(tx, ctx.viewer!, {
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
        return { deletedId: encodeGlobalId('ReconciliationItem', item.id), reconciliation: touched };
      }),
  }),
}));
