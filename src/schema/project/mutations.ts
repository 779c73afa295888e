/** projectCreate, projectUpdate, projectArchive, projectUnarchive. */
import { sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { type ProjectRow, projectEntity } from '../../db/rows.js';
import { diff, writeAudit } from '../../domain/audit.js';
import { Checks } from '../../domain/errors.js';
import { lockProject } from '../../domain/locks.js';
import { oneRow, returning } from '../../domain/rows.js';
import { checkName } from '../../domain/validation.js';
import { builder } from '../builder.js';
import { mutate, mutationId, payloadType } from '../mutation.js';
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
