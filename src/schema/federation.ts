/**
 * Every entity type is a federation entity keyed by its (global) id, so a gateway can compose this
 * API as a subgraph. A reference is resolved through the same tenant-scoped loaders as `node`:
 * another organization's id, or an id of another type, resolves to null.
 */
import { type GraphQLSchema, isScalarType, Kind, type ValueNode, valueFromASTUntyped } from 'graphql';
import { badInput } from '../errors.js';
import type { EntityType } from '../loaders/batch.js';
import { builder } from './builder.js';
import { decodeGlobalId } from './global-id.js';
import {
  AuditLogRef,
  MatchingRuleRef,
  OrganizationRef,
  ProjectRef,
  ReconciliationItemRef,
  ReconciliationRef,
  UserRef,
} from './refs.js';

const ENTITY_REFS = {
  Organization: OrganizationRef,
  User: UserRef,
  Project: ProjectRef,
  Reconciliation: ReconciliationRef,
  ReconciliationItem: ReconciliationItemRef,
  MatchingRule: MatchingRuleRef,
  AuditLog: AuditLogRef,
} as const;

for (const [type, ref] of Object.entries(ENTITY_REFS) as [EntityType, (typeof ENTITY_REFS)[EntityType]][]) {
  builder.asEntity(ref as typeof ProjectRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async ({ id }, ctx) => {
      const { typename, id: uuid } = decodeGlobalId(id);
      if (typename !== type) return null;
      return (await ctx.loaders.entity(type, uuid)) as never;
    },
  });
}

/**
 * A representation as this subgraph keys its entities, `{ __typename: <entity type>, id: <string> }`,
 * checked where `_Any` is coerced: @apollo/subgraph's `_Any` takes any value, and its resolver
 * then threw plain errors (an internal error to the client) for an unknown type or a missing id.
 */
function parseRepresentation(value: unknown, pending: ReadonlySet<string> = new Set()): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badInput('A representation must be an object { __typename, id }');
  }
  const { __typename, id } = value as Record<string, unknown>;
  if (
    !pending.has('__typename') &&
    (typeof __typename !== 'string' || !Object.hasOwn(ENTITY_REFS, __typename))
  ) {
    throw badInput(`A representation's __typename must be one of ${Object.keys(ENTITY_REFS).join(', ')}`);
  }
  if (!pending.has('id') && typeof id !== 'string') {
    throw badInput("A representation's id must be a string (a global id)");
  }
  return value;
}

/**
 * A literal's fields given by variables. Validation parses literals without the variables
 * (graphql-js passes none): those fields are checked when execution parses it with them.
 */
const variableFields = (ast: ValueNode, variables: unknown): ReadonlySet<string> =>
  variables == null && ast.kind === Kind.OBJECT
    ? new Set(ast.fields.filter((f) => f.value.kind === Kind.VARIABLE).map((f) => f.name.value))
    : new Set();

/** Makes the built subgraph schema's `_Any` check representations (see parseRepresentation). */
export function checkRepresentations(schema: GraphQLSchema): void {
  const any = schema.getType('_Any');
  if (!isScalarType(any)) return;
  any.parseValue = parseRepresentation;
  any.parseLiteral = (ast, variables) =>
    parseRepresentation(valueFromASTUntyped(ast, variables), variableFields(ast, variables));
}
