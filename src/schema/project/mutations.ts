/** projectCreate, projectUpdate, projectArchive, projectUnarchive. */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import { type EntitySpec, selectList, tableName } from '../../db/entity.js';
import { type ProjectRow, projectEntity } from '../../db/rows.js';
import { query } from '../../db/sql.js';
import { diff, writeAudit } from '../../domain/audit.js';
import { Checks } from '../../domain/errors.js';
import { checkName } from '../../domain/validation.js';
import { builder } from '../builder.js';
import { mutate, mutationId, notFound, oneRow, payloadType, returning } from '../mutation.js';
import { ProjectRef } from '../refs.js';

export const ProjectInput = builder.inputType('ProjectInput', {
  description: 'A project to create, or the new values of one.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Display name (not blank, at most 200 characters).' }),
  }),
});

const projectPayload = (name: string, description: string) =>
  payloadType<{ project: ProjectRow }>(name, description, (t) => ({
    project: t.field({
      type: ProjectRef,
      nullable: true,
      description: 'The project as it is now; null on failure.',
      resolve: (p) => p.project ?? null,
    }),
  }));

const ProjectCreatePayload = projectPayload('ProjectCreatePayload', 'The result of projectCreate.');
const ProjectUpdatePayload = projectPayload('ProjectUpdatePayload', 'The result of projectUpdate.');
const ProjectArchivePayload = projectPayload('ProjectArchivePayload', 'The result of projectArchive.');
const ProjectUnarchivePayload = projectPayload('ProjectUnarchivePayload', 'The result of projectUnarchive.');

/**
 * The project, locked for the rest of the transaction; NOT_FOUND when absent or another tenant's.
 * Writers inside a project take it `share` (they run side by side); matching and changes to the
 * project itself take it `update`, so they wait for those writers and the writers wait for them.
 * Lock order everywhere: project, then its rows.
 */
export async function lockProject(
  tx: Db,
  ctx: Context,
  id: string,
  field: string[],
  mode: 'share' | 'update' = 'share',
): Promise<ProjectRow> {
  return (
    (await oneRow(
      tx,
      projectEntity,
      sql`select ${selectList(projectEntity, 'x')} from projects x
          where x.id = ${id}::uuid and x.organization_id = ${ctx.viewer!.organizationId}::uuid
          for ${sql.raw(mode === 'share' ? 'share' : 'no key update')}`,
    )) ?? notFound('Project', field)
  );
}

/**
 * A row that belongs to a project (a reconciliation, a rule), locked in the project-first order:
 * its project `share`, then the row `for update`. If the row moved to another project while we
 * waited for the lock, look again. NOT_FOUND when absent or another tenant's.
 */
export async function lockInProject<Row extends { projectId: string }>(
  tx: Db,
  ctx: Context,
  spec: EntitySpec<Row>,
  id: string,
  field: string[],
): Promise<{ row: Row; project: ProjectRow }> {
  const organizationId = ctx.viewer!.organizationId;
  const table = tableName(spec.table);
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await query<{ projectId: string }>(
      tx,
      sql`select project_id::text as "projectId" from ${table}
          where id = ${id}::uuid and organization_id = ${organizationId}::uuid`,
    );
    if (!found) break;
    const project = await lockProject(tx, ctx, found.projectId, field);
    const row = await oneRow(
      tx,
      spec,
      sql`select ${selectList(spec, 'x')} from ${table} x
          where x.id = ${id}::uuid and x.organization_id = ${organizationId}::uuid
            and x.project_id = ${project.id}::uuid
          for update`,
    );
    if (row) return { row, project };
  }
  return notFound(spec.typename, field);
}

async function setArchived(ctx: Context, globalId: string, archived: boolean) {
  return mutate(ctx, archived ? 'projectArchive' : 'projectUnarchive', async (tx) => {
    const before = await lockProject(tx, ctx, mutationId(globalId, 'Project', ['id']), ['id'], 'update');
    if (before.archived === archived) return { project: before };
    const project = (await oneRow(
      tx,
      projectEntity,
      sql`update projects x set archived = ${archived}, updated_at = now() where x.id = ${before.id}::uuid and x.organization_id = ${before.organizationId}::uuid ${returning(projectEntity)}`,
    ))!;
    await writeAudit(tx, ctx.viewer!, {
      action: archived ? 'project.archive' : 'project.unarchive',
      entityType: 'Project',
      entityId: project.id,
      details: diff(before, project, ['archived']),
    });
    return { project };
  });
}

builder.mutationFields((t) => ({
  projectCreate: t.field({
    type: ProjectCreatePayload,
    description: 'Creates a project in your organization.',
    authScopes: { member: true },
    args: { input: t.arg({ type: ProjectInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, 'projectCreate', async (tx) => {
        const checks = new Checks();
        checkName(checks, input.name, ['input', 'name']);
        checks.throwIfAny();
        const project = (await oneRow(
          tx,
          projectEntity,
          sql`insert into projects as x (organization_id, name)
              values (${ctx.viewer!.organizationId}::uuid, ${input.name.trim()}) ${returning(projectEntity)}`,
        ))!;
        await writeAudit(tx, ctx.viewer!, {
          action: 'project.create',
          entityType: 'Project',
          entityId: project.id,
          details: { after: { name: project.name } },
        });
        return { project };
      }),
  }),
  projectUpdate: t.field({
    type: ProjectUpdatePayload,
    description: 'Changes a project.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ProjectInput, required: true }) },
    resolve: (_root, { id, input }, ctx) =>
      mutate(ctx, 'projectUpdate', async (tx) => {
        const checks = new Checks();
        checkName(checks, input.name, ['input', 'name']);
        checks.throwIfAny();
        const before = await lockProject(
          tx,
          ctx,
          mutationId(String(id), 'Project', ['id']),
          ['id'],
          'update',
        );
        const project = (await oneRow(
          tx,
          projectEntity,
          sql`update projects x set name = ${input.name.trim()}, updated_at = now()
              where x.id = ${before.id}::uuid and x.organization_id = ${before.organizationId}::uuid ${returning(projectEntity)}`,
        ))!;
        await writeAudit(tx, ctx.viewer!, {
          action: 'project.update',
          entityType: 'Project',
          entityId: project.id,
          details: diff(before, project, ['name']),
        });
        return { project };
      }),
  }),
  projectArchive: t.field({
    type: ProjectArchivePayload,
    description: 'Archives a project: it then takes no new reconciliations or items.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => setArchived(ctx, String(id), true),
  }),
  projectUnarchive: t.field({
    type: ProjectUnarchivePayload,
    description: 'Makes an archived project active again.',
    authScopes: { member: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => setArchived(ctx, String(id), false),
  }),
}));
