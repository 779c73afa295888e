import { builder } from '../builder.js';
import { loadNodes, ReconciliationItemRef, ReconciliationRef } from '../refs.js';

builder.node(ReconciliationItemRef, {
  description: 'Money that actually arrived, booked against a reconciliation.',
  id: { resolve: (i) => i.id },
  loadMany: loadNodes('ReconciliationItem'),
  fields: (t) => ({
    description: t.exposeString('description', { description: 'Free text, e.g. the bank statement line.' }),
    amount: t.field({ type: 'Decimal', description: 'The amount that arrived.', resolve: (i) => i.amount }),
    bookedAt: t.field({ type: 'DateTime', description: 'When it was booked.', resolve: (i) => i.bookedAt }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was recorded.',
      resolve: (i) => i.createdAt,
    }),
    reconciliation: t.field({
      type: ReconciliationRef,
      description: 'The reconciliation it belongs to.',
      resolve: async (i, _args, ctx) => (await ctx.loaders.reconciliationById(i.reconciliationId))!,
    }),
  }),
});
