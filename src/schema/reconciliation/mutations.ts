/**
 * reconciliationCreate/Update/Delete, reconciliationStatusSet, reconciliationsMatch: each one write
 * of src/domain/reconciliation.ts.
 */
import type { ProjectRow, ReconciliationRow } from '../../db/rows.js';
import {
  createReconciliation,
  deleteReconciliation,
  matchReconciliations,
  setReconciliationStatus,
  updateReconciliation,
  type WithProject,
} from '../../domain/reconciliation.js';
import { builder } from '../builder.js';
import { mutate, payloadType } from '../mutation.js';
import { ProjectRef, ReconciliationRef, ReconciliationStatusEnum, StatusCountRef } from '../refs.js';

export const ReconciliationInput = builder.inputType('ReconciliationInput', {
  description:
    'A reconciliation to create (projectId, reference, amount and currency required), or the fields of one to change.',
  fields: (t) => ({
    projectId: t.id({ required: false, description: 'The project it belongs to.' }),
    reference: t.string({
      required: false,
      description: 'Unique within the project; at most 100 characters.',
    }),
    amount: t.field({ type: 'Decimal', required: false, description: 'The expected amount, not negative.' }),
    currency: t.string({ required: false, description: 'ISO 4217 code, e.g. "EUR".' }),
    metadata: t.field({ type: 'JSON', required: false, description: 'A JSON object, at most 16 KiB.' }),
  }),
});

const projectField = <T extends { project?: ProjectRow | null }>(description: string) =>
  ({
    type: ProjectRef,
    nullable: true,
    description,
    resolve: (p: T) => p.project ?? null,
  }) as const;

const reconciliationPayload = (name: string, description: string) =>
  payloadType<WithProject>(name, description, (t) => ({
    reconciliation: t.field({
      type: ReconciliationRef,
      nullable: true,
      description: 'The reconciliation as it is now; null on failure.',
      resolve: (p) => p.reconciliation ?? null,
    }),
    project: t.field(projectField('Its project, whose lists and counts changed.')),
  }));

const ReconciliationCreatePayload = reconciliationPayload(
  'ReconciliationCreatePayload',
  'The result of reconciliationCreate.',
);
const ReconciliationUpdatePayload = reconciliationPayload(
  'ReconciliationUpdatePayload',
  'The result of reconciliationUpdate.',
);
const ReconciliationStatusSetPayload = reconciliationPayload(
  'ReconciliationStatusSetPayload',
  'The result of reconciliationStatusSet.',
);
const ReconciliationDeletePayload = payloadType<{ deleted: ReconciliationRow; project: ProjectRow }>(
  'ReconciliationDeletePayload',
  'The result of reconciliationDelete.',
  (t) => ({ project: t.field(projectField('The project it was deleted from.')) }),
  { type: 'Reconciliation', description: 'Global id of the deleted reconciliation.' },
);
const ReconciliationsMatchPayload = payloadType<{ project: ProjectRow; changed: number }>(
  'ReconciliationsMatchPayload',
  'The result of reconciliationsMatch.',
  (t) => ({
    project: t.field(projectField('The project that was matched.')),
    statusCounts: t.field({
      type: [StatusCountRef],
      nullable: true,
      description: 'Its status counts after matching.',
      // Read after the write committed (the wrapper cleared the loaders).
      resolve: (p, _args, ctx) => (p.project ? ctx.loaders.statusCountsByProjectId(p.project.id) : null),
    }),
    changedCount: t.int({
      nullable: true,
      description: 'How many reconciliations changed status.',
      resolve: (p) => p.changed ?? null,
    }),
  }),
);

builder.mutationFields((t) => ({
  reconciliationCreate: t.field({
    type: ReconciliationCreatePayload,
    description: 'Creates a reconciliation (status PENDING) in an active project.',
    authScopes: { member: true },
    args: {
      input: t.arg({
        type: ReconciliationInput,
        required: true,
        description: 'The new reconciliation: projectId, reference, amount and currency are required.',
      }),
    },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, 'reconciliationCreate', (w) => createReconciliation(w, input)),
  }),
  reconciliationUpdate: t.field({
    type: ReconciliationUpdatePayload,
    description:
      'Changes the given fields of a reconciliation (not its status: see reconciliationStatusSet).',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the reconciliation to change.' }),
      input: t.arg({
        type: ReconciliationInput,
        required: true,
        description: 'The fields to change; a field left out keeps its value.',
      }),
    },
    resolve: (_root, { id, input }, ctx) =>
      mutate(ctx, 'reconciliationUpdate', (w) => updateReconciliation(w, String(id), input)),
  }),
  reconciliationDelete: t.field({
    type: ReconciliationDeletePayload,
    description: 'Deletes a reconciliation and its items.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true, description: 'Global id of the reconciliation to delete.' }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'reconciliationDelete', (w) => deleteReconciliation(w, String(id))),
  }),
  reconciliationStatusSet: t.field({
    type: ReconciliationStatusSetPayload,
    description: 'Overrides the status of one reconciliation by hand; the reason goes to the audit log.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true, description: 'Global id of the reconciliation.' }),
      status: t.arg({ type: ReconciliationStatusEnum, required: true, description: 'The status to set.' }),
      reason: t.arg.string({
        required: true,
        description: 'Why it is set by hand (not blank, at most 500 characters), recorded in the audit log.',
      }),
    },
    resolve: (_root, { id, status, reason }, ctx) =>
      mutate(ctx, 'reconciliationStatusSet', (w) => setReconciliationStatus(w, String(id), status, reason)),
  }),
  reconciliationsMatch: t.field({
    type: ReconciliationsMatchPayload,
    description:
      "Runs the project's enabled matching rules over all its reconciliations, in one set-based pass.",
    authScopes: { member: true },
    args: { projectId: t.arg.id({ required: true, description: 'Global id of the project to match.' }) },
    resolve: (_root, { projectId }, ctx) =>
      mutate(ctx, 'reconciliationsMatch', (w) => matchReconciliations(w, String(projectId))),
  }),
}));
