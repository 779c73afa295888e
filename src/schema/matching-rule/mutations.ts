/**
 * matchingRuleCreate/Update/Delete and settingsUpdate: each one write of
 * src/domain/matching-rule.ts or src/domain/settings.ts.
 */
import type { MatchingRuleRow, ProjectRow } from '../../db/rows.js';
import {
  createRule,
  deleteRule,
  MAX_WINDOW_DAYS,
  type RuleWithProject,
  updateRule,
} from '../../domain/matching-rule.js';
import { replaceSettings } from '../../domain/settings.js';
import { builder } from '../builder.js';
import { mutate, payloadType } from '../mutation.js';
import { MatchingRuleRef, ProjectRef } from '../refs.js';

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

const projectField = (description: string) =>
  ({
    type: ProjectRef,
    nullable: true,
    description,
    resolve: (p: { project?: ProjectRow | null }) => p.project ?? null,
  }) as const;

const rulePayload = (name: string) =>
  payloadType<RuleWithProject>(
    name,
    `The result of ${name.replace(/Payload$/, '').replace(/^./, (c) => c.toLowerCase())}.`,
    (t) => ({
      matchingRule: t.field({
        type: MatchingRuleRef,
        nullable: true,
        description: 'The rule as it is now; null on failure.',
        resolve: (p) => p.matchingRule ?? null,
      }),
      project: t.field(projectField('Its project, whose rules changed.')),
    }),
  );

const MatchingRuleDeletePayload = payloadType<{ deleted: MatchingRuleRow; project: ProjectRow }>(
  'MatchingRuleDeletePayload',
  'The result of matchingRuleDelete.',
  (t) => ({ project: t.field(projectField('Its project, whose rules changed.')) }),
  { type: 'MatchingRule', description: 'Global id of the deleted rule.' },
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

builder.mutationFields((t) => ({
  matchingRuleCreate: t.field({
    type: rulePayload('MatchingRuleCreatePayload'),
    description: 'Adds a matching rule to a project.',
    authScopes: { member: true },
    args: {
      input: t.arg({
        type: MatchingRuleInput,
        required: true,
        description: 'The new rule: projectId and name are required.',
      }),
    },
    resolve: (_root, { input }, ctx) => mutate(ctx, 'matchingRuleCreate', (w) => createRule(w, input)),
  }),
  matchingRuleUpdate: t.field({
    type: rulePayload('MatchingRuleUpdatePayload'),
    description: 'Changes the given fields of a matching rule.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the rule to change.' }),
      input: t.arg({
        type: MatchingRuleInput,
        required: true,
        description: 'The fields to change; a field left out keeps its value (projectId cannot change).',
      }),
    },
    resolve: (_root, { id, input }, ctx) =>
      // A rule never moves: a projectId given here is refused (IMMUTABLE) whatever it names.
      mutate(ctx, 'matchingRuleUpdate', (w) => updateRule(w, String(id), input)),
  }),
  matchingRuleDelete: t.field({
    type: MatchingRuleDeletePayload,
    description: 'Deletes a matching rule.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the rule to delete.' }) },
    resolve: (_root, { id }, ctx) => mutate(ctx, 'matchingRuleDelete', (w) => deleteRule(w, String(id))),
  }),
  settingsUpdate: t.field({
    type: SettingsUpdatePayload,
    description: "Replaces your organization's settings (ADMIN only).",
    authScopes: { admin: true },
    args: {
      settings: t.arg({
        type: 'JSON',
        required: true,
        description: 'The whole new settings object; it replaces the old one.',
      }),
    },
    resolve: (_root, { settings }, ctx) => mutate(ctx, 'settingsUpdate', (w) => replaceSettings(w, settings)),
  }),
}));
