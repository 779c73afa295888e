/**
 * Query limits for the whole document, checked for every execution before any resolver runs
 * (src/app.ts), so they cover every root field, `_entities` included, and follow each request's
 * variables. Costs come from the builder's `fieldComplexity` (src/schema/builder.ts) and, for
 * `_entities`, from src/schema/index.ts.
 */
import { createComplexityRule } from '@pothos/plugin-complexity';
import type { ValidationRule } from 'graphql';
import { codedError } from '../errors.js';

/** Two nested pages of 100 with a few fields each pass (about 30,000); a third does not. */
export const LIMITS = { complexity: 50_000, depth: 12, breadth: 300 } as const;

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
      for (const measure of ['complexity', 'depth', 'breadth'] as const) {
        if (result[measure] > LIMITS[measure]) {
          reportError(
            codedError(
              'QUERY_TOO_COMPLEX',
              `The query's ${measure} is ${result[measure]}, above the limit of ${LIMITS[measure]}: ask for fewer or smaller pages`,
              { [measure]: result[measure], limit: LIMITS[measure] },
            ),
          );
          return;
        }
      }
    },
  });
}
