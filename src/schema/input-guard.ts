/**
 * Input that must be refused before anything recursive or any SQL touches it, for every argument
 * at once rather than field by field:
 * - a document is checked when it is parsed (Yoga caches parse results, refusals included, so
 *   once per distinct document): its bracket nesting before the parser (which recurses, and
 *   overflows the stack at about a thousand levels), its token count, the depth of its selections
 *   through fragment chains, and its literal values;
 * - a request's variables (and extensions) are checked in `onParams`, before Yoga's response cache
 *   hashes them and graphql-js coerces them, whether the operation uses them or not.
 * Values nest at most `valueDepth` levels, and no string or object key may hold a NUL (PostgreSQL
 * text cannot) or a lone UTF-16 surrogate (not Unicode: it would be stored as U+FFFD).
 */
import { type DocumentNode, GraphQLError, Kind, parse, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type ErrorCode, isGraphQLError } from '../errors.js';
import { LIMITS } from './limits.js';

export const INPUT_LIMITS = {
  /** Objects and lists inside one argument or variable (metadata, filters, item lists). */
  valueDepth: 32,
  /** Selection sets (inline fragments included), followed through fragment spreads. */
  selectionDepth: 64,
  /** Open brackets of any kind in the source text, checked before it is parsed. */
  sourceNesting: 128,
  tokens: 10_000,
  /**
   * Values (every string, number, object and list) in a request's variables and extensions
   * together: a 10,000-item reconciliationItemsAdd holds about 40,000.
   */
  requestValues: 100_000,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which is not Unicode text';
  return null;
}

/** A refusal: its code and, for the client, what was refused and where. */
export class InputRefusal extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    // Refused before execution, as a validation error is: HTTP 400 for graphql-response+json
    // clients, 200 for legacy application/json ones (`spec`).
    super(message, { extensions: { code, ...extra, http: { spec: true, status: 400 } } });
  }
}

/** A path segment to show: keys are the client's text, so only plain names are echoed. */
const segment = (key: string | number) =>
  typeof key === 'number' ? `[${key}]` : /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) ? `.${key}` : '.<key>';

interface Step<V> {
  value: V;
  depth: number;
  key: string | number | null;
  parent: Step<V> | null;
}
const pathOf = (step: Step<unknown>) => {
  const parts: string[] = [];
  for (let s: Step<unknown> | null = step; s?.key != null; s = s.parent) parts.push(segment(s.key));
  return parts.reverse().join('');
};

const TOO_MANY = 'holds too many values';
/** What `children` answers for a list or object of more members than values are left. */
const OVER = Symbol('over the budget');
type Members<V> = [string | number, V][] | string | null | typeof OVER;

/**
 * The first problem in a value: a string or key that is not text, or nesting deeper than the
 * limit. Iterative, so a value nested a million levels deep is refused, not a stack overflow.
 * `children` lists an object's or list's members (or OVER when there are more than `limit`);
 * strings are text, anything else is a leaf.
 */
function valueProblem<V>(
  root: V,
  children: (value: V, limit: number) => Members<V>,
  budget: { left: number } = { left: Number.POSITIVE_INFINITY },
): { path: string; problem: string } | null {
  const stack: Step<V>[] = [{ value: root, depth: 0, key: null, parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    if (--budget.left < 0) return { path: '', problem: TOO_MANY };
    // A list or object larger than what is left is refused before its members are listed.
    const members = children(step.value, budget.left);
    if (members === OVER) return { path: '', problem: TOO_MANY };
    if (members === null) continue;
    if (typeof members === 'string') {
      const problem = textProblem(members);
      if (problem) return { path: pathOf(step), problem };
      continue;
    }
    if (step.depth >= INPUT_LIMITS.valueDepth) {
      return { path: pathOf(step), problem: `nests deeper than ${INPUT_LIMITS.valueDepth} levels` };
    }
    for (let i = members.length - 1; i >= 0; i--) {
      const [key, value] = members[i]!;
      const keyProblem = typeof key === 'string' ? textProblem(key) : null;
      if (keyProblem) return { path: pathOf(step), problem: `has a key that ${keyProblem}` };
      stack.push({ value, depth: step.depth + 1, key, parent: step });
    }
  }
  return null;
}

/**
 * Whether an object has at most `limit` keys, counted before any entry is made: Object.entries,
 * key checks and steps for 550,000 keys took most of a second. (V8 still gathers the keys for
 * for...in, at about a sixth of that.)
 */
function keysWithin(value: object, limit: number): boolean {
  let count = 0;
  for (const _ in value) if (++count > limit) return false;
  return true;
}

/** Members of a JSON value (variables as the client sent them). */
const jsonChildren = (value: unknown, limit: number): Members<unknown> => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > limit ? OVER : value.map((v, i) => [i, v]);
  if (typeof value !== 'object' || value === null) return null;
  return keysWithin(value, limit) ? Object.entries(value) : OVER;
};

