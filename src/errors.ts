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
  // PostgreSQL unreachable: HTTP 503 with Retry-After, `extensions.retryable` (src/transport.ts)
  | 'SERVICE_UNAVAILABLE'
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

/**
 * SQLSTATEs that mean "try again": the request was fine but waited too long (statement_timeout,
 * lock_timeout) or lost a deadlock. What the client is told for each.
 */
export const RETRYABLE_SQLSTATES = new Map([
  ['57014', 'The query took too long and was cancelled'],
  ['55P03', 'The data is locked by another request and the wait timed out: try again'],
  ['40P01', 'The request lost a deadlock with another request: try again'],
]);

/**
 * The PostgreSQL error behind an error (SQLSTATE and constraint), looking through drizzle's
 * wrapper; both drivers report `code`, postgres.js `constraint_name`, PGlite `constraint`.
 */
export function driverError(error: unknown): { code?: string; constraint?: string } {
  let e = error as
    | { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown }
    | undefined;
  for (let i = 0; e && i < 4; i++, e = e.cause as typeof e) {
    if (typeof e.code === 'string' && e.code.length === 5) {
      return { code: e.code, constraint: String(e.constraint_name ?? e.constraint ?? '') };
    }
  }
  return {};
}
