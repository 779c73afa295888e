/** Writes of reconciliations: create, update, delete, a status set by hand, and matching a project. */
import { sql } from 'drizzle-orm';
import { col, name } from '../db/entity.js';
import {
  type ProjectRow,
  type ReconciliationRow,
  type ReconciliationStatus,
  reconciliationEntity,
} from '../db/rows.js';
import { reconciliationStatusEnum, reconciliations } from '../db/schema.js';
import { diff, writeAudit } from './audit.js';
import { Checks } from './errors.js';
import { lockProject, lockReconciliation } from './locks.js';
import { matchProject } from './matching.js';
import { deleteRow, enumType, names, oneRow, returning, updateRow } from './rows.js';
import { checkAmount, checkCurrency, checkJsonObject, checkName } from './validation.js';
import type { Write } from './write.js';

/** A reconciliation to create, or the fields of one to change (absent: unchanged). */
export interface ReconciliationInput {
  /** The project's id as the client sent it (a global id, decoded where the write uses it). */
  projectId?: string | number | null;
  reference?: string | null;
  amount?: string | null;
  currency?: string | null;
  metadata?: unknown;
}

export interface WithProject {
  reconciliation: ReconciliationRow;
  project: ProjectRow;
}

const r = reconciliations;
const AUDITED = ['projectId', 'reference', 'amount', 'currency', 'metadata', 'status'] as const;

function validate(input: ReconciliationInput, creating: boolean, current?: ReconciliationRow) {
  const checks = new Checks();
  const f = (field: string) => ['input', field];
  if (creating) {
    for (const field of ['projectId', 'reference', 'amount', 'currency'] as const) {
      if (input[field] === null || input[field] === undefined) checks.add('REQUIRED', 'Required', f(field));
    }
  } else {
    for (const field of ['projectId', 'reference', 'amount', 'currency', 'metadata'] as const) {
      if (input[field] === null) checks.add('REQUIRED', 'Must not be null', f(field));
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

/** Creates a reconciliation (status pending) in an active project. */
export async function createReconciliation(w: Write, input: ReconciliationInput): Promise<WithProject> {
  validate(input, true);
  const field = ['input', 'projectId'];
  const project = await lockProject(
    w.tx,
    w.viewer,
    w.decodeId(String(input.projectId), 'Project', field),
    field,
  );
  w.changed.projectIds.add(project.id);
  const reconciliation = (await oneRow(
    w.tx,
    reconciliationEntity,
    sql`insert into ${r} as x (${names(r.organizationId, r.projectId, r.reference, r.amount, r.currency, r.metadata)})
        values (${w.viewer.organizationId}::uuid, ${project.id}::uuid, ${input.reference!.trim()},
                ${input.amount}::numeric, ${input.currency}, ${JSON.stringify(input.metadata ?? {})}::jsonb)
        ${returning(reconciliationEntity)}`,
  ))!;
  await writeAudit(w.tx, w.viewer, {
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
}

/** Changes the given fields of a reconciliation (not its status), possibly moving it to another project. */
export async function updateReconciliation(
  w: Write,
  id: string,
  input: ReconciliationInput,
): Promise<WithProject> {
  const { reconciliation: before, project: current } = await lockReconciliation(
    w.tx,
    w.viewer,
    w.decodeId(id, 'Reconciliation', ['id']),
    ['id'],
  );
  validate(input, false, before);
  const field = ['input', 'projectId'];
  const project = input.projectId
    ? await lockProject(w.tx, w.viewer, w.decodeId(String(input.projectId), 'Project', field), field)
    : current;
  w.changed.projectIds.add(current.id).add(project.id);
  const reconciliation = await updateRow(
    w.tx,
    reconciliationEntity,
    before,
    sql`${name(r.projectId)} = ${project.id}::uuid,
        ${name(r.reference)} = coalesce(${input.reference?.trim() ?? null}, ${col('x', r.reference)}),
        ${name(r.amount)} = coalesce(${input.amount ?? null}::numeric, ${col('x', r.amount)}),
        ${name(r.currency)} = coalesce(${input.currency ?? null}, ${col('x', r.currency)}),
        ${name(r.metadata)} = coalesce(${input.metadata === undefined ? null : JSON.stringify(input.metadata)}::jsonb, ${col('x', r.metadata)})`,
  );
  await writeAudit(w.tx, w.viewer, {
    action: 'reconciliation.update',
    entityType: 'Reconciliation',
    entityId: reconciliation.id,
    details: diff(before, reconciliation, AUDITED),
  });
  return { reconciliation, project };
}

/** Deletes a reconciliation and (by cascade) its items. */
export async function deleteReconciliation(
  w: Write,
  id: string,
): Promise<{ deleted: ReconciliationRow; project: ProjectRow }> {
  const { reconciliation: before, project } = await lockReconciliation(
    w.tx,
    w.viewer,
    w.decodeId(id, 'Reconciliation', ['id']),
    ['id'],
  );
  w.changed.projectIds.add(project.id);
  w.changed.reconciliationIds.add(before.id);
  await deleteRow(w.tx, r, before);
  await writeAudit(w.tx, w.viewer, {
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
  return { deleted: before, project };
}

/** Overrides one reconciliation's status by hand; the reason goes to the audit log. */
export async function setReconciliationStatus(
  w: Write,
  id: string,
  status: ReconciliationStatus,
  reason: string,
): Promise<WithProject> {
  const checks = new Checks();
  checkName(checks, reason, ['reason'], 500);
  checks.throwIfAny();
  const { reconciliation: before, project } = await lockReconciliation(
    w.tx,
    w.viewer,
    w.decodeId(id, 'Reconciliation', ['id']),
    ['id'],
  );
  w.changed.projectIds.add(project.id);
  const reconciliation = await updateRow(
    w.tx,
    reconciliationEntity,
    before,
    sql`${name(r.status)} = ${status}::${enumType(reconciliationStatusEnum)}`,
  );
  await writeAudit(w.tx, w.viewer, {
    action: 'reconciliation.status_set',
    entityType: 'Reconciliation',
    entityId: before.id,
    details: { before: { status: before.status }, after: { status }, reason: reason.trim() },
  });
  return { reconciliation, project };
}

/** Runs the project's enabled matching rules over all its reconciliations (src/domain/matching.ts). */
export async function matchReconciliations(
  w: Write,
  projectId: string,
): Promise<{ project: ProjectRow; changed: number }> {
  // Locking the project `update` serializes matching runs of one project, and the writers in it.
  const project = await lockProject(
    w.tx,
    w.viewer,
    w.decodeId(projectId, 'Project', ['projectId']),
    ['projectId'],
    'update',
  );
  w.changed.projectIds.add(project.id);
  const started = performance.now();
  const { changed, evaluated } = await matchProject(w.tx, w.viewer.organizationId, project.id);
  await writeAudit(w.tx, w.viewer, {
    action: 'reconciliation.match',
    entityType: 'Project',
    entityId: project.id,
    details: { evaluated, changed, ms: Math.round(performance.now() - started) },
  });
  return { project, changed };
}
