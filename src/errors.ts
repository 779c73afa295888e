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
  // No pooled connection free within DB_ACQUIRE_TIMEOUT_MS: `extensions.retryable`, nothing sent
  | 'POOL_TIMEOUT'
  // PostgreSQL unreachable: HTTP 503 with Retry-After, `extensions.retryable` (src/transport.ts)
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/**
 * Seconds a client should wait before retrying a request refused for load rather than for what it
 * asked: PostgreSQL unreachable (503, src/transport.ts), the sign-in hashing queue full (429).
 */
export const RETRY_AFTER_S = 1;

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
  // Also how a read replica cancels a query whose rows its replay must remove (a recovery conflict).
  ['40001', 'The request conflicted with a concurrent change: try again'],
]);

/** What a client is told when no pooled connection was free within the acquire timeout. */
export const poolTimeoutMessage = (timeoutMs: number) =>
  `No database connection was free within ${timeoutMs} ms (the server is busy): try again`;

/**
 * graphql ships CommonJS and ESM builds; a process can hold both (vitest does), so `instanceof`
 * fails across them. graphql-js tags its errors with Symbol.toStringTag instead.
 */
export function isGraphQLError(error: unknown): error is GraphQLError {
  return Object.prototype.toString.call(error) === '[object GraphQLError]';
}

/** An error and the errors it wraps (drizzle's `cause`, GraphQL's `originalError`), outermost first. */
export function* causes(error: unknown, depth = 6): Generator<Record<string, unknown>> {
  let e = error;
  for (let i = 0; e && typeof e === 'object' && i < depth; i++) {
    const current = e as Record<string, unknown>;
    yield current;
    e = current.cause ?? current.originalError;
    if (e === current) return;
  }
}

/**
 * The PostgreSQL error behind an error (SQLSTATE and constraint), looking through drizzle's and
 * GraphQL's wrappers; both drivers report `code`, postgres.js `constraint_name`, PGlite `constraint`.
 */
export function driverError(error: unknown): { code?: string; constraint?: string } {
  for (const e of causes(error)) {
    if (typeof e.code === 'string' && e.code.length === 5) {
      return { code: e.code, constraint: String(e.constraint_name ?? e.constraint ?? '') };
    }
  }
  return {};
}

// graphql-js' variable errors print the client's whole value (a sign-in's password with it):
// `Variable "$i" got invalid value { ...every field... } at "i.x"; <reason>`, and its scalars'
// reasons quote it again (`String cannot represent a non string value: <value>`). The variable,
// the path and the reason are kept. Used on answers (src/schema/error-hygiene.ts) and log lines
// (src/log.ts).
const VARIABLE_VALUE = /^(Variable "\$\w+" got )invalid value /;
const AT_PATH = / at "\w+(?:\.\w+|\[\d+\])*"$/;
const SCALAR_VALUE = /^((?:String|Int|Float|Boolean|ID) cannot represent [^:;]*value): [\s\S]*$/;

/** The message without the client's values that graphql-js' coercion errors quote. */
export function withoutValues(message: string, reason?: string): string {
  const head = VARIABLE_VALUE.exec(message);
  if (!head) return message.replace(SCALAR_VALUE, '$1');
  // The reason is the wrapped error's message when known; else everything after the last "; ".
  const cut =
    reason && message.endsWith(`; ${reason}`)
      ? message.length - reason.length - 2
      : message.lastIndexOf('; ');
  if (cut < 0) return `${head[1]}an invalid value`;
  const at = AT_PATH.exec(message.slice(0, cut))?.[0] ?? '';
  return `${head[1]}an invalid value${at}; ${message.slice(cut + 2).replace(SCALAR_VALUE, '$1')}`;
}
