/** The Pothos builder: plugins and shared options only; it defines no types (Pothos' layout guide). */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getNullableType, isListType } from 'graphql';
import { type Context, unauthenticated } from '../context.js';
import { codedError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../loaders/keyset.js';
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
  // Federation after the plugins that wrap resolvers (scope-auth), as its README asks.
  plugins: [ScopeAuthPlugin, ComplexityPlugin, RelayPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  complexity: {
    // A connection costs its page size (capped at the maximum: a larger one is refused as bad
    // input by the resolver) times its selection; `nodes` its id count; other lists 10 times.
    fieldComplexity: (args, _ctx, field) => {
      // The connection's page size already multiplies its selection: edges and node add nothing.
      if (field.name === 'edges' || field.name === 'node' || field.name === 'pageInfo')
        return { field: 0, multiplier: 1 };
      if (field.args.some((a) => a.name === 'first')) {
        const page = [args.first, args.last].find((n): n is number => typeof n === 'number');
        return { field: 1, multiplier: Math.min(page ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
      }
      if (Array.isArray(args.ids)) return { field: 1, multiplier: Math.max(1, args.ids.length) };
      return { field: 1, multiplier: isListType(getNullableType(field.type)) ? 10 : 1 };
    },
    // The limits are enforced for the whole document by a validation rule (src/schema/limits.ts),
    // which also covers fields Pothos did not build (`_entities`).
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      member: ctx.viewer?.role === 'member' || ctx.viewer?.role === 'admin',
      admin: ctx.viewer?.role === 'admin',
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer ? codedError('FORBIDDEN', 'Your role does not allow this') : unauthenticated(ctx),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodeQueryOptions: {
      description: 'Fetches any object of your organization by its global id; null when there is none.',
      authScopes: { authenticated: true },
      // Every Relay-style subgraph defines `node`, `nodes` and `PageInfo`: shareable, so they compose.
      shareable: true,
      args: { id: { description: 'The global id of the object.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by global ids, in order; null for each that does not exist.',
      authScopes: { authenticated: true },
      shareable: true,
      args: { ids: { description: 'Global ids, at most 100.' } },
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
    pageInfoTypeOptions: { description: 'Relay page information.', shareable: true },
    nodeTypeOptions: { description: 'An object with a global id.' },
    idFieldOptions: { description: 'Opaque global id: use it with node(id:).' },
  },
});
