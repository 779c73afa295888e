/**
 * The shape of every error a response carries, whatever path it took, in one hook:
 * - Yoga's own codes for a request it could not take (`BAD_REQUEST`, `REQUEST_ENTITY_TOO_LARGE`,
 *   ...) become the contract's BAD_USER_INPUT, keeping their HTTP status for every client;
 * - `extensions.originalError` (Yoga puts the parser's message there: an excerpt of the body) is
 *   dropped;
 * - in production, graphql-js' "Did you mean ...?" (graphql 16 has no switch for it), which hands
 *   a prober the schema's names with introspection off, is cut from messages.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ErrorCode, isGraphQLError, withoutValues } from '../errors.js';

const SUGGESTION = /\s*Did you mean [\s\S]*\?$/;

// Yoga's own codes for a request it could not take; the contract says BAD_USER_INPUT.
const YOGA_REQUEST_CODES = new Set([
  'BAD_REQUEST',
  'REQUEST_ENTITY_TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The message without graphql-js' trailing suggestion. */
export const withoutSuggestion = (message: string) => message.replace(SUGGESTION, '');

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

function clean<E extends ErrorLike>(error: E, production: boolean): E {
  const { originalError: _, ...extensions } = error.extensions ?? {};
  const yogaCode = YOGA_REQUEST_CODES.has(String(extensions.code));
  const reason = isGraphQLError(error) ? error.originalError?.message : undefined;
  const unquoted = withoutValues(error.message, reason);
  const message = production ? withoutSuggestion(unquoted) : unquoted;
  if (message === error.message && !yogaCode && !('originalError' in (error.extensions ?? {}))) return error;
  if (yogaCode) {
    const http = extensions.http as { status?: number; headers?: Record<string, string> } | undefined;
    extensions.code = 'BAD_USER_INPUT' satisfies ErrorCode;
    // Without `spec`, the status holds for application/json clients too.
    extensions.http = { status: http?.status ?? 400, ...(http?.headers ? { headers: http.headers } : {}) };
  }
  if (isGraphQLError(error)) {
    return new GraphQLError(message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions,
    }) as unknown as E;
  }
  return { ...error, message, extensions };
}

/** Gives every error in a response the contract's code and nothing it should not carry. */
export function useErrorHygiene<C extends object>(production: boolean): Plugin<C> {
  return {
    onResultProcess: ({ result, setResult }) => {
      const results = Array.isArray(result) ? result : [result];
      if (!results.some((r) => r && typeof r === 'object' && 'errors' in r && r.errors?.length)) return;
      const cleaned = results.map((r) =>
        r && typeof r === 'object' && 'errors' in r && r.errors?.length
          ? { ...r, errors: r.errors.map((e: ErrorLike) => clean(e, production)) }
          : r,
      );
      setResult((Array.isArray(result) ? cleaned : cleaned[0]) as typeof result);
    },
  };
}
