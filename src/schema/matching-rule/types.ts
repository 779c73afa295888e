import { builder } from '../builder.js';
import { loadNodes, MatchingRuleRef, ProjectRef } from '../refs.js';

builder.node(MatchingRuleRef, {
  description:
    "A rule that decides a reconciliation's status from its items; a project runs its enabled rules in priority order.",
  id: { resolve: (r) => r.id },
  loadMany: loadNodes('MatchingRule'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    project: t.field({
      type: ProjectRef,
      description: 'The project it belongs to.',
      resolve: async (r, _args, ctx) => (await ctx.loaders.projectById(r.projectId))!,
    }),
    tolerance: t.field({
      type: 'Decimal',
      description: 'How far the admitted items may sum from the amount and still match.',
      resolve: (r) => r.tolerance,
    }),
    dateWindowDays: t.exposeInt('dateWindowDays', {
      description:
        "Admit items booked within this many days of the reconciliation's creation (0 = any date).",
    }),
    matchReference: t.exposeBoolean('matchReference', {
      description: "Admit only items whose description contains the reconciliation's reference.",
    }),
    priority: t.exposeInt('priority', { description: 'Lower runs first.' }),
    enabled: t.exposeBoolean('enabled', { description: 'Disabled rules are skipped.' }),
  }),
});
