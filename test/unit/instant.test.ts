/** ISO 8601 instants are real ones: every field in range, years 0001-9999, offsets applied. */
import { describe, expect, it } from 'vitest';
import { isoMillis, parseInstant } from '../../src/instant.js';

describe('parseInstant', () => {
  it.each([
    ['2026-11-28T12:00:00.000Z', '2026-11-28T12:00:00.000Z'],
    ['2026-11-28T12:00Z', '2026-11-28T12:00:00.000Z'],
    ['2026-11-28T12:00:00.123456789Z', '2026-11-28T12:00:00.123Z'],
    ['2026-11-28T12:00:00+02:00', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T12:00:00-0530', '2026-11-28T17:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-01-32T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T12:60:00Z',
    '2026-01-01T12:00:60Z',
    '2026-01-01T12:00:00+24:00',
    '2026-01-01T12:00:00+01:60',
    '0001-01-01T00:00:00+01:00',
    '9999-12-31T23:30:00-01:00',
    '2026-01-01T12:00:00',
    '2026-01-01 12:00:00Z',
    '+002026-01-01T12:00:00Z',
    '2026-1-1T12:00:00Z',
    '',
    'now',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});

describe('isoMillis', () => {
  /** The scalar's output before: the date parser, quirks included. */
  const parsed = (value: unknown) => {
    try {
      return new Date(String(value)).toISOString();
    } catch (err) {
      return (err as Error).name;
    }
  };
  const written = (value: unknown) => {
    try {
      return isoMillis(value);
    } catch (err) {
      return (err as Error).name;
    }
  };

  it.each([
    ['2026-09-03 00:00:37.88+00', '2026-09-03T00:00:37.880Z'],
    ['2026-09-03 00:00:37+00', '2026-09-03T00:00:37.000Z'],
    ['2026-09-03 00:00:37.123999+00', '2026-09-03T00:00:37.123Z'],
    ['2026-09-03T00:00:37.5Z', '2026-09-03T00:00:37.500Z'],
    ['2026-09-03 02:00:37+02', '2026-09-03T00:00:37.000Z'],
    ['0092-12-02 09:02:30+00', '1992-12-02T09:02:30.000Z'],
  ])('writes %s as the date parser does', (value, iso) => {
    expect(isoMillis(value)).toBe(iso);
  });

  it('agrees with the date parser on 100,000 seeded timestamps, invalid ones included', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const differences: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const fraction = next(3) ? `.${pad(next(1_000_000), 6).slice(0, 1 + next(6))}` : '';
      const value = `${pad(next(10_000), 4)}-${pad(next(14))}-${pad(next(33))}${next(2) ? ' ' : 'T'}${pad(next(25))}:${pad(
        next(61),
      )}:${pad(next(61))}${fraction}${['+00', 'Z', '+01', ''][next(4)]}`;
      if (parsed(value) !== written(value)) differences.push(value);
    }
    for (const value of [new Date(0), 0, null, 'garbage', '2026-02-29 00:00:00+00']) {
      if (parsed(value) !== written(value)) differences.push(String(value));
    }
    expect(differences).toEqual([]);
  });
});
