import { builder } from '../builder.js';
import { projectListArgs } from '../project/types.js';
import {
  loadNodes,
  OrganizationRef,
  ProjectConnection,
  ProjectRef,
  UserConnection,
  UserRef,
} from '../refs.js';

builder.node(OrganizationRef, {
  description: 'A tenant: a company and everything it reconciles. Users see only their own.',
  id: { resolve: (o) => o.id },
  loadMany: loadNodes('Organization'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was created.',
      resolve: (o) => o.createdAt,
    }),
    users: t.connection(
      {
        type: UserRef,
        description: 'Its users, oldest first.',
        resolve: (o, args, ctx) => ctx.loaders.usersByOrganizationId(o.id, args),
      },
      UserConnection,
    ),
    projects: t.connection(
      {
        type: ProjectRef,
        description: 'Its projects.',
        args: projectListArgs,
        resolve: (o, { filter, orderBy, ...args }, ctx) =>
          ctx.loaders.projectsByOrganizationId(o.id, { ...args, filter, orderBy }),
      },
      ProjectConnection,
    ),
  }),
});
