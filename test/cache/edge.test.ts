/**
 * The response cache's HTTP edge (src/edge.ts): a cached query answered before Yoga runs must
 * be exactly Yoga's answer (body, status and headers), over a real node:http server and through
 * `app.fetch`; everything it cannot answer (writes, other or no sessions, garbage, PostgreSQL down)
 * reaches Yoga with the same result as if the edge were not there. "Yoga's answer" is the same
 * request with an Origin header no CORS rule allows: the edge steps aside on any Origin, and Yoga
 * adds nothing for an origin it refuses (checked below against the miss Yoga produced).
 */

import { Agent, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { hashToken } from '../../src/auth/sessions.js';
import { MissCoalescer } from '../../src/cache/coalesce.js';
import { createCaches } from '../../src/cache/index.js';
import { OperationKinds } from '../../src/cache/plugin.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { sessions, users } from '../../src/db/schema.js';
import { CacheEdge, type EdgeRequest } from '../../src/edge.js';
import { createHttpServer } from '../../src/http-server.js';
import { Metrics } from '../../src/metrics.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type createMigratedDatabase, createProxiedDatabase } from '../helpers/db.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';
import type { TcpProxy } from '../helpers/net.js';
import { hasRedisServer, type OwnRedis, startOwnRedis } from '../helpers/redis-server.js';
import { auditCount, projectRow, userIdByEmail } from '../helpers/truth.js';
import { until } from '../helpers/wait.js';

const LIST = print(
  graphql(
    `query EdgeList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference amount } } } }`,
  ),
);
const PROJECTS = print(graphql(`query EdgeProjects { projects { edges { node { name } } } }`));
const RENAME = print(
  graphql(
    `mutation EdgeProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }`,
  ),
);
const BAD_ORIGIN = 'https://evil.example';
const ACCEPTS = [
  undefined,
  '*/*',
  'application/json',
  'application/graphql-response+json',
  'application/graphql-response+json, application/json',
  'application/json, application/graphql-response+json',
  'application/*',
  'text/html, application/json;q=0.9',
  'application/graphql-response+json; charset=utf-8',
];
// Entries outlive the test however slow the machine.
const LONG_TTLS = {
  CACHE_DEFAULT_TTL_S: '3600',
  CACHE_TTLS: JSON.stringify(
    Object.fromEntries(
      ['Reconciliation', 'ReconciliationConnection', 'Project', 'ProjectConnection', 'User'].map((t) => [
        t,
        3600,
      ]),
    ),
  ),
  CORS_ORIGINS: 'https://app.example',
};
const HTTP_LIMITS = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 5000,
  keepAliveTimeoutMs: 5000,
  socketTimeoutMs: 10_000,
  connectionsPerAddress: 0,
  maxConnections: 0,
};

interface Answer {
  status: number;
  /**
   * Lower-case names; `date` and `connection` left out (the clock, the socket), `x-request-id` a
   * placeholder (a new id for each request, on every answer: test/api/slow-query-log.test.ts).
   */
  headers: Record<string, string>;
  body: string;
}

const withoutSocketHeaders = (headers: Record<string, string>) => {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  if ('x-request-id' in rest) rest['x-request-id'] = '<request id>';
  return rest;
};

/** One request on a raw socket: the exact bytes sent, the answer as it came (chunked decoded). */
function raw(
  port: number,
  bytes: string | Buffer,
  timeoutMs = 5000,
  halfClose = false,
): Promise<Answer | 'closed' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      const all = Buffer.concat(chunks);
      // Still open after its head: a stream (its status and headers compared, not its body).
      resolve(all.includes('\r\n\r\n') ? { ...parseAnswer(all, false), body: '(open)' } : 'timeout');
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      if (!all.length) return resolve('closed');
      resolve(parseAnswer(all));
    });
    socket.write(bytes);
    if (halfClose) socket.end();
  });
}

function parseAnswer(all: Buffer, decode = true): Answer {
  const split = all.indexOf('\r\n\r\n');
  const head = all.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(head[0]!.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const at = line.indexOf(':');
    const name = line.slice(0, at).toLowerCase();
    const value = line.slice(at + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  let body = all.subarray(split + 4);
  if (decode && headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    let rest = body;
    for (;;) {
      const eol = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.subarray(0, eol).toString(), 16);
      if (!size) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
    body = Buffer.concat(parts);
  }
  return { status, headers: withoutSocketHeaders(headers), body: body.toString('utf8') };
}

/** A whole POST /graphql (Connection: close), its headers exactly as given. */
function post(port: number, body: string, headers: Record<string, string | undefined>) {
  const lines = [`POST /graphql HTTP/1.1`, 'Host: test', 'Connection: close'];
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) lines.push(`${name}: ${value}`);
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h === 'transfer-encoding'))
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return raw(port, `${lines.join('\r\n')}\r\n\r\n${body}`) as Promise<Answer>;
}

async function viaFetch(
  app: App,
  body: string,
  headers: Record<string, string | undefined>,
): Promise<Answer> {
  const res = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
    body,
  });
  const h: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    h[k] = v;
  });
  return { status: res.status, headers: withoutSocketHeaders(h), body: await res.text() };
}

/** What the edge answered so far, by status (its /metrics counter, read from the registry). */
const edgeCountOf = (metrics: Metrics) => async () => {
  const by = new Map((await metrics.edgeAnswers.get()).values.map((v) => [String(v.labels.status), v.value]));
  const edge200 = by.get('200') ?? 0;
  const edge304 = by.get('304') ?? 0;
  const edge429 = by.get('429') ?? 0;
  return { edge200, edge304, edge429, total: edge200 + edge304 + edge429 };
};

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

