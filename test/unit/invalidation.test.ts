/**
 * The invalidation table: every mutation of the schema has an entry, and each entry drops exactly
 * the tags of the reads its writes can change (the audit log's always, as every mutation writes it).
 */
import { describe, expect, it } from 'vitest';
import {
  type Changed,
  INVALIDATES,
  invalidationTags,
  type MutationName,
} from '../../src/cache/invalidation.js';
import { tags } from '../../src/cache/tags.js';
import { schema } from '../../src/schema/index.js';

const ORG = 'org-1';
/** A reconciliation moved from one project to another: both projects' lists change. */
const changed: Changed = {
  organizationId: ORG,
  projectIds: new Set(['p-old', 'p-new']),
  reconciliationIds: new Set(['r-1', 'r-2']),
};
const nothingChanged: Changed = { organizationId: ORG, projectIds: new Set(), reconciliationIds: new Set() };

// What each mutation's writes touch, spelled out with the tag helpers rather than derived from the
// table: a changed entry must change this list too.
const projectRows = [tags.projects(ORG)];
const reconciliationRows = [
  tags.reconciliations(ORG),
  tags.projectReconciliations('p-old'),
  tags.projectReconciliations('p-new'),
];
const itemRows = [...reconciliationRows, tags.items('r-1'), tags.items('r-2')];
const ruleRows = [tags.rules('p-old'), tags.rules('p-new')];
const EXPECTED: Record<MutationName, string[]> = {
  sessionCreate: [],
  sessionDelete: [],
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
  settingsUpdate: [tags.settings(ORG)],
};
const sorted = (list: string[]) => [...list].sort();

describe('invalidation table', () => {
  it('has one entry per mutation field of the schema, and no other', () => {
    const fields = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(fields.length).toBeGreaterThan(0);
    expect(sorted(Object.keys(INVALIDATES))).toEqual(sorted(fields));
  });

  it.each(Object.keys(EXPECTED) as MutationName[])('%s drops its tags and the audit log', (name) => {
    expect(sorted(invalidationTags(name, changed))).toEqual(sorted([...EXPECTED[name], tags.auditLogs(ORG)]));
  });

  it('with no ids changed, the organization-wide tags are still dropped', () => {
    expect(sorted(invalidationTags('reconciliationsMatch', nothingChanged))).toEqual(
      sorted([tags.reconciliations(ORG), tags.auditLogs(ORG)]),
    );
    expect(invalidationTags('matchingRuleCreate', nothingChanged)).toEqual([tags.auditLogs(ORG)]);
  });

  it('tags name scopes in the key conventions', () => {
    expect({
      organization: tags.organization('o'),
      users: tags.users('o'),
      projects: tags.projects('o'),
      reconciliations: tags.reconciliations('o'),
      projectReconciliations: tags.projectReconciliations('p'),
      items: tags.items('r'),
      rules: tags.rules('p'),
      settings: tags.settings('o'),
      auditLogs: tags.auditLogs('o'),
    }).toMatchInlineSnapshot(`
      {
        "auditLogs": "audit:list:org:o",
        "items": "item:list:recon:r",
        "organization": "org:o",
        "projectReconciliations": "recon:list:project:p",
        "projects": "project:list:org:o",
        "reconciliations": "recon:list:org:o",
        "rules": "config:rules:p",
        "settings": "config:settings:o",
        "users": "user:list:org:o",
      }
    `);
  });
});
