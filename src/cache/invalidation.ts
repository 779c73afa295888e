/**
 * What each mutation invalidates, in one table. A mutation records the ids it changed (its
 * projects and reconciliations, old and new); the entry turns them into the tags of every cached
 * read that could now differ: the entities, their parents, and every list and count whose
 * membership or order can change. Tags name scopes (src/cache/tags.ts), so lists that were empty
 * when cached, and responses that never selected an id, are covered too.
 */
import { tags } from './tags.js';

export interface Changed {
  organizationId: string;
  /** Every project whose reconciliations, rules or own fields changed (old and new on a move). */
  projectIds: Set<string>;
  /** Every reconciliation whose items changed or that was deleted. */
  reconciliationIds: Set<string>;
}

/** Nothing changed yet in the organization: a write adds what it changes. */
export const changedIn = (organizationId: string): Changed => ({
  organizationId,
  projectIds: new Set(),
  reconciliationIds: new Set(),
});

const projectRows = (c: Changed) => [tags.projects(c.organizationId)];
// A reconciliation's row, status or updated_at changed: its project's lists and counts, and the
// organization's lists and counts (root lists sort by updated_at and filter by status).
const reconciliationRows = (c: Changed) => [
  tags.reconciliations(c.organizationId),
  ...[...c.projectIds].map(tags.projectReconciliations),
];
const itemRows = (c: Changed) => [...reconciliationRows(c), ...[...c.reconciliationIds].map(tags.items)];
const ruleRows = (c: Changed) => [...c.projectIds].map(tags.rules);

export const INVALIDATES = {
  sessionCreate: () => [],
  sessionDelete: () => [],
  projectCreate: projectRows,
  projectUpdate: projectRows,
  projectArchive: projectRows,
  projectUnarchive: projectRows,
  reconciliationCreate: reconciliationRows,
  reconciliationUpdate: reconciliationRows,
  reconciliationStatusSet: reconciliationRows,
  reconciliationsMatch: reconciliationRows,
  reconciliationDelete: itemRows,
  reconciliationItemsAdd: itemRows,
  reconciliationItemRemove: itemRows,
  matchingRuleCreate: ruleRows,
  matchingRuleUpdate: ruleRows,
  matchingRuleDelete: ruleRows,
  settingsUpdate: (c) => [tags.settings(c.organizationId)],
} satisfies Record<string, (c: Changed) => string[]>;

export type MutationName = keyof typeof INVALIDATES;

/** The tags a mutation invalidates: its entry above, plus the audit log every mutation writes to. */
export function invalidationTags(name: MutationName, changed: Changed): string[] {
  return [...INVALIDATES[name](changed), tags.auditLogs(changed.organizationId)];
}
