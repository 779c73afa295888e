/** The response cache reads a request's operation kind from tokens, before parsing: it must never call a mutation a query. */
import { describe, expect, it } from 'vitest';
import { operationKind, scanOperations } from '../../src/cache/operation.js';

const kind = (document: string, name?: string) => operationKind(scanOperations(document), name);

describe('operation kind from tokens', () => {
  it.each([
    ['{ viewer { id } }', undefined, 'query'],
    ['query { viewer { id } }', undefined, 'query'],
    ['query Q($a: Int = 1, $f: In = { x: [1, 2] }) @live { a(x: { y: "}" }) }', undefined, 'query'],
    ['mutation { projectArchive(id: "x") { userErrors { code } } }', undefined, 'mutation'],
    ['mutation M { a }', 'M', 'mutation'],
    ['subscription { a }', undefined, 'subscription'],
    ['# mutation\nquery { a }', undefined, 'query'],
    ['query """mutation""" { a }', undefined, null],
    ['fragment query on Query { a } mutation { ...query }', undefined, 'mutation'],
    ['fragment mutation on Query { a } query { ...mutation }', undefined, 'query'],
    ['query A { a } mutation B { b }', 'B', 'mutation'],
    ['query A { a } mutation B { b }', 'A', 'query'],
    ['query A { a } mutation B { b }', undefined, null],
    ['query A { a } mutation B { b }', 'C', null],
    ['query A { a } mutation A { b }', 'A', null],
    ['{ a } { b }', undefined, null],
    ['{ a', undefined, null],
    ['{ a } }', undefined, null],
    ['type Query { a: Int }', undefined, null],
    ['"unterminated', undefined, null],
    ['', undefined, null],
  ] as const)('%s (%s) is %s', (document, name, expected) => {
    expect(kind(document, name)).toBe(expected);
  });

  it('reads a deeply nested document without recursion', () => {
    const deep = `query { ${'a { '.repeat(100_000)}b${' }'.repeat(100_000)} }`;
    expect(kind(deep)).toBe('query');
    expect(kind(`mutation { x(a: ${'['.repeat(100_000)}1${']'.repeat(100_000)}) }`)).toBe('mutation');
  });
});
