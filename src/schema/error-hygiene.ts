/**
 * What a production error may carry: graphql-js appends "Did you mean ...?" to validation and
 * coercion messages (graphql 16 has no switch for it), which hands a prober the schema's names
 * with introspection off; Yoga puts the parser's message (an excerpt of the body) in
 * `extensions.originalError`. Both are dropped from every response, whatever path it took.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = /\s*Did you mean [\s\S]*\?$/;

/** The message without graphql-js' trailing suggestion. */
export const withoutSuggestion = (message: string) => message.replace(SUGGESTION, '');

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

function clean<E extends ErrorLike>(error: E): E {
  const extensions = error.extensions ?? {};
  const message = withoutSuggestion(error.message);
  if (message === error.message && !('originalError' in extensions)) return error;
  const { originalError: _, ...kept } = extensions;
  // graphql-js tags its errors (instanceof fails across its CommonJS and ESM builds).
  if (Object.prototype.toString.call(error) === '[object GraphQLError]') {
    const e = error as unknown as GraphQLError;
    return new GraphQLError(message, {
      nodes: e.nodes,
      source: e.source,
      positions: e.positions,
      path: e.path,
      extensions: kept,
    }) as unknown as E;
  }
  return { ...error, message, extensions: kept };
}

/** Strips suggestions and original errors from every response when `production` is set. */
export function useErrorHygiene<C extends object>(production: boolean): Plugin<C> {
  return {
    onResultProcess: ({ result, setResult }) => {
      if (!production) return;
      const results = Array.isArray(result) ? result : [result];
      if (!results.some((r) => r && typeof r === 'object' && 'errors' in r && r.errors?.length)) return;
      const cleaned = results.map((r) =>
        r && typeof r === 'object' && 'errors' in r && r.errors?.length
          ? { ...r, errors: r.errors.map((e: ErrorLike) => clean(e)) }
          : r,
      );
      setResult((Array.isArray(result) ? cleaned : cleaned[0]) as typeof result);
    },
  };
}
