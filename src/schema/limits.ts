/**
 * Query limits for the whole document, checked for every execution before any resolver runs
 * (src/app.ts), so they cover every root field, `_entities` included, and follow each request's
 * variables. Costs come from the builder's `fieldComplexity` (src/schema/builder.ts) and, for
 * `_entities`, from src/schema/index.ts.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import { Kind, type ValidationRule } from 'graphql';
import { badInput, codedError } from '../errors.js';

/** Two nested pages of 100 with a few fields each pass (about 30,000); a third does not. */
export const LIMITS = { complexity: 50_000, depth: 12, breadth: 300 } as const;

/** The refusal for a measured document, or null: the first measure above its limit. */
export function limitRefusal(result: { complexity: number; depth: number; breadth: number }) {
  for (const measure of ['complexity', 'depth', 'breadth'] as const) {
    if (result[measure] > LIMITS[measure]) {
      return codedError(
        'QUERY_TOO_COMPLEX',
        `The query's ${measure} is ${result[measure]}, above the limit of ${LIMITS[measure]}: ask for fewer or smaller pages`,
        { [measure]: result[measure], limit: LIMITS[measure] },
      );
    }
  }
  return null;
}

export function limitsRule(
  context: object,
  variableValues: Record<string, unknown>,
  operationName?: string | null,
): ValidationRule {
  return createComplexityRule({
    context,
    variableValues,
    ...(operationName ? { operationName } : {}),
    validate: (result, reportError) => {
      const refusal = limitRefusal(result);
      if (refusal) reportError(refusal);
    },
  });
}

/**
 * How many objects one call may fetch by id: `nodes` as many as a page (a client refetching what
 * it shows), `_entities` as many as two nested pages of 100 (a gateway resolving the references of
 * a page within a page, which the complexity limit also allows).
 */
export const ID_LIST_CAPS: Record<string, { argument: string; max: number }> = {
  nodes: { argument: 'ids', max: 100 },
  _entities: { argument: 'representations', max: 10_000 },
};

/** The refusal of an id list of `length` given to `field` (one of ID_LIST_CAPS). */
export function idListRefusal(field: string, length: number) {
  const cap = ID_LIST_CAPS[field]!;
  return badInput(
    `${field} takes at most ${cap.max} ${cap.argument} per call (got ${length}): split the list`,
    { argument: cap.argument, limit: cap.max },
  );
}

/**
 * Refuses an id list above its cap before anything reads it: the list's length is read from the
 * variables or the literal, whatever the rest of the document holds.
 */
export function idListCapsRule(variableValues: Record<string, unknown>): ValidationRule {
  return (context) => ({
    Field(node) {
      const cap = ID_LIST_CAPS[node.name.value];
      if (!cap || context.getParentType() !== context.getSchema().getQueryType()) return;
      const value = node.arguments?.find((a) => a.name.value === cap.argument)?.value;
      const length =
        value?.kind === Kind.LIST
          ? value.values.length
          : value?.kind === Kind.VARIABLE
            ? (variableValues[value.name.value] as unknown[] | undefined)?.length
            : undefined;
      if (typeof length === 'number' && length > cap.max) {
        context.reportError(idListRefusal(node.name.value, length));
      }
    },
  });
}
