/** Users: by id, and an organization's. */
import { tags } from '../cache/tags.js';
import { aliased } from '../db/entity.js';
import { userEntity } from '../db/rows.js';
import { users } from '../db/schema.js';
import { connectionByParentLoader } from './batch.js';
import { orderings } from './orderings.js';
import { type ListArgs, type LoaderScope, tagged } from './scope.js';

const x = aliased(users);

export const userOrdering = orderings(
  'users',
  { CREATED_AT: users.createdAt },
  { field: 'CREATED_AT', direction: 'ASC' },
)();

export function userLoaders(scope: LoaderScope) {
  const { db, organizationId: org } = scope;
  return {
    userById: (id: string) => scope.byId('User', id, () => tags.users(org)),

    /** A page of an organization's users (Organization.users): one LATERAL statement. */
    usersByOrganizationId(organizationId: string, list: ListArgs = {}) {
      return scope.memo('usersByOrganizationId', list, () =>
        tagged(
          connectionByParentLoader(
            db,
            org,
            { spec: userEntity, ordering: userOrdering, where: [], parent: x.organizationId },
            list,
            scope.prime('User'),
          ),
          () => tags.users(org),
          scope.tag,
        ),
      )(organizationId);
    },
  };
}
