/**
 * Every entity type is a federation entity keyed by its (global) id, so a gateway can compose this
 * API as a subgraph. A reference is resolved through the same tenant-scoped loaders as `node`:
 * another organization's id, or an id of another type, resolves to null.
 */
import {
  type GraphQLSchema,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
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

/**
 * Descriptions of what @apollo/subgraph adds to the schema (`_entities`, `_service`, `_Any`,
 * `_Entity`, `_Service`), which it leaves undescribed: GraphiQL and generated clients show them.
 */
export function describeFederation(schema: GraphQLSchema): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  const entities = fields._entities;
  if (entities) {
    entities.description =
      'For a federation gateway: the entities of this subgraph for the given representations, in ' +
      'order. A reference resolves like `node` (your organization only): null for another ' +
      "organization's object, an id of another type, or one that does not exist.";
    const representations = entities.args.find((a) => a.name === 'representations');
    if (representations) {
      representations.description =
        'Representations `{ __typename, id }`: an entity type of this subgraph and its global id (at most 10,000).';
    }
  }
  if (fields._service) {
    fields._service.description =
      "For a federation gateway: this subgraph's SDL, with its federation directives.";
  }
  const any = schema.getType('_Any');
  if (isScalarType(any)) {
    any.description = 'An entity representation `{ __typename, id }`, as a federation gateway sends it.';
  }
  const entity = schema.getType('_Entity');
  if (isUnionType(entity))
    entity.description = 'Every entity type of this subgraph (each keyed by its global `id`).';
  const service = schema.getType('_Service');
  if (isObjectType(service)) {
    service.description = 'This subgraph as a federation gateway composes it.';
    const sdl = service.getFields().sdl;
    if (sdl)
      sdl.description = 'The subgraph SDL: the schema with its federation directives (`@key`, `@shareable`).';
  }
}
