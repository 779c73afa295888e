/** Row locks of the writes, in one order: the project first, then its rows. */
import { sql } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import { type EntitySpec, selectList, tableName } from '../db/entity.js';
import { type ProjectRow, projectEntity, type ReconciliationRow, reconciliationEntity } from '../db/rows.js';
import { query } from '../db/sql.js';
import { notFound } from './errors.js';
import { oneRow } from './rows.js';

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

/**
 * The reconciliation and its project, locked in the project-first order (see lockProject):
 * NOT_FOUND when absent or another tenant's.
 */
export async function lockReconciliation(
  tx: Db,
  ctx: Context,
  id: string,
  field: string[],
): Promise<{ reconciliation: ReconciliationRow; project: ProjectRow }> {
  const { row, project } = await lockInProject(tx, ctx, reconciliationEntity, id, field);
  return { reconciliation: row, project };
}