/** Members of a literal value in a document (variables inside it are checked with the request). */
const literalChildren = (node: ValueNode): Members<ValueNode> => {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((v, i) => [i, v]);
    case Kind.OBJECT:
      return node.fields.map((f) => [f.name.value, f.value]);
    default:
      return null;
  }
};

/** Refuses variables or extensions that are not text, nest too deep or hold too many values. */
export function checkRequestValues(variables: unknown, extensions: unknown): void {
  // Shared by variables and extensions: the walk stops at the limit, however large the body.
  const budget = { left: INPUT_LIMITS.requestValues };
  const tooMany = () =>
    new InputRefusal(
      'BAD_USER_INPUT',
      `The request's variables and extensions hold more than ${INPUT_LIMITS.requestValues} values`,
      { limit: INPUT_LIMITS.requestValues },
    );
  const check = (value: unknown) => {
    const found = valueProblem(value, jsonChildren, budget);
    if (found?.problem === TOO_MANY) throw tooMany();
    return found;
  };
  if (typeof variables === 'object' && variables !== null && !Array.isArray(variables)) {
    // Each variable costs at least one value: too many are refused before any entry is made.
    if (!keysWithin(variables, budget.left)) throw tooMany();
    for (const [name, value] of Object.entries(variables)) {
      const found = check(value);
      const shown = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : '<name>';
      if (found) {
        throw new InputRefusal('BAD_USER_INPUT', `Variable "$${shown}${found.path}" ${found.problem}`, {
          variable: shown,
        });
      }
    }
  } else {
    const found = check(variables);
    if (found) throw new InputRefusal('BAD_USER_INPUT', `The variables ${found.problem}`);
  }
  const found = check(extensions);
  if (found) throw new InputRefusal('BAD_USER_INPUT', `The request's extensions ${found.problem}`);
}

/**
 * Deepest bracket nesting of a GraphQL source, skipping strings, block strings and comments;
 * `inValue` tells whether the deepest point is inside parentheses (arguments or variable
 * definitions) rather than selections.
 */
export function sourceNesting(source: string): { depth: number; inValue: boolean } {
  let depth = 0;
  let parens = 0;
  let max = { depth: 0, inValue: false };
  const brackets: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '"' && source.startsWith('"""', i)) {
      i += 3;
      while (i < source.length && !source.startsWith('"""', i)) i += source.startsWith('\\"""', i) ? 4 : 1;
      i += 2;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++) {
        if (source[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      brackets.push(c);
      depth++;
      if (c === '(') parens++;
      if (depth > max.depth) max = { depth, inValue: parens > 0 };
    } else if ((c === '}' || c === ']' || c === ')') && brackets.length) {
      if (brackets.pop() === '(') parens--;
      depth--;
    }
  }
  return max;
}

/**
 * The deepest nesting of selection sets in the document, a fragment's set counted where it is
 * spread (graphql-js recurses through spreads as through fields). Each fragment's depth is
 * computed once; a spread that closes a cycle counts as a leaf (validation reports the cycle,
 * and a long cycle is refused here for its length).
 */
