import type { ReconciliationFilter } from '../../loaders/reconciliation.js';
import { builder } from '../builder.js';
import { decodeIdOf } from '../global-id.js';
import {
  loadNodes,
  OrderDirectionEnum,
  ProjectRef,
  ReconciliationConnection,
  ReconciliationItemConnection,
  ReconciliationItemRef,
  ReconciliationRef,
  ReconciliationStatusEnum,
  StatusCountRef,
} from '../refs.js';

export const ReconciliationOrderFieldEnum = builder.enumType('ReconciliationOrderField', {
  description: 'What reconciliations can be sorted by (ties broken by id).',
  values: {
    CREATED_AT: { description: 'Creation time.' },
    UPDATED_AT: { description: 'Last change.' },
    AMOUNT: { description: 'Expected amount.' },
  } as const,
});

export const ReconciliationFilterInput = builder.inputType('ReconciliationFilter', {
  description: 'Narrows a list of reconciliations; all given conditions must hold.',
  fields: (t) => ({
    projectId: t.id({ required: false, description: 'Only this project’s.' }),
    status: t.field({
      type: [ReconciliationStatusEnum],
      required: false,
      description: 'Only these statuses.',
    }),
    createdAfter: t.field({ type: 'DateTime', required: false, description: 'Created strictly after.' }),
    createdBefore: t.field({ type: 'DateTime', required: false, description: 'Created strictly before.' }),
    reference: t.string({ required: false, description: 'Reference starts with this text (prefix match).' }),
    metadata: t.field({ type: 'JSON', required: false, description: 'Metadata contains this JSON object.' }),
    minAmount: t.field({ type: 'Decimal', required: false, description: 'Amount at least this.' }),
    maxAmount: t.field({ type: 'Decimal', required: false, description: 'Amount at most this.' }),
  }),
});

export const ReconciliationOrderInput = builder.inputType('ReconciliationOrder', {
  description: 'Sort order of a list of reconciliations (default CREATED_AT DESC).',
  fields: (t) => ({
    field: t.field({ type: ReconciliationOrderFieldEnum, required: true, description: 'The sort key.' }),
    direction: t.field({
      type: OrderDirectionEnum,
      required: false,
      defaultValue: 'DESC',
      description: 'The direction.',
    }),
  }),
});

/** The arguments of every list of reconciliations, besides the connection's own. */
export const reconciliationListArgs = builder.args((t) => ({
  filter: t.field({
    type: ReconciliationFilterInput,
    required: false,
    description: 'Only the reconciliations that match every condition given.',
  }),
  orderBy: t.field({
    type: ReconciliationOrderInput,
    required: false,
    description: 'The order of the list (default CREATED_AT DESC).',
  }),
}));

/** The filter argument with its project id decoded (a wrong-type or malformed id is BAD_USER_INPUT). */
export function toReconciliationFilter(
  filter: (Omit<ReconciliationFilter, 'projectId'> & { projectId?: string | null }) | null | undefined,
): ReconciliationFilter | null {
  if (!filter) return null;
  return { ...filter, projectId: filter.projectId ? decodeIdOf(filter.projectId, 'Project') : null };
}

builder.node(ReconciliationRef, {
  description:
    'Money a team expects: a reference and an exact amount in a project, against the items that arrived.',
  id: { resolve: (r) => r.id },
  loadMany: loadNodes('Reconciliation'),
  fields: (t) => ({
    reference: t.exposeString('reference', {
      description: 'The reference payments should carry (unique in its project).',
    }),
    amount: t.field({ type: 'Decimal', description: 'The expected amount.', resolve: (r) => r.amount }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code.' }),
    status: t.field({
      type: ReconciliationStatusEnum,
      description: 'Where it stands after matching.',
      resolve: (r) => r.status,
    }),
    metadata: t.field({ type: 'JSON', description: 'Free-form JSON object.', resolve: (r) => r.metadata }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was created.',
      resolve: (r) => r.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed.',
      resolve: (r) => r.updatedAt,
    }),
    project: t.field({
      type: ProjectRef,
      description: 'The project it belongs to.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.projectById(r.projectId))!,
    }),
    items: t.connection(
      {
        type: ReconciliationItemRef,
        description: 'The items that arrived for it, oldest first.',
        resolve: (r, args, ctx) => ctx.loaders.itemsByReconciliationId(r.id, args),
      },
      ReconciliationItemConnection,
    ),
    itemsTotal: t.field({
      type: 'Decimal',
      description: 'The exact sum of its items.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.totalsByReconciliationId(r.id)).itemsTotal,
    }),
    difference: t.field({
      type: 'Decimal',
      description: 'amount - itemsTotal, exact.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.totalsByReconciliationId(r.id)).difference,
    }),
  }),
});

builder.objectType(StatusCountRef, {
  description: 'How many reconciliations are in one status.',
  fields: (t) => ({
    status: t.field({ type: ReconciliationStatusEnum, description: 'The status.', resolve: (s) => s.status }),
    count: t.exposeInt('count', { description: 'How many.' }),
  }),
});

builder.queryFields((t) => ({
  reconciliations: t.connection(
    {
      type: ReconciliationRef,
      description: "Your organization's reconciliations (default newest first).",
      authScopes: { authenticated: true },
      args: reconciliationListArgs,
      resolve: (_root, { filter, orderBy, ...args }, ctx) =>
        ctx.loaders.reconciliations({ ...args, filter: toReconciliationFilter(filter), orderBy }),
    },
    ReconciliationConnection,
  ),
  statusCounts: t.field({
    type: [StatusCountRef],
    description:
      'Reconciliations per status, in one project or the whole organization (all four, zeros included).',
    authScopes: { authenticated: true },
    args: { projectId: t.arg.id({ required: false, description: 'Only this project.' }) },
    resolve: (_root, { projectId }, ctx) =>
      projectId
        ? ctx.loaders.statusCountsByProjectId(decodeIdOf(String(projectId), 'Project'))
        : ctx.loaders.statusCounts(),
  }),
}));
