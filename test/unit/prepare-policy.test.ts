/** Which statement texts the pool prepares (src/db/pool.ts): from the second use, at most a bounded number. */
import { describe, expect, it } from 'vitest';
import { PreparePolicy } from '../../src/db/pool.js';

describe('PreparePolicy', () => {
  it('prepares a text from its second use on, and keeps preparing it', () => {
    const policy = new PreparePolicy();
    expect(policy.prepare('select $1')).toBe(false);
    expect(policy.prepare('select $1')).toBe(true);
    expect(policy.prepare('select $1')).toBe(true);
  });

  it('prepares at most MAX_PREPARED_TEXTS texts, however many repeat', () => {
    const policy = new PreparePolicy();
    const max = PreparePolicy.MAX_PREPARED_TEXTS;
    let prepared = 0;
    for (let i = 0; i < max + 50; i++) {
      policy.prepare(`select ${i}`);
      if (policy.prepare(`select ${i}`)) prepared++;
    }
    expect(prepared).toBe(max);
    // The ones prepared stay prepared; the rest never are.
    expect(policy.prepare('select 0')).toBe(true);
    expect(policy.prepare(`select ${max + 1}`)).toBe(false);
  });

  it('forgets texts seen once past MAX_COUNTED_TEXTS (first seen, first out)', () => {
    const policy = new PreparePolicy();
    policy.prepare('first');
    for (let i = 0; i < PreparePolicy.MAX_COUNTED_TEXTS; i++) policy.prepare(`once ${i}`);
    // 'first' was forgotten: its next use counts as a first use again.
    expect(policy.prepare('first')).toBe(false);
    expect(policy.prepare('first')).toBe(true);
  });
});
