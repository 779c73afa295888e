/**
 * Review of the prepare policy (src/db/pool.ts): texts a client makes the API send once each
 * (filter and ordering combinations) must not push the hot, prepared ones out, nor spend the
 * bounded budget of prepared texts re-preparing them.
 */
import { describe, expect, it } from 'vitest';
import { PreparePolicy } from '../../src/db/pool.js';

const churn = (policy: PreparePolicy, round: number) => {
  for (let i = 0; i < PreparePolicy.MAX_COUNTED_TEXTS; i++) policy.prepare(`once ${round}:${i}`);
};

describe('PreparePolicy under one-off texts', () => {
  it('keeps a prepared text prepared however many texts are seen once after it', () => {
    const policy = new PreparePolicy();
    policy.prepare('hot');
    expect(policy.prepare('hot')).toBe(true);
    churn(policy, 0);
    expect(policy.prepare('hot')).toBe(true);
  });

  it('spends no prepared slot twice on one text: a new hot text is still prepared after churn', () => {
    const policy = new PreparePolicy();
    for (let round = 0; round < PreparePolicy.MAX_PREPARED_TEXTS; round++) {
      policy.prepare('hot');
      policy.prepare('hot');
      churn(policy, round);
    }
    policy.prepare('new hot');
    expect(policy.prepare('new hot')).toBe(true);
  }, 60_000);
});
