/**
 * Row locks of every write, and the archived-project rule, in one place.
 *
 * Lock order: the project first, then the row written. Every write that touches a project or
 * anything in it locks the project before its rows, so two writes never hold each other's next
 * lock (no deadlock between them). Writers inside a project take it `for share` and run side by
 * side; matching and changes to the project itself take it `for no key update`, so they wait for
 * those writers and the writers wait for them (matching rewrites every reconciliation's status and
 * must not interleave with an item or a rule changing under it).
 *
 * Archived projects are read-only: nothing in one (reconciliations, items, rules, status
 * overrides, matching) is written, nor is its name; PROJECT_ARCHIVED, nothing written. The one
 * write an archived project takes is projectUnarchive (projectArchive again changes nothing).
 * `lockProject` enforces it for every write but those two, which use `lockProjectToArchive`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import { col, type EntitySpec, from, selectList } from '../db/entity.js';
import { type ProjectRow, projectEntity, type ReconciliationRow, reconciliationEntity } from '../db/rows.js';
import { projects } from '../db/schema.js';
import { query } from '../db/sql.js';
import { fail, notFound } from './errors.js';
import { oneRow } from './rows.js';

export type ProjectLockMode = 'share' | 'update';

const LOCK_CLAUSE: Record<ProjectLockMode, SQL> = {
  share: sql.raw('for share'),
  update: sql.raw('for no key update'),
};

/** The project locked in `mode`, archived or not; NOT_FOUND when absent or another tenant's. */
async function lockProjectRow(
  tx: Db,
  viewer: Viewer,
  id: string,
  field: string[],
  mode: ProjectLockMode,
): Promise<ProjectRow> {
  return (
    (await oneRow(
      tx,
      projectEntity,
      sql`select ${selectList(projectEntity, 'x')} from ${from(projects)}
          where ${col('x', projects.id)} = ${id}::uuid and ${col('x', projects.organizationId)} = ${viewer.organizationId}::uuid
          ${LOCK_CLAUSE[mode]}`,
    )) ?? notFound('Project', field)
  );
}

/**
 * The project, locked for the rest of the transaction, for a write to it or to anything in it:
 * NOT_FOUND when absent or another tenant's, PROJECT_ARCHIVED (at `field`) when archived.
 */
export async function lockProject(
  tx: Db,
  viewer: Viewer,
  id: string,
  field: string[],
  mode: ProjectLockMode = 'share',
): Promise<ProjectRow> {
  const project = await lockProjectRow(tx, viewer, id, field, mode);
  if (project.archived) fail('PROJECT_ARCHIVED', 'The project is archived', field);
  return project;
}

/** The project locked `update` for projectArchive/projectUnarchive, the writes an archived one takes. */
export function lockProjectToArchive(
  tx: Db,
  viewer: Viewer,
  id: string,
  field: string[],
): Promise<ProjectRow> {
  return lockProjectRow(tx, viewer, id, field, 'update');
}

/** A table of rows that belong to a project. */
type InProjectTable = PgTable & { id: PgColumn; organizationId: PgColumn; projectId: PgColumn };

/**
 * A row that belongs to a project (a reconciliation, a rule), locked in the project-first order:
 * its project `share` (refused when archived), then the row `for update`. If the row moved to
 * another project while we waited for the lock, look again. NOT_FOUND when absent or another
 * tenant's.
 */
export async function lockInProject<Row extends { projectId: string }, T extends InProjectTable>(
  tx: Db,
  viewer: Viewer,
  spec: EntitySpec<Row, T>,
  id: string,
  field: string[],
): Promise<{ row: Row; project: ProjectRow }> {
  const t = spec.table;
  const where = sql`${col('x', t.id)} = ${id}::uuid and ${col('x', t.organizationId)} = ${viewer.organizationId}::uuid`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await query<{ projectId: string }>(
      tx,
      sql`select ${col('x', t.projectId)}::text as "projectId" from ${from(t)} where ${where}`,
    );
    if (!found) break;
    const project = await lockProject(tx, viewer, found.projectId, field);
    const row = await oneRow(
      tx,
      spec,
      sql`select ${selectList(spec, 'x')} from ${from(t)}
          where ${where} and ${col('x', t.projectId)} = ${project.id}::uuid
          for update`,
    );
    if (row) return { row, project };
  }
  return notFound(spec.typename, field);
}

/** The reconciliation and its project, locked in the project-first order (see lockInProject). */
export async function lockReconciliation(
  tx: Db,
  viewer: Viewer,
  id: string,
  field: string[],
): Promise<{ reconciliation: ReconciliationRow; project: ProjectRow }> {
  const { row, project } = await lockInProject(tx, viewer, reconciliationEntity, id, field);
  return { reconciliation: row, project };
}
