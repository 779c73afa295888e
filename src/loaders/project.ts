/** Projects: by id, the organization's list (root), and an organization's (nested). */
import { type SQL, sql } from 'drizzle-orm';
import { tags } from '../cache/tags.js';
import { aliased } from '../db/entity.js';
import { type ProjectRow, projectEntity } from '../db/rows.js';
import { projects } from '../db/schema.js';
import { escapeLike } from '../db/sql.js';
import { connectionByParentLoader, fetchConnection, type ListSource } from './batch.js';
import { capText } from './filters.js';
import { orderings } from './orderings.js';
import { type ListArgs, type LoaderScope, tagged } from './scope.js';

const x = aliased(projects);

export interface ProjectFilter {
  archived?: boolean | null;
  search?: string | null;
}

/** The filter as conditions on alias `x`; every value a bound parameter. */
export function projectConditions(filter: ProjectFilter | null | undefined): SQL[] {
  if (!filter) return [];
  const where: SQL[] = [];
  if (filter.archived !== null && filter.archived !== undefined)
    where.push(sql`${x.archived} = ${filter.archived}`);
  if (filter.search) {
    where.push(sql`${x.name} ilike ${`%${escapeLike(capText(filter.search, 'filter.search'))}%`}`);
  }
  return where;
}

export type ProjectOrderField = 'CREATED_AT' | 'UPDATED_AT';
export const projectOrdering = orderings<ProjectOrderField>(
  'projects',
  { CREATED_AT: projects.createdAt, UPDATED_AT: projects.updatedAt },
  { field: 'CREATED_AT', direction: 'DESC' },
);

export type ProjectListArgs = ListArgs<ProjectFilter, ProjectOrderField>;

const source = (list: ProjectListArgs): ListSource<ProjectRow> => ({
  spec: projectEntity,
  ordering: projectOrdering(list.orderBy),
  where: projectConditions(list.filter),
});

export function projectLoaders(scope: LoaderScope) {
  const { db, organizationId: org } = scope;
  return {
    projectById: (id: string) => scope.byId('Project', id, () => tags.projects(org)),

    /** The organization's projects (the root list): one plain statement. */
    projects(list: ProjectListArgs = {}) {
      scope.tag(tags.projects(org));
      return fetchConnection(db, org, source(list), list, scope.prime('Project'));
    },

    /** A page of an organization's projects (Organization.projects): one LATERAL statement. */
    projectsByOrganizationId(organizationId: string, list: ProjectListArgs = {}) {
      return scope.memo('projectsByOrganizationId', list, () =>
        tagged(
          connectionByParentLoader(
            db,
            org,
            { ...source(list), parent: x.organizationId },
            list,
            scope.prime('Project'),
          ),
          () => tags.projects(org),
          scope.tag,
        ),
      )(organizationId);
    },
  };
}
