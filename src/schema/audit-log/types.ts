import { builder } from '../builder.js';
import { decodeGlobalId, decodeIdOf, encodeGlobalId, NODE_TYPES } from '../global-id.js';
import { AuditLogConnection, AuditLogRef, loadNodes, UserRef } from '../refs.js';

export const AuditLogFilterInput = builder.inputType('AuditLogFilter', {
  description: 'Narrows the audit log; all given conditions must hold.',
  fields: (t) => ({
    userId: t.id({ required: false, description: 'Only entries by this user.' }),
    action: t.string({ required: false, description: 'Only this action, e.g. "reconciliation.create".' }),
    entityId: t.id({ required: false, description: 'Only entries about this object.' }),
    since: t.field({ type: 'DateTime', required: false, description: 'At or after this instant.' }),
    until: t.field({ type: 'DateTime', required: false, description: 'Before this instant.' }),
  }),
});

builder.node(AuditLogRef, {
  description: 'A record of one successful change: who did what to which object.',
  id: { resolve: (a) => a.id },
  authScopes: { admin: true },
  loadMany: loadNodes('AuditLog'),
  fields: (t) => ({
    action: t.exposeString('action', { description: 'What was done, e.g. "reconciliation.create".' }),
    entityType: t.exposeString('entityType', { description: 'The type of the object changed.' }),
    entityId: t.id({
      nullable: true,
      description: 'Global id of the object changed.',
      resolve: (a) =>
        a.entityId && (NODE_TYPES as readonly string[]).includes(a.entityType)
          ? encodeGlobalId(a.entityType, a.entityId)
          : null,
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who did it; null once that user is deleted.',
      resolve: (a, _args, ctx) => (a.userId ? ctx.loaders.userById(a.userId) : null),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it happened.', resolve: (a) => a.createdAt }),
    details: t.field({
      type: 'JSON',
      nullable: true,
      description: 'A compact before/after of the change.',
      resolve: (a) => a.details,
    }),
  }),
});

builder.queryField('auditLogs', (t) =>
  t.connection(
    {
      type: AuditLogRef,
      description: "Your organization's audit log, newest first (ADMIN only).",
      authScopes: { admin: true },
      args: {
        filter: t.arg({
          type: AuditLogFilterInput,
          required: false,
          description: 'Only the entries that match every condition given.',
        }),
      },
      resolve: (_root, { filter, ...args }, ctx) =>
        ctx.loaders.auditLogs({
          ...args,
          filter: filter && {
            ...filter,
            userId: filter.userId ? decodeIdOf(String(filter.userId), 'User') : null,
            entityId: filter.entityId ? decodeGlobalId(String(filter.entityId)).id : null,
          },
        }),
    },
    AuditLogConnection,
  ),
);

builder.queryField('settings', (t) =>
  t.field({
    type: 'JSON',
    description: "Your organization's settings (ADMIN only).",
    authScopes: { admin: true },
    resolve: (_root, _args, ctx) => ctx.loaders.settings(),
  }),
);
