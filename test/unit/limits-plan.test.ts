/**
 * The cached limits plan gives, execution after execution of one parsed document, the refusals the
 * validation pass gives (same messages, codes and order), variables changing or not.
 */
import { type DocumentNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { schema } from '../../src/schema/index.js';
import { ID_LIST_CAPS, LIMITS } from '../../src/schema/limits.js';
import { limitRefusals, validationRefusals } from '../../src/schema/limits-plan.js';

const context = {};
const shape = (errors: { message: string; extensions: unknown }[]) =>
  errors.map((e) => ({ message: e.message, extensions: e.extensions }));

/** Runs the document with each set of variables in turn, through one cached plan, against the pass. */
function sameVerdicts(document: DocumentNode, runs: Record<string, unknown>[], operationName?: string) {
  // Only valid documents reach execution, where the limits are checked.
  expect(validate(schema, document)).toEqual([]);
  const verdicts = runs.map((variables) => {
    const planned = shape(limitRefusals(schema, document, variables, context, operationName));
    expect(planned).toEqual(shape(validationRefusals(schema, document, variables, context, operationName)));
    return planned;
  });
  return verdicts;
}

const codes = (verdict: { extensions: unknown }[]) =>
  verdict.map((e) => (e.extensions as { code: string }).code);

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    encodeGlobalId('Project', `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`),
  );

const NESTED = `query($a: Int, $b: Int, $c: Int) {
  projects(first: $a) { edges { node { name reconciliations(first: $b) { edges { node { reference
    items(first: $c) { edges { node { amount } } } } } } } } }
}`;