async function closeServer(server: Server | undefined) {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

describe('cache edge', () => {
  let t: TestApp;
  let server: Server;
  let port: number;
  let orgId: string;
  let projectId: string;
  let projectUuid: string;
  const tok = { member: '', member2: '', other: '' };
  let edgeCount: ReturnType<typeof edgeCountOf>;
  const metrics = new Metrics('edge');
  const json = (token: string, extra: Record<string, string | undefined> = {}) => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${token}`,
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp('edge', LONG_TTLS, { cache: 'redis', metrics });
    const db = t.database.db;
    const org = await createOrganization(db, 'Edge');
    orgId = org.id;
    await createUser(db, org.id, 'member', 'member@edge.test');
    await createUser(db, org.id, 'member', 'member2@edge.test');
    const other = await createOrganization(db, 'Edge elsewhere');
    await createUser(db, other.id, 'member', 'other@edge.test');
    const project = await createProject(db, org.id, { name: 'Edge project' });
    projectUuid = project.id;
    projectId = encodeGlobalId('Project', project.id);
    await createReconciliation(db, project, { reference: 'EDGE-1', amount: '12.50' });
    await createReconciliation(db, project, { reference: 'EDGE-\u00e9\u2028', amount: '3.00' });
    tok.member = await t.signIn('member@edge.test');
    tok.member2 = await t.signIn('member2@edge.test');
    tok.other = await t.signIn('other@edge.test');
    server = createHttpServer(t.app, HTTP_LIMITS);
    port = await listen(server);
    edgeCount = edgeCountOf(metrics);
  });
  afterAll(async () => {
    await closeServer(server);
    await t?.close();
  });

  /** Caches `body` for `token` (a miss through Yoga), then returns Yoga's miss answer. */
  async function cached(body: string, token: string) {
    const miss = await viaFetch(t.app, body, json(token));
    const { hit, didCache } = JSON.parse(miss.body).extensions?.responseCache ?? {};
    expect(hit || didCache, miss.body).toBe(true);
    return miss;
  }

  it('answers a hit exactly as Yoga does, for every Accept, over HTTP and through fetch', async () => {
    const body = JSON.stringify({ query: LIST, variables: { first: 5 } });
    const miss = await cached(body, tok.member);
    for (const accept of ACCEPTS) {
      for (const send of [
        (h: Record<string, string | undefined>) => post(port, body, h),
        (h: Record<string, string | undefined>) => viaFetch(t.app, body, h),
      ]) {
        const before = await edgeCount();
        const edge = await send(json(tok.member, { Accept: accept }));
        const mid = await edgeCount();
        const yoga = await send(json(tok.member, { Accept: accept, Origin: BAD_ORIGIN }));
        const after = await edgeCount();
        expect(mid.edge200 - before.edge200, `edge answered (${accept})`).toBe(1);
        expect(after.total - mid.total, `Yoga answered (${accept})`).toBe(0);
        expect(edge, `Accept: ${accept}`).toEqual(yoga);
        expect(edge.status).toBe(200);
        expect(JSON.parse(edge.body)).toEqual({
          ...JSON.parse(miss.body),
          extensions: { responseCache: { hit: true } },
        });
        expect(edge.headers.etag).toBe(miss.headers.etag);
        expect(edge.headers).toMatchObject({
          vary: 'Authorization',
          'cache-control': 'private, no-cache, max-age=0',
        });
      }
    }
    // Yoga adds nothing for a refused Origin: its miss (no Origin) has the same headers as its hit.
    const yogaHit = await viaFetch(t.app, body, json(tok.member, { Origin: BAD_ORIGIN }));
    expect(Object.keys(yogaHit.headers).sort()).toEqual(Object.keys(miss.headers).sort());
    // /metrics shows what the edge answered.
    const scraped = await (await t.app.fetch('http://test/metrics')).text();
    expect(scraped).toContain(
      `response_cache_edge_answers_total{status="200"} ${(await edgeCount()).edge200}`,
    );
  });

  it('answers as Yoga does in production too (no cache metadata), and to HTTP/1.0', async () => {
    const p = await createTestApp(
      'edgeprod',
      { ...LONG_TTLS, NODE_ENV: 'production' },
      { cache: 'redis', shareDatabaseWith: t },
    );
    const prodServer = createHttpServer(p.app, HTTP_LIMITS);
    const prodPort = await listen(prodServer);
    try {
      const body = JSON.stringify({ query: LIST, variables: { first: 3 } });
      const miss = await viaFetch(p.app, body, json(tok.member));
      expect(JSON.parse(miss.body).extensions).toBeUndefined();
      for (const send of [
        (h: Record<string, string | undefined>) => post(prodPort, body, h),
        (h: Record<string, string | undefined>) => viaFetch(p.app, body, h),
      ]) {
        const edge = await send(json(tok.member));
        const yoga = await send(json(tok.member, { Origin: BAD_ORIGIN }));
        expect(edge).toEqual(yoga);
        expect(edge.body).toBe(miss.body);
      }
      const http10 = (origin: boolean) =>
        raw(
          prodPort,
          [
            'POST /graphql HTTP/1.0',
            'Content-Type: application/json',
            `Authorization: Bearer ${tok.member}`,
            ...(origin ? [`Origin: ${BAD_ORIGIN}`] : []),
            `Content-Length: ${body.length}`,
            '',
            body,
          ].join('\r\n'),
        );
      const edge10 = await http10(false);
      expect(edge10).toEqual(await http10(true));
      expect(edge10).toMatchObject({ status: 200, body: miss.body });
    } finally {
      await closeServer(prodServer);
      await p.close();
    }
  });

  it('answers If-None-Match with 304 for the caller’s own ETag only (weak form too)', async () => {
    const body = JSON.stringify({ query: PROJECTS });
    const mine = await cached(body, tok.member);
    const theirs = await cached(body, tok.member2);
    expect(mine.headers.etag).toBeTruthy();
    expect(theirs.headers.etag).not.toBe(mine.headers.etag);
    for (const send of [
      (h: Record<string, string | undefined>) => post(port, body, h),
      (h: Record<string, string | undefined>) => viaFetch(t.app, body, h),
    ]) {
      for (const tag of [mine.headers.etag!, `W/${mine.headers.etag}`, `"x", ${mine.headers.etag}`]) {
        const before = await edgeCount();
        const edge = await send(json(tok.member, { 'If-None-Match': tag }));
        expect((await edgeCount()).edge304 - before.edge304).toBe(1);
        const yoga = await send(json(tok.member, { 'If-None-Match': tag, Origin: BAD_ORIGIN }));
        expect(edge.status).toBe(304);
        expect(edge).toEqual(yoga);
        expect(edge.body).toBe('');
      }
      // Another session's ETag: the whole answer.
      const full = await send(json(tok.member, { 'If-None-Match': theirs.headers.etag }));
      expect(full.status).toBe(200);
      expect(JSON.parse(full.body).data).toEqual(JSON.parse(mine.body).data);
      // My ETag sent with their token: theirs in full, never a 304.
      const other = await send(json(tok.member2, { 'If-None-Match': mine.headers.etag }));
      expect(other.status).toBe(200);
    }
  });

  it('never answers a write, however disguised: every mutation runs', async () => {
    const query = `query Q { viewer { email } }\nmutation M($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }`;
    const tries: { body: Record<string, unknown>; name: string }[] = [];
    let n = 0;
    const next = () => `Renamed ${++n}`;
    // The same document and variables twice in a row (the second would be a hit were it a query).
    for (let i = 0; i < 2; i++) {
      tries.push({ body: { query: RENAME, variables: { id: projectId, name: 'Fixed' } }, name: 'Fixed' });
      tries.push({ body: { query: RENAME, variables: { id: projectId, name: 'Other' } }, name: 'Other' });
    }
    const disguises = [
      (name: string) => ({ query: `# query\n${RENAME}`, variables: { id: projectId, name } }),
      (name: string) => ({
        query: `mutation query($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } } }`,
        variables: { id: projectId, name },
      }),
      (name: string) => ({ query, operationName: 'M', variables: { id: projectId, name } }),
      (name: string) => ({
        query: `\ufeff,mutation($id: ID!, $name: String! = "query") { projectUpdate(id: $id, input: { name: $name }) { project { name } } }`,
        variables: { id: projectId, name },
      }),
      (name: string) => ({
        query: `"""query"""\nmutation($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } } }`,
        variables: { id: projectId, name },
      }),
    ];
    // The query of the multi-operation document is cached first, with the same variables.
    const q = JSON.stringify({ query, operationName: 'Q', variables: { id: projectId, name: 'Fixed' } });
    await cached(q, tok.member);
    for (const disguise of disguises) {
      for (let i = 0; i < 2; i++) {
        const name = i ? 'Fixed' : next();
        tries.push({ body: disguise(name), name });
      }
    }
    for (const { body, name } of tries) {
      for (const send of [
        (b: string) => post(port, b, json(tok.member)),
        (b: string) => viaFetch(t.app, b, json(tok.member)),
      ]) {
        // Away from the name first, so each try changes the row.
        await t.database.db.execute(sql`update projects set name = 'reset' where id = ${projectUuid}`);
        const audits = await auditCount(t.database.db, orgId, 'project.update', projectUuid);
        const before = await edgeCount();
        const text = JSON.stringify(body);
        const res = await send(text);
        expect((await edgeCount()).total - before.total, text).toBe(0);
        expect(res.status, res.body).toBe(200);
        expect(JSON.parse(res.body).errors, text).toBeUndefined();
        expect((await projectRow(t.database.db, projectId))?.name, text).toBe(name);
        expect(await auditCount(t.database.db, orgId, 'project.update', projectUuid), text).toBe(audits + 1);
      }
    }
  });

  it('never answers signed-out, expired, unknown or other sessions, nor anonymous requests', async () => {
    const body = JSON.stringify({ query: print(graphql(`query EdgeViewer { viewer { email } }`)) });
    const token = await t.signIn('member@edge.test');
    const expired = await t.signIn('member@edge.test');
    await cached(body, token);
    await cached(body, expired);
    // Yoga's answer to each, before: the same request with a refused Origin.
    await viaFetch(
      t.app,
      JSON.stringify({
        query: print(graphql(`mutation EdgeSessionDelete { sessionDelete { userErrors { code } } }`)),
      }),
      json(token),
    );
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000).toISOString() })
      .where(sql`${sessions.tokenHash} = encode(sha256(${expired}::bytea), 'hex')`);
    await t.caches.sessions.dropSession(expired);
    const unknown = `${token.slice(0, -4)}AAAA`;
    for (const send of [
      (h: Record<string, string | undefined>) => post(port, body, h),
      (h: Record<string, string | undefined>) => viaFetch(t.app, body, h),
    ]) {
      for (const headers of [
        json(token),
        json(expired),
        json(unknown),
        { 'Content-Type': 'application/json' },
        { 'Content-Type': 'application/json', Authorization: `Basic ${token}` },
        { 'Content-Type': 'application/json', Authorization: `Bearer ${token} x` },
      ] as Record<string, string>[]) {
        const before = await edgeCount();
        const res = await send(headers);
        const yoga = await send({ ...headers, Origin: BAD_ORIGIN });
        expect((await edgeCount()).total - before.total).toBe(0);
        expect(res).toEqual(yoga);
        expect(res.body).not.toContain('member@edge.test');
        if (headers.Authorization?.startsWith('Bearer')) {
          expect(res.status, JSON.stringify(headers)).toBe(401);
          expect(JSON.parse(res.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
        }
      }
    }
    // The expired token's row is really expired (not merely dropped from the cache).
    const [row] = await t.database.db
      .select({ expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.userId, await userIdByEmail(t.database.db, 'member@edge.test')))
      .orderBy(sessions.expiresAt)
      .limit(1);
    expect(Date.parse(String(row!.expiresAt))).toBeLessThan(Date.now());
  });

  it('answers garbage exactly as Yoga does, over HTTP and through fetch, and never by the edge', async () => {
    const hit = { query: LIST, variables: { first: 5 } };
    await cached(JSON.stringify(hit), tok.member);
    const bodies: [string, string][] = [
      ['malformed JSON', '{"query": "{ viewer { email } }"'],
      ['empty body', ''],
      ['null', 'null'],
      ['a string', '"{ viewer { email } }"'],
      ['query not a string', JSON.stringify({ query: 1 })],
      ['query an object', JSON.stringify({ query: { kind: 'Document' } })],
      ['extra key', JSON.stringify({ ...hit, id: 'x' })],
      [
        '__proto__ key',
        `{"__proto__": {"x": 1}, "query": ${JSON.stringify(LIST)}, "variables": {"first": 5}}`,
      ],
      ['batched', JSON.stringify([hit])],
      ['empty batch', '[]'],
      ['extensions', JSON.stringify({ ...hit, extensions: {} })],
      [
        'persisted query',
        JSON.stringify({ ...hit, extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } } }),
      ],
      ['variables an array', JSON.stringify({ query: LIST, variables: [5] })],
      ['variables a string', JSON.stringify({ query: LIST, variables: '{"first":5}' })],
      ['operationName a number', JSON.stringify({ ...hit, operationName: 1 })],
      ['operationName empty', JSON.stringify({ ...hit, operationName: '' })],
      ['unknown operationName', JSON.stringify({ ...hit, operationName: 'Nope' })],
      ['NUL in a variable', JSON.stringify({ query: LIST, variables: { first: 5, x: 'a\u0000b' } })],
      [
        'NUL in an unused variable’s name',
        JSON.stringify({ query: LIST, variables: { first: 5, 'a\u0000': 1 } }),
      ],
      ['huge variables', JSON.stringify({ query: LIST, variables: { first: 5, pad: 'x'.repeat(15_000) } })],
      [
        'deep variables',
        JSON.stringify({
          query: LIST,
          variables: { first: 5, d: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) },
        }),
      ],
      ['over 16 KB', JSON.stringify({ ...hit, variables: { first: 5, pad: 'x'.repeat(17_000) } })],
      ['BOM', `\ufeff${JSON.stringify(hit)}`],
      ['lone surrogate', `{"query": ${JSON.stringify(LIST)}, "variables": {"first": 5, "s": "\\ud800"}}`],
      [
        'duplicate query key',
        `{"query": ${JSON.stringify(RENAME)}, "query": ${JSON.stringify(LIST)}, "variables": {"first": 5}}`,
      ],
      ['syntax error', JSON.stringify({ query: '{ reconciliations(first: 5) { ' })],
      ['subscription', JSON.stringify({ query: 'subscription { x }' })],
      ['two anonymous operations', JSON.stringify({ query: '{ viewer { email } } { viewer { role } }' })],
    ];
    const answered = new Set<string>();
    for (const [what, body] of bodies) {
      for (const [how, send] of [
        ['http', (h: Record<string, string | undefined>) => post(port, body, h)],
        ['fetch', (h: Record<string, string | undefined>) => viaFetch(t.app, body, h)],
      ] as const) {
        // Once first: whatever Yoga caches of it is cached for both below.
        await send(json(tok.member, { Origin: BAD_ORIGIN }));
        const before = await edgeCount();
        const res = await send(json(tok.member));
        const yoga = await send(json(tok.member, { Origin: BAD_ORIGIN }));
        expect(res, `${what} (${how})`).toEqual(yoga);
        // The edge answers only what Yoga answers from the cache (a variable no operation declares
        // is ignored by both; a long one is still a query); it may step aside for more (extensions).
        const yogaHit = yoga.status === 200 && JSON.parse(yoga.body).extensions?.responseCache?.hit === true;
        const edgeAnswered = (await edgeCount()).total - before.total;
        expect(edgeAnswered, `${what} (${how})`).toBe(edgeAnswered && yogaHit ? 1 : 0);
        if (edgeAnswered) answered.add(what);
      }
    }
    expect([...answered]).toEqual([
      'NUL in an unused variable’s name',
      'huge variables',
      'duplicate query key', // the last one counts, for both: the cached query
    ]);
    // Headers the edge reads, in forms it does not expect.
    const body = JSON.stringify(hit);
    const headerCases: [string, Record<string, string>][] = [
      ['graphql+json', { 'Content-Type': 'application/graphql+json' }],
      ['odd media type case', { 'Content-Type': 'Application/JSON ; charset=utf-8' }],
      ['latin-1 body type', { 'Content-Type': 'application/json; charset=latin1' }],
      ['text/plain', { 'Content-Type': 'text/plain' }],
      ['no content type', { 'Content-Type': '' }],
      ['Accept html', { Accept: 'text/html' }],
      ['Accept stream then json', { Accept: 'text/event-stream, application/json' }],
      ['Accept utf-16', { Accept: 'application/json; charset=utf-16' }],
      ['lower-case bearer', { Authorization: `bearer ${tok.member}` }],
      ['bearer with spaces', { Authorization: `  Bearer   ${tok.member}  ` }],
    ];
    for (const [what, extra] of headerCases) {
      for (const [how, send] of [
        ['http', (h: Record<string, string | undefined>) => post(port, body, h)],
        ['fetch', (h: Record<string, string | undefined>) => viaFetch(t.app, body, h)],
      ] as const) {
        const headers = { ...json(tok.member), ...extra };
        const res = await send(headers);
        const yoga = await send({ ...headers, Origin: BAD_ORIGIN });
        expect(res, `${what} (${how})`).toEqual(yoga);
      }
    }
    // Streams (server-sent events, multipart) are Yoga's alone: the same status and headers.
    for (const accept of ['text/event-stream', 'multipart/mixed']) {
      const before = await edgeCount();
      const bytes = (origin: boolean) =>
        [
          'POST /graphql HTTP/1.1',
          'Host: test',
          'Content-Type: application/json',
          `Authorization: Bearer ${tok.member}`,
          `Accept: ${accept}`,
          ...(origin ? [`Origin: ${BAD_ORIGIN}`] : []),
          `Content-Length: ${body.length}`,
          '',
          body,
        ].join('\r\n');
      const res = await raw(port, bytes(false), 500);
      const yoga = await raw(port, bytes(true), 500);
      expect(res, accept).toEqual(yoga);
      expect(res, accept).toMatchObject({
        status: 200,
        headers: { 'content-type': expect.stringContaining(accept) },
      });
      expect((await edgeCount()).total - before.total).toBe(0);
    }
  });

  it('survives lying, chunked, pipelined and abandoned requests over raw TCP', async () => {
    const body = JSON.stringify({ query: LIST, variables: { first: 5 } });
    await cached(body, tok.member);
    const head = (extra: string[], origin = false) =>
      [
        'POST /graphql HTTP/1.1',
        'Host: test',
        'Content-Type: application/json',
        `Authorization: Bearer ${tok.member}`,
        ...(origin ? [`Origin: ${BAD_ORIGIN}`] : []),
        ...extra,
      ].join('\r\n');
    const both = async (what: string, bytes: (origin: boolean) => string, halfClose = false) => {
      const before = await edgeCount();
      const res = await raw(port, bytes(false), 3000, halfClose);
      const yoga = await raw(port, bytes(true), 3000, halfClose);
      expect(res, what).toEqual(yoga);
      expect(res, what).not.toBe('timeout');
      return (await edgeCount()).total - before.total;
    };
    // Content-Length shorter than the body: the rest is read as the next request (node's 400).
    expect(
      await both(
        'short length',
        (o) => `${head(['Connection: close', `Content-Length: ${body.length - 5}`], o)}\r\n\r\n${body}`,
      ),
    ).toBe(0);
    // Longer than the body, then the client half-closes: nothing complete to answer.
    expect(
      await both(
        'long length',
        (o) => `${head([`Content-Length: ${body.length + 50}`], o)}\r\n\r\n${body}`,
        true,
      ),
    ).toBe(0);
    // Chunked, no Content-Length: Yoga's.
    const chunked = (o: boolean) =>
      `${head(['Connection: close', 'Transfer-Encoding: chunked'], o)}\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    expect(await both('chunked', chunked)).toBe(0);
    // Lengths in forms node's parser may or may not take.
    for (const length of [
      `+${body.length}`,
      `0${body.length}`,
      `${body.length}, ${body.length}`,
      `${body.length} `,
    ]) {
      await both(
        `Content-Length "${length}"`,
        (o) => `${head(['Connection: close', `Content-Length: ${length}`], o)}\r\n\r\n${body}`,
      );
    }
    // Expect: 100-continue is answered, then the hit.
    const cont = await raw(
      port,
      `${head(['Connection: close', 'Expect: 100-continue', `Content-Length: ${body.length}`])}\r\n\r\n${body}`,
    );
    expect(cont).not.toBe('timeout');
    // Three pipelined requests on one connection: a hit, a 304 and a miss, answered in order.
    const etag = (await post(port, body, json(tok.member))).headers.etag!;
    const miss = JSON.stringify({ query: print(graphql(`query EdgeViewer { viewer { email } }`)) });
    const pipelined = [
      `${head([`Content-Length: ${body.length}`])}\r\n\r\n${body}`,
      `${head([`Content-Length: ${body.length}`, `If-None-Match: ${etag}`])}\r\n\r\n${body}`,
      `${head(['Connection: close', `Content-Length: ${miss.length}`])}\r\n\r\n${miss}`,
    ].join('');
    const all = await rawAll(port, pipelined);
    expect(all.map((a) => a.status)).toEqual([200, 304, 200]);
    expect(JSON.parse(all[0]!.body).extensions.responseCache.hit).toBe(true);
    expect(JSON.parse(all[2]!.body).data).toEqual({ viewer: { email: 'member@edge.test' } });
    // A client that goes away mid-body, and one that stops after the headers.
    for (const cut of [body.slice(0, 10), '']) {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.on('error', () => {});
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write(`${head([`Content-Length: ${body.length}`])}\r\n\r\n${cut}`);
      await new Promise((r) => setTimeout(r, 50));
      socket.destroy();
    }
    // The server still answers, at the edge.
    const before = await edgeCount();
    const after = await post(port, body, json(tok.member));
    expect(after.status).toBe(200);
    expect((await edgeCount()).edge200 - before.edge200).toBe(1);
  });

  it('cuts off a client trickling its body as Yoga’s path does (node’s request timeout)', async () => {
    const slow = createHttpServer(t.app, {
      ...HTTP_LIMITS,
      headersTimeoutMs: 500,
      requestTimeoutMs: 1000,
    });
    const slowPort = await listen(slow);
    try {
      const body = JSON.stringify({ query: LIST, variables: { first: 5 } });
      const started = performance.now();
      const [edge, yoga] = await Promise.all(
        [false, true].map((origin) =>
          raw(
            slowPort,
            [
              'POST /graphql HTTP/1.1',
              'Host: test',
              'Content-Type: application/json',
              `Authorization: Bearer ${tok.member}`,
              ...(origin ? [`Origin: ${BAD_ORIGIN}`] : []),
              `Content-Length: ${body.length}`,
              '',
              body.slice(0, 20),
            ].join('\r\n'),
            8000,
          ),
        ),
      );
      expect(edge).toEqual(yoga);
      expect(edge).toMatchObject({ status: 408 });
      expect(performance.now() - started).toBeLessThan(6000);
      // The server goes on answering.
      expect((await post(slowPort, body, json(tok.member))).status).toBe(200);
    } finally {
      await closeServer(slow);
    }
  });

  it('answers 50 concurrent identical hits over keep-alive connections, all at the edge', async () => {
    const body = JSON.stringify({ query: PROJECTS });
    const miss = await cached(body, tok.other);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const sockets = new Set<unknown>();
    const before = await edgeCount();
    try {
      const answers = await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<{ status: number; body: string; etag: string | undefined }>((resolve, reject) => {
              const req = httpRequest(
                {
                  host: '127.0.0.1',
                  port,
                  method: 'POST',
                  path: '/graphql',
                  agent,
                  headers: { ...json(tok.other), 'Content-Length': Buffer.byteLength(body) },
                },
                (res) => {
                  const chunks: Buffer[] = [];
                  res.on('data', (c) => chunks.push(c));
                  res.on('end', () =>
                    resolve({
                      status: res.statusCode!,
                      body: Buffer.concat(chunks).toString(),
                      etag: res.headers.etag,
                    }),
                  );
                },
              );
              req.on('error', reject);
              req.on('socket', (socket) => sockets.add(socket));
              req.end(body);
            }),
        ),
      );
      const expected = JSON.stringify({
        ...JSON.parse(miss.body),
        extensions: { responseCache: { hit: true } },
      });
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.body).toBe(expected);
        expect(a.etag).toBe(miss.headers.etag);
      }
      // 50 requests on at most 8 connections: kept alive and reused.
      expect(sockets.size).toBeLessThanOrEqual(8);
      expect((await edgeCount()).edge200 - before.edge200).toBe(50);
    } finally {
      agent.destroy();
    }
  });

  it('counts a request once against the limit, answered at the edge or by Yoga; its 429 is Yoga’s', async () => {
    const rlMetrics = new Metrics('edge-rl');
    const r = await createTestApp(
      'edgerl',
      { ...LONG_TTLS, RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'true' },
      { cache: 'redis', metrics: rlMetrics, shareDatabaseWith: t },
    );
    const rlServer = createHttpServer(r.app, HTTP_LIMITS);
    const rlPort = await listen(rlServer);
    const count = edgeCountOf(rlMetrics);
    try {
      const hit = JSON.stringify({ query: LIST, variables: { first: 2 } });
      const from = (address: string, extra: Record<string, string> = {}) =>
        json(tok.member2, { 'X-Forwarded-For': address, ...extra });
      // Cached from an address of its own.
      await viaFetch(r.app, hit, from('10.9.9.9'));
      let n = 0;
      for (const [how, send] of [
        ['http', (b: string, h: Record<string, string | undefined>) => post(rlPort, b, h)],
        ['fetch', (b: string, h: Record<string, string | undefined>) => viaFetch(r.app, b, h)],
      ] as const) {
        // Five hits at the edge, then its refusal; the same request to Yoga (Origin) is refused alike.
        const a = `10.0.0.${++n}`;
        const before = await count();
        for (let i = 0; i < 5; i++) expect((await send(hit, from(a))).status, `${how} hit ${i}`).toBe(200);
        const refused = await send(hit, from(a));
        const yoga = await send(hit, from(a, { Origin: BAD_ORIGIN }));
        const after = await count();
        expect(after.edge200 - before.edge200, how).toBe(5);
        expect(after.edge429 - before.edge429, how).toBe(1);
        expect(refused.status, how).toBe(429);
        expect(refused.headers['retry-after'], how).toMatch(/^\d+$/);
        const { 'retry-after': _r1, ...refusedHeaders } = refused.headers;
        const { 'retry-after': _r2, ...yogaHeaders } = yoga.headers;
        expect({ ...refused, headers: refusedHeaders }, how).toEqual({ ...yoga, headers: yogaHeaders });
        // Every kind of request counted once: a hit (edge), a miss and an unknown token (read by
        // the edge, answered by Yoga), an Origin (Yoga alone), a mutation (Yoga). The sixth is refused.
        const b = `10.0.1.${n}`;
        const statuses = [];
        for (const [body, headers] of [
          [hit, from(b)],
          [JSON.stringify({ query: LIST, variables: { first: 100 + n } }), from(b)],
          [hit, from(b, { Authorization: `Bearer ${'Z'.repeat(43)}` })],
          [hit, from(b, { Origin: BAD_ORIGIN })],
          [JSON.stringify({ query: 'mutation { __typename }' }), from(b)],
          [hit, from(b)],
        ] as const) {
          statuses.push((await send(body, headers)).status);
        }
        expect(statuses, how).toEqual([200, 200, 401, 200, 200, 429]);
      }
    } finally {
      await closeServer(rlServer);
      await r.close();
    }
  });

  it('remembers a document’s operations for signed-in sessions only, as Yoga’s path does', async () => {
    /** The operation kinds the edge asks for, watched. */
    class Watched extends OperationKinds {
      asked: string[] = [];
      override of(document: string, operationName: string | null | undefined) {
        this.asked.push(document);
        return super.of(document, operationName);
      }
    }
    const kinds = new Watched();
    const edge = new CacheEdge({
      cache: t.caches.cache!,
      kinds,
      misses: new WeakMap(),
      schemaVersion: 'edge-test',
      graphqlEndpoint: '/graphql',
      includeMetadata: true,
      viewerOf: (token) => t.caches.sessions.viewer(t.database.db, token),
      databaseUp: () => true,
      limit: null,
      counted: new WeakSet(),
      coalescer: new MissCoalescer(),
    });
    const request = (token: string): EdgeRequest => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      };
      return {
        method: 'POST',
        url: '/graphql',
        header: (name) => headers[name] ?? null,
        message: {},
        address: () => '10.1.1.1',
        bodyInMemory: true,
      };
    };
    const document = `{ viewer { email } } # ${'x'.repeat(100)}`;
    const stranger = request('S'.repeat(43));
    expect(edge.wants(stranger)).toBe(true);
    expect(await edge.answer(stranger, JSON.stringify({ query: document }))).toBeNull();
    // A bearer-shaped token of no session fills nothing (Yoga's onParams: the viewer first).
    expect(kinds.asked).toEqual([]);
    expect(await edge.answer(request(tok.member), JSON.stringify({ query: document }))).toBeNull();
    expect(kinds.asked).toEqual([document]);
  });

  // KNOWN BUG since 3de2737 (responses keyed by the token's hash, not the viewer's role): a role
  // changed in the database without dropPermissions reaches the session within 60 s
  // (src/cache/sessions.ts) but not its cached responses, which keep the old role's answers for
  // their TTL (up to an hour). Both paths agree (the edge and Yoga's onParams). Flip to `it` once fixed.
  it('serves no answer cached under a role the session no longer has, once its session is read again', async () => {
    const db = t.database.db;
    const user = await createUser(db, orgId, 'admin', 'demoted@edge.test');
    const token = await t.signIn('demoted@edge.test');
    const body = JSON.stringify({ query: print(graphql(`query EdgeViewerRole { viewer { email role } }`)) });
    await cached(body, token);
    expect(JSON.parse((await post(port, body, json(token))).body).data.viewer.role).toBe('ADMIN');
    // Demoted in the database, without dropPermissions: it applies when the session's cached entry
    // expires (60 s, src/cache/sessions.ts), here at once by deleting that entry as its TTL would.
    await db.update(users).set({ role: 'viewer' }).where(eq(users.id, user.id));
    const redis = new Redis(inject('redisUrl'));
    try {
      const entry = `${inject('runId')}:edge:rc:entry:user:session:${hashToken(token)}`;
      expect(await redis.del(entry)).toBe(1);
    } finally {
      redis.disconnect();
    }
    for (const send of [() => post(port, body, json(token)), () => viaFetch(t.app, body, json(token))]) {
      const res = await send();
      expect(JSON.parse(res.body).data.viewer).toEqual({ email: 'demoted@edge.test', role: 'VIEWER' });
    }
  });

  it('never answers what a write has invalidated; a pipelined miss is answered before the hit behind it', async () => {
    const body = JSON.stringify({ query: PROJECTS });
    const token = await t.signIn('member2@edge.test');
    await cached(body, token);
    const rename = (name: string) =>
      viaFetch(t.app, JSON.stringify({ query: RENAME, variables: { id: projectId, name } }), json(token));
    for (const name of ['Invalidated 1', 'Invalidated 2']) {
      expect((await rename(name)).status).toBe(200);
      const before = await edgeCount();
      const first = await post(port, body, json(token));
      expect(first.body).toContain(name);
      expect(JSON.parse(first.body).extensions.responseCache.hit).toBe(false);
      const second = await post(port, body, json(token));
      expect(second.body).toContain(name);
      expect((await edgeCount()).edge200 - before.edge200).toBe(1);
    }
    // A miss (Yoga, slower) then a hit (edge) on one connection: answered in the order asked.
    const miss = JSON.stringify({ query: LIST, variables: { first: 7 } });
    const request = (b: string, last = false) =>
      [
        'POST /graphql HTTP/1.1',
        'Host: test',
        'Content-Type: application/json',
        `Authorization: Bearer ${token}`,
        ...(last ? ['Connection: close'] : []),
        `Content-Length: ${Buffer.byteLength(b)}`,
        '',
        b,
      ].join('\r\n');
    const all = await rawAll(port, request(miss) + request(body, true));
    expect(all.map((a) => JSON.parse(a.body).extensions.responseCache.hit)).toEqual([false, true]);
    expect(JSON.parse(all[0]!.body).data.reconciliations.totalCount).toBe(2);
    expect(JSON.parse(all[1]!.body).data.projects).toBeTruthy();
  });
});

