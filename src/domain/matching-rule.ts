/** Writes of matching rules: create, update, delete. */
import { sql } from 'drizzle-orm';
import { col, name } from '../db/entity.js';
import { type MatchingRuleRow, matchingRuleEntity, type ProjectRow } from '../db/rows.js';
import { matchingRules } from '../db/schema.js';
import { diff, writeAudit } from './audit.js';
import { Checks } from './errors.js';
import { lockInProject, lockProject } from './locks.js';
import { deleteRow, names, oneRow, returning, updateRow } from './rows.js';
import { checkAmount, checkName } from './validation.js';
import type { Write } from './write.js';

export const MAX_WINDOW_DAYS = 3650;

/** A rule to create (projectId and name required), or the fields of one to change (absent: unchanged). */
export interface MatchingRuleInput {
  /** The project's id as the client sent it (decoded where the write uses it); create only. */
  projectId?: string | number | null;
  name?: string | null;
  tolerance?: string | null;
  dateWindowDays?: number | null;
  matchReference?: boolean | null;
  priority?: number | null;
  enabled?: boolean | null;
}

export interface RuleWithProject {
  matchingRule: MatchingRuleRow;
  project: ProjectRow;
}

const k = matchingRules;
const RULE_FIELDS = ['name', 'tolerance', 'dateWindowDays', 'matchReference', 'priority', 'enabled'] as const;

function validate(input: MatchingRuleInput, creating: boolean) {
  const checks = new Checks();
  const f = (field: string) => ['input', field];
  if (creating) {
    if (!input.projectId) checks.add('REQUIRED', 'Required', f('projectId'));
    if (input.name === null || input.name === undefined) checks.add('REQUIRED', 'Required', f('name'));
  } else if (input.projectId !== undefined && input.projectId !== null) {
    checks.add('IMMUTABLE', 'A rule cannot move to another project', f('projectId'));
  }
  for (const field of RULE_FIELDS) {
    if (!creating && input[field] === null) checks.add('REQUIRED', 'Must not be null', f(field));
  }
  if (typeof input.name === 'string') checkName(checks, input.name, f('name'));
  if (typeof input.tolerance === 'string') checkAmount(checks, input.tolerance, f('tolerance'), {});
  if (
    typeof input.dateWindowDays === 'number' &&
    (input.dateWindowDays < 0 || input.dateWindowDays > MAX_WINDOW_DAYS)
  ) {
    checks.add('OUT_OF_RANGE', `From 0 to ${MAX_WINDOW_DAYS}`, f('dateWindowDays'));
  }
  checks.throwIfAny();
}

export async function createRule(w: Write, input: MatchingRuleInput): Promise<RuleWithProject> {
  validate(input, true);
  const field = ['input', 'projectId'];
  const project = await lockProject(
    w.tx,
    w.viewer,
    w.decodeId(String(input.projectId), 'Project', field),
    field,
  );
  w.changed.projectIds.add(project.id);
  const matchingRule = (await oneRow(
    w.tx,
    matchingRuleEntity,
    sql`insert into ${k} as x (${names(k.organizationId, k.projectId, k.name, k.tolerance, k.dateWindowDays, k.matchReference, k.priority, k.enabled)})
        values (${w.viewer.organizationId}::uuid, ${project.id}::uuid, ${input.name!.trim()},
                ${input.tolerance ?? '0'}::numeric, ${input.dateWindowDays ?? 0}, ${input.matchReference ?? false},
                ${input.priority ?? 0}, ${input.enabled ?? true})
        ${returning(matchingRuleEntity)}`,
  ))!;
  await writeAudit(w.tx, w.viewer, {
    action: 'matching_rule.create',
    entityType: 'MatchingRule',
    entityId: matchingRule.id,
    details: diff({} as MatchingRuleRow, matchingRule, RULE_FIELDS),
  });
  return { matchingRule, project };
}

export async function updateRule(w: Write, id: string, input: MatchingRuleInput): Promise<RuleWithProject> {
  validate(input, false);
  const { row: before, project } = await lockInProject(
    w.tx,
    w.viewer,
    matchingRuleEntity,
    w.decodeId(id, 'MatchingRule', ['id']),
    ['id'],
  );
  w.changed.projectIds.add(project.id);
  const matchingRule = await updateRow(
    w.tx,
    matchingRuleEntity,
    before,
    sql`${name(k.name)} = coalesce(${input.name?.trim() ?? null}, ${col('x', k.name)}),
        ${name(k.tolerance)} = coalesce(${input.tolerance ?? null}::numeric, ${col('x', k.tolerance)}),
        ${name(k.dateWindowDays)} = coalesce(${input.dateWindowDays ?? null}::int, ${col('x', k.dateWindowDays)}),
        ${name(k.matchReference)} = coalesce(${input.matchReference ?? null}::boolean, ${col('x', k.matchReference)}),
        ${name(k.priority)} = coalesce(${input.priority ?? null}::int, ${col('x', k.priority)}),
        ${name(k.enabled)} = coalesce(${input.enabled ?? null}::boolean, ${col('x', k.enabled)})`,
  );
  await writeAudit(w.tx, w.viewer, {
    action: 'matching_rule.update',
    entityType: 'MatchingRule',
    entityId: matchingRule.id,
    details: diff(before, matchingRule, RULE_FIELDS),
  });
  return { matchingRule, project };
}

export async function deleteRule(
  w: Write,
  id: string,
): Promise<{ deleted: MatchingRuleRow; project: ProjectRow }> {
  const { row: before, project } = await lockInProject(
    w.tx,
    w.viewer,
    matchingRuleEntity,
    w.decodeId(id, 'MatchingRule', ['id']),
    ['id'],
  );
  w.changed.projectIds.add(project.id);
  await deleteRow(w.tx, k, before);
  await writeAudit(w.tx, w.viewer, {
    action: 'matching_rule.delete',
    entityType: 'MatchingRule',
    entityId: before.id,
    details: diff(before, {} as MatchingRuleRow, RULE_FIELDS),
  });
  return { deleted: before, project };
}
