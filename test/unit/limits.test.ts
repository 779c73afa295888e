/**
 * The query limits (src/schema/limits.ts) on the real schema: each measure passes at its limit and
 * is refused one above, aliases count like fields, and id lists are capped at the root only. The
 * cached plan's agreement with the validation pass is limits-plan.test.ts.
 */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { schema } from '../../src/schema/index.js';
import { ID_LIST_CAPS, idListCapsRule, LIMITS, limitRefusal, limitsRule } from '../../src/schema/limits.js';
import { limitRefusals } from '../../src/schema/limits-plan.js';

/** The refusals of a document: the validation rules, and the cached plan that must agree with them. */
function refusals(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const byRules = validate(schema, document, [idListCapsRule(variables), limitsRule({}, variables)]).map(
    (e) => ({
      message: e.message,
      extensions: e.extensions,
    }),
  );
  const byPlan = limitRefusals(schema, document, variables, {}).map((e) => ({
    message: e.message,
    extensions: e.extensions,
  }));
  expect(byPlan).toEqual(byRules);
  return byRules;
}

const aliases = (n: number, field: string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
/** `{ projects { edges { node { [reconciliations { edges { node { project ...` with `cycles` cycles. */
function nested(cycles: number, leaf: string) {
  let inner = leaf;
  for (let i = 0; i < cycles; i++)
    inner = `{ reconciliations(first: 1) { edges { node { project ${inner} } } } }`;
  return `{ projects(first: 1) { edges { node ${inner} } } }`;
}
const projectIds = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    encodeGlobalId('Project', `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
  );

describe('limitRefusal', () => {
  it('allows every measure at its limit', () => {
    expect(limitRefusal({ ...LIMITS })).toBeNull();
    expect(limitRefusal({ complexity: 0, depth: 0, breadth: 0 })).toBeNull();
  });

  it.each(['complexity', 'depth', 'breadth'] as const)('refuses %s one above its limit', (measure) => {
    const refusal = limitRefusal({ ...LIMITS, [measure]: LIMITS[measure] + 1 });
    expect(refusal?.message).toBe(
      `The query's ${measure} is ${LIMITS[measure] + 1}, above the limit of ${LIMITS[measure]}: ask for fewer or smaller pages`,
    );
    expect(refusal?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      [measure]: LIMITS[measure] + 1,
      limit: LIMITS[measure],
    });
  });

  it('names the first measure over its limit: complexity, then depth, then breadth', () => {
    const over = { complexity: LIMITS.complexity + 1, depth: LIMITS.depth + 1, breadth: LIMITS.breadth + 1 };
    expect(limitRefusal(over)?.extensions.complexity).toBe(over.complexity);
    expect(limitRefusal({ ...over, complexity: 1 })?.extensions.depth).toBe(over.depth);
    expect(limitRefusal({ ...over, complexity: 1, depth: 1 })?.extensions.breadth).toBe(over.breadth);
  });
});

describe('limits on documents', () => {
  it('depth: the limit passes, one level more is refused', () => {
    // projects/edges/node (3) + 2 cycles of 4 + the leaf field = 12.
    expect(refusals(nested(2, '{ name }'))).toEqual([]);
    expect(refusals(nested(2, '{ organization { id } }'))).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX', depth: 13, limit: LIMITS.depth } }),
    ]);
  });

  it('breadth: aliases count as fields', () => {
    expect(refusals(`{ ${aliases(LIMITS.breadth, '__typename')} }`)).toEqual([]);
    expect(refusals(`{ ${aliases(LIMITS.breadth + 1, '__typename')} }`)).toEqual([
      expect.objectContaining({
        extensions: { code: 'QUERY_TOO_COMPLEX', breadth: LIMITS.breadth + 1, limit: LIMITS.breadth },
      }),
    ]);
  });

  it('complexity: page sizes multiply, and aliasing one big page adds it again', () => {
    const page =
      'projects(first: 100) { edges { node { reconciliations(first: 100) { edges { node { id } } } } } }';
    expect(refusals(`{ ${page} }`)).toEqual([]);
    const [refused] = refusals(`{ ${aliases(5, page)} }`);
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: LIMITS.complexity });
    expect(refused?.extensions.complexity).toBeGreaterThan(LIMITS.complexity);
  });

  it('complexity follows a page size given in a variable', () => {
    const source = `query($n: Int) { ${aliases(
      5,
      'projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { id } } } } } }',
    )} }`;
    expect(refusals(source, { n: 10 })).toEqual([]);
    expect(refusals(source, { n: 100 }).map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('id list caps', () => {
  it('nodes takes up to its cap of ids, literal or in a variable', () => {
    const cap = ID_LIST_CAPS.nodes!;
    expect(refusals('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: projectIds(cap.max) })).toEqual(
      [],
    );
    expect(
      refusals('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: projectIds(cap.max + 1) }),
    ).toEqual([
      {
        message: `nodes takes at most ${cap.max} ids per call (got ${cap.max + 1}): split the list`,
        extensions: { code: 'BAD_USER_INPUT', argument: 'ids', limit: cap.max },
      },
    ]);
    expect(
      refusals(`{ nodes(ids: ${JSON.stringify(projectIds(cap.max + 1))}) { id } }`).map(
        (e) => e.extensions.code,
      ),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('each aliased call is capped on its own', () => {
    const cap = ID_LIST_CAPS.nodes!.max;
    const source = `query($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: nodes(ids: $b) { id } }`;
    expect(refusals(source, { a: projectIds(cap), b: projectIds(cap) })).toEqual([]);
    expect(
      refusals(source, { a: projectIds(cap), b: projectIds(cap + 1) }).map((e) => e.extensions.code),
    ).toEqual(['BAD_USER_INPUT']);
  });
});