/** Every answer on one connection (sent at once: pipelined), until the server closes it. */
function rawAll(port: number, bytes: string): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no close'));
    }, 5000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      let rest = Buffer.concat(chunks);
      const answers: Answer[] = [];
      while (rest.length) {
        const split = rest.indexOf('\r\n\r\n');
        const head = rest.subarray(0, split).toString('latin1');
        const length = /content-length: (\d+)/i.exec(head)?.[1];
        const end = split + 4 + Number(length ?? 0);
        answers.push(parseAnswer(rest.subarray(0, end)));
        rest = rest.subarray(end);
      }
      resolve(answers);
    });
    socket.write(bytes);
  });
}

describe('cache edge with PostgreSQL gone', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let proxy: TcpProxy;
  let database: Database;
  let caches: Awaited<ReturnType<typeof createCaches>>;
  let app: App;
  let server: Server;
  let port: number;
  const metrics = new Metrics('edge-down');
  const count = edgeCountOf(metrics);

  beforeAll(async () => {
    ({ handle, proxy, database } = await createProxiedDatabase('edgedown', { DB_POOL_MAX: 2 }));
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'member', 'down@edge.test');
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      CACHE_ENABLED: 'true',
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('runId')}:edgedown:`,
      ...LONG_TTLS,
    });
    const logger = pino({ level: 'silent' });
    caches = await createCaches(config, logger);
    app = createApp({
      database,
      config,
      logger,
      cache: caches.cache,
      sessions: caches.sessions,
      metrics,
      redisHealth: caches.breaker,
    });
    server = createHttpServer(app, HTTP_LIMITS);
    port = await listen(server);
  });
  afterAll(async () => {
    proxy?.thaw();
    await closeServer(server);
    await app?.dispose();
    await caches?.close();
    await database?.close();
    await proxy?.close();
    await handle?.close();
  });

  const ready = async () => (await app.fetch('http://test/readyz')).status;

  it('steps aside while PostgreSQL is unreachable (Yoga’s 503), and answers again once it is back', async () => {
    const signIn = await viaFetch(
      app,
      JSON.stringify({
        query: print(
          graphql(
            `mutation EdgeSessionCreate { sessionCreate(input: { email: "down@edge.test", password: "test-password" }) { token } }`,
          ),
        ),
      }),
      { 'Content-Type': 'application/json' },
    );
    const token = JSON.parse(signIn.body).data.sessionCreate.token as string;
    const body = JSON.stringify({ query: print(graphql(`query EdgeViewer { viewer { email } }`)) });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    await viaFetch(app, body, headers);
    const sends = [() => post(port, body, headers), () => viaFetch(app, body, headers)];
    let before = await count();
    for (const send of sends) expect((await send()).status).toBe(200);
    expect((await count()).edge200 - before.edge200).toBe(2);

    proxy.frozen = true;
    await until(async () => (await ready()) === 503, 10_000);
    before = await count();
    for (const send of sends) {
      const res = await send();
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(res.body).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    expect((await count()).total - before.total).toBe(0);

    proxy.thaw();
    await until(async () => (await ready()) === 200, 10_000);
    before = await count();
    for (const send of sends)
      expect(JSON.parse((await send()).body).data).toEqual({ viewer: { email: 'down@edge.test' } });
    expect((await count()).edge200 - before.edge200).toBe(2);
  });
});

describe.skipIf(!hasRedisServer)('cache edge with Redis frozen', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let token: string;
  const metrics = new Metrics('edge-redis');
  const count = edgeCountOf(metrics);

  beforeAll(async () => {
    redis = await startOwnRedis();
    t = await createTestApp(
      'edgeredis',
      { ...LONG_TTLS, REDIS_COMMAND_TIMEOUT_MS: '200' },
      { cache: 'redis', redisUrl: redis.url, metrics },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'frozen-redis@edge.test');
    token = await t.signIn('frozen-redis@edge.test');
  });
  afterAll(async () => {
    redis?.thaw();
    await t?.close();
    await redis?.stop();
  });

  it('steps aside (Yoga answers, correctly and soon) while Redis answers nothing, and answers again after', async () => {
    const body = JSON.stringify({ query: print(graphql(`query EdgeViewer { viewer { email } }`)) });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    const expected = { viewer: { email: 'frozen-redis@edge.test' } };
    await viaFetch(t.app, body, headers);
    let before = await count();
    expect(JSON.parse((await viaFetch(t.app, body, headers)).body).data).toEqual(expected);
    expect((await count()).edge200 - before.edge200).toBe(1);

    redis.freeze();
    before = await count();
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await viaFetch(t.app, body, headers);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body).data).toEqual(expected);
      // a few command timeouts (200 ms) at most; wide for a loaded machine
      expect(performance.now() - started).toBeLessThan(3000);
    }
    expect((await count()).total - before.total).toBe(0);

    redis.thaw();
    const deadline = Date.now() + 15_000;
    for (;;) {
      before = await count();
      const res = await viaFetch(t.app, body, headers);
      expect(JSON.parse(res.body).data).toEqual(expected);
      if ((await count()).edge200 > before.edge200) break;
      if (Date.now() > deadline) throw new Error('the edge did not answer again');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});
