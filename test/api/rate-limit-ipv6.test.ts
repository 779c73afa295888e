/** An IPv6 client is counted by its /64: rotating addresses inside one network buys no guesses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const SIGN_IN = graphql(
  `mutation RateLimitIpv6SessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }`,
);

describe('rate limits over IPv6', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('ratelimit6', { SIGNIN_ATTEMPTS_PER_15_MIN: '3', TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts failed sign-ins from every address of a /64 together, and another /64 apart', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 1; i <= 5; i++) {
      const res = await t.request(
        SIGN_IN,
        { e: `guess${i}@v6.test`, p: 'wrong' },
        { headers: { 'x-forwarded-for': `2001:db8:0:0::${i.toString(16)}` } },
      );
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual([undefined, undefined, undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    const elsewhere = await t.request(
      SIGN_IN,
      { e: 'guess6@v6.test', p: 'wrong' },
      { headers: { 'x-forwarded-for': '2001:db8:0:1::1' } },
    );
    expect(elsewhere.errors).toBeUndefined();
  });
});
