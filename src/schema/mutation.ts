/**
 * The one GraphQL mutation wrapper: it runs a domain write (src/domain/write.ts: one transaction
 * with its audit row, expected failures as `userErrors`), then drops every cached read the write
 * changed and makes the request's loaders forget what they read, so the payload reads what was
 * just committed. And the one helper that makes payload types, delete payloads included.
 */
import { type Changed, invalidationTags, type MutationName } from '../cache/invalidation.js';
import { type Context, requireViewer } from '../context.js';
import { type UserError, UserErrors } from '../domain/errors.js';
import { runWrite, type Write } from '../domain/write.js';
import { builder } from './builder.js';
import { decodeGlobalId, encodeGlobalId, type NodeType } from './global-id.js';
import { UserErrorRef } from './refs.js';

export type Payload<T> =
  | (T & { userErrors: UserError[] })
  | ({ [K in keyof T]?: null } & { userErrors: UserError[] });

/** Runs `write` as the signed-in viewer and answers its payload (its result, or its userErrors). */
export async function mutate<T extends object>(
  ctx: Context,
  name: MutationName,
  write: (w: Write) => Promise<T>,
): Promise<Payload<T>> {
  const result = await runWrite(ctx.db, requireViewer(ctx), mutationId, write);
  if (!result.ok) return { userErrors: result.userErrors } as Payload<T>;
  await committed(ctx, name, result.changed);
  ctx.loaders.clearAll();
  return { ...result.value, userErrors: [] };
}

/**
 * What every write does once committed, before it answers (mutate above, and sign-in and sign-out,
 * which write the audit log in transactions of their own): first its organization's replica fence
 * (src/db/replicas.ts), so no query that begins after the invalidation reads from a replica that
 * has not replayed the write; then it drops every cached read the write may have changed, so
 * neither this client nor any other sees a stale read afterwards (src/cache/invalidation.ts).
 */
export async function committed(
  ctx: Pick<Context, 'db' | 'replicas' | 'cache'>,
  name: MutationName,
  changed: Changed,
): Promise<void> {
  await ctx.replicas?.wrote(changed.organizationId, ctx.db);
  await ctx.cache?.invalidate(invalidationTags(name, changed));
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

type Fields<Shape extends object> = Parameters<
  ReturnType<typeof builder.objectRef<Payload<Shape>>>['implement']
>[0]['fields'];

/**
 * A payload type: the given fields (nullable) plus userErrors. With `deleted`, a delete payload:
 * it leads with `deletedId`, the global id of the row the write returned as `deleted`.
 */
export function payloadType<Shape extends object>(
  name: string,
  description: string,
  fields: Fields<Shape>,
  deleted?: { type: NodeType; description: string },
) {
  const ref = builder.objectRef<Payload<Shape>>(name);
  ref.implement({
    description,
    fields: (t) => ({
      ...(deleted && {
        deletedId: t.id({
          nullable: true,
          description: deleted.description,
          resolve: (p) => {
            const row = (p as { deleted?: { id: string } | null }).deleted;
            return row ? encodeGlobalId(deleted.type, row.id) : null;
          },
        }),
      }),
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