export function selectionDepth(document: DocumentNode): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def.selectionSet);
  }
  // Per selection set: its own depth without spreads, and each spread with the level it is at.
  const shape = (set: SelectionSetNode) => {
    let own = 0;
    const spreads: { name: string; level: number }[] = [];
    const stack: { set: SelectionSetNode; level: number }[] = [{ set, level: 1 }];
    while (stack.length) {
      const { set, level } = stack.pop()!;
      own = Math.max(own, level);
      for (const sel of set.selections) {
        if (sel.kind === Kind.FRAGMENT_SPREAD) spreads.push({ name: sel.name.value, level });
        else if (sel.selectionSet) stack.push({ set: sel.selectionSet, level: level + 1 });
      }
    }
    return { own, spreads };
  };
  const shapes = new Map([...fragments].map(([name, set]) => [name, shape(set)]));
  const depthOf = new Map<string, number>();
  const through = (spreads: { name: string; level: number }[], own: number) =>
    spreads.reduce((max, sp) => Math.max(max, sp.level + (depthOf.get(sp.name) ?? 0)), own);
  // Iterative post-order walk over fragments (each frame remembers the next spread to follow):
  // a chain of thousands of spreads cannot overflow it, and each spread is looked at once.
  const fragmentDepth = (start: string): number => {
    const stack: { name: string; next: number }[] = [];
    const onStack = new Set<string>();
    const enter = (name: string) => {
      if (shapes.has(name) && !depthOf.has(name) && !onStack.has(name)) {
        stack.push({ name, next: 0 });
        onStack.add(name);
      }
    };
    enter(start);
    while (stack.length) {
      const frame = stack.at(-1)!;
      const { own, spreads } = shapes.get(frame.name)!;
      if (frame.next < spreads.length) {
        enter(spreads[frame.next++]!.name);
        continue;
      }
      depthOf.set(frame.name, through(spreads, own));
      onStack.delete(frame.name);
      stack.pop();
    }
    return depthOf.get(start) ?? 0;
  };
  let max = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) max = Math.max(max, fragmentDepth(def.name.value));
    else if (def.kind === Kind.OPERATION_DEFINITION) {
      const { own, spreads } = shape(def.selectionSet);
      for (const sp of spreads) fragmentDepth(sp.name);
      max = Math.max(max, through(spreads, own));
    }
  }
  return max;
}

/**
 * The most selections in one selection set, counting those of the inline fragments nested in it:
 * graphql-js' OverlappingFieldsCanBeMergedRule merges inline fragments into their parent's fields,
 * then compares same-named fields pairwise (1,480 copies of `viewer { id }` cost it 0.2 s of CPU,
 * alone or split over five inline fragments). A fragment spread counts as one: a named fragment's
 * selections are counted in its own definition.
 */
export function widestSelectionSet(document: DocumentNode): number {
  let widest = 0;
  const sets: SelectionSetNode[] = [];
  for (const def of document.definitions) {
    if ('selectionSet' in def && def.selectionSet) sets.push(def.selectionSet);
  }
  while (sets.length) {
    let width = 0;
    const merged = [sets.pop()!];
    while (merged.length) {
      for (const sel of merged.pop()!.selections) {
        if (sel.kind === Kind.INLINE_FRAGMENT) merged.push(sel.selectionSet);
        else {
          width++;
          if (sel.kind === Kind.FIELD && sel.selectionSet) sets.push(sel.selectionSet);
        }
      }
    }
    widest = Math.max(widest, width);
  }
  return widest;
}

/**
 * Every place a document holds literal values: the arguments (of fields and directives) and the
 * variables' defaults, with the label and name an error gives them. Walked iteratively
 * (selections nest through fields).
 */
function* literalHolders(
  document: DocumentNode,
): Generator<{ label: string; name: string; value: ValueNode | undefined }> {
  const stack: unknown[] = [document];
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown> | null;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
      continue;
    }
    if (node.kind === Kind.ARGUMENT) {
      yield {
        label: 'Argument',
        name: (node.name as { value: string }).value,
        value: node.value as ValueNode,
      };
      continue;
    }
    if (node.kind === Kind.VARIABLE_DEFINITION) {
      yield {
        label: 'The default of variable',
        name: `$${(node.variable as { name: { value: string } }).name.value}`,
        value: node.defaultValue as ValueNode | undefined,
      };
      stack.push(node.directives);
      continue;
    }
    for (const key of [
      'definitions',
      'selectionSet',
      'selections',
      'arguments',
      'directives',
      'variableDefinitions',
    ]) {
      if (node[key]) stack.push(node[key]);
    }
  }
}

