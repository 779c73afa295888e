/** Rate limits: requests per client address per minute, and sign-in attempts per email and address. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RateLimiter } from '../../src/cache/rate-limit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

const SIGN_IN =
  'mutation($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }';

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('ratelimit', {
      RATE_LIMIT_PER_MINUTE: '30',
      SIGNIN_ATTEMPTS_PER_15_MIN: '3',
      TRUST_PROXY: 'true',
    });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'viewer', 'limited@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits sign-in attempts per email across addresses, with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.request(
        SIGN_IN,
        { e: 'limited@example.test', p: 'wrong' },
        { headers: { 'x-forwarded-for': `203.0.113.${i}` } },
      );
      expect(res.errors).toBeUndefined();
    }
    // a fourth address, and the right password: still refused for this email
    const res = await t.request(
      SIGN_IN,
      { e: 'limited@example.test', p: 'test-password' },
      { headers: { 'x-forwarded-for': '203.0.113.99' } },
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(res.errors?.[0]?.message).toMatch(/try again in \d+ s/);
  });

  it('limits sign-in attempts per address, without counting them against more accounts', async () => {
    const from = { 'x-forwarded-for': '203.0.113.50' };
    for (const e of ['a@x.test', 'b@x.test', 'c@x.test']) {
      expect((await t.request(SIGN_IN, { e, p: 'wrong' }, { headers: from })).errors).toBeUndefined();
    }
    const blocked = await t.request(SIGN_IN, { e: 'd@x.test', p: 'wrong' }, { headers: from });
    expect(blocked.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // d@x.test was not counted: three attempts from elsewhere still go through
    for (let i = 0; i < 3; i++) {
      const res = await t.request(
        SIGN_IN,
        { e: 'd@x.test', p: 'wrong' },
        { headers: { 'x-forwarded-for': `203.0.113.${60 + i}` } },
      );
      expect(res.errors).toBeUndefined();
    }
  });

  it('answers 429 RATE_LIMITED with Retry-After past the per-address request limit, per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      // the client's own (leftmost) entry is ignored: the trusted proxy's (last) one counts
      const res = await t.request(
        '{ __typename }',
        {},
        { headers: { 'x-forwarded-for': `forged-${i}, 198.51.100.9` } },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const other = await t.request('{ __typename }', {}, { headers: { 'x-forwarded-for': '198.51.100.10' } });
    expect(other.status).toBe(200);
  });
});

describe('rate limits in Redis', () => {
  it('counts per window under the ratelimit:{ip}:{endpoint} key, shared by instances', async () => {
    const redis = new Redis(inject('redisUrl'));
    const prefix = `${inject('runId')}:rl:`;
    try {
      const a = new RateLimiter(redis, prefix);
      const b = new RateLimiter(redis, prefix);
      expect((await a.hit('192.0.2.1', 'graphql', 2, 60)).allowed).toBe(true);
      expect((await b.hit('192.0.2.1', 'graphql', 2, 60)).allowed).toBe(true);
      const third = await a.hit('192.0.2.1', 'graphql', 2, 60);
      expect(third.allowed).toBe(false);
      expect(third.retryAfterS).toBeGreaterThan(50);
      expect(await redis.ttl(`${prefix}ratelimit:192.0.2.1:graphql`)).toBeGreaterThan(50);
      expect((await a.hit('192.0.2.2', 'graphql', 2, 60)).allowed).toBe(true);
    } finally {
      await redis.del(`${prefix}ratelimit:192.0.2.1:graphql`, `${prefix}ratelimit:192.0.2.2:graphql`);
      redis.disconnect();
    }
  });
});
