/**
 * User error codes are one enum, `UserErrorCode`, made from the domain's table: the schema has
 * exactly those values, each described, sent as the same strings as before, and a misspelt code is
 * a type error (checked by `tsc --noEmit`, which reads this file).
 */
import { isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Checks, fail, USER_ERROR_CODES, type UserError } from '../../src/domain/errors.js';
import { schema } from '../../src/schema/index.js';

describe('UserErrorCode', () => {
  const type = schema.getType('UserErrorCode');

  it('is the type of UserError.code, with one described value per domain code', () => {
    expect(isEnumType(type)).toBe(true);
    if (!isEnumType(type)) return;
    expect(
      type
        .getValues()
        .map((v) => v.name)
        .sort(),
    ).toEqual(Object.keys(USER_ERROR_CODES).sort());
    for (const value of type.getValues()) expect(value.description).toBeTruthy();
    const code = schema.getType('UserError');
    expect(code && 'getFields' in code && String(code.getFields().code?.type)).toBe('UserErrorCode!');
  });

  it('keeps the wire format: each code is sent as its own name', () => {
    if (!isEnumType(type)) throw new Error('no UserErrorCode');
    for (const code of Object.keys(USER_ERROR_CODES)) expect(type.serialize(code)).toBe(code);
  });

  it('refuses a misspelt code at compile time', () => {
    const misspelt = () => {
      // @ts-expect-error NOT_FOUND misspelt: not a UserErrorCode
      fail('NOT_FUOND', 'Project not found');
    };
    // @ts-expect-error BUSY misspelt
    const error: UserError = { code: 'BUZY', message: 'retry', field: null };
    // @ts-expect-error REQUIRED misspelt
    const add = () => new Checks().add('REQUIERD', 'Required', ['input', 'name']);
    expect([misspelt, error, add]).toHaveLength(3);
  });
});
