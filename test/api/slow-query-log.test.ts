/**
 * The slow-query log (src/slow-log.ts) and request ids (src/request-context.ts): a request whose
 * statement waits on a row lock past SLOW_QUERY_MS logs one 'slow statement' and one 'slow request'
 * line, both with the request id the response carries and the operation's name; a fast one logs
 * neither. Every response carries X-Request-Id: the caller's when it is a plain token, else a new
 * one, over app.fetch and over node:http, from Yoga and from the cache's edge (200 and 304).
 *
 * Documents are plain strings here: the tests are about operation names, not result types.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';

const SLOW_MS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface LogLine {
  msg: string;
  level: number;
  requestId?: string | null;
  operationName?: string | null;
  statement?: string;
  durationMs?: number;
  failed?: boolean;
  status?: number;
  statements?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the slow-query log', () => {
  let t: TestApp;
  let token = '';
  let projectId = '';
  const lines: string[] = [];
  const logged = (requestId: string) =>
    lines.map((l) => JSON.parse(l) as LogLine).filter((l) => l.requestId === requestId);

  beforeAll(async () => {
    t = await createTestApp('slowlog', { SLOW_QUERY_MS: String(SLOW_MS) }, { rawLogLines: lines });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'slow@example.test');
    projectId = (await createProject(t.database.db, org.id, { name: 'Locked' })).id;
    token = await t.signIn('slow@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Holds the project's row lock from another connection until `release()`. */
  async function lockProject() {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holding = t.database.sql!.begin(async (tx) => {
      await tx`select id from projects where id = ${projectId} for update`;
      held();
      await released;
    });
    await Promise.race([isHeld, holding]);
    return { release, holding };
  }

  /** Resolves once some backend of this database waits for a lock. */
  async function someoneWaits() {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const [row] = await t.database.sql!<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      if (row!.n > 0) return;
      await sleep(20);
    }
    throw new Error('no statement ever waited for the lock');
  }

  it('logs a statement and a request over SLOW_QUERY_MS once each, with the response id and the operation', async () => {
    const lock = await lockProject();
    let response: Awaited<ReturnType<TestApp['request']>>;
    try {
      const pending = t.request(
        `mutation SlowLogProjectUpdate($id: ID!, $input: ProjectInput!) {
           projectUpdate(id: $id, input: $input) { project { name } userErrors { code } }
         }`,
        { id: encodeGlobalId('Project', projectId), input: { name: 'secret-new-name' } },
        { token, headers: { 'x-request-id': 'slow-test-1' } },
      );
      await someoneWaits();
      // The mutation's lock statement has waited at least this long once the lock goes.
      await sleep(SLOW_MS + 300);
      lock.release();
      response = await pending;
    } finally {
      lock.release();
      await lock.holding;
    }
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      projectUpdate: { project: { name: 'secret-new-name' }, userErrors: [] },
    });
    expect(response.headers.get('x-request-id')).toBe('slow-test-1');

    const mine = logged('slow-test-1');
    const statements = mine.filter((l) => l.msg === 'slow statement');
    const requests = mine.filter((l) => l.msg === 'slow request');
    expect(statements).toHaveLength(1);
    expect(requests).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({ level: 40, operationName: 'SlowLogProjectUpdate', failed: false });
    // The lock it waited for: one line, whitespace collapsed, $n placeholders and no values.
    expect(statement!.statement).toMatch(/^select .* for no key update$/);
    expect(statement!.statement).not.toMatch(/\s{2}|\n/);
    expect(statement!.statement).toContain('$1');
    expect(statement!.statement).not.toContain(projectId);
    expect(statement!.durationMs).toBeGreaterThanOrEqual(SLOW_MS);
    const [request] = requests;
    expect(request).toMatchObject({ level: 40, operationName: 'SlowLogProjectUpdate', status: 200 });
    expect(request!.durationMs).toBeGreaterThanOrEqual(statement!.durationMs!);
    // the lock, the update, the audit row (at least)
    expect(request!.statements).toBeGreaterThanOrEqual(3);
    expect(lines.join('\n')).not.toContain('secret-new-name');
  });

  it('logs nothing for a fast request', async () => {
    const response = await t.request(`query SlowLogFast { projects { totalCount } }`, {}, { token });
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    // Nothing under the threshold is logged (a generous one: this ran a couple of index lookups).
    expect(logged(id!)).toEqual([]);
  });
});

