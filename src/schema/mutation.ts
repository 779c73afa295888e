import { type Changed, invalidationTags, type MutationName } from '../cache/invalidation.js';
import type { Context } from '../context.js';
import type { Db } from '../db/client.js';
import { type UserError, UserErrors } from '../domain/errors.js';
import { driverError, RETRYABLE_SQLSTATES } from '../errors.js';
import { builder } from './builder.js';
import { decodeGlobalId, type NodeType } from './global-id.js';
import { UserErrorRef } from './refs.js';

/** Unique constraints a write can hit, as the user error they mean. */
const CONSTRAINT_ERRORS: Record<string, (field: string[]) => UserError> = {
  reconciliations_project_id_reference_key: (field) => ({
    code: 'DUPLICATE_REFERENCE',
    message: 'A reconciliation with this reference already exists in the project',
    field,
  }),
};

export type Payload<T> =
  | (T & { userErrors: UserError[] })
  | ({ [K in keyof T]?: null } & { userErrors: UserError[] });

/**
 * Runs `change` in a transaction. A thrown UserErrors, or a unique violation listed above (its
 * field given by `conflictField`), rolls back and becomes the payload's userErrors; so does a lock
 * timeout or a lost deadlock, as BUSY (nothing was written: the client may retry).
 */
export async function mutate<T extends object>(
  ctx: Context,
  name: MutationName,
  change: (tx: Db, changed: Changed) => Promise<T>,
  conflictField: string[] = ['input'],
): Promise<Payload<T>> {
  const changed: Changed = {
    organizationId: ctx.viewer!.organizationId,
    projectIds: new Set(),
    reconciliationIds: new Set(),
  };
  try {
    const result = await ctx.db.transaction((tx) => change(tx as unknown as Db, changed));
    // Committed: drop every cached read it may have changed before answering, so neither this
    // client nor any other sees a stale read afterwards (src/cache/invalidation.ts).
    await ctx.cache?.invalidate(invalidationTags(name, changed));
    ctx.loaders.clearAll();
    return { ...result, userErrors: [] };
  } catch (err) {
    if (err instanceof UserErrors) return { userErrors: err.errors } as Payload<T>;
    const { code, constraint } = driverError(err);
    const known = constraint ? CONSTRAINT_ERRORS[constraint] : undefined;
    if (code === '23505' && known) return { userErrors: [known(conflictField)] } as Payload<T>;
    // Another request held the rows past lock_timeout, won a deadlock, or the write ran past
    // statement_timeout: rolled back, nothing written, the client may retry.
    const retry = code ? RETRYABLE_SQLSTATES.get(code) : undefined;
    if (retry) return { userErrors: [{ code: 'BUSY', message: retry, field: null }] } as Payload<T>;
    throw err;
  }
}

/** A global id argument of a mutation: malformed or of another type is INVALID_ID. */
export function mutationId(globalId: string, type: NodeType, field: string[]): string {
  try {
    const { typename, id } = decodeGlobalId(globalId);
    if (typename === type) return id;
  } catch {
    // fall through to the user error
  }
  throw new UserErrors([{ code: 'INVALID_ID', message: `Not a ${type} id`, field }]);
}

/** A payload type: the given fields (nullable) plus userErrors. */
export function payloadType<Shape extends object>(
  name: string,
  description: string,
  fields: Parameters<ReturnType<typeof builder.objectRef<Payload<Shape>>>['implement']>[0]['fields'],
) {
  const ref = builder.objectRef<Payload<Shape>>(name);
  ref.implement({
    description,
    fields: (t) => ({
      ...fields!(t),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Expected failures; when there are any, nothing was written.',
        resolve: (p) => p.userErrors,
      }),
    }),
  });
  return ref;
}
