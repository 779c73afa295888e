/** matchingRuleCreate/Update/Delete and settingsUpdate. */
import { sql } from 'drizzle-orm';
import { type MatchingRuleRow, matchingRuleEntity, type ProjectRow } from '../../db/rows.js';
import { query } from '../../db/sql.js';
import { diff, writeAudit } from '../../domain/audit.js';
import { Checks } from '../../domain/errors.js';
import { lockInProject, lockProject } from '../../domain/locks.js';
import { oneRow, returning } from '../../domain/rows.js';
import { checkAmount, checkJsonObject, checkName } from '../../domain/validation.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutate, mutationId, payloadType } from '../mutation.js';
import { MatchingRuleRef, ProjectRef } from '../refs.js';

const MAX_WINDOW_DAYS = 3650;

const MatchingRuleInput = builder.inputType('MatchingRuleInput', {
  description: 'A matching rule to create (projectId and name required), or the fields of one to change.',
  fields: (t) => ({
    projectId: t.id({ required: false, description: 'The project it belongs to (create only).' }),
    name: t.string({ required: false, description: 'Display name.' }),
    tolerance: t.field({ type: 'Decimal', required: false, description: 'Not negative (default 0).' }),
    dateWindowDays: t.int({
      required: false,
      description: `0 (any date) to ${MAX_WINDOW_DAYS} (default 0).`,
    }),
    matchReference: t.boolean({ required: false, description: 'Default false.' }),
    priority: t.int({ required: false, description: 'Lower runs first (default 0).' }),
    enabled: t.boolean({ required: false, description: 'Default true.' }),
  }),
});

type RuleInput = {
  projectId?: string | number | null;
  name?: string | null;
  tolerance?: string | null;
  dateWindowDays?: number | null;
  matchReference?: boolean | null;
  priority?: number | null;
  enabled?: boolean | null;
};

function validate(input: RuleInput, creating: boolean) {
  const checks = new Checks();
  const f = (name: string) => ['input', name];
  if (creating) {
    if (!input.projectId) checks.add('REQUIRED', 'Required', f('projectId'));
    if (input.name === null || input.name === undefined) checks.add('REQUIRED', 'Required', f('name'));
  } else if (input.projectId !== undefined && input.projectId !== null) {
    checks.add('IMMUTABLE', 'A rule cannot move to another project', f('projectId'));
  }
  for (const name of [
    'name',
    'tolerance',
    'dateWindowDays',
    'matchReference',
    'priority',
    'enabled',
  ] as const) {
    if (!creating && input[name] === null) checks.add('REQUIRED', 'Must not be null', f(name));
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

const rulePayload = (name: string) =>
  payloadType<{ matchingRule: MatchingRuleRow; project: ProjectRow }>(
    name,
    `The result of ${name.replace(/Payload$/, '').replace(/^./, (c) => c.toLowerCase())}.`,
    (t) => ({
      matchingRule: t.field({
        type: MatchingRuleRef,
        nullable: true,
        description: 'The rule as it is now; null on failure.',
        resolve: (p) => p.matchingRule ?? null,
      }),
      project: t.field({
        type: ProjectRef,
        nullable: true,
        description: 'Its project, whose rules changed.',
        resolve: (p) => p.project ?? null,
      }),
    }),
  );

const MatchingRuleDeletePayload = payloadType<{ deletedId: string; project: ProjectRow }>(
  'MatchingRuleDeletePayload',
  'The result of matchingRuleDelete.',
  (t) => ({
    deletedId: t.id({
      nullable: true,
      description: 'Global id of the deleted rule.',
      resolve: (p) => p.deletedId ?? null,
    }),
    project: t.field({
      type: ProjectRef,
      nullable: true,
      description: 'Its project, whose rules changed.',
      resolve: (p) => p.project ?? null,
    }),
  }),
);

const SettingsUpdatePayload = payloadType<{ settings: Record<string, unknown> }>(
  'SettingsUpdatePayload',
  'The result of settingsUpdate.',
  (t) => ({
    settings: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The settings as they are now.',
      resolve: (p) => p.settings ?? null,
    }),
  }),
);

const RULE_FIELDS = ['name', 'tolerance', 'dateWindowDays', 'matchReference', 'priority', 'enabled'] as const;

