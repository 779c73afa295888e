/**
 * The three tiers of errors (house style): userErrors in payloads for expected business failures;
 * GraphQL errors with `extensions.code` for authentication, authorization and bad input; anything
 * else is thrown and masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function codedError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  codedError('BAD_USER_INPUT', message, extra);
