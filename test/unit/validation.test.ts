/** Business validation of inputs (no GraphQL): each check's user error, and the Checks collector. */
import { describe, expect, it } from 'vitest';
import { Checks, fail, type UserError, UserErrors } from '../../src/domain/errors.js';
import {
  checkAmount,
  checkCurrency,
  checkJsonObject,
  checkName,
  minorUnits,
} from '../../src/domain/validation.js';

/** The user errors one check adds. */
function errorsOf(check: (checks: Checks) => unknown): UserError[] {
  const checks = new Checks();
  check(checks);
  return checks.errors;
}
const FIELD = ['input', 'amount'];

describe('checkCurrency', () => {
  it('accepts ISO 4217 codes', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'CHF']) {
      let ok: boolean | undefined;
      expect(errorsOf((c) => (ok = checkCurrency(c, code, ['currency'])))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it.each(['eur', 'EURO', 'EU', '', 'XYZ', 'E1R', ' EUR'])('refuses %j as UNKNOWN_CURRENCY', (code) => {
    let ok: boolean | undefined;
    expect(errorsOf((c) => (ok = checkCurrency(c, code, ['input', 'currency'])))).toEqual([
      {
        code: 'UNKNOWN_CURRENCY',
        message: `"${code}" is not an ISO 4217 currency code`,
        field: ['input', 'currency'],
      },
    ]);
    expect(ok).toBe(false);
  });

  it('quotes at most 10 characters of what it refuses', () => {
    expect(errorsOf((c) => checkCurrency(c, 'X'.repeat(1000), ['currency']))[0]?.message).toBe(
      `"${'X'.repeat(10)}" is not an ISO 4217 currency code`,
    );
  });
});

describe('checkAmount', () => {
  it('minor units come from ICU: EUR 2, JPY 0, KWD 3', () => {
    expect(['EUR', 'USD', 'JPY', 'KRW', 'KWD', 'BHD'].map(minorUnits)).toEqual([2, 2, 0, 0, 3, 3]);
  });

  it.each([
    ['EUR', '10.12'],
    ['EUR', '10.1'],
    ['EUR', '10'],
    ['EUR', '10.120000'],
    ['JPY', '100'],
    ['JPY', '100.000'],
    ['KWD', '1.234'],
    ['KWD', '1.2340'],
  ])('%s %s is within the minor units (trailing zeros do not count)', (currency, amount) => {
    expect(errorsOf((c) => checkAmount(c, amount, FIELD, { currency }))).toEqual([]);
  });

  it.each([
    ['EUR', '10.123', 'EUR amounts have at most 2 decimals'],
    ['EUR', '0.001', 'EUR amounts have at most 2 decimals'],
    ['JPY', '100.5', 'JPY amounts have at most 0 decimals'],
    ['KWD', '1.2345', 'KWD amounts have at most 3 decimals'],
  ])('%s %s has too many decimals', (currency, amount, message) => {
    expect(errorsOf((c) => checkAmount(c, amount, FIELD, { currency }))).toEqual([
      { code: 'INVALID_AMOUNT', message, field: FIELD },
    ]);
  });

  it('without a known currency, any number of decimals passes (the currency is refused on its own)', () => {
    for (const currency of [undefined, null, 'XYZ']) {
      expect(errorsOf((c) => checkAmount(c, '1.123456', FIELD, { currency }))).toEqual([]);
    }
  });

  it('refuses a negative amount unless allowed, and then still checks its decimals', () => {
    expect(errorsOf((c) => checkAmount(c, '-1.00', FIELD, { currency: 'EUR' }))).toEqual([
      { code: 'NEGATIVE_AMOUNT', message: 'The amount must not be negative', field: FIELD },
    ]);
    // The negative is the one error reported: its decimals are not checked as well.
    expect(errorsOf((c) => checkAmount(c, '-1.001', FIELD, { currency: 'EUR' })).map((e) => e.code)).toEqual([
      'NEGATIVE_AMOUNT',
    ]);
    expect(errorsOf((c) => checkAmount(c, '-1.00', FIELD, { currency: 'EUR', allowNegative: true }))).toEqual(
      [],
    );
    expect(
      errorsOf((c) => checkAmount(c, '-1.001', FIELD, { currency: 'EUR', allowNegative: true })).map(
        (e) => e.code,
      ),
    ).toEqual(['INVALID_AMOUNT']);
    expect(errorsOf((c) => checkAmount(c, '0', FIELD, {}))).toEqual([]);
  });
});

describe('checkName', () => {
  it.each([[''], ['   '], ['\t\n'], [null], [undefined]])('refuses %j as BLANK', (name) => {
    expect(errorsOf((c) => checkName(c, name, ['input', 'name']))).toEqual([
      { code: 'BLANK', message: 'Must not be blank', field: ['input', 'name'] },
    ]);
  });

  it('counts the trimmed length against the maximum (200 unless given)', () => {
    expect(errorsOf((c) => checkName(c, 'x'.repeat(200), ['name']))).toEqual([]);
    expect(errorsOf((c) => checkName(c, `  ${'x'.repeat(200)}  `, ['name']))).toEqual([]);
    expect(errorsOf((c) => checkName(c, 'x'.repeat(201), ['name']))).toEqual([
      { code: 'TOO_LONG', message: 'At most 200 characters', field: ['name'] },
    ]);
    expect(errorsOf((c) => checkName(c, 'abcd', ['name'], 3))).toEqual([
      { code: 'TOO_LONG', message: 'At most 3 characters', field: ['name'] },
    ]);
    expect(errorsOf((c) => checkName(c, 'abc', ['name'], 3))).toEqual([]);
  });
});

describe('checkJsonObject', () => {
  it.each([
    ['null', null],
    ['an array', [1]],
    ['a string', '{}'],
    ['a number', 0],
    ['undefined', undefined],
  ])('refuses %s', (_, value) => {
    expect(errorsOf((c) => checkJsonObject(c, value, ['input', 'metadata']))).toEqual([
      { code: 'INVALID_JSON', message: 'Must be a JSON object', field: ['input', 'metadata'] },
    ]);
  });

  it('accepts an object up to 16 KiB of JSON by default, counted in UTF-8 bytes', () => {
    const ofBytes = (n: number, char = 'a') => ({ k: char.repeat((n - 8) / Buffer.byteLength(char)) });
    expect(errorsOf((c) => checkJsonObject(c, {}, ['m']))).toEqual([]);
    expect(errorsOf((c) => checkJsonObject(c, ofBytes(16 * 1024), ['m']))).toEqual([]);
    expect(errorsOf((c) => checkJsonObject(c, ofBytes(16 * 1024 + 2), ['m']))).toEqual([
      { code: 'INVALID_JSON', message: 'At most 16384 bytes of JSON', field: ['m'] },
    ]);
    expect(errorsOf((c) => checkJsonObject(c, ofBytes(16 * 1024 + 2, 'é'), ['m']))).toHaveLength(1);
    expect(errorsOf((c) => checkJsonObject(c, ofBytes(100), ['m'], 99))).toEqual([
      { code: 'INVALID_JSON', message: 'At most 99 bytes of JSON', field: ['m'] },
    ]);
  });
});

describe('Checks and fail', () => {
  it('collects every error and throws them together, in order', () => {
    const checks = new Checks();
    checkName(checks, '', ['input', 'name']);
    checkCurrency(checks, 'eur', ['input', 'currency']);
    checkAmount(checks, '-1', ['input', 'amount'], {});
    let thrown: unknown;
    try {
      checks.throwIfAny();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UserErrors);
    expect((thrown as UserErrors).errors.map((e) => [e.code, e.field])).toEqual([
      ['BLANK', ['input', 'name']],
      ['UNKNOWN_CURRENCY', ['input', 'currency']],
      ['NEGATIVE_AMOUNT', ['input', 'amount']],
    ]);
    expect((thrown as Error).message).toBe(
      'Must not be blank; "eur" is not an ISO 4217 currency code; The amount must not be negative',
    );
  });

  it('throws nothing when every check passed', () => {
    const checks = new Checks();
    checkName(checks, 'Q4 close', ['name']);
    checkCurrency(checks, 'EUR', ['currency']);
    expect(() => checks.throwIfAny()).not.toThrow();
  });

  it('fail throws one user error, with no field unless given', () => {
    expect(() => fail('PROJECT_ARCHIVED', 'The project is archived')).toThrow(UserErrors);
    try {
      fail('NOT_FOUND', 'No such project', ['input', 'projectId']);
    } catch (err) {
      expect((err as UserErrors).errors).toEqual([
        { code: 'NOT_FOUND', message: 'No such project', field: ['input', 'projectId'] },
      ]);
    }
    try {
      fail('PROJECT_ARCHIVED', 'The project is archived');
    } catch (err) {
      expect((err as UserErrors).errors[0]?.field).toBeNull();
    }
    expect.assertions(3);
  });
});
