/** Assembles the schema from the domain modules; prints it sorted for schema.graphql. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './refs.js';
import './organization.js';
import './user.js';
import './project.js';
import './reconciliation.js';
import './reconciliation-item.js';
import './matching-rule.js';
import './audit-log.js';
import './session.js';

// Scope-auth ignores skipTypeScopes on root types, so each root field states its own scopes
// (a test checks every root field but viewer and sessionCreate refuses anonymous requests).
builder.queryType({
  description: 'Reads. Everything but `viewer` and introspection needs a signed-in user.',
});
builder.mutationType({ description: 'Writes. Everything but `sessionCreate` needs a signed-in user.' });

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

import './project-mutations.js';
import './reconciliation-mutations.js';
import './item-mutations.js';
import './rule-mutations.js';