builder.mutationFields((t) => ({
  matchingRuleCreate: t.field({
    type: rulePayload('MatchingRuleCreatePayload'),
    description: 'Adds a matching rule to a project.',
    authScopes: { member: true },
    args: { input: t.arg({ type: MatchingRuleInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, 'matchingRuleCreate', async (tx, changed) => {
        validate(input, true);
        const project = await lockProject(
          tx,
          ctx,
          mutationId(String(input.projectId), 'Project', ['input', 'projectId']),
          ['input', 'projectId'],
        );
        changed.projectIds.add(project.id);
        const matchingRule = (await oneRow(
          tx,
          matchingRuleEntity,
          sql`insert into matching_rules as x (organization_id, project_id, name, tolerance, date_window_days, match_reference, priority, enabled)
              values (${ctx.viewer!.organizationId}::uuid, ${project.id}::uuid, ${input.name!.trim()},
                      ${input.tolerance ?? '0'}::numeric, ${input.dateWindowDays ?? 0}, ${input.matchReference ?? false},
                      ${input.priority ?? 0}, ${input.enabled ?? true})
              ${returning(matchingRuleEntity)}`,
        ))!;
        await writeAudit(tx, ctx.viewer!, {
          action: 'matching_rule.create',
          entityType: 'MatchingRule',
          entityId: matchingRule.id,
          details: diff({} as MatchingRuleRow, matchingRule, RULE_FIELDS),
        });
        return { matchingRule, project };
      }),
  }),
  matchingRuleUpdate: t.field({
    type: rulePayload('MatchingRuleUpdatePayload'),
    description: 'Changes the given fields of a matching rule.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: MatchingRuleInput, required: true }) },
    resolve: (_root, { id, input }, ctx) =>
      mutate(ctx, 'matchingRuleUpdate', async (tx, changed) => {
        validate(input, false);
        const { row: before, project } = await lockInProject(
          tx,
          ctx,
          matchingRuleEntity,
          mutationId(String(id), 'MatchingRule', ['id']),
          ['id'],
        );
        changed.projectIds.add(project.id);
        const matchingRule = (await oneRow(
          tx,
          matchingRuleEntity,
          sql`update matching_rules x set
                name = coalesce(${input.name?.trim() ?? null}, x.name),
                tolerance = coalesce(${input.tolerance ?? null}::numeric, x.tolerance),
                date_window_days = coalesce(${input.dateWindowDays ?? null}::int, x.date_window_days),
                match_reference = coalesce(${input.matchReference ?? null}::boolean, x.match_reference),
                priority = coalesce(${input.priority ?? null}::int, x.priority),
                enabled = coalesce(${input.enabled ?? null}::boolean, x.enabled),
                updated_at = now()
              where x.id = ${before.id}::uuid and x.organization_id = ${before.organizationId}::uuid ${returning(matchingRuleEntity)}`,
        ))!;
        await writeAudit(tx, ctx.viewer!, {
          action: 'matching_rule.update',
          entityType: 'MatchingRule',
          entityId: matchingRule.id,
          details: diff(before, matchingRule, RULE_FIELDS),
        });
        return { matchingRule, project };
      }),
  }),
  matchingRuleDelete: t.field({
    type: MatchingRuleDeletePayload,
    description: 'Deletes a matching rule.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'matchingRuleDelete', async (tx, changed) => {
        const { row: before, project } = await lockInProject(
          tx,
          ctx,
          matchingRuleEntity,
          mutationId(String(id), 'MatchingRule', ['id']),
          ['id'],
        );
        changed.projectIds.add(project.id);
        await query(
          tx,
          sql`delete from matching_rules where id = ${before.id}::uuid and organization_id = ${before.organizationId}::uuid`,
        );
        await writeAudit(tx, ctx.viewer!, {
          action: 'matching_rule.delete',
          entityType: 'MatchingRule',
          entityId: before.id,
          details: diff(before, {} as MatchingRuleRow, RULE_FIELDS),
        });
        return { deletedId: encodeGlobalId('MatchingRule', before.id), project };
      }),
  }),
  settingsUpdate: t.field({
    type: SettingsUpdatePayload,
    description: "Replaces your organization's settings (ADMIN only).",
    authScopes: { admin: true },
    args: { settings: t.arg({ type: 'JSON', required: true }) },
    resolve: (_root, { settings }, ctx) =>
      mutate(
        ctx,
        'settingsUpdate',
        async (tx) => {
          const checks = new Checks();
          checkJsonObject(checks, settings, ['settings'], 64 * 1024);
          checks.throwIfAny();
          const org = ctx.viewer!.organizationId;
          const [before] = await query<{ settings: Record<string, unknown> }>(
            tx,
            sql`select settings from settings where organization_id = ${org}::uuid for update`,
          );
          const [after] = await query<{ settings: Record<string, unknown> }>(
            tx,
            sql`insert into settings (organization_id, settings, updated_at, updated_by)
                values (${org}::uuid, ${JSON.stringify(settings)}::jsonb, now(), ${ctx.viewer!.userId}::uuid)
                on conflict (organization_id) do update
                  set settings = excluded.settings, updated_at = now(), updated_by = excluded.updated_by
                returning settings`,
          );
          await writeAudit(tx, ctx.viewer!, {
            action: 'settings.update',
            entityType: 'Settings',
            entityId: null,
            details: { before: before?.settings ?? {}, after: after!.settings },
          });
          return { settings: after!.settings };
        },
        ['settings'],
      ),
  }),
}));
