/** The input guard's pure parts: text checks, nesting of values, sources and fragment chains. */
import { describe, expect, it } from 'vitest';
import {
  checkRequestValues,
  guardedParse,
  INPUT_LIMITS,
  selectionDepth,
  sourceNesting,
  textProblem,
} from '../../src/schema/input-guard.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return {
      code: (err as { extensions?: { code?: string } }).extensions?.code,
      message: (err as Error).message,
    };
  }
};

/** A value nested `levels` deep, built without recursion. */
function nested(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value;
}

describe('textProblem', () => {
  it('accepts text, astral characters included', () => {
    for (const text of ['', 'plain', 'é', '😀 emoji pair', '\uD83D\uDE00', 'tab\tnewline\n']) {
      expect(textProblem(text), text).toBeNull();
    }
  });
  it('refuses NUL and lone surrogates, high or low, anywhere', () => {
    for (const text of [
      '\u0000',
      'a\u0000b',
      '\uD800',
      'a\uD800',
      '\uDC00a',
      'x\uDE00\uD83Dy',
      '\uD83D\uD83D',
    ]) {
      expect(textProblem(text), JSON.stringify(text)).not.toBeNull();
    }
  });
});

describe('checkRequestValues', () => {
  it('accepts ordinary variables', () => {
    expect(
      codeOf(() =>
        checkRequestValues({ a: 'x', b: [1, { c: null, d: true }], e: nested(30, (v) => ({ v })) }, {}),
      ),
    ).toBeNull();
  });

  it('refuses a NUL or lone surrogate in any string or key, naming the variable', () => {
    for (const variables of [
      { input: { email: 'a\u0000' } },
      { input: { items: [{ description: 'ok' }, { description: '\uD800' }] } },
      { input: { metadata: { ['\uDC00']: 1 } } },
      { input: ['\u0000'] },
    ]) {
      const refusal = codeOf(() => checkRequestValues(variables, {}));
      expect(refusal?.code).toBe('BAD_USER_INPUT');
      expect(refusal?.message).toMatch(/^Variable "\$input/);
    }
  });

  it('refuses values nested deeper than the limit, however deep, without recursion', () => {
    for (const levels of [INPUT_LIMITS.valueDepth + 1, 100_000]) {
      for (const wrap of [(v: unknown) => ({ a: v }), (v: unknown) => [v]]) {
        const refusal = codeOf(() => checkRequestValues({ m: nested(levels, wrap) }, {}));
        expect(refusal?.code).toBe('BAD_USER_INPUT');
        expect(refusal?.message).toMatch(/"\$m.*" nests deeper than 32 levels/);
      }
    }
    expect(
      codeOf(() => checkRequestValues({ m: nested(INPUT_LIMITS.valueDepth, (v) => [v]) }, {})),
    ).toBeNull();
  });

  it('checks extensions too', () => {
    expect(
      codeOf(() =>
        checkRequestValues(
          {},
          nested(100_000, (v) => [v]),
        ),
      )?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('refuses an object of more keys than values are left before reading its members', () => {
    // A proxy counts the members read: none of a too-large object's, as a variable or as the variables.
    const wide = (n: number) => {
      const target: Record<string, number> = {};
      for (let i = 0; i < n; i++) target[`k${i}`] = i;
      const counter = { reads: 0 };
      const proxy = new Proxy(target, {
        get: (o, key) => {
          counter.reads++;
          return Reflect.get(o, key);
        },
      });
      return { proxy, counter };
    };
    const inner = wide(INPUT_LIMITS.requestValues + 1);
    expect(codeOf(() => checkRequestValues({ x: inner.proxy }, {}))?.message).toMatch(
      /more than 100000 values/,
    );
    expect(inner.counter.reads).toBe(0);
    const top = wide(INPUT_LIMITS.requestValues + 1);
    expect(codeOf(() => checkRequestValues(top.proxy, {}))?.message).toMatch(/more than 100000 values/);
    expect(top.counter.reads).toBe(0);
    // x, its keys and the extensions object: 100,000 values.
    const fits = wide(INPUT_LIMITS.requestValues - 2).proxy;
    expect(codeOf(() => checkRequestValues({ x: fits }, {}))?.message).toBeUndefined();
  });

  it('refuses a 550,000-key object in less time than parsing its JSON took', () => {
    // A test about time, relative to JSON.parse of the same body on the same machine: listing,
    // checking and stacking every entry before refusing took about three times the parse.
    const keys: Record<string, number> = {};
    for (let i = 0; i < 550_000; i++) keys[`k${i}`] = i;
    const body = JSON.stringify({ x: keys });
    let started = performance.now();
    const variables = JSON.parse(body) as unknown;
    const parsing = performance.now() - started;
    started = performance.now();
    const refusal = codeOf(() => checkRequestValues(variables, {}));
    const guarding = performance.now() - started;
    expect(refusal?.message).toMatch(/more than 100000 values/);
    expect(guarding).toBeLessThan(parsing);
  });

  it('does not echo a key that is not a plain name', () => {
    const refusal = codeOf(() => checkRequestValues({ m: { 'evil key <script>': { x: '\u0000' } } }, {}));
    expect(refusal?.message).toBe('Variable "$m.<key>.x" contains a NUL character (U+0000)');
  });
});

describe('sourceNesting', () => {
  it('counts brackets outside strings, block strings and comments', () => {
    expect(sourceNesting('{ a { b(x: [1, {y: 2}]) } }')).toEqual({ depth: 5, inValue: true });
    expect(sourceNesting('{ a { b } }')).toEqual({ depth: 2, inValue: false });
    expect(sourceNesting('{ a(x: "{{{{[[[[\\"((((") }').depth).toBe(2);
    expect(sourceNesting('{ a(x: """ {{{{ \\""" [[[[ """) }').depth).toBe(2);
    expect(sourceNesting('{ a # {{{{{{\n }').depth).toBe(1);
  });
});

describe('selectionDepth', () => {
  const chain = (n: number) =>
    `{ viewer { ...F0 } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on User { ...F${i + 1} }`).join(' ')} fragment F${n} on User { id }`;

  it('follows fragment spreads', () => {
    expect(selectionDepth(guardedParse('{ viewer { id } }'))).toBe(2);
    // the spread sits in viewer's set (level 2), then four fragment sets nest inside it
    expect(selectionDepth(guardedParse(chain(3)))).toBe(2 + 4);
  });

  it('counts a spread that closes a cycle as a leaf (validation reports the cycle)', () => {
    const doc = guardedParse('{ viewer { ...A } } fragment A on User { ...B } fragment B on User { ...A }');
    expect(selectionDepth(doc)).toBeLessThan(10);
  });

  it('walks a chain of thousands of fragments without recursion', async () => {
    const { parse } = await import('graphql');
    expect(selectionDepth(parse(chain(5000)))).toBeGreaterThan(5000);
  });
});

describe('guardedParse', () => {
  it('refuses deep nesting before parsing: selections as too complex, values as bad input', () => {
    const deepSelection = `{ viewer ${'{ organization '.repeat(3000)}{ id }${' }'.repeat(3000)} }`;
    expect(codeOf(() => guardedParse(deepSelection))?.code).toBe('QUERY_TOO_COMPLEX');
    const deepList = `{ node(id: ${'['.repeat(20_000)}${']'.repeat(20_000)}) { id } }`;
    expect(codeOf(() => guardedParse(deepList))?.code).toBe('BAD_USER_INPUT');
    const deepDefault = `query($x: JSON = ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}) { viewer { id } }`;
    expect(codeOf(() => guardedParse(deepDefault))?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses literal values nested deeper than the limit, naming the argument or variable', () => {
    const list = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    expect(codeOf(() => guardedParse(`{ node(id: ${list(32)}) { id } }`))).toBeNull();
    expect(codeOf(() => guardedParse(`{ node(id: ${list(33)}) { id } }`))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^Argument "id\[0\].*" nests deeper than 32 levels$/),
    });
    expect(codeOf(() => guardedParse(`query($x: JSON = ${list(40)}) { viewer { id } }`))?.message).toMatch(
      /^The default of variable "\$x/,
    );
  });

  it('refuses NUL in a literal string, in arguments, directives and defaults', () => {
    for (const doc of [
      'mutation { sessionCreate(input: { email: "a\\u0000", password: "x" }) { token } }',
      '{ projects(filter: { search: """a\u0000""" }) { totalCount } }',
      '{ viewer @include(if: true) { id } projects(filter: { search: "\\u0000" }) @skip(if: false) { totalCount } }',
      'query($s: String = "\\u0000") { viewer { id } }',
      // graphql-js' lexer takes a raw NUL inside a string (it refuses raw lone surrogates itself)
      '{ projects(filter: { search: "raw \u0000 nul" }) { totalCount } }',
    ]) {
      expect(codeOf(() => guardedParse(doc))?.code, doc).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses long fragment chains and documents of too many tokens as too complex', () => {
    const chain = `{ viewer { ...F0 } } ${Array.from({ length: 100 }, (_, i) => `fragment F${i} on User { ...F${i + 1} }`).join(' ')} fragment F100 on User { id }`;
    expect(codeOf(() => guardedParse(chain))?.code).toBe('QUERY_TOO_COMPLEX');
    const wide = `{ ${'viewer { id } '.repeat(3000)} }`;
    expect(codeOf(() => guardedParse(wide))).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
  });

  it('leaves syntax errors to graphql-js', () => {
    expect(codeOf(() => guardedParse('{ viewer { '))?.message).toMatch(/^Syntax Error/);
  });
});
