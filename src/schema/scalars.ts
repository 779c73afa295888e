/** Decimal (exact money as a string), DateTime (ISO 8601 with offset) and JSON. */
import { GraphQLError, Kind, type ValueNode, valueFromASTUntyped } from 'graphql';
import { badInput, isGraphQLError } from '../errors.js';
import { isoMillis, parseInstant } from '../instant.js';
import { builder } from './builder.js';

const DECIMAL = /^-?\d{1,20}(\.\d{1,6})?$/;

/**
 * A literal's parse error carries its node: graphql-js reports it as thrown, and the node gives
 * it a location and, in the input guard, the argument's name and path.
 */
function fromLiteral<T>(ast: ValueNode, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (!isGraphQLError(err)) throw err;
    throw new GraphQLError(err.message, { nodes: ast, extensions: err.extensions });
  }
}

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') {
    throw badInput('Decimal must be a string such as "1234.50", never a number: floats are not exact');
  }
  if (!DECIMAL.test(value)) {
    throw badInput(`"${value.slice(0, 40)}" is not a Decimal: up to 20 digits, a point and up to 6 decimals`);
  }
  return value;
}

/** Drops trailing zeros beyond two decimals: "1234.500000" -> "1234.50", "0.123400" -> "0.1234". */
export function formatDecimal(value: string): string {
  const [int, frac = ''] = value.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${int}.${trimmed}`;
}

builder.scalarType('Decimal', {
  description: 'An exact decimal number as a string, e.g. "1234.50". Money is never a float.',
  serialize: (value) => formatDecimal(String(value)),
  parseValue: parseDecimal,
  parseLiteral: (ast) => fromLiteral(ast, () => parseDecimal(ast.kind === Kind.STRING ? ast.value : null)),
});

function parseDateTime(value: unknown): string {
  const instant = typeof value === 'string' ? parseInstant(value) : null;
  if (!instant) {
    throw badInput(
      'DateTime must be a real instant as an ISO 8601 string with an offset, in years 0001-9999, e.g. "2026-11-28T12:00:00.000Z"',
    );
  }
  return instant.toISOString();
}

builder.scalarType('DateTime', {
  description: 'An instant as an ISO 8601 string with offset, e.g. "2026-11-28T12:00:00.000Z".',
  serialize: isoMillis,
  parseValue: parseDateTime,
  parseLiteral: (ast) => fromLiteral(ast, () => parseDateTime(ast.kind === Kind.STRING ? ast.value : null)),
});

builder.scalarType('JSON', {
  description: 'Any JSON value (reconciliation metadata is a JSON object).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
