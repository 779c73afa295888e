/**
 * Rate limits: requests per client address per minute; failed sign-ins per address, and per account
 * in a way an attacker cannot turn against the account's owner (src/auth/signin-limits.ts).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RateLimiter } from '../../src/cache/rate-limit.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser, TEST_PASSWORD } from '../helpers/factories.js';

const SIGN_IN = graphql(
  `mutation RateLimitSessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }`,
);

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('ratelimit', {
      RATE_LIMIT_PER_MINUTE: '30',
      SIGNIN_ATTEMPTS_PER_15_MIN: '3',
      TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('limits failed sign-ins per address, without counting them against more accounts', async () => {
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
        graphql(`query RateLimitTypename { __typename }`),
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
    const other = await t.request(
      graphql(`query RateLimitTypename { __typename }`),
      {},
      { headers: { 'x-forwarded-for': '198.51.100.10' } },
    );
    expect(other.status).toBe(200);
  });
});

type Outcome = 'SIGNED_IN' | 'INVALID_CREDENTIALS' | 'RATE_LIMITED';

// The same scenarios against both stores of the limiter: one process's memory, and Redis (shared
// by instances, as in production).
describe.each(['memory', 'redis'] as const)('sign-in limits that cannot lock the owner out (%s)', (store) => {
  let t: TestApp;
  const LIMIT = 3;
  const ANY_LIMIT = 8;

  /** One sign-in from `address`: what it answered (a 429 checked for its Retry-After). */
  const signIn = async (address: string, email: string, password: string): Promise<Outcome> => {
    const res = await t.request(
      SIGN_IN,
      { e: email, p: password },
      { headers: { 'x-forwarded-for': address } },
    );
    if (res.status === 429) {
      expect(res.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(res.errors?.[0]?.message).toMatch(/try again in \d+ s/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      return 'RATE_LIMITED';
    }
    expect(res.errors).toBeUndefined();
    return res.data!.sessionCreate.token ? 'SIGNED_IN' : 'INVALID_CREDENTIALS';
  };
  const times = async (n: number, attempt: () => Promise<Outcome>) => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < n; i++) outcomes.push(await attempt());
    return outcomes;
  };

  beforeAll(async () => {
    t = await createTestApp(
      `signin-${store}`,
      {
        SIGNIN_ATTEMPTS_PER_15_MIN: String(LIMIT),
        SIGNIN_PER_ADDRESS_PER_15_MIN: String(ANY_LIMIT),
        TRUST_PROXY: 'true',
      },
      store === 'redis' ? { cache: 'redis', rateLimitsInRedis: true } : {},
    );
    const org = await createOrganization(t.database.db);
    for (const name of ['alice', 'bob', 'carol', 'dave']) {
      await createUser(t.database.db, org.id, 'member', `${name}@signin.example.test`);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an attacker failing from one address is stopped there; the owner signs in from hers', async () => {
    const alice = 'alice@signin.example.test';
    expect(await times(LIMIT, () => signIn('203.0.113.1', alice, 'guess'))).toEqual(
      Array(LIMIT).fill('INVALID_CREDENTIALS'),
    );
    expect(await times(10, () => signIn('203.0.113.1', alice, 'guess'))).toEqual(
      Array(10).fill('RATE_LIMITED'),
    );
    // Alice, from her own address, again and again: only failures count, so she is never limited.
    expect(await times(LIMIT + 2, () => signIn('198.51.100.1', alice, TEST_PASSWORD))).toEqual(
      Array(LIMIT + 2).fill('SIGNED_IN'),
    );
  });

  it('an attacker rotating addresses gets one guess per address once the account has failed the limit', async () => {
    const bob = 'bob@signin.example.test';
    // Bob's usual address: he signed in from it before the attack.
    expect(await signIn('198.51.100.20', bob, TEST_PASSWORD)).toBe('SIGNED_IN');
    // The account's first LIMIT failures, from as many addresses: nothing is refused yet.
    // (The email in another case and with spaces is the same account.)
    for (let i = 0; i < LIMIT; i++) {
      const email = i === 1 ? ' BOB@Signin.example.test ' : bob;
      expect(await signIn(`203.0.113.${10 + i}`, email, 'guess')).toBe('INVALID_CREDENTIALS');
    }
    // From now on an address that failed on bob's account is refused; a new one gets one guess.
    expect(await signIn('203.0.113.10', bob, 'guess')).toBe('RATE_LIMITED');
    for (let i = 0; i < 4; i++) {
      const address = `203.0.113.${20 + i}`;
      expect(await times(3, () => signIn(address, bob, 'guess'))).toEqual([
        'INVALID_CREDENTIALS',
        'RATE_LIMITED',
        'RATE_LIMITED',
      ]);
    }
    // Concurrent guesses from one new address: still one (each attempt is counted before it runs).
    const burst = await Promise.all(Array.from({ length: 6 }, () => signIn('203.0.113.40', bob, 'guess')));
    expect(burst.filter((o) => o === 'INVALID_CREDENTIALS')).toHaveLength(1);
    expect(burst.filter((o) => o === 'RATE_LIMITED')).toHaveLength(5);

    // Bob from a new address, with his password: signed in.
    expect(await signIn('198.51.100.21', bob, TEST_PASSWORD)).toBe('SIGNED_IN');
    // From his usual address a typo does not stop him.
    expect(await signIn('198.51.100.20', bob, 'typo')).toBe('INVALID_CREDENTIALS');
    expect(await signIn('198.51.100.20', bob, TEST_PASSWORD)).toBe('SIGNED_IN');
    // The price, documented: a typo from a new address during an attack waits out the window there.
    expect(await signIn('198.51.100.22', bob, 'typo')).toBe('INVALID_CREDENTIALS');
    expect(await signIn('198.51.100.22', bob, TEST_PASSWORD)).toBe('RATE_LIMITED');
  });

  it('limits sign-ins of any outcome per address, never per account: others cannot use up the owner’s', async () => {
    const dave = 'dave@signin.example.test';
    // Successful sign-ins count too: each costs a password hash and writes a session.
    expect(await times(ANY_LIMIT, () => signIn('203.0.113.70', dave, TEST_PASSWORD))).toEqual(
      Array(ANY_LIMIT).fill('SIGNED_IN'),
    );
    expect(await signIn('203.0.113.70', dave, TEST_PASSWORD)).toBe('RATE_LIMITED');
    expect(await signIn('203.0.113.70', 'alice@signin.example.test', 'guess')).toBe('RATE_LIMITED');
    // Others' attempts on dave's account, from many addresses (well over ANY_LIMIT in all): his
    // own address still has its whole allowance.
    for (let i = 0; i < 6; i++) await signIn(`203.0.113.${71 + i}`, dave, i % 2 ? 'guess' : TEST_PASSWORD);
    expect(await times(ANY_LIMIT, () => signIn('198.51.100.70', dave, TEST_PASSWORD))).toEqual(
      Array(ANY_LIMIT).fill('SIGNED_IN'),
    );
  });

  if (store === 'redis')
    it('keeps no plain email in any Redis key', async () => {
      const carol = 'carol@signin.example.test';
      const redis = t.caches.redis!;
      expect(await signIn('203.0.113.60', carol, 'guess')).toBe('INVALID_CREDENTIALS');
      const token = (
        await t.request(
          SIGN_IN,
          { e: carol, p: TEST_PASSWORD },
          { headers: { 'x-forwarded-for': '198.51.100.60' } },
        )
      ).data!.sessionCreate.token;
      // The session and the response caches too.
      const viewer = await t.request(graphql(`query RateLimitViewer { viewer { email } }`), {}, { token });
      expect(viewer.data).toEqual({ viewer: { email: carol } });
      expect(
        await t.request(graphql(`query RateLimitViewer { viewer { email } }`), {}, { token }),
      ).toMatchObject({ data: viewer.data });

      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await redis.scan(
          cursor,
          'MATCH',
          `${t.config.REDIS_KEY_PREFIX}*`,
          'COUNT',
          1000,
        );
        keys.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      // The limits for carol's account are there, under a pseudonym.
      expect(keys.filter((k) => k.includes(':account:')).length).toBeGreaterThan(0);
      expect(keys.filter((k) => /@|carol|signin\.example/i.test(k))).toEqual([]);
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

describe('password hashing is bounded', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('signin-hashing', {
      SIGNIN_HASH_CONCURRENCY: '2',
      SIGNIN_HASH_QUEUE: '2',
      TRUST_PROXY: 'true',
    });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'eve@hashing.example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a burst of sign-ins beyond the hashing queue is answered 429 at once, the rest sign in', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.request(
          SIGN_IN,
          { e: 'eve@hashing.example.test', p: TEST_PASSWORD },
          { headers: { 'x-forwarded-for': `192.0.2.${100 + i}` } },
        ),
      ),
    );
    const refused = results.filter((r) => r.status === 429);
    const signedIn = results.filter((r) => r.status === 200 && r.data?.sessionCreate.token);
    // two hashing and two waiting when the burst arrives: most of the 30 are refused
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length + signedIn.length).toBe(30);
    for (const r of refused) {
      expect(r.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // and the refused may come back: nothing was counted against them
    const again = await t.request(
      SIGN_IN,
      { e: 'eve@hashing.example.test', p: TEST_PASSWORD },
      { headers: { 'x-forwarded-for': '192.0.2.100' } },
    );
    expect(again.data?.sessionCreate.token).toBeTruthy();
  });

  it('lets the owner sign in from an address it used before while strangers fill the queue', async () => {
    const owner = { 'x-forwarded-for': '198.51.100.77' };
    const first = await t.request(
      SIGN_IN,
      { e: 'eve@hashing.example.test', p: TEST_PASSWORD },
      { headers: owner },
    );
    expect(first.data?.sessionCreate.token).toBeTruthy();
    // Strangers' guesses from everywhere fill the two running and two waiting places...
    const burst = Array.from({ length: 40 }, (_, i) =>
      t.request(
        SIGN_IN,
        { e: `stranger${i}@hashing.example.test`, p: 'wrong' },
        {
          headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        },
      ),
    );
    // ... and the owner, arriving in the middle of them, checks its password in a lane of its own.
    await Promise.race(burst);
    const mine = await t.request(
      SIGN_IN,
      { e: 'eve@hashing.example.test', p: TEST_PASSWORD },
      { headers: owner },
    );
    await Promise.all(burst);
    expect(mine.status).toBe(200);
    expect(mine.data?.sessionCreate.token).toBeTruthy();
  });
});
