/**
 * Every entity type is a federation entity keyed by its (global) id, so a gateway can compose this
 * API as a subgraph. A reference is resolved through the same tenant-scoped loaders as `node`:
 * another organization's id, or an id of another type, resolves to null.
 */
import type { EntityType } from '../loaders/batch.js';
import { builder } from './builder.js';
import { decodeGlobalId } from './global-id.js';
import {
  AuditLogRef,
  MatchingRuleRef,
  OrganizationRef,
  ProjectRef,
  ReconciliationItemRef,
  ReconciliationRef,
  UserRef,
} from './refs.js';

const ENTITY_REFS = {
  Organization: OrganizationRef,
  User: UserRef,
  Project: ProjectRef,
  Reconciliation: ReconciliationRef,
  ReconciliationItem: ReconciliationItemRef,
  MatchingRule: MatchingRuleRef,
  AuditLog: AuditLogRef,
} as const;

for (const [type, ref] of Object.entries(ENTITY_REFS) as [EntityType, (typeof ENTITY_REFS)[EntityType]][]) {
  builder.asEntity(ref as typeof ProjectRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async ({ id }, ctx) => {
      const { typename, id: uuid } = decodeGlobalId(id);
      if (typename !== type) return null;
      return (await ctx.loaders.entity(type, uuid)) as never;
    },
  });
}
