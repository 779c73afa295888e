/** reconciliationItemsAdd and reconciliationItemRemove: each one write of src/domain/reconciliation-item.ts. */
import type { ReconciliationItemRow, ReconciliationRow } from '../../db/rows.js';
import { addItems, MAX_ITEMS_PER_CALL, removeItem } from '../../domain/reconciliation-item.js';
import { builder } from '../builder.js';
import { mutate, payloadType } from '../mutation.js';
import { ReconciliationItemRef, ReconciliationRef } from '../refs.js';

// Where the tests have always taken it from; it belongs to the write (src/domain/reconciliation-item.ts).
export { ITEM_BATCH_SIZE } from '../../domain/reconciliation-item.js';

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

const ReconciliationItemRemovePayload = payloadType<{
  deleted: ReconciliationItemRow;
  reconciliation: ReconciliationRow;
}>(
  'ReconciliationItemRemovePayload',
  'The result of reconciliationItemRemove.',
  (t) => ({
    reconciliation: t.field({
      type: ReconciliationRef,
      nullable: true,
      description: 'The reconciliation it was removed from.',
      resolve: (p) => p.reconciliation ?? null,
    }),
  }),
  { type: 'ReconciliationItem', description: 'Global id of the removed item.' },
);

builder.mutationFields((t) => ({
  reconciliationItemsAdd: t.field({
    type: ReconciliationItemsAddPayload,
    description: `Adds up to ${MAX_ITEMS_PER_CALL} items to a reconciliation, all or nothing.`,
    authScopes: { member: true },
    args: {
      reconciliationId: t.arg.id({
        required: true,
        description: 'Global id of the reconciliation the items belong to.',
      }),
      items: t.arg({
        type: [ReconciliationItemInput],
        required: true,
        description: `The items to add (1 to ${MAX_ITEMS_PER_CALL}); an error names an item by its index.`,
      }),
    },
    resolve: (_root, { reconciliationId, items }, ctx) =>
      mutate(ctx, 'reconciliationItemsAdd', (w) => addItems(w, String(reconciliationId), items)),
  }),
  reconciliationItemRemove: t.field({
    type: ReconciliationItemRemovePayload,
    description: 'Removes one item from its reconciliation.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the item to remove.' }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'reconciliationItemRemove', (w) => removeItem(w, String(id))),
  }),
}));
