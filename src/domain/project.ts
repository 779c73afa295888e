/** Writes of projects: create, rename, archive and unarchive. */
import { sql } from 'drizzle-orm';
import { name } from '../db/entity.js';
import { type ProjectRow, projectEntity } from '../db/rows.js';
import { projects } from '../db/schema.js';
import { diff, writeAudit } from './audit.js';
import { Checks } from './errors.js';
import { lockProject, lockProjectToArchive } from './locks.js';
import { names, oneRow, returning, updateRow } from './rows.js';
import { checkName } from './validation.js';
import type { Write } from './write.js';

export interface ProjectInput {
  name: string;
}

function validate(input: ProjectInput) {
  const checks = new Checks();
  checkName(checks, input.name, ['input', 'name']);
  checks.throwIfAny();
}

export async function createProject(w: Write, input: ProjectInput): Promise<{ project: ProjectRow }> {
  validate(input);
  const project = (await oneRow(
    w.tx,
    projectEntity,
    sql`insert into ${projects} as x (${names(projects.organizationId, projects.name)})
        values (${w.viewer.organizationId}::uuid, ${input.name.trim()}) ${returning(projectEntity)}`,
  ))!;
  await writeAudit(w.tx, w.viewer, {
    action: 'project.create',
    entityType: 'Project',
    entityId: project.id,
    details: { after: { name: project.name } },
  });
  return { project };
}

/** Renames a project (an archived one is refused: see src/domain/locks.ts). */
export async function renameProject(
  w: Write,
  id: string,
  input: ProjectInput,
): Promise<{ project: ProjectRow }> {
  validate(input);
  const before = await lockProject(w.tx, w.viewer, w.decodeId(id, 'Project', ['id']), ['id'], 'update');
  const project = await updateRow(
    w.tx,
    projectEntity,
    before,
    sql`${name(projects.name)} = ${input.name.trim()}`,
  );
  await writeAudit(w.tx, w.viewer, {
    action: 'project.update',
    entityType: 'Project',
    entityId: project.id,
    details: diff(before, project, ['name']),
  });
  return { project };
}

/** Archives or unarchives a project; one already so is returned as it is, and nothing is written. */
export async function setProjectArchived(
  w: Write,
  id: string,
  archived: boolean,
): Promise<{ project: ProjectRow }> {
  const before = await lockProjectToArchive(w.tx, w.viewer, w.decodeId(id, 'Project', ['id']), ['id']);
  if (before.archived === archived) return { project: before };
  const project = await updateRow(w.tx, projectEntity, before, sql`${name(projects.archived)} = ${archived}`);
  await writeAudit(w.tx, w.viewer, {
    action: archived ? 'project.archive' : 'project.unarchive',
    entityType: 'Project',
    entityId: project.id,
    details: diff(before, project, ['archived']),
  });
  return { project };
}
