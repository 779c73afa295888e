/**
 * The per-request loaders, built with the viewer's organization bound into every statement.
 * Rows a list returns are primed into the by-id loader, so a child's parent that was just read
 * costs no second statement (DataLoader's "prime after read").
 */
import DataLoader from 'dataloader';
import { sql } from 'drizzle-orm';
import { type ConfigCache, cacheAside, cacheAsideMany } from '../cache/aside.js';
import { noTags, type TagSink, tags } from '../cache/tags.js';
import type { Db } from '../db/client.js';
import { aliased, from } from '../db/entity.js';
import {
  auditLogEntity,
  type MatchingRuleRow,
  matchingRuleEntity,
  projectEntity,
  RECONCILIATION_STATUSES,
  type ReconciliationItemRow,
  type ReconciliationRow,
  type ReconciliationStatus,
  type RowByType,
  reconciliationEntity,
  reconciliationItemEntity,
  userEntity,
} from '../db/rows.js';
import {
  matchingRules,
  projects,
  reconciliationItems,
  reconciliations,
  settings,
  users,
} from '../db/schema.js';
import { pgArray, query } from '../db/sql.js';
import {
  BATCHING,
  connectionByParentLoader,
  type EntityType,
  entityByIdLoader,
  fetchConnection,
  LoaderCache,
  listByParentLoader,
} from './batch.js';
import {
  type AuditLogFilter,
  auditLogConditions,
  type ProjectFilter,
  projectConditions,
  type ReconciliationFilter,
  reconciliationConditions,
} from './filters.js';
import type { ConnectionArgs } from './keyset.js';
import {
  auditLogOrdering,
  type Direction,
  itemOrdering,
  type ProjectOrderField,
  projectOrdering,
  type ReconciliationOrderField,
  reconciliationOrdering,
  userOrdering,
} from './orderings.js';

// Tables under the aliases the statements below read them as, built once.
const x = aliased(reconciliations);
const RECONCILIATIONS = from(reconciliations);
const r = aliased(reconciliations, 'r');
const RECONCILIATIONS_R = from(reconciliations, 'r');
const i = aliased(reconciliationItems, 'i');
const ITEMS_I = from(reconciliationItems, 'i');
const s = aliased(settings);
const SETTINGS = from(settings);
/** A project's rules in priority order, lowest first; id makes it unique. */
const RULE_ORDER = sql`${aliased(matchingRules).priority}, ${aliased(matchingRules).id}`;

export interface StatusCount {
  status: ReconciliationStatus;
  count: number;
}

