/**
 * Review of X-Request-Id for browser callers (src/app.ts): a page of a CORS_ORIGINS origin may send
 * its own id (the preflight allows the header) and read the one answered (it is exposed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const ORIGIN = 'https://app.example';

describe('X-Request-Id across origins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('review-rid-cors', { CORS_ORIGINS: ORIGIN });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is allowed in a preflight from a configured origin', async () => {
    const res = await t.app.fetch('http://test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization, x-request-id',
      },
    });
    expect(res.headers.get('access-control-allow-headers') ?? '').toMatch(/x-request-id/i);
  });

  it('is exposed to the page on the answer', async () => {
    const res = await t.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-request-id': 'page-42' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('page-42');
    expect(res.headers.get('access-control-expose-headers') ?? '').toMatch(/x-request-id/i);
  });
});
