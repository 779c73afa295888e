/** reconciliationCreate/Update/Delete, reconciliationStatusSet, reconciliationsMatch. */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  type ProjectRow,
  type ReconciliationRow,
  type ReconciliationStatus,
  reconciliationEntity,
} from '../../db/rows.js';
import { query } from '../../db/sql.js';
import { diff, writeAudit } from '../../domain/audit.js';
import { Checks, fail } from '../../domain/errors.js';
import { lockProject, lockReconciliation } from '../../domain/locks.js';
import { matchProject } from '../../domain/matching.js';
import { oneRow, returning } from '../../domain/rows.js';
import { checkAmount, checkCurrency, checkJsonObject, checkName } from '../../domain/validation.js';
import type { StatusCount } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutate, mutationId, payloadType } from '../mutation.js';
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

interface WithProject {
  reconciliation: ReconciliationRow;
  project: ProjectRow;
}

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
const ReconciliationDeletePayload = payloadType<{ deletedId: string; project: ProjectRow }>(
  'ReconciliationDeletePayload',
  'The result of reconciliationDelete.',
  (t) => ({
    deletedId: t.id({
      nullable: true,
      description: 'Global id of the deleted reconciliation.',
      resolve: (p) => p.deletedId ?? null,
    }),
    project: t.field(projectField('The project it was deleted from.')),
  }),
);
const ReconciliationsMatchPayload = payloadType<{
  project: ProjectRow;
  statusCounts: StatusCount[];
  changed: number;
}>('ReconciliationsMatchPayload', 'The result of reconciliationsMatch.', (t) => ({
  project: t.field(projectField('The project that was matched.')),
  statusCounts: t.field({
    type: [StatusCountRef],
    nullable: true,
    description: 'Its status counts after matching.',
    resolve: (p) => p.statusCounts ?? null,
  }),
  changedCount: t.int({
    nullable: true,
    description: 'How many reconciliations changed status.',
    resolve: (p) => p.changed ?? null,
  }),
}));

type Input = {
  projectId?: string | number | null;
  reference?: string | null;
  amount?: string | null;
  currency?: string | null;
  metadata?: unknown;
};

function validate(input: Input, creating: boolean, current?: ReconciliationRow) {
  const checks = new Checks();
  const f = (name: string) => ['input', name];
  if (creating) {
    for (const name of ['projectId', 'reference', 'amount', 'currency'] as const) {
      if (input[name] === null || input[name] === undefined) checks.add('REQUIRED', 'Required', f(name));
    }
  } else {
    for (const name of ['projectId', 'reference', 'amount', 'currency', 'metadata'] as const) {
      if (input[name] === null) checks.add('REQUIRED', 'Must not be null', f(name));
    }
  }
  if (typeof input.reference === 'string') checkName(checks, input.reference, f('reference'), 100);
  const currency = input.currency ?? current?.currency;
  const currencyOk =
    typeof input.currency === 'string' ? checkCurrency(checks, input.currency, f('currency')) : true;
  // A new currency re-checks the amount the reconciliation keeps.
  const amount = input.amount ?? current?.amount;
  if (typeof amount === 'string')
    checkAmount(checks, amount, f('amount'), { currency: currencyOk ? currency : null });
  if (input.metadata !== undefined && input.metadata !== null)
    checkJsonObject(checks, input.metadata, f('metadata'));
  checks.throwIfAny();
}

/** The project a reconciliation goes into: it must exist in the organization and be active. */
async function targetProject(tx: Db, ctx: Context, globalId: string) {
  const project = await lockProject(tx, ctx, mutationId(globalId, 'Project', ['input', 'projectId']), [
    'input',
    'projectId',
  ]);
  if (project.archived) fail('PROJECT_ARCHIVED', 'The project is archived', ['input', 'projectId']);
  return project;
}

const AUDITED = ['projectId', 'reference', 'amount', 'currency', 'metadata', 'status'] as const;

