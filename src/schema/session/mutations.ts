import { PasswordCheckBusy } from '../../auth/password.js';
import { signIn, signOut } from '../../auth/sessions.js';
import { signInGate } from '../../auth/signin-limits.js';
import { changedIn } from '../../cache/invalidation.js';
import { requireViewer } from '../../context.js';
import type { UserRow } from '../../db/rows.js';
import type { UserError } from '../../domain/errors.js';
import { codedError, RETRY_AFTER_S } from '../../errors.js';
import { createLoaders } from '../../loaders/index.js';
import { builder } from '../builder.js';
import { committed } from '../mutation.js';
import { UserErrorRef, UserRef } from '../refs.js';

interface SessionCreatePayload {
  token: string | null;
  viewer: UserRow | null;
  userErrors: UserError[];
}

const SessionCreateInput = builder.inputType('SessionCreateInput', {
  description: 'Credentials to sign in with.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'The sign-in email.' }),
    password: t.string({ required: true, description: 'The password.' }),
  }),
});

const SessionCreatePayloadRef = builder.objectRef<SessionCreatePayload>('SessionCreatePayload').implement({
  description: 'The result of signing in.',
  fields: (t) => ({
    token: t.exposeString('token', {
      nullable: true,
      description: 'Send it as `Authorization: Bearer <token>` on every request; null on failure.',
    }),
    viewer: t.expose('viewer', { type: UserRef, nullable: true, description: 'The signed-in user.' }),
    userErrors: t.expose('userErrors', { type: [UserErrorRef], description: 'Why signing in failed.' }),
  }),
});

const SessionDeletePayloadRef = builder
  .objectRef<{ userErrors: SessionCreatePayload['userErrors'] }>('SessionDeletePayload')
  .implement({
    description: 'The result of signing out.',
    fields: (t) => ({
      userErrors: t.expose('userErrors', { type: [UserErrorRef], description: 'Always empty.' }),
    }),
  });

builder.mutationFields((t) => ({
  sessionCreate: t.field({
    type: SessionCreatePayloadRef,
    description: 'Signs in with email and password and returns a bearer token.',
    args: { input: t.arg({ type: SessionCreateInput, required: true, description: 'Email and password.' }) },
    resolve: async (_root, { input }, ctx) => {
      // Guessing passwords: failures are limited per address and, without locking the owner out,
      // per account (src/auth/signin-limits.ts).
      const gate = await signInGate(
        ctx.rateLimiter,
        ctx.clientAddress,
        input.email,
        ctx.config.SIGNIN_ATTEMPTS_PER_15_MIN,
        ctx.config.SIGNIN_PER_ADDRESS_PER_15_MIN,
      );
      if (gate.refused) {
        const wait = gate.refused.retryAfterS;
        throw codedError('RATE_LIMITED', `Too many sign-in attempts: try again in ${wait} s`, {
          retryAfter: wait,
          http: { status: 429, headers: { 'Retry-After': String(wait) } },
        });
      }
      // Before the session row exists: the cached copy's expiry is never later than the row's.
      const expiresAt = new Date(Date.now() + ctx.config.SESSION_TTL_S * 1000).toISOString();
      const sequence = await ctx.sessions.sequence();
      const session = await signIn(
        ctx.db,
        input.email,
        input.password,
        ctx.config.SESSION_TTL_S,
        gate.known,
      ).catch(async (err: unknown) => {
        await gate.settle('error');
        // More sign-ins hashing than the bounded queue holds (src/auth/password.ts): refused at once.
        if (err instanceof PasswordCheckBusy) {
          throw codedError('RATE_LIMITED', `Too many sign-ins in progress: try again in ${RETRY_AFTER_S} s`, {
            retryAfter: RETRY_AFTER_S,
            http: { status: 429, headers: { 'Retry-After': String(RETRY_AFTER_S) } },
          });
        }
        throw err;
      });
      await gate.settle(session ? 'signed-in' : 'failed');
      if (!session) {
        return {
          token: null,
          viewer: null,
          userErrors: [
            {
              field: ['input', 'password'],
              message: 'The email or password is incorrect',
              code: 'INVALID_CREDENTIALS',
            } satisfies UserError,
          ],
        };
      }
      await ctx.sessions.remember(session.token, session.viewer, expiresAt, sequence);
      // Its audit row (session.create): fenced and invalidated as any other write.
      await committed(ctx, 'sessionCreate', changedIn(session.viewer.organizationId));
      // The request stays anonymous (its context is read-only): the new user is read with loaders
      // of its own organization. Objects reached through it (its organization) need the new token,
      // as every read does.
      const loaders = createLoaders(ctx.db, session.viewer.organizationId, ctx.tag);
      const viewer = await loaders.userById(session.viewer.userId);
      return { token: session.token, viewer, userErrors: [] };
    },
  }),
  sessionDelete: t.field({
    type: SessionDeletePayloadRef,
    description: 'Signs out: the bearer token of this request stops working.',
    authScopes: { authenticated: true },
    resolve: async (_root, _args, ctx) => {
      const viewer = requireViewer(ctx);
      await signOut(ctx.db, viewer);
      // Its audit row (session.delete): fenced and invalidated as any other write.
      await committed(ctx, 'sessionDelete', changedIn(viewer.organizationId));
      // Fail-open: a lost invalidation bypasses the cache until older entries are marked stale.
      if (ctx.bearerToken) await ctx.sessions.dropSession(ctx.bearerToken);
      return { userErrors: [] };
    },
  }),
}));
