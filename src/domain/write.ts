/**
 * How every write runs: one transaction holding the change and its audit row. Its expected
 * failures roll it back, so nothing is written, and come back as user errors: a thrown
 * UserErrors, a unique violation listed below, and a lock timeout, lost deadlock or statement
 * timeout (BUSY: the client may retry). What the write changed comes back with its result, for
 * the caller to drop the cached reads it invalidates (src/cache/invalidation.ts).
 */

import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Viewer } from '../auth/viewer.js';
import type { Changed } from '../cache/invalidation.js';
import type { Db } from '../db/client.js';
import { poolTimeout } from '../db/pool.js';
import type { EntityType } from '../db/rows.js';
import { reconciliations } from '../db/schema.js';
import { driverError, poolTimeoutMessage, RETRYABLE_SQLSTATES } from '../errors.js';
import { type UserError, UserErrors } from './errors.js';

/**
 * Decodes an id as the client sent it into the id of a `type` row; throws INVALID_ID (a user error
 * on `field`) when it names no such row. A write decodes each id where it first uses it, so its
 * errors come in the order it checks (a blank name before a malformed project id).
 */
export type DecodeId = (sent: string, type: EntityType, field: string[]) => string;

/** What a write function works with: its transaction, who it acts for, and what it changed. */
export interface Write {
  readonly tx: Db;
  readonly viewer: Viewer;
  readonly decodeId: DecodeId;
  /** The write adds every project and reconciliation it changes (old and new on a move). */
  readonly changed: Changed;
}

export type WriteResult<T> =
  | { ok: true; value: T; changed: Changed }
  | { ok: false; userErrors: UserError[] };

/** The name of `table`'s unique constraint on exactly `columns`, as src/db/schema.ts declares it. */
function uniqueConstraint(table: PgTable, ...columns: PgColumn[]): string {
  const found = getTableConfig(table).uniqueConstraints.find(
    (u) =>
      u.columns.length === columns.length && columns.every((c) => u.columns.some((uc) => uc.name === c.name)),
  );
  const name = found?.getName();
  if (!name) throw new Error(`no unique constraint on ${columns.map((c) => c.name).join(', ')}`);
  return name;
}

/** Unique constraints a write can hit, as the user error they mean. */
const CONSTRAINT_ERRORS: Record<string, UserError> = {
  [uniqueConstraint(reconciliations, reconciliations.projectId, reconciliations.reference)]: {
    code: 'DUPLICATE_REFERENCE',
    message: 'A reconciliation with this reference already exists in the project',
    field: ['input', 'reference'],
  },
};

/** Runs `write` in a transaction as `viewer`; its expected failures become userErrors. */
export async function runWrite<T>(
  db: Db,
  viewer: Viewer,
  decodeId: DecodeId,
  write: (w: Write) => Promise<T>,
): Promise<WriteResult<T>> {
  const changed: Changed = {
    organizationId: viewer.organizationId,
    projectIds: new Set(),
    reconciliationIds: new Set(),
  };
  try {
    const value = await db.transaction((tx) => write({ tx: tx as unknown as Db, viewer, decodeId, changed }));
    return { ok: true, value, changed };
  } catch (err) {
    if (err instanceof UserErrors) return { ok: false, userErrors: err.errors };
    const { code, constraint } = driverError(err);
    const known = constraint ? CONSTRAINT_ERRORS[constraint] : undefined;
    if (code === '23505' && known) return { ok: false, userErrors: [{ ...known }] };
    // Another request held the rows past lock_timeout, won a deadlock, or the write ran past
    // statement_timeout: rolled back, nothing written, the client may retry.
    const retry = code ? RETRYABLE_SQLSTATES.get(code) : undefined;
    if (retry) return { ok: false, userErrors: [{ code: 'BUSY', message: retry, field: null }] };
    // No pooled connection was free in time: the transaction never began, nothing was written.
    const busy = poolTimeout(err);
    if (busy)
      return {
        ok: false,
        userErrors: [{ code: 'BUSY', message: poolTimeoutMessage(busy.timeoutMs), field: null }],
      };
    throw err;
  }
}
