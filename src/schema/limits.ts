/**
 * Query limits, checked while validating the whole document (before any resolver or SQL runs),
 * so they cover every root field, `_entities` included. Costs come from the builder's
 * `fieldComplexity` (src/schema/builder.ts).
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