function statusCounts(rows: { status: ReconciliationStatus; n: number }[]): StatusCount[] {
  const byStatus = new Map(rows.map((r) => [r.status, r.n]));
  return RECONCILIATION_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A loader whose every load records the cache tag of its key. */
interface Tagged<K, V> {
  load(key: K): Promise<V>;
}
function withTags<K, V>(loader: DataLoader<K, V>, tagOf: (key: K) => string, tag: TagSink): Tagged<K, V> {
  return {
    load(key) {
      tag(tagOf(key));
      return loader.load(key);
    },
  };
}

/** Tags of a row read by id: the scope whose changes can change it (see src/cache/tags.ts). */
function rowTag(type: EntityType, row: RowByType[EntityType], org: string): string {
  switch (type) {
    case 'Organization':
      return tags.organization(org);
    case 'User':
      return tags.users(org);
    case 'Project':
      return tags.projects(org);
    case 'Reconciliation':
      return tags.projectReconciliations((row as ReconciliationRow).projectId);
    case 'ReconciliationItem':
      return tags.items((row as ReconciliationItemRow).reconciliationId);
    case 'MatchingRule':
      return tags.rules((row as MatchingRuleRow).projectId);
    case 'AuditLog':
      return tags.auditLogs(org);
  }
}

/**
 * `tag` receives the cache tags of everything read (src/cache/tags.ts), so a cached response
 * knows which mutations make it stale.
 */
export function createLoaders(
  db: Db,
  organizationId: string,
  tag: TagSink = noTags,
  config: ConfigCache | null = null,
) {
  const byId = entityByIdLoader(db, organizationId);
  const org = organizationId;
  const cache = new LoaderCache();
  const prime =
    <T extends EntityType>(type: T) =>
    (rows: RowByType[T][]) => {
      for (const row of rows) byId.prime({ type, id: row.id }, row);
    };
  const key = (...parts: unknown[]) => JSON.stringify(parts);
  // The loaders below that memoize rows, for clearAll.
  const memoized: { clearAll(): unknown }[] = [];
  const keep = <L extends { clearAll(): unknown }>(loader: L): L => {
    memoized.push(loader);
    return loader;
  };

  return {
    /** Any entity of the viewer's organization by id; null when absent or another tenant's. */
    async entity<T extends EntityType>(type: T, id: string): Promise<RowByType[T] | null> {
      const row = (await byId.load({ type, id })) as RowByType[T] | null;
      // A missing row stays missing (ids are never reused); a found one is tagged with its scope.
      if (row) tag(rowTag(type, row, org));
      return row;
    },
    clear<T extends EntityType>(type: T, id: string) {
      byId.clear({ type, id });
    },
    /** Forgets every row read so far: after a write, the payload reads what was committed. */
    clearAll() {
      byId.clearAll();
      cache.clear();
      for (const loader of memoized) loader.clearAll();
    },

    projects(
      args: ConnectionArgs,
      filter?: ProjectFilter | null,
      order?: { field?: ProjectOrderField | null; direction?: Direction | null } | null,
    ) {
      tag(tags.projects(org));
      return fetchConnection(
        db,
        organizationId,
        { spec: projectEntity, ordering: projectOrdering(order), where: projectConditions(filter) },
        args,
        prime('Project'),
      );
    },
    reconciliations(
      args: ConnectionArgs,
      filter?: ReconciliationFilter | null,
      order?: { field?: ReconciliationOrderField | null; direction?: Direction | null } | null,
    ) {
      tag(tags.reconciliations(org));
      return fetchConnection(
        db,
        organizationId,
        {
          spec: reconciliationEntity,
          ordering: reconciliationOrdering(order),
          where: reconciliationConditions(filter),
        },
        args,
        prime('Reconciliation'),
      );
    },
    auditLogs(args: ConnectionArgs, filter?: AuditLogFilter | null) {
      tag(tags.auditLogs(org));
      return fetchConnection(
        db,
        organizationId,
        { spec: auditLogEntity, ordering: auditLogOrdering, where: auditLogConditions(filter) },
        args,
      );
    },

    reconciliationsByProjectId(
      args: ConnectionArgs,
      filter?: ReconciliationFilter | null,
      order?: { field?: ReconciliationOrderField | null; direction?: Direction | null } | null,
    ) {
      return cache.get(key('reconciliationsByProjectId', args, filter, order), () =>
        withTags(
          connectionByParentLoader(
            db,
            organizationId,
            {
              spec: reconciliationEntity,
              ordering: reconciliationOrdering(order),
              where: reconciliationConditions(filter),
              parent: aliased(reconciliations).projectId,
            },
            args,
            prime('Reconciliation'),
          ),
          (projectId) => tags.projectReconciliations(projectId),
          tag,
        ),
      );
    },
    itemsByReconciliationId(args: ConnectionArgs) {
      return cache.get(key('itemsByReconciliationId', args), () =>
        withTags(
          connectionByParentLoader(
            db,
            organizationId,
            {
              spec: reconciliationItemEntity,
              ordering: itemOrdering,
              where: [],
              parent: aliased(reconciliationItems).reconciliationId,
            },
            args,
            prime('ReconciliationItem'),
          ),
          (reconciliationId) => tags.items(reconciliationId),
          tag,
        ),
      );
    },
    projectsByOrganizationId(
      args: ConnectionArgs,
      filter?: ProjectFilter | null,
      order?: { field?: ProjectOrderField | null; direction?: Direction | null } | null,
    ) {
      return cache.get(key('projectsByOrganizationId', args, filter, order), () =>
        withTags(
          connectionByParentLoader(
            db,
            organizationId,
            {
              spec: projectEntity,
              ordering: projectOrdering(order),
              where: projectConditions(filter),
              parent: aliased(projects).organizationId,
            },
            args,
            prime('Project'),
          ),
          () => tags.projects(org),
          tag,
        ),
      );
    },
    usersByOrganizationId(args: ConnectionArgs) {
      return cache.get(key('usersByOrganizationId', args), () =>
        withTags(
          connectionByParentLoader(
            db,
            organizationId,
            { spec: userEntity, ordering: userOrdering, where: [], parent: aliased(users).organizationId },
            args,
            prime('User'),
          ),
          () => tags.users(org),
          tag,
        ),
      );
    },

    // Rules are read on many requests and change rarely: cache-aside per project (config:rules:{id}).
    rulesByProjectId: withTags(
      keep(
        new DataLoader<string, MatchingRuleRow[]>(
          (projectIds) =>
            cacheAsideMany(
              config,
              projectIds.map((id) => `config:rules:${org}:${id}`),
              projectIds.map((id) => tags.rules(id)),
              (misses) => {
                const fromDb = listByParentLoader(
                  db,
                  organizationId,
                  matchingRuleEntity,
                  aliased(matchingRules).projectId,
                  RULE_ORDER,
                );
                // Loaded in one tick: one statement for all the misses.
                return Promise.all(misses.map((i) => fromDb.load(projectIds[i]!)));
              },
            ),
          BATCHING,
        ),
      ),
      (projectId) => tags.rules(projectId),
      tag,
    ),

    /** Each reconciliation's exact item sum and amount - sum, computed in numeric by PostgreSQL. */
    totalsByReconciliationId: withTags(
      keep(
        new DataLoader<string, { itemsTotal: string; difference: string }>(async (ids) => {
          const rows = await query<{ id: string; itemsTotal: string; difference: string }>(
            db,
            sql`select ${r.id}::text as id, coalesce(t.total, 0)::text as "itemsTotal", (${r.amount} - coalesce(t.total, 0))::text as difference
            from ${RECONCILIATIONS_R}
            left join lateral (
              select sum(${i.amount}) as total from ${ITEMS_I}
              where ${i.reconciliationId} = ${r.id} and ${i.organizationId} = ${r.organizationId}
            ) t on true
            where ${r.organizationId} = ${organizationId}::uuid and ${r.id} = any(${pgArray(ids)}::uuid[])`,
          );
          const totals = new Map(rows.map((r) => [r.id, r]));
          return ids.map((id) => totals.get(id) ?? { itemsTotal: '0', difference: '0' });
        }, BATCHING),
      ),
      (reconciliationId) => tags.items(reconciliationId),
      tag,
    ),

    statusCountsByProjectId: withTags(
      keep(
        new DataLoader<string, StatusCount[]>(async (ids) => {
          const rows = await query<{ project: string; status: ReconciliationStatus; n: number }>(
            db,
            sql`select ${x.projectId}::text as project, ${x.status}::text as status, count(*)::int as n
            from ${RECONCILIATIONS}
            where ${x.organizationId} = ${organizationId}::uuid and ${x.projectId} = any(${pgArray(ids)}::uuid[])
            group by 1, 2`,
          );
          return ids.map((id) => statusCounts(rows.filter((r) => r.project === id)));
        }, BATCHING),
      ),
      (projectId) => tags.projectReconciliations(projectId),
      tag,
    ),

    async organizationStatusCounts(): Promise<StatusCount[]> {
      tag(tags.reconciliations(org));
      const rows = await query<{ status: ReconciliationStatus; n: number }>(
        db,
        sql`select ${x.status}::text as status, count(*)::int as n from ${RECONCILIATIONS}
            where ${x.organizationId} = ${organizationId}::uuid group by 1`,
      );
      return statusCounts(rows);
    },

    async settings(): Promise<Record<string, unknown>> {
      tag(tags.settings(org));
      return cacheAside(config, `config:settings:${org}`, tags.settings(org), async () => {
        const rows = await query<{ settings: Record<string, unknown> }>(
          db,
          sql`select ${s.settings} from ${SETTINGS} where ${s.organizationId} = ${organizationId}::uuid`,
        );
        return rows[0]?.settings ?? {};
      });
    },
  };
}