describe('limits plan', () => {
  it('a document without variables: the verdict of the pass, allowed or refused, every time', () => {
    const allowed = parse(
      '{ __typename projects(first: 20) { edges { node { name reconciliations(first: 10) { edges { node { reference amount items(first: 5) { edges { node { amount } } } } } } } } } }',
    );
    expect(sameVerdicts(allowed, [{}, {}, { unused: 1 }])).toEqual([[], [], []]);
    const tooComplex = parse(
      '{ projects(first: 100) { edges { node { reconciliations(first: 100) { edges { node { items(first: 100) { edges { node { amount } } } } } } } } } }',
    );
    const [first, second] = sameVerdicts(tooComplex, [{}, {}]);
    expect(codes(first!)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(second).toEqual(first);
  });

  it('a page size in a variable is read at every execution', () => {
    const document = parse(NESTED);
    const verdicts = sameVerdicts(document, [
      { a: 5, b: 5, c: 5 },
      { a: 100, b: 100, c: 100 },
      { a: 5, b: 5, c: 5 },
      { a: 100, b: 100 },
      {},
    ]);
    expect(verdicts.map(codes)).toEqual([[], ['QUERY_TOO_COMPLEX'], [], ['QUERY_TOO_COMPLEX'], []]);
  });

  it('a variable the limits never read does not change the verdict (W1, W2)', () => {
    const w1 = parse(
      'query W1($id: ID!) { node(id: $id) { ... on Reconciliation { id reference amount currency status createdAt project { name } } } }',
    );
    const [a, b] = ids(2);
    expect(sameVerdicts(w1, [{ id: a }, { id: b }])).toEqual([[], []]);
    // An id its argument mapper refuses is thrown, by the pass as by the plan, at every execution.
    for (let i = 0; i < 2; i++) {
      expect(() => limitRefusals(schema, w1, { id: 'nope' }, context)).toThrow('Invalid ID');
      expect(() => validationRefusals(schema, w1, { id: 'nope' }, context)).toThrow('Invalid ID');
    }
    expect(sameVerdicts(w1, [{ id: b }])).toEqual([[]]);
    const w2 = parse(
      'query Dashboard($since: DateTime!) { reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) { edges { node { reference amount currency createdAt project { name } } } } }',
    );
    const verdicts = sameVerdicts(w2, [
      { since: '2026-11-01T00:00:00Z' },
      { since: 'not a date' },
      {},
      { since: '2026-11-02T00:00:00Z' },
    ]);
    // A DateTime its scalar refuses is the scalar's BAD_USER_INPUT; a missing one is left to execution.
    expect(verdicts.map(codes)).toEqual([[], ['BAD_USER_INPUT'], [], []]);
  });

  it('the first execution may have invalid variables; later ones are measured', () => {
    const document = parse(
      NESTED.replace('$a: Int,', '$a: Int, $d: DateTime,').replace(
        /}\s*$/,
        'recent: reconciliations(first: 1, filter: { createdAfter: $d }) { edges { node { reference } } } }',
      ),
    );
    const verdicts = sameVerdicts(document, [
      { d: 'yesterday', a: 100, b: 100, c: 100 },
      { a: 100, b: 100, c: 100 },
      { a: 1, b: 1, c: 1 },
    ]);
    expect(verdicts.map(codes)).toEqual([['BAD_USER_INPUT'], ['QUERY_TOO_COMPLEX'], []]);
  });

  it('page sizes of which only some are variables (first before last)', () => {
    const document = parse(
      'query($l: Int, $f: Int) { a: projects(first: 100, last: $l) { edges { node { reconciliations(first: $f) { edges { node { items(first: 100) { edges { node { amount } } } } } } } } } }',
    );
    const verdicts = sameVerdicts(document, [{ l: 1, f: 1 }, { l: 1, f: 100 }, { f: 2 }]);
    expect(verdicts.map(codes)).toEqual([[], ['QUERY_TOO_COMPLEX'], []]);
  });

  it('id lists over their caps, literal or variable, in operations and fragments on Query', () => {
    const cap = ID_LIST_CAPS.nodes!.max;
    const literal = parse(`{ nodes(ids: ${JSON.stringify(ids(cap + 1))}) { id } }`);
    expect(sameVerdicts(literal, [{}, {}]).map(codes)).toEqual([['BAD_USER_INPUT'], ['BAD_USER_INPUT']]);
    const spread = parse(
      'query Q($ids: [ID!]!) { ...F viewer { id } } fragment F on Query { nodes(ids: $ids) { id } ... on Query { again: nodes(ids: $ids) { id } } }',
    );
    const verdicts = sameVerdicts(spread, [{ ids: ids(cap) }, { ids: ids(cap + 1) }, { ids: ids(1) }], 'Q');
    expect(verdicts.map(codes)).toEqual([[], ['BAD_USER_INPUT', 'BAD_USER_INPUT'], []]);
    const entities = parse(
      'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Project { id name a: name b: name } } }',
    );
    const many = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Project', id: 'x' }));
    const max = ID_LIST_CAPS._entities!.max;
    expect(
      sameVerdicts(entities, [{ r: many(2) }, { r: many(max + 1) }, { r: many(max) }]).map(codes),
    ).toEqual([[], ['BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'], ['QUERY_TOO_COMPLEX']]);
  });

  it('several operations: by name, each its own plan; without a name, every operation is measured', () => {
    const document = parse(`${NESTED.replace('query(', 'query Big(')} query Small { viewer { id } }`);
    const small = sameVerdicts(document, [{ a: 100, b: 100, c: 100 }], 'Small');
    const big = sameVerdicts(document, [{ a: 100, b: 100, c: 100 }, { a: 1 }], 'Big');
    const unnamed = sameVerdicts(document, [{ a: 100, b: 100, c: 100 }, { a: 1 }]);
    const unknown = sameVerdicts(document, [{ a: 100, b: 100, c: 100 }], 'Other');
    expect([small, big, unnamed, unknown].map((v) => v.map(codes))).toEqual([
      [[]],
      [['QUERY_TOO_COMPLEX'], []],
      [['QUERY_TOO_COMPLEX'], []],
      [[]],
    ]);
  });

  it('depth and breadth limits, with fragments spread twice', () => {
    let deep = '{ name }';
    for (let i = 0; i < LIMITS.depth; i++)
      deep = `{ reconciliations(first: 1) { edges { node { project ${deep} } } } }`;
    const deepDocument = parse(
      `query($n: Int) { viewer { id } projects(first: $n) { edges { node { name } } } ...D } fragment D on Query { deep: projects(first: 1) { edges { node ${deep} } } }`,
    );
    expect(sameVerdicts(deepDocument, [{ n: 1 }, { n: 2 }]).map(codes)).toEqual([
      ['QUERY_TOO_COMPLEX'],
      ['QUERY_TOO_COMPLEX'],
    ]);
    const fields = Array.from({ length: LIMITS.breadth }, (_, i) => `f${i}: name`).join(' ');
    const wide = parse(
      `query($n: Int) { projects(first: $n) { edges { node { ...P ...P } } } } fragment P on Project { ${fields} }`,
    );
    expect(sameVerdicts(wide, [{ n: 1 }, { n: 2 }]).map(codes)).toEqual([
      ['QUERY_TOO_COMPLEX'],
      ['QUERY_TOO_COMPLEX'],
    ]);
  });
});
