/**
 * Which kind of operation a request runs, read from the document's tokens before Yoga parses it,
 * so the response cache can skip mutations before it looks anything up. graphql's Lexer is
 * iterative, so a hostile document costs time linear in its length and no stack. Anything this
 * scan cannot read with certainty answers null (not cacheable); the store side checks the parsed
 * operation again (src/cache/plugin.ts), so a wrong answer here can only cost a cache miss.
 */
import { Lexer, Source, TokenKind } from 'graphql';

export type OperationKind = 'query' | 'mutation' | 'subscription';

const KINDS = new Set<string>(['query', 'mutation', 'subscription']);
const OPEN = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSE = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/** Operation name ('' when anonymous) -> kind, or null when the document cannot be read. */
export function scanOperations(document: string): Map<string, OperationKind> | null {
  const operations = new Map<string, OperationKind>();
  const lexer = new Lexer(new Source(document));
  let depth = 0;
  // At depth 0: 'start' expects a new definition; 'named' saw `query`/`mutation`/..., and may see
  // its name; 'body' is anywhere else in a definition before its selection set.
  let state: 'start' | 'named' | 'body' = 'start';
  let current: { kind: OperationKind | null; name: string } = { kind: null, name: '' };
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (depth > 0) {
        if (OPEN.has(token.kind)) depth++;
        else if (CLOSE.has(token.kind) && --depth === 0 && token.kind === TokenKind.BRACE_R) {
          state = 'start';
        }
        continue;
      }
      if (CLOSE.has(token.kind) || token.kind === TokenKind.BRACKET_L) return null;
      if (OPEN.has(token.kind)) {
        if (token.kind === TokenKind.BRACE_L) {
          // A selection set at depth 0 starts a definition's body: `{ ... }` alone is a query.
          if (state === 'start') current = { kind: 'query', name: '' };
          if (current.kind) {
            if (operations.has(current.name)) return null;
            operations.set(current.name, current.kind);
          }
          current = { kind: null, name: '' };
        }
        depth++;
        state = 'body';
        continue;
      }
      if (token.kind === TokenKind.AT && state !== 'start') {
        state = 'body';
        continue;
      }
      // Nothing else may stand between definitions' bodies: names, directives, (...) and { ... }.
      if (token.kind !== TokenKind.NAME) return null;
      if (state === 'start') {
        if (KINDS.has(token.value)) {
          current = { kind: token.value as OperationKind, name: '' };
          state = 'named';
        } else if (token.value === 'fragment') {
          current = { kind: null, name: '' };
          state = 'body';
        } else return null;
      } else if (state === 'named') {
        current.name = token.value;
        state = 'body';
      }
    }
  } catch {
    return null; // a syntax error: Yoga reports it after parsing
  }
  return depth === 0 && state === 'start' ? operations : null;
}

/** The kind of the operation a request selects, or null when unknown or ambiguous. */
export function operationKind(
  operations: Map<string, OperationKind> | null,
  operationName: string | null | undefined,
): OperationKind | null {
  if (!operations) return null;
  if (operationName) return operations.get(operationName) ?? null;
  return operations.size === 1 ? [...operations.values()][0]! : null;
}
