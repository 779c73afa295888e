/**
 * Assembles the schema from the domain modules, imported here and nowhere else (each registers its
 * types and fields with the builder); prints it sorted for schema.graphql.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './refs.js';
import './organization/types.js';
import './user/types.js';
import './project/types.js';
import './reconciliation/types.js';
import './reconciliation-item/types.js';
import './matching-rule/types.js';
import './audit-log/types.js';
import './session/mutations.js';
import './project/mutations.js';
import './reconciliation/mutations.js';
import './reconciliation-item/mutations.js';
import './matching-rule/mutations.js';
// After every type: it makes them federation entities.
import { checkRepresentations, describeFederation } from './federation.js';

// Scope-auth ignores skipTypeScopes on root types, so each root field states its own scopes
// (a test checks every root field but viewer and sessionCreate refuses anonymous requests).
builder.queryType({
  description: 'Reads. Everything but `viewer` and introspection needs a signed-in user.',
});
builder.mutationType({ description: 'Writes. Everything but `sessionCreate` needs a signed-in user.' });

// A subgraph schema: the API plus `_service` and `_entities` for a federation gateway.
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
checkRepresentations(schema);
describeFederation(schema);

// `_entities` is added by @apollo/subgraph, not built by Pothos: give it the cost the complexity
// rule reads from a field's extensions, one selection per representation (as `nodes` per id).
const entities = schema.getQueryType()?.getFields()._entities;
if (entities) {
  Object.assign(entities, {
    extensions: {
      ...entities.extensions,
      complexity: (args: { representations?: unknown[] }) => ({
        field: 1,
        multiplier: Math.max(1, args.representations?.length ?? 1),
      }),
    },
  });
}

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The subgraph SDL with its federation directives (`@key`), as a gateway composes it. */
export function printedSubgraphSchema(): string {
  return `${printSubgraphSchema(lexicographicSortSchema(schema))}\n`;
}
