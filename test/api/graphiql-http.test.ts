/**
 * GraphiQL's page over HTTP (src/graphiql.ts), as a browser gets it through node:http: compressed
 * when the client accepts it (brotli or gzip, decompressing to the same HTML), with its length, a
 * strong ETag per encoding, `Cache-Control: no-cache` and `Vary: Accept-Encoding`, so a reload is a
 * 304 with no body; the request id and CORS headers as on any answer; headers not persisted in
 * localStorage. With GRAPHIQL=false (the default in production) a browser's GET of /graphql gets
 * the ordinary GraphQL-over-HTTP answer, no page.
 */
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http-server.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { until } from '../helpers/wait.js';

const ORIGIN = 'https://app.example.com';
const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
};

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent on the wire (not decompressed). */
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(t: TestApp): Promise<{ server: Server; port: number }> {
  const server = createHttpServer(t.app, {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 5_000,
    socketTimeoutMs: 60_000,
    connectionsPerAddress: 0,
    maxConnections: 0,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

const vary = (headers: IncomingHttpHeaders) =>
  String(headers.vary ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase());

describe('GRAPHIQL in the config', () => {
  it('is on outside production and off in production, unless set', () => {
    expect(loadConfig({}).GRAPHIQL).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).GRAPHIQL).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).GRAPHIQL).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).GRAPHIQL).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', GRAPHIQL: 'false' }).GRAPHIQL).toBe(false);
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(/GRAPHIQL/);
  });
});

// Brotli is computed in the background after the first request (seconds on two busy cores).
describe('GraphiQL page over HTTP', { timeout: 120_000 }, () => {
  let t: TestApp;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    t = await createTestApp('graphiql-http', { CORS_ORIGINS: ORIGIN });
    ({ server, port } = await serve(t));
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.close();
  });

  it('sends the page compressed, with its length, validators and Vary; a reload is a 304 with no body', async () => {
    const plain = await get(port, '/graphql', { accept: 'text/html' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    const html = plain.body.toString('utf8');
    expect(/graphiql/i.test(html)).toBe(true);
    expect(plain.body.length).toBeGreaterThan(1_000_000);

    const gzip = await get(port, '/graphql', { accept: 'text/html', 'accept-encoding': 'gzip' });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
    // Compared as booleans: a failure would print the whole 9 MB page.
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

    // A browser's Accept-Encoding: brotli once computed (gzip until then).
    let br: Answer | undefined;
    await until(async () => {
      br = await get(port, '/graphql', BROWSER);
      return br.headers['content-encoding'] === 'br';
    }, 100_000);
    expect(br!.status).toBe(200);
    expect(Number(br!.headers['content-length'])).toBe(br!.body.length);
    expect(br!.body.length).toBeLessThan(gzip.body.length);
    expect(brotliDecompressSync(br!.body).equals(plain.body)).toBe(true);
    console.log(
      `graphiql page: ${plain.body.length} bytes, gzip ${gzip.body.length}, brotli ${br!.body.length}`,
    );

    const tags = new Set<string>();
    for (const answer of [plain, gzip, br!]) {
      expect(vary(answer.headers)).toContain('accept-encoding');
      expect(answer.headers['cache-control']).toBe('no-cache');
      // Strong, and one per encoding.
      expect(answer.headers.etag).toMatch(/^"[^"]+"$/);
      tags.add(String(answer.headers.etag));
      expect(answer.headers['x-request-id']).toBeTruthy();
    }
    expect(tags.size).toBe(3);

    // A reload: 304, no body, the same validators.
    const reload = await get(port, '/graphql', { ...BROWSER, 'if-none-match': String(br!.headers.etag) });
    expect(reload.status).toBe(304);
    expect(reload.body.length).toBe(0);
    expect(reload.headers.etag).toBe(br!.headers.etag);
    expect(reload.headers['cache-control']).toBe('no-cache');
    expect(vary(reload.headers)).toContain('accept-encoding');
    expect(reload.headers['x-request-id']).toBeTruthy();
    // Weak comparison, as If-None-Match is evaluated; a stale tag gets the page.
    expect(
      (await get(port, '/graphql', { ...BROWSER, 'if-none-match': `W/${gzip.headers.etag}` })).status,
    ).toBe(304);
    const stale = await get(port, '/graphql', { ...BROWSER, 'if-none-match': '"stale"' });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(br!.body.length);

    // GraphiQL keeps the query in the address: a reload of that address is the same page.
    const withQuery = await get(port, '/graphql?query=%7B__typename%7D', {
      ...BROWSER,
      'if-none-match': String(br!.headers.etag),
    });
    expect(withQuery.status).toBe(304);
  });

  it('answers with the request id and CORS headers as any answer', async () => {
    const answer = await get(port, '/graphql', {
      ...BROWSER,
      origin: ORIGIN,
      'x-request-id': 'graphiql-page-1',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['x-request-id']).toBe('graphiql-page-1');
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('does not persist the headers editor (a bearer token) in localStorage', async () => {
    const answer = await get(port, '/graphql', { accept: 'text/html' });
    // Asserted as a boolean: a failure would print the whole 9 MB page.
    expect(answer.body.toString('utf8').includes('"shouldPersistHeaders":false')).toBe(true);
  });
});

describe('GRAPHIQL=false', () => {
  let t: TestApp;
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    t = await createTestApp('graphiql-off', { GRAPHIQL: 'false' });
    ({ server, port } = await serve(t));
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await t?.close();
  });

  it("answers a browser's GET of /graphql as GraphQL over HTTP: no page", async () => {
    const answer = await get(port, '/graphql', BROWSER);
    // Yoga's answer to a GET without a query: 400, "Must provide query string."
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const text = answer.headers['content-encoding'] ? '' : answer.body.toString('utf8');
    expect(/graphiql/i.test(text)).toBe(false);
    expect(JSON.parse(text)).toMatchObject({
      errors: [expect.objectContaining({ message: expect.any(String) })],
    });
    // A query still runs over GET.
    const query = await get(port, '/graphql?query=%7B__typename%7D', { accept: 'application/json' });
    expect(query.status).toBe(200);
    expect(JSON.parse(query.body.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
  });
});
