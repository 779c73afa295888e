/** Relay global ids: round trip, and every malformed or forged id refused before it reaches SQL. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGlobalId, decodeIdOf, encodeGlobalId, NODE_TYPES } from '../../src/schema/global-id.js';
import { isUuid } from '../../src/uuid.js';
import { refusal, SEEDED } from './helpers.js';

const ID = '0b7a3c2e-5d4f-4a1b-9c8d-7e6f5a4b3c2d';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('encodeGlobalId / decodeGlobalId', () => {
  it('is base64url of "Type:uuid"', () => {
    expect(encodeGlobalId('Project', ID)).toBe(b64(`Project:${ID}`));
    expect(encodeGlobalId('Project', ID)).toMatchInlineSnapshot(
      `"UHJvamVjdDowYjdhM2MyZS01ZDRmLTRhMWItOWM4ZC03ZTZmNWE0YjNjMmQ"`,
    );
  });

  it('round-trips every node type and any uuid', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NODE_TYPES), fc.uuid(), (typename, uuid) => {
        const id = uuid.toLowerCase();
        const globalId = encodeGlobalId(typename, id);
        expect(globalId).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeGlobalId(globalId)).toEqual({ typename, id });
      }),
      SEEDED,
    );
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'UHJvamVjdDo=!'],
    ['base64 padding', `${b64(`Project:${ID}`)}=`],
    ['base64 (not url) alphabet', Buffer.from(`Project:${ID}?>`).toString('base64')],
    ['no colon', b64(`Project${ID}`)],
    ['no type', b64(`:${ID}`)],
    ['an unknown type', b64(`Invoice:${ID}`)],
    ['a type in lower case', b64(`project:${ID}`)],
    ['not a uuid', b64('Project:123')],
    ['an uppercase uuid', b64(`Project:${ID.toUpperCase()}`)],
    ['a uuid with a tail', b64(`Project:${ID}:x`)],
    ['a uuid and a newline', b64(`Project:${ID}\n`)],
    ['SQL after the uuid', b64(`Project:${ID}' or 1=1 --`)],
    ['longer than 200 characters', 'A'.repeat(201)],
  ])('refuses %s as BAD_USER_INPUT', (_, globalId) => {
    const r = refusal(() => decodeGlobalId(globalId));
    expect(r?.code).toBe('BAD_USER_INPUT');
    expect(r?.message).toBe(`Invalid ID "${globalId.slice(0, 60)}"`);
  });

  it('quotes at most 60 characters of a refused id', () => {
    const long = 'A'.repeat(500);
    expect(refusal(() => decodeGlobalId(long))?.message).toBe(`Invalid ID "${'A'.repeat(60)}"`);
  });

  it('any string is either a valid id or BAD_USER_INPUT, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.string().map(b64)), (text) => {
        const r = refusal(() => decodeGlobalId(text));
        expect(r === null || r.code === 'BAD_USER_INPUT').toBe(true);
      }),
      SEEDED,
    );
  });
});

describe('decodeIdOf', () => {
  it('returns the uuid of an id of an expected type', () => {
    expect(decodeIdOf(encodeGlobalId('Project', ID), 'Project')).toBe(ID);
    expect(decodeIdOf(encodeGlobalId('Reconciliation', ID), 'Project', 'Reconciliation')).toBe(ID);
  });

  it('refuses an id of another type, naming both', () => {
    const globalId = encodeGlobalId('Reconciliation', ID);
    expect(refusal(() => decodeIdOf(globalId, 'Project'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: `ID "${globalId.slice(0, 60)}" is a Reconciliation, expected a Project`,
    });
    expect(refusal(() => decodeIdOf(globalId, 'Project', 'User'))?.message).toBe(
      `ID "${globalId.slice(0, 60)}" is a Reconciliation, expected a Project or User`,
    );
  });

  it('refuses a malformed id as decodeGlobalId does', () => {
    expect(refusal(() => decodeIdOf('nope!', 'Project'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Invalid ID "nope!"',
    });
  });
});

describe('isUuid', () => {
  it('accepts the lowercase canonical form only', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
    for (const text of [
      ID.toUpperCase(),
      `{${ID}}`,
      ID.replaceAll('-', ''),
      `${ID}\n`,
      ` ${ID}`,
      ID.slice(0, -1),
      `${ID}0`,
      ID.replace('0', 'g'),
      '',
    ]) {
      expect(isUuid(text), JSON.stringify(text)).toBe(false);
    }
  });
});
