import { unauthenticated } from '../../context.js';
import { builder } from '../builder.js';
import { loadNodes, OrganizationRef, RoleEnum, UserRef } from '../refs.js';

builder.node(UserRef, {
  description: 'A person who signs in; belongs to one organization with one role.',
  id: { resolve: (u) => u.id },
  loadMany: loadNodes('User'),
  fields: (t) => ({
    email: t.exposeString('email', { description: 'Sign-in email, lower case.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    role: t.field({ type: RoleEnum, description: 'What the user may do.', resolve: (u) => u.role }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization the user belongs to.',
      resolve: async (u, _args, ctx) => (await ctx.loaders.organizationById(u.organizationId))!,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the user was created.',
      resolve: (u) => u.createdAt,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The signed-in user; null when anonymous, an error for a stale token.',
    resolve: (_root, _args, ctx) => {
      if (ctx.viewer) return ctx.loaders.userById(ctx.viewer.userId);
      if (ctx.staleToken) throw unauthenticated(ctx);
      return null;
    },
  }),
);
