/**
 * Operations logging (src/access-log.ts, src/log.ts' request mixin, src/app.ts): one 'request' line
 * per request at info level (a probe's at debug) with its id, method, path, operation, status,
 * duration, cache hit or miss, signed in or not and statement count; every line logged while a
 * request is served carries its `requestId` (the slow log, the error log, Yoga's); a masked error
 * carries the same id in `extensions`, the one in the X-Request-Id header; no line holds a token,
 * a password or a variable's value.
 *
 * Documents are plain strings here: the tests are about log lines, not result types.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { until } from '../helpers/wait.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SLOW_MS = 200;
const PASSWORD = 'test-password';

interface LogLine {
  msg: string;
  level: number;
  requestId?: string | null;
  method?: string;
  path?: string;
  operationName?: string | null;
  status?: number;
  durationMs?: number;
  cache?: string | null;
  signedIn?: boolean;
  statements?: number;
  err?: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the access log and request ids in log lines', () => {
  let t: TestApp;
  let token = '';
  let projectId = '';
  let server: Server;
  let base = '';
  const lines: string[] = [];
  const parsed = () => lines.map((l) => JSON.parse(l) as LogLine);
  const accessLines = (requestId: string) =>
    parsed().filter((l) => l.msg === 'request' && l.requestId === requestId);

  beforeAll(async () => {
    t = await createTestApp(
      'accesslog',
      { SLOW_QUERY_MS: String(SLOW_MS), ACCESS_LOG: 'true' },
      { rawLogLines: lines, cache: 'memory' },
    );
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'access@example.test');
    projectId = (await createProject(t.database.db, org.id, { name: 'Logged' })).id;
    token = await t.signIn('access@example.test', PASSWORD);
    server = createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  const PROJECTS = 'query AccessLogProjects { projects { totalCount } }';

  it('writes one request line per request: the id sent, or the one answered', async () => {
    const sent = await t.request(PROJECTS, {}, { token, headers: { 'x-request-id': 'access-1' } });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('x-request-id')).toBe('access-1');
    const made = await t.request(PROJECTS, {}, { token });
    const madeId = made.headers.get('x-request-id')!;
    expect(madeId).toMatch(UUID);

    const [first, ...more] = accessLines('access-1');
    expect(more).toEqual([]);
    expect(first).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      operationName: 'AccessLogProjects',
      status: 200,
      cache: 'miss',
      signedIn: true,
    });
    expect(first!.durationMs).toBeGreaterThan(0);
    expect(first!.statements).toBeGreaterThan(0);

    // The second: the same query, answered from the cache at the edge, no statement.
    const second = accessLines(madeId);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      operationName: 'AccessLogProjects',
      status: 200,
      cache: 'hit',
      signedIn: true,
      statements: 0,
    });
  });

  it("says hit for a 304 and for Yoga's own cache lookup (GET), over node:http too", async () => {
    const hit = await t.request(PROJECTS, {}, { token, headers: { 'x-request-id': 'access-etag-1' } });
    const etag = hit.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'if-none-match': etag,
        'x-request-id': 'access-304',
      },
      body: JSON.stringify({ query: PROJECTS }),
    });
    expect(res.status).toBe(304);
    expect(accessLines('access-304')).toEqual([
      expect.objectContaining({ status: 304, cache: 'hit', method: 'POST', path: '/graphql' }),
    ]);

    const params = new URLSearchParams({ query: PROJECTS });
    const get = await fetch(`${base}/graphql?${params}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'access-get' },
    });
    expect(get.status).toBe(200);
    await get.text();
    // The query string (the document, the variables) is not the path.
    // Sent whole: not aborted.
    expect(accessLines('access-get')[0]).not.toHaveProperty('aborted');
    expect(accessLines('access-get')).toEqual([
      expect.objectContaining({
        status: 200,
        cache: 'hit',
        method: 'GET',
        path: '/graphql',
        operationName: 'AccessLogProjects',
        signedIn: true,
      }),
    ]);
  });

  it('logs an anonymous request, a mutation and a sign-in as not cached, with no secret in any line', async () => {
    const anonymous = await t.request(
      'query AccessLogAnon { __typename }',
      {},
      {
        headers: { 'x-request-id': 'access-anon' },
      },
    );
    expect(anonymous.status).toBe(200);
    expect(accessLines('access-anon')).toEqual([
      expect.objectContaining({ status: 200, cache: null, signedIn: false, operationName: 'AccessLogAnon' }),
    ]);

    const update = await t.request(
      `mutation AccessLogRename($id: ID!, $input: ProjectInput!) {
         projectUpdate(id: $id, input: $input) { project { name } userErrors { code } }
       }`,
      { id: encodeGlobalId('Project', projectId), input: { name: 'variable-value-secret' } },
      { token, headers: { 'x-request-id': 'access-mutation' } },
    );
    expect(update.errors).toBeUndefined();
    expect(accessLines('access-mutation')).toEqual([
      expect.objectContaining({ status: 200, cache: null, signedIn: true, operationName: 'AccessLogRename' }),
    ]);

    const again = await t.request(
      'mutation AccessLogSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }',
      { email: 'access@example.test', password: PASSWORD },
      { headers: { 'x-request-id': 'access-signin' } },
    );
    const second = again.data as { sessionCreate: { token: string } };
    expect(second.sessionCreate.token).toBeTruthy();
    expect(accessLines('access-signin')).toEqual([
      expect.objectContaining({ status: 200, signedIn: false, operationName: 'AccessLogSignIn' }),
    ]);

    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(second.sessionCreate.token);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain('variable-value-secret');
    expect(all).not.toContain('access@example.test');
  });

  it('logs probes below info, and other paths at info', async () => {
    const health = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'access-health' } });
    expect(health.status).toBe(200);
    await health.text();
    const missing = await fetch(`${base}/nowhere?token=abc`, { headers: { 'x-request-id': 'access-404' } });
    expect(missing.status).toBe(404);
    await missing.text();
    // The line is written when the answer is done, after the client has it.
    await sleep(50);
    expect(accessLines('access-health')).toEqual([]);
    expect(accessLines('access-404')).toEqual([
      expect.objectContaining({ level: 30, status: 404, method: 'GET', path: '/nowhere', cache: null }),
    ]);
  });

  it('puts the id on every line of a request (slow statement, error) and in the masked error', async () => {
    // The table renamed away under a lock held until the request waits for it: its statement is
    // slow, then fails; the API masks the failure.
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holding = t.database.sql!.begin(async (tx) => {
      await tx`alter table projects rename column name to name_broken`;
      held();
      await released;
    });
    await Promise.race([isHeld, holding]);
    const before = lines.length;
    let response: Awaited<ReturnType<TestApp['request']>>;
    try {
      const pending = t.request(
        'query AccessLogBroken { projects { edges { node { name } } } }',
        {},
        { token, headers: { 'x-request-id': 'access-broken' } },
      );
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [row] = await t.database.sql!<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        if (row!.n > 0) break;
        if (Date.now() > deadline) throw new Error('no statement ever waited for the lock');
        await sleep(20);
      }
      await sleep(SLOW_MS + 100);
      release();
      await holding;
      response = await pending;
    } finally {
      release();
      await holding.catch(() => {});
      await t.database.db.execute('alter table projects rename column name_broken to name');
    }
    expect(response.headers.get('x-request-id')).toBe('access-broken');
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'access-broken',
    });

    // The test's own statements (its polling of pg_stat_activity, its lock) belong to no request.
    const during = lines
      .slice(before)
      .map((l) => JSON.parse(l) as LogLine)
      .filter((l) => !(l.msg === 'slow statement' && l.requestId === null));
    const messages = during.map((l) => l.msg);
    expect(during.filter((l) => l.msg === 'slow statement')).toEqual([
      expect.objectContaining({ requestId: 'access-broken', operationName: 'AccessLogBroken', failed: true }),
    ]);
    expect(messages).toContain('unexpected error');
    expect(messages).toContain('slow request');
    expect(messages).toContain('request');
    for (const line of during) expect(line.requestId, JSON.stringify(line)).toBe('access-broken');
    expect(accessLines('access-broken')).toEqual([
      expect.objectContaining({ status: 200, operationName: 'AccessLogBroken', cache: 'miss' }),
    ]);
  });
});

describe('the access line of a request whose client went away', () => {
  let t: TestApp;
  let token = '';
  let server: Server;
  let base = '';
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('accesslogabort', { ACCESS_LOG: 'true' }, { rawLogLines: lines });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'abort@example.test');
    token = await t.signIn('abort@example.test', PASSWORD);
    server = createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it('says aborted', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holding = t.database.sql!.begin(async (tx) => {
      await tx`lock table projects in access exclusive mode`;
      held();
      await released;
    });
    await Promise.race([isHeld, holding]);
    const client = new AbortController();
    try {
      const pending = fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-request-id': 'access-aborted',
        },
        body: JSON.stringify({ query: 'query AccessLogAborted { projects { totalCount } }' }),
        signal: client.signal,
      }).catch(() => null);
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [row] = await t.database.sql!<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        if (row!.n > 0) break;
        if (Date.now() > deadline) throw new Error('no statement ever waited for the lock');
        await sleep(20);
      }
      client.abort();
      expect(await pending).toBeNull();
      await until(async () => lines.some((l) => l.includes('"requestId":"access-aborted"')), 10_000);
    } finally {
      release();
      await holding.catch(() => {});
    }
    const access = lines
      .map((l) => JSON.parse(l) as LogLine & { aborted?: boolean })
      .filter((l) => l.msg === 'request' && l.requestId === 'access-aborted');
    expect(access).toEqual([
      expect.objectContaining({
        level: 30,
        aborted: true,
        operationName: 'AccessLogAborted',
        signedIn: true,
      }),
    ]);
  });
});

describe('ACCESS_LOG=false', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp('accesslogoff', { ACCESS_LOG: 'false' }, { rawLogLines: lines });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes no request line', async () => {
    const res = await t.request('{ __typename }', {}, { headers: { 'x-request-id': 'access-off' } });
    expect(res.status).toBe(200);
    expect(lines.filter((l) => JSON.parse(l).msg === 'request')).toEqual([]);
  });
});
