/** The Pothos builder: plugins and shared options only; it defines no types (Pothos' layout guide). */
import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Context } from '../context.js';
import { codedError } from '../errors.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Decimal: { Input: string; Output: string };
    DateTime: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: { authenticated: boolean; member: boolean; admin: boolean };
  Connection: { totalCount: () => Promise<number> };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      member: ctx.viewer?.role === 'member' || ctx.viewer?.role === 'admin',
      admin: ctx.viewer?.role === 'admin',
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? codedError('FORBIDDEN', 'Your role does not allow this')
        : codedError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>'),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: {
      description: 'Fetches any object of your organization by its global id; null when there is none.',
      authScopes: { authenticated: true },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global ids, in order; null for each that does not exist.',
      authScopes: { authenticated: true },
    },
    edgesFieldOptions: { description: 'The page of edges.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the list.' },
    nodeFieldOptions: { description: 'The object at this edge.' },
    cursorFieldOptions: { description: 'Opaque cursor of this edge, for after/before.' },
    hasNextPageFieldOptions: { description: 'Whether more edges follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether edges precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first edge of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last edge of the page.' },
    firstArgOptions: { description: 'Page size from the start or after a cursor (default 20, at most 100).' },
    lastArgOptions: { description: 'Page size from the end or before a cursor (at most 100).' },
    afterArgOptions: { description: 'Cursor after which the page starts.' },
    beforeArgOptions: { description: 'Cursor before which the page ends.' },
    pageInfoTypeOptions: { description: 'Relay page information.' },
    nodeTypeOptions: { description: 'An object with a global id.' },
    idFieldOptions: { description: 'Opaque global id: use it with node(id:).' },
  },
});
