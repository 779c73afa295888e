/** Matching rules: by id, and each project's (cache-aside: read on many requests, rarely changed). */
import { sql } from 'drizzle-orm';
import { cacheAsideMany } from '../cache/aside.js';
import { tags } from '../cache/tags.js';
import { aliased } from '../db/entity.js';
import { type MatchingRuleRow, matchingRuleEntity } from '../db/rows.js';
import { matchingRules } from '../db/schema.js';
import { listByParentLoader } from './batch.js';
import { keyed, type LoaderScope } from './scope.js';

const x = aliased(matchingRules);
/** Priority order, lowest first; id makes it unique. */
const RULE_ORDER = sql`${x.priority}, ${x.id}`;

export function matchingRuleLoaders(scope: LoaderScope) {
  const { db, organizationId: org, config } = scope;
  return {
    matchingRuleById: (id: string) => scope.byId('MatchingRule', id, (row) => tags.rules(row.projectId)),

    /** Each project's rules in priority order, from the config cache (config:rules:{org}:{id}) or one statement. */
    rulesByProjectId: keyed<string, MatchingRuleRow[]>(scope, tags.rules, (projectIds) =>
      cacheAsideMany(
        config,
        projectIds.map((id) => `config:rules:${org}:${id}`),
        projectIds.map((id) => tags.rules(id)),
        (misses) => {
          const fromDb = listByParentLoader(db, org, matchingRuleEntity, x.projectId, RULE_ORDER);
          // Loaded in one tick: one statement for all the misses.
          return Promise.all(misses.map((n) => fromDb.load(projectIds[n]!)));
        },
      ),
    ),
  };
}
