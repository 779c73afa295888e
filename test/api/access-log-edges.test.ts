/**
 * The access log (src/access-log.ts) on the answers its own test does not send: the
 * request limit's 429 at the edge and in Yoga, a batch (an array body: refused), a GET whose query
 * string holds the document and variables, an unknown method; exactly one line each, with the
 * answered status and id, and no cache outcome for a request the cache never looked up.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';
import { until } from '../helpers/wait.js';

interface Line {
  msg: string;
  requestId?: string;
  status?: number;
  cache?: string | null;
  path?: string;
  method?: string;
  operationName?: string | null;
  aborted?: boolean;
}

describe('access lines of refusals, batches and odd requests', () => {
  let t: TestApp;
  let server: Server;
  let base = '';
  let token = '';
  const lines: string[] = [];
  const access = (id: string) =>
    lines.map((l) => JSON.parse(l) as Line).filter((l) => l.msg === 'request' && l.requestId === id);

  beforeAll(async () => {
    t = await createTestApp(
      'reviewaccess',
      { ACCESS_LOG: 'true', RATE_LIMIT_PER_MINUTE: '30' },
      { rawLogLines: lines, cache: 'memory' },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'edges@example.test');
    token = await t.signIn('edges@example.test');
    server = createServer(t.app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await t?.close();
  });

  const post = async (id: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': id,
        ...headers,
      },
      body,
    });
    await res.arrayBuffer();
    return res;
  };
  /** The access line is written once the answer is done, just after the client has it. */
  const settle = (...ids: string[]) => until(async () => ids.every((id) => access(id).length > 0), 10_000);

  it('a batch (array body), a GET with its query string, an unknown method: one line each', async () => {
    const batch = await post(
      'rv-batch',
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    );
    const params = new URLSearchParams({
      query: 'query RvGet($x: String) { __typename }',
      variables: JSON.stringify({ x: 'get-SECRET' }),
    });
    const get = await fetch(`${base}/graphql?${params}`, {
      headers: { accept: 'application/json', 'x-request-id': 'rv-get' },
    });
    await get.arrayBuffer();
    const put = await fetch(`${base}/graphql`, {
      method: 'PUT',
      headers: { 'x-request-id': 'rv-put' },
      body: '{}',
    });
    await put.arrayBuffer();
    await settle('rv-batch', 'rv-get', 'rv-put');
    expect(access('rv-batch')).toEqual([expect.objectContaining({ status: batch.status, cache: null })]);
    expect(access('rv-get')).toEqual([
      expect.objectContaining({ status: 200, path: '/graphql', method: 'GET', operationName: 'RvGet' }),
    ]);
    expect(access('rv-put')).toEqual([expect.objectContaining({ status: put.status, method: 'PUT' })]);
    expect(lines.join('\n')).not.toContain('get-SECRET');
  });

  it('the request limit: 429 at the edge and in Yoga, one line each with status 429 and no cache outcome', async () => {
    const q = JSON.stringify({ query: 'query RvLimited { __typename }' });
    const seen: { id: string; status: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const edge = await post(`rv-edge-${i}`, q);
      seen.push({ id: `rv-edge-${i}`, status: edge.status });
      // With an Origin the edge steps aside: Yoga's plugin counts and refuses.
      const yoga = await post(`rv-yoga-${i}`, q, { origin: 'https://elsewhere.example' });
      seen.push({ id: `rv-yoga-${i}`, status: yoga.status });
    }
    await settle(...seen.map((x) => x.id));
    const refused = seen.filter((s) => s.status === 429);
    expect(refused.some((s) => s.id.startsWith('rv-edge'))).toBe(true);
    expect(refused.some((s) => s.id.startsWith('rv-yoga'))).toBe(true);
    for (const s of seen) {
      const [line, ...more] = access(s.id);
      expect(more, s.id).toEqual([]);
      expect(line?.status, s.id).toBe(s.status);
      if (s.status === 429) expect(line?.cache, s.id).toBeNull();
    }
  });
});
