/**
 * The custom scalars as the schema holds them: Decimal (exact money as a string), DateTime and
 * JSON, through parseValue (variables), parseLiteral (inline values) and serialize (answers).
 */
import fc from 'fast-check';
import { type GraphQLScalarType, parseValue as parseValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { formatDecimal } from '../../src/schema/scalars.js';
import { refusal, SEEDED } from './helpers.js';

const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;
const Decimal = scalar('Decimal');
const DateTime = scalar('DateTime');
const JSONScalar = scalar('JSON');
/** An inline value as graphql-js hands it to parseLiteral. */
const literal = (source: string, type: GraphQLScalarType, variables?: Record<string, unknown>) =>
  type.parseLiteral(parseValueNode(source), variables);

/** An exact decimal as a scaled integer (6 decimals), to compare two strings by value. */
const scaled = (d: string) => {
  const [int, frac = ''] = d.replace('-', '').split('.');
  const n = BigInt(int!) * 10n ** 6n + BigInt(frac.padEnd(6, '0'));
  return d.startsWith('-') ? -n : n;
};
const decimalString = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }),
    fc.option(fc.stringMatching(/^\d{1,6}$/)),
  )
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);

describe('Decimal', () => {
  it('keeps a valid string exactly as given, beyond what a float can hold', () => {
    for (const value of [
      '0',
      '1234.50',
      '-0.000001',
      '0.1',
      '12345678901234567890',
      '12345678901234567890.123456',
      '99999999999999999999.999999',
      '007.10',
    ]) {
      expect(Decimal.parseValue(value)).toBe(value);
      expect(literal(JSON.stringify(value), Decimal)).toBe(value);
    }
    // The float nearest 0.1 + 0.2 is not 0.3; a Decimal never goes through one.
    expect(Decimal.serialize('0.30')).toBe('0.30');
    expect(Decimal.serialize('12345678901234567890.123456')).toBe('12345678901234567890.123456');
  });

  it('refuses a number, even an exact one: floats are not money', () => {
    for (const value of [1234.5, 1, 0, 10n]) {
      expect(refusal(() => Decimal.parseValue(value))).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: 'Decimal must be a string such as "1234.50", never a number: floats are not exact',
      });
    }
    for (const source of ['1234.5', '1', 'true', 'null', '["1"]', '{a: "1"}', 'ENUM']) {
      expect(refusal(() => literal(source, Decimal))?.code, source).toBe('BAD_USER_INPUT');
    }
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '+1',
    '1.',
    '.5',
    '1e3',
    '1,5',
    '0x10',
    'NaN',
    'Infinity',
    '--1',
    '1.1234567',
    '123456789012345678901',
  ])('refuses the string %j', (value) => {
    const r = refusal(() => Decimal.parseValue(value));
    expect(r?.code).toBe('BAD_USER_INPUT');
    expect(r?.message).toBe(
      `"${value.slice(0, 40)}" is not a Decimal: up to 20 digits, a point and up to 6 decimals`,
    );
  });

  it('quotes at most 40 characters of a refused string', () => {
    const long = '9'.repeat(1000);
    expect(refusal(() => Decimal.parseValue(long))?.message).toBe(
      `"${'9'.repeat(40)}" is not a Decimal: up to 20 digits, a point and up to 6 decimals`,
    );
  });

  it('an inline value refused carries its location', () => {
    const node = parseValueNode('  "1.2.3"');
    let thrown: unknown;
    try {
      Decimal.parseLiteral(node, undefined);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect((thrown as { nodes?: unknown[] }).nodes).toEqual([node]);
  });

  it('serialize shows at least two decimals and drops the zeros beyond them', () => {
    expect(
      ['1234.500000', '0.123400', '5', '-3.1', '10.000000', '0.000001', '-0.100000', '100'].map((d) =>
        Decimal.serialize(d),
      ),
    ).toEqual(['1234.50', '0.1234', '5.00', '-3.10', '10.00', '0.000001', '-0.10', '100.00']);
    expect(formatDecimal('7.250000')).toBe('7.25');
  });

  it('round trip: serialize keeps the value, the result parses back, and serializing again changes nothing', () => {
    fc.assert(
      fc.property(decimalString, (value) => {
        expect(Decimal.parseValue(value)).toBe(value);
        const shown = Decimal.serialize(value) as string;
        expect(scaled(shown)).toBe(scaled(value));
        expect(Decimal.parseValue(shown)).toBe(shown);
        expect(Decimal.serialize(shown)).toBe(shown);
        expect(shown).toMatch(/^-?\d+\.\d{2,6}$/);
      }),
      SEEDED,
    );
  });
});

describe('DateTime', () => {
  it('parses an instant with an offset to UTC with milliseconds', () => {
    expect(DateTime.parseValue('2026-11-28T12:00:00Z')).toBe('2026-11-28T12:00:00.000Z');
    expect(DateTime.parseValue('2026-11-28T12:00:00+02:00')).toBe('2026-11-28T10:00:00.000Z');
    expect(DateTime.parseValue('2026-11-28T00:30:00.5-01:00')).toBe('2026-11-28T01:30:00.500Z');
    expect(DateTime.parseValue('2024-02-29T23:59:59.999999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(literal('"2026-11-28T12:00:00Z"', DateTime)).toBe('2026-11-28T12:00:00.000Z');
  });

  it.each([
    '2026-11-28',
    '2026-11-28T12:00:00',
    '2026-02-29T00:00:00Z',
    '2026-11-31T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-11-28T24:00:00Z',
    'yesterday',
    '',
  ])('refuses %j', (value) => {
    expect(refusal(() => DateTime.parseValue(value))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^DateTime must be a real instant as an ISO 8601 string with an offset/),
    });
    expect(refusal(() => literal(JSON.stringify(value), DateTime))?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a number or a Date: only strings', () => {
    for (const value of [1764331200000, new Date(0), null]) {
      expect(refusal(() => DateTime.parseValue(value))?.code).toBe('BAD_USER_INPUT');
    }
    expect(refusal(() => literal('1764331200000', DateTime))?.code).toBe('BAD_USER_INPUT');
  });

  it('serializes database timestamps, in either form, as UTC with milliseconds (truncated)', () => {
    // Loaders hand strings (src/db/sql.ts isoTimestamp), never Date objects.
    expect(DateTime.serialize('2026-09-03T00:00:37.880999Z')).toBe('2026-09-03T00:00:37.880Z');
    expect(DateTime.serialize('2026-09-03 00:00:37.88+00')).toBe('2026-09-03T00:00:37.880Z');
    expect(DateTime.serialize('2026-09-03 00:00:37+00')).toBe('2026-09-03T00:00:37.000Z');
  });
});

describe('JSON', () => {
  it('passes variables and answers through unchanged', () => {
    const value = { a: 1, b: [true, null, 'x'], c: { d: 1.5 } };
    expect(JSONScalar.parseValue(value)).toBe(value);
    expect(JSONScalar.serialize(value)).toBe(value);
  });

  it('reads an inline value of any kind, variables inside it included', () => {
    expect(literal('{ a: 1, b: [true, null, "x"], c: { d: 1.5 }, e: ENUM }', JSONScalar)).toEqual({
      a: 1,
      b: [true, null, 'x'],
      c: { d: 1.5 },
      e: 'ENUM',
    });
    expect(literal('{ a: $v }', JSONScalar, { v: [1, 2] })).toEqual({ a: [1, 2] });
    expect(literal('"text"', JSONScalar)).toBe('text');
    expect(literal('null', JSONScalar)).toBeNull();
  });
});
