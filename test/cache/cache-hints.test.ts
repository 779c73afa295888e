/**
 * The cache hints (src/cache/hints.ts, src/edge.ts): no answer to a request carrying
 * Authorization may be storable by a shared cache, whatever path answers it (the edge's hit or 304,
 * Yoga's cache hit or 304, a miss, an error, a refusal by the request limit on either path, a GET,
 * a mutation over GET, a parse error, a too-large body), and every answer says Vary: Authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';

/** Whether a shared cache may store this answer for another caller (RFC 9111 3, 5.2.2). */
function sharedCacheMayStore(headers: Headers): string | null {
  const cc = (headers.get('cache-control') ?? '').toLowerCase();
  if (/\b(private|no-store)\b/.test(cc)) return null;
  if (/\bno-cache\b/.test(cc) && /\b(s-)?max-age=0\b/.test(cc)) return null;
  return `cache-control: ${cc || '(none)'}`;
}

describe('cache hints for a signed-in caller on every path', () => {
  let t: TestApp;
  let token = '';
  const PROJECTS = 'query ReviewHints { projects { totalCount } }';

  beforeAll(async () => {
    t = await createTestApp('reviewhints', { RATE_LIMIT_PER_MINUTE: '40' }, { cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'hints@example.test');
    await createProject(t.database.db, org.id, { name: 'Hinted' });
    token = await t.signIn('hints@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = (init: RequestInit & { path?: string }) =>
    t.app.fetch(`http://test${init.path ?? '/graphql'}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
  const post = (body: string, headers: Record<string, string> = {}) =>
    send({
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    });

  it('marks each answer private and Vary: Authorization', async () => {
    const answers: [string, Response][] = [];
    const q = JSON.stringify({ query: PROJECTS });
    answers.push(['miss', await post(q)]);
    const hit = await post(q);
    answers.push(['edge hit', hit]);
    answers.push(['edge 304', await post(q, { 'if-none-match': hit.headers.get('etag')! })]);
    // With an Origin the edge steps aside: Yoga's own response cache answers.
    answers.push(['yoga hit', await post(q, { origin: 'https://elsewhere.example' })]);
    answers.push([
      'yoga 304',
      await post(q, { origin: 'https://elsewhere.example', 'if-none-match': hit.headers.get('etag')! }),
    ]);
    const get = new URLSearchParams({ query: PROJECTS });
    answers.push([
      'GET',
      await send({ method: 'GET', path: `/graphql?${get}`, headers: { accept: 'application/json' } }),
    ]);
    const mutation = new URLSearchParams({ query: 'mutation { sessionDelete { userErrors { code } } }' });
    answers.push([
      'mutation over GET',
      await send({ method: 'GET', path: `/graphql?${mutation}`, headers: { accept: 'application/json' } }),
    ]);
    answers.push(['parse error', await post(JSON.stringify({ query: '{ projects { ' }))]);
    answers.push(['bad JSON', await post('{"query":')]);
    answers.push(['field error', await post(JSON.stringify({ query: '{ node(id: "nope") { id } }' }))]);
    answers.push([
      'other path',
      await send({ method: 'GET', path: '/graphql/extra', headers: { accept: 'application/json' } }),
    ]);
    for (const [what, res] of answers) {
      expect(sharedCacheMayStore(res.headers), `${what} (${res.status})`).toBeNull();
      expect(res.headers.get('vary') ?? '', what).toMatch(/authorization/i);
      await res.arrayBuffer().catch(() => null);
    }
    // The request limit, on the edge's path and on Yoga's.
    const refusals: [string, Response][] = [];
    for (let i = 0; i < 45 && refusals.length < 2; i++) {
      const edge = await post(q);
      if (edge.status === 429) refusals.push(['edge 429', edge]);
      const yoga = await post(q, { origin: 'https://elsewhere.example' });
      if (yoga.status === 429) refusals.push(['yoga 429', yoga]);
    }
    expect(refusals.map(([what]) => what).sort()).toEqual(['edge 429', 'yoga 429']);
    for (const [what, res] of refusals) {
      expect(sharedCacheMayStore(res.headers), what).toBeNull();
      expect(res.headers.get('vary') ?? '', what).toMatch(/authorization/i);
    }
  });
});
