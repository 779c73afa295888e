/**
 * The per-request loaders, built with the viewer's organization bound into every statement.
 * `createLoaders` only assembles them: each entity's loaders, filter and orderings are in its own
 * module, src/loaders/<entity>.ts, the module of the rows a loader returns or counts (so
 * statusCountsByProjectId, which counts reconciliations, is in reconciliation.ts), built from the
 * request's scope (scope.ts) and the shared statements (batch.ts, keyset.ts).
 *
 * One calling shape: every loader is a function of the key its name ends in, returning a promise;
 * a list also takes its GraphQL arguments (page, filter, orderBy) as one object.
 *   <entity>ById(id)                          the row, or null when absent or another tenant's
 *   <children>By<Parent>Id(parentId, list?)   a page of a parent's children (a connection), or
 *                                             its short list (rulesByProjectId)
 *   <value>By<Parent>Id(parentId)             a value computed per parent (statusCountsByProjectId)
 * A loader with no key reads the viewer's organization, the one the loaders are bound to (the
 * root lists and values: projects, reconciliations, auditLogs, statusCounts, settings); a root
 * list is one plain statement, where its nested twin (projectsByOrganizationId) is the LATERAL
 * batch every nested list uses.
 * Every read records the cache tags of what it read (src/cache/tags.ts), so a cached response
 * knows which writes make it stale; rows a list returns prime the by-id loader.
 */
import type { ConfigCache } from '../cache/aside.js';
import { noTags, type TagSink } from '../cache/tags.js';
import type { Db } from '../db/client.js';
import type { EntityType, RowByType } from '../db/rows.js';
import { auditLogLoaders } from './audit-log.js';
import { matchingRuleLoaders } from './matching-rule.js';
import { organizationLoaders } from './organization.js';
import { projectLoaders } from './project.js';
import { reconciliationLoaders } from './reconciliation.js';
import { reconciliationItemLoaders } from './reconciliation-item.js';
import { createScope } from './scope.js';
import { userLoaders } from './user.js';

export type Loaders = ReturnType<typeof createLoaders>;

/** `tag` receives the cache tags of everything read; `config` is the cache of settings and rules. */
export function createLoaders(
  db: Db,
  organizationId: string,
  tag: TagSink = noTags,
  config: ConfigCache | null = null,
) {
  const scope = createScope(db, organizationId, tag, config);
  const organization = organizationLoaders(scope);
  const user = userLoaders(scope);
  const project = projectLoaders(scope);
  const reconciliation = reconciliationLoaders(scope);
  const item = reconciliationItemLoaders(scope);
  const rule = matchingRuleLoaders(scope);
  const auditLog = auditLogLoaders(scope);
  const byType: { [T in EntityType]: (id: string) => Promise<RowByType[T] | null> } = {
    Organization: organization.organizationById,
    User: user.userById,
    Project: project.projectById,
    Reconciliation: reconciliation.reconciliationById,
    ReconciliationItem: item.reconciliationItemById,
    MatchingRule: rule.matchingRuleById,
    AuditLog: auditLog.auditLogById,
  };
  // One object literal, every loader named (not spread from the modules): it is built on every
  // request, and a literal is cheaper to build and to read from than a spread of seven objects.
  // `satisfies` makes a module's loader missing here a type error.
  return {
    organizationById: organization.organizationById,
    settings: organization.settings,
    userById: user.userById,
    usersByOrganizationId: user.usersByOrganizationId,
    projectById: project.projectById,
    projects: project.projects,
    projectsByOrganizationId: project.projectsByOrganizationId,
    reconciliationById: reconciliation.reconciliationById,
    reconciliations: reconciliation.reconciliations,
    reconciliationsByProjectId: reconciliation.reconciliationsByProjectId,
    statusCountsByProjectId: reconciliation.statusCountsByProjectId,
    statusCounts: reconciliation.statusCounts,
    reconciliationItemById: item.reconciliationItemById,
    itemsByReconciliationId: item.itemsByReconciliationId,
    totalsByReconciliationId: item.totalsByReconciliationId,
    matchingRuleById: rule.matchingRuleById,
    rulesByProjectId: rule.rulesByProjectId,
    auditLogById: auditLog.auditLogById,
    auditLogs: auditLog.auditLogs,
    /**
     * The Relay node loader, kept beside the `<entity>ById`s because node, nodes and federation's
     * references name the type at run time: any entity by type and id, through the same loader.
     */
    entity<T extends EntityType>(type: T, id: string): Promise<RowByType[T] | null> {
      return (byType[type] as (id: string) => Promise<RowByType[T] | null>)(id);
    },
    /** Forgets every row read so far: after a write, the payload reads what was committed. */
    clearAll: scope.clearAll,
  } satisfies ModuleLoaders & Record<'entity' | 'clearAll', unknown>;
}

type ModuleLoaders = ReturnType<typeof organizationLoaders> &
  ReturnType<typeof userLoaders> &
  ReturnType<typeof projectLoaders> &
  ReturnType<typeof reconciliationLoaders> &
  ReturnType<typeof reconciliationItemLoaders> &
  ReturnType<typeof matchingRuleLoaders> &
  ReturnType<typeof auditLogLoaders>;
