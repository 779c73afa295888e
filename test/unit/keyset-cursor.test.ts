/** A cursor's sort value must be one its column can hold: anything else is refused before SQL. */
import { describe, expect, it } from 'vitest';
import { type Ordering, planPage } from '../../src/loaders/keyset.js';
import { projectOrdering } from '../../src/loaders/project.js';
import { reconciliationOrdering } from '../../src/loaders/reconciliation.js';

const ID = '0b7a3c2e-5d4f-4a1b-9c8d-7e6f5a4b3c2d';
const cursor = (ordering: Ordering, value: string, id = ID) =>
  Buffer.from(JSON.stringify([ordering.name, value, id]), 'utf8').toString('base64url');
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code;
  }
};

describe('cursor values', () => {
  const byDate = projectOrdering();
  const byAmount = reconciliationOrdering({ field: 'AMOUNT' });

  it('accepts a real instant and a decimal', () => {
    expect(
      codeOf(() => planPage(byDate, { after: cursor(byDate, '2026-02-28T23:59:59.999999Z') })),
    ).toBeNull();
    expect(
      codeOf(() => planPage(byDate, { before: cursor(byDate, '2024-02-29T00:00:00.000000Z') })),
    ).toBeNull();
    expect(
      codeOf(() => planPage(byAmount, { after: cursor(byAmount, '-12345678901234567890.123456') })),
    ).toBeNull();
  });

  it.each([
    '2026-13-01T00:00:00.000000Z',
    '2026-02-30T00:00:00.000000Z',
    '2026-01-32T00:00:00.000000Z',
    '0000-01-01T00:00:00.000000Z',
    '2026-01-01T25:00:00.000000Z',
    '2026-01-01T12:61:00.000000Z',
    '2026-01-01T12:00:00Z',
  ])('refuses the timestamp %s with BAD_USER_INPUT', (value) => {
    expect(codeOf(() => planPage(byDate, { after: cursor(byDate, value) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => planPage(byDate, { before: cursor(byDate, value) }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a decimal the column cannot hold, another ordering, or a bad id', () => {
    expect(codeOf(() => planPage(byAmount, { after: cursor(byAmount, '1'.repeat(21)) }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => planPage(byAmount, { after: cursor(byDate, '2026-01-01T00:00:00.000000Z') }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(() => planPage(byDate, { after: cursor(byDate, '2026-01-01T00:00:00.000000Z', 'x') })),
    ).toBe('BAD_USER_INPUT');
  });
});
