/** The organization: by id, and its settings (cache-aside: read on many requests, rarely changed). */
import { sql } from 'drizzle-orm';
import { cacheAside } from '../cache/aside.js';
import { tags } from '../cache/tags.js';
import { aliased, from } from '../db/entity.js';
import { settings } from '../db/schema.js';
import { query } from '../db/sql.js';
import type { LoaderScope } from './scope.js';

const x = aliased(settings);
const SETTINGS = from(settings);

export function organizationLoaders(scope: LoaderScope) {
  const { db, organizationId: org, config } = scope;
  return {
    organizationById: (id: string) => scope.byId('Organization', id, () => tags.organization(org)),

    /** The organization's settings, from the config cache (config:settings:{org}) or one statement. */
    async settings(): Promise<Record<string, unknown>> {
      scope.tag(tags.settings(org));
      return cacheAside(config, `config:settings:${org}`, tags.settings(org), async () => {
        const rows = await query<{ settings: Record<string, unknown> }>(
          db,
          sql`select ${x.settings} from ${SETTINGS} where ${x.organizationId} = ${org}::uuid`,
        );
        return rows[0]?.settings ?? {};
      });
    },
  };
}
