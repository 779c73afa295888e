import { builder } from '../builder.js';
import { reconciliationListArgs, toReconciliationFilter } from '../reconciliation/types.js';
import {
  loadNodes,
  MatchingRuleRef,
  OrderDirectionEnum,
  OrganizationRef,
  ProjectConnection,
  ProjectRef,
  ReconciliationConnection,
  ReconciliationRef,
  StatusCountRef,
} from '../refs.js';

export const ProjectOrderFieldEnum = builder.enumType('ProjectOrderField', {
  description: 'What projects can be sorted by (ties broken by id).',
  values: {
    CREATED_AT: { description: 'Creation time.' },
    UPDATED_AT: { description: 'Last change.' },
  } as const,
});

export const ProjectFilterInput = builder.inputType('ProjectFilter', {
  description: 'Narrows a list of projects; all given conditions must hold.',
  fields: (t) => ({
    archived: t.boolean({
      required: false,
      description: 'Only archived (true) or only active (false) projects.',
    }),
    search: t.string({ required: false, description: 'Case-insensitive substring of the name.' }),
  }),
});

export const ProjectOrderInput = builder.inputType('ProjectOrder', {
  description: 'Sort order of a list of projects (default CREATED_AT DESC).',
  fields: (t) => ({
    field: t.field({ type: ProjectOrderFieldEnum, required: true, description: 'The sort key.' }),
    direction: t.field({
      type: OrderDirectionEnum,
      required: false,
      defaultValue: 'DESC',
      description: 'The direction.',
    }),
  }),
});

/** The arguments of every list of projects, besides the connection's own. */
export const projectListArgs = builder.args((t) => ({
  filter: t.field({
    type: ProjectFilterInput,
    required: false,
    description: 'Only the projects that match every condition given.',
  }),
  orderBy: t.field({
    type: ProjectOrderInput,
    required: false,
    description: 'The order of the list (default CREATED_AT DESC).',
  }),
}));

builder.node(ProjectRef, {
  description: 'A set of reconciliations worked together, with its own matching rules.',
  id: { resolve: (p) => p.id },
  loadMany: loadNodes('Project'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    archived: t.exposeBoolean('archived', { description: 'Archived projects take no new reconciliations.' }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When it was created.',
      resolve: (p) => p.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed.',
      resolve: (p) => p.updatedAt,
    }),
    organization: t.field({
      type: OrganizationRef,
      description: 'The organization that owns it.',
      resolve: async (p, _args, ctx) => (await ctx.loaders.organizationById(p.organizationId))!,
    }),
    reconciliations: t.connection(
      {
        type: ReconciliationRef,
        description: "The project's reconciliations (default newest first).",
        args: reconciliationListArgs,
        resolve: (p, { filter, orderBy, ...args }, ctx) =>
          ctx.loaders.reconciliationsByProjectId(p.id, {
            ...args,
            filter: toReconciliationFilter(filter),
            orderBy,
          }),
      },
      ReconciliationConnection,
    ),
    statusCounts: t.field({
      type: [StatusCountRef],
      description: 'How many of its reconciliations are in each status (all four, zeros included).',
      resolve: (p, _args, ctx) => ctx.loaders.statusCountsByProjectId(p.id),
    }),
    rules: t.field({
      type: [MatchingRuleRef],
      description: 'Its matching rules in priority order (lowest first).',
      resolve: (p, _args, ctx) => ctx.loaders.rulesByProjectId(p.id),
    }),
  }),
});

builder.queryField('projects', (t) =>
  t.connection(
    {
      type: ProjectRef,
      description: "Your organization's projects (default newest first).",
      authScopes: { authenticated: true },
      args: projectListArgs,
      resolve: (_root, args, ctx) => ctx.loaders.projects(args),
    },
    ProjectConnection,
  ),
);