builder.mutationFields((t) => ({
  reconciliationCreate: t.field({
    type: ReconciliationCreatePayload,
    description: 'Creates a reconciliation (status PENDING) in an active project.',
    authScopes: { member: true },
    args: { input: t.arg({ type: ReconciliationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(
        ctx,
        'reconciliationCreate',
        async (tx, changed) => {
          validate(input, true);
          const project = await targetProject(tx, ctx, String(input.projectId));
          changed.projectIds.add(project.id);
          const reconciliation = (await oneRow(
            tx,
            reconciliationEntity,
            sql`insert into reconciliations as x (organization_id, project_id, reference, amount, currency, metadata)
                values (${ctx.viewer!.organizationId}::uuid, ${project.id}::uuid, ${input.reference!.trim()},
                        ${input.amount}::numeric, ${input.currency}, ${JSON.stringify(input.metadata ?? {})}::jsonb)
                ${returning(reconciliationEntity)}`,
          ))!;
          await writeAudit(tx, ctx.viewer!, {
            action: 'reconciliation.create',
            entityType: 'Reconciliation',
            entityId: reconciliation.id,
            details: {
              after: {
                reference: reconciliation.reference,
                amount: reconciliation.amount,
                currency: reconciliation.currency,
              },
            },
          });
          return { reconciliation, project };
        },
        ['input', 'reference'],
      ),
  }),
  reconciliationUpdate: t.field({
    type: ReconciliationUpdatePayload,
    description:
      'Changes the given fields of a reconciliation (not its status: see reconciliationStatusSet).',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ReconciliationInput, required: true }) },
    resolve: (_root, { id, input }, ctx) =>
      mutate(
        ctx,
        'reconciliationUpdate',
        async (tx, changed) => {
          const { reconciliation: before, project: current } = await lockReconciliation(
            tx,
            ctx,
            mutationId(String(id), 'Reconciliation', ['id']),
            ['id'],
          );
          validate(input, false, before);
          const project = input.projectId ? await targetProject(tx, ctx, String(input.projectId)) : current;
          changed.projectIds.add(current.id).add(project.id);
          if (current.archived) fail('PROJECT_ARCHIVED', 'The project is archived', ['id']);
          const reconciliation = (await oneRow(
            tx,
            reconciliationEntity,
            sql`update reconciliations x set
                  project_id = ${project.id}::uuid,
                  reference = coalesce(${input.reference?.trim() ?? null}, x.reference),
                  amount = coalesce(${input.amount ?? null}::numeric, x.amount),
                  currency = coalesce(${input.currency ?? null}, x.currency),
                  metadata = coalesce(${input.metadata === undefined ? null : JSON.stringify(input.metadata)}::jsonb, x.metadata),
                  updated_at = now()
                where x.id = ${before.id}::uuid and x.organization_id = ${before.organizationId}::uuid ${returning(reconciliationEntity)}`,
          ))!;
          await writeAudit(tx, ctx.viewer!, {
            action: 'reconciliation.update',
            entityType: 'Reconciliation',
            entityId: reconciliation.id,
            details: diff(before, reconciliation, AUDITED),
          });
          return { reconciliation, project };
        },
        ['input', 'reference'],
      ),
  }),
  reconciliationDelete: t.field({
    type: ReconciliationDeletePayload,
    description: 'Deletes a reconciliation and its items.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) =>
      mutate(ctx, 'reconciliationDelete', async (tx, changed) => {
        const { reconciliation: before, project } = await lockReconciliation(
          tx,
          ctx,
          mutationId(String(id), 'Reconciliation', ['id']),
          ['id'],
        );
        if (project.archived) fail('PROJECT_ARCHIVED', 'The project is archived', ['id']);
        changed.projectIds.add(project.id);
        changed.reconciliationIds.add(before.id);
        await query(
          tx,
          sql`delete from reconciliations where id = ${before.id}::uuid and organization_id = ${before.organizationId}::uuid`,
        );
        await writeAudit(tx, ctx.viewer!, {
          action: 'reconciliation.delete',
          entityType: 'Reconciliation',
          entityId: before.id,
          details: {
            before: {
              reference: before.reference,
              amount: before.amount,
              currency: before.currency,
              status: before.status,
            },
          },
        });
        return { deletedId: encodeGlobalId('Reconciliation', before.id), project };
      }),
  }),
  reconciliationStatusSet: t.field({
    type: ReconciliationStatusSetPayload,
    description: 'Overrides the status of one reconciliation by hand; the reason goes to the audit log.',
    authScopes: { member: true },
    args: {
      id: t.arg.id({ required: true }),
      status: t.arg({ type: ReconciliationStatusEnum, required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, { id, status, reason }, ctx) =>
      mutate(ctx, 'reconciliationStatusSet', async (tx, changed) => {
        const checks = new Checks();
        checkName(checks, reason, ['reason'], 500);
        checks.throwIfAny();
        const { reconciliation: before, project } = await lockReconciliation(
          tx,
          ctx,
          mutationId(String(id), 'Reconciliation', ['id']),
          ['id'],
        );
        changed.projectIds.add(project.id);
        const reconciliation = (await oneRow(
          tx,
          reconciliationEntity,
          sql`update reconciliations x set status = ${status}::reconciliation_status, updated_at = now()
              where x.id = ${before.id}::uuid and x.organization_id = ${before.organizationId}::uuid ${returning(reconciliationEntity)}`,
        ))!;
        await writeAudit(tx, ctx.viewer!, {
          action: 'reconciliation.status_set',
          entityType: 'Reconciliation',
          entityId: before.id,
          details: {
            before: { status: before.status },
            after: { status: status as ReconciliationStatus },
            reason: reason.trim(),
          },
        });
        return { reconciliation, project };
      }),
  }),
  reconciliationsMatch: t.field({
    type: ReconciliationsMatchPayload,
    description:
      "Runs the project's enabled matching rules over all its reconciliations, in one set-based pass.",
    authScopes: { member: true },
    args: { projectId: t.arg.id({ required: true }) },
    resolve: async (_root, { projectId }, ctx) => {
      const result = await mutate(ctx, 'reconciliationsMatch', async (tx, touched) => {
        // Locking the project serializes matching runs of one project.
        const project = await lockProject(
          tx,
          ctx,
          mutationId(String(projectId), 'Project', ['projectId']),
          ['projectId'],
          'update',
        );
        touched.projectIds.add(project.id);
        const started = performance.now();
        const { changed, evaluated } = await matchProject(tx, ctx.viewer!.organizationId, project.id);
        await writeAudit(tx, ctx.viewer!, {
          action: 'reconciliations.match',
          entityType: 'Project',
          entityId: project.id,
          details: { evaluated, changed, ms: Math.round(performance.now() - started) },
        });
        return { project, changed };
      });
      if (!result.project) return { ...result, project: null, changed: null, statusCounts: null };
      return { ...result, statusCounts: await ctx.loaders.statusCountsByProjectId.load(result.project.id) };
    },
  }),
}));