describe('X-Request-Id', () => {
  let t: TestApp;
  let token = '';
  let server: Server;
  let base = '';

  beforeAll(async () => {
    t = await createTestApp('requestid', {}, { cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'viewer', 'rid@example.test');
    token = await t.signIn('rid@example.test');
    server = createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  const query = (
    headers: Record<string, string> = {},
    via: 'fetch' | 'http' = 'fetch',
    path = '/graphql',
  ) => {
    const init: RequestInit = {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...headers,
      },
      body: JSON.stringify({ query: 'query RequestIdProjects { projects { totalCount } }' }),
    };
    return via === 'fetch' ? t.app.fetch(`http://test${path}`, init) : fetch(`${base}${path}`, init);
  };

  it("echoes the caller's plain-token id, over app.fetch and node:http", async () => {
    for (const via of ['fetch', 'http'] as const) {
      const res = await query({ 'x-request-id': `abc-123.DEF:${via}_9` }, via);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe(`abc-123.DEF:${via}_9`);
    }
  });

  it('replaces a missing, too long or malformed id with a new one', async () => {
    const sent = [undefined, 'a'.repeat(129), 'two words', 'semi;colon', '<script>', 'é'];
    const seen = new Set<string>();
    for (const via of ['fetch', 'http'] as const) {
      for (const id of sent) {
        const res = await query(id === undefined ? {} : { 'x-request-id': id }, via);
        expect(res.status).toBe(200);
        const got = res.headers.get('x-request-id');
        expect(got, `${via} ${id}`).toMatch(UUID);
        seen.add(got!);
      }
    }
    expect(seen.size).toBe(sent.length * 2);
  });

  it('is on every answer: the edge (200, 304), errors, other paths', async () => {
    for (const via of ['fetch', 'http'] as const) {
      await query({}, via); // fills the cache
      const hit = await query({ 'x-request-id': `hit-${via}` }, via);
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-request-id')).toBe(`hit-${via}`);
      const etag = hit.headers.get('etag');
      expect(etag).toBeTruthy();
      const notModified = await query({ 'x-request-id': `etag-${via}`, 'if-none-match': etag! }, via);
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('x-request-id')).toBe(`etag-${via}`);

      const get = (path: string, init?: RequestInit) =>
        via === 'fetch' ? t.app.fetch(`http://test${path}`, init) : fetch(`${base}${path}`, init);
      const bad = await get('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': `bad-${via}` },
        body: '{not json',
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('x-request-id')).toBe(`bad-${via}`);
      const health = await get('/healthz', { headers: { 'x-request-id': `health-${via}` } });
      expect(health.headers.get('x-request-id')).toBe(`health-${via}`);
      const missing = await get('/nowhere');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-request-id')).toMatch(UUID);
    }
  });
});

describe('X-Request-Id on a refusal', () => {
  let t: TestApp;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp('requestid429', { RATE_LIMIT_PER_MINUTE: '2' }, { cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'viewer', 'rid429@example.test');
    token = await t.signIn('rid429@example.test'); // the first request of the two
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is on the 429 of the cache's edge and of Yoga", async () => {
    const signedIn = () =>
      t.request(
        `query RequestIdLimited { projects { totalCount } }`,
        {},
        { token, headers: { 'x-request-id': 'edge-429' } },
      );
    expect((await signedIn()).status).toBe(200);
    const edge = await signedIn();
    expect(edge.status).toBe(429);
    expect(edge.headers.get('x-request-id')).toBe('edge-429');
    const yoga = await t.request(`{ __typename }`, {}, { headers: { 'x-request-id': 'yoga-429' } });
    expect(yoga.status).toBe(429);
    expect(yoga.headers.get('x-request-id')).toBe('yoga-429');
  });
});