/** Refuses literal values (in arguments and variable defaults) that are not text or nest too deep. */
function checkLiterals(document: DocumentNode): void {
  for (const { label, name, value } of literalHolders(document)) {
    const found = value ? valueProblem(value, literalChildren) : null;
    if (found) {
      throw new InputRefusal('BAD_USER_INPUT', `${label} "${name}${found.path}" ${found.problem}`, {
        argument: name,
      });
    }
  }
}

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.STRING,
  Kind.INT,
  Kind.FLOAT,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/**
 * Where a literal value sits: the argument (or variable default) holding it and the path inside,
 * e.g. `{ label: 'Argument', name: 'filter', path: '.minAmount' }`; null if it is not in one.
 */
export function literalPlace(
  document: DocumentNode,
  target: ValueNode,
): { label: string; name: string; path: string } | null {
  for (const { label, name, value } of literalHolders(document)) {
    const values: Step<ValueNode>[] = value ? [{ value, depth: 0, key: null, parent: null }] : [];
    while (values.length) {
      const step = values.pop()!;
      if (step.value === target) return { label, name, path: pathOf(step) };
      const members = literalChildren(step.value);
      if (Array.isArray(members)) {
        for (const [key, child] of members)
          values.push({ value: child, depth: step.depth + 1, key, parent: step });
      }
    }
  }
  return null;
}

/**
 * A scalar's refusal of a literal (src/schema/scalars.ts throws it with the literal's node) names
 * the argument and path, as graphql-js' variable errors name the variable.
 */
function placeLiteralError(document: DocumentNode, error: GraphQLError): GraphQLError {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  if (error.extensions.code !== 'BAD_USER_INPUT' || error.extensions.argument || !node) return error;
  if (!VALUE_KINDS.has(node.kind)) return error;
  const place = literalPlace(document, node as ValueNode);
  if (!place) return error;
  const where = `${place.name}${place.path}`;
  return new GraphQLError(`${place.label} "${where}" has an invalid value: ${error.message}`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, argument: where },
  });
}

const tooComplex = (message: string, extra: Record<string, unknown>) =>
  new InputRefusal('QUERY_TOO_COMPLEX', message, extra);

/** graphql-js' parse with the limits: throws an InputRefusal, or a GraphQLError for a syntax error. */
export function guardedParse(source: string): DocumentNode {
  const nesting = sourceNesting(source);
  if (nesting.depth > INPUT_LIMITS.sourceNesting) {
    const message = `The document nests brackets more than ${INPUT_LIMITS.sourceNesting} levels deep`;
    throw nesting.inValue
      ? new InputRefusal('BAD_USER_INPUT', `${message} inside a value`)
      : tooComplex(message, { limit: INPUT_LIMITS.sourceNesting });
  }
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: INPUT_LIMITS.tokens });
  } catch (err) {
    if (err instanceof Error && /Document contains more th(?:an|at) \d+ tokens/.test(err.message)) {
      throw tooComplex(
        `The document holds more than ${INPUT_LIMITS.tokens} tokens: send large inputs as variables`,
        { limit: INPUT_LIMITS.tokens },
      );
    }
    throw err;
  }
  const widest = widestSelectionSet(document);
  if (widest > LIMITS.breadth) {
    throw tooComplex(
      `A selection set holds ${widest} selections (its inline fragments' included), above the limit of ${LIMITS.breadth}: ask for each field once`,
      { breadth: widest, limit: LIMITS.breadth },
    );
  }
  const depth = selectionDepth(document);
  if (depth > INPUT_LIMITS.selectionDepth) {
    throw tooComplex(
      `The document's selections nest ${depth} levels deep through fragments, above the limit of ${INPUT_LIMITS.selectionDepth}`,
      { depth, limit: INPUT_LIMITS.selectionDepth },
    );
  }
  checkLiterals(document);
  return document;
}

/** The Yoga plugin: documents checked as they are parsed, variables before anything reads them. */
export function useInputGuard<C extends object>(): Plugin<C> {
  return {
    onParams: ({ params }) => {
      // Thrown, not setResult: later onParams hooks (the response cache's key) must not run.
      checkRequestValues(params.variables, params.extensions);
    },
    onParse: ({ setParseFn }) => {
      setParseFn((source) => guardedParse(typeof source === 'string' ? source : source.body));
    },
    onValidate:
      ({ params }) =>
      ({ result, setResult }) => {
        if (result.length) {
          setResult(result.map((e) => (isGraphQLError(e) ? placeLiteralError(params.documentAST, e) : e)));
        }
      },
  };
}
