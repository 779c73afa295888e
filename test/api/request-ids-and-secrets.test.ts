/**
 * Request ids as a hostile client sends them (CR, 10 KB, non-ASCII, JSON-breaking quotes,
 * duplicates, another request's id) and what lands in the logs at debug level (the most verbose an
 * operator may set): every line stays one JSON object, the id answered is the one on every line
 * and in a masked error's extensions, and no token, password or variable's value is written.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createCaches } from '../../src/cache/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { SlowLog, statementObserver } from '../../src/slow-log.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';
import { until } from '../helpers/wait.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PASSWORD = 'test-password';
const SECRETS = ['hunter2-WRONG-PASSWORD', 'nested-SECRET-value', 'variable-SECRET-name', 'Bearer-SECRET'];

interface Line {
  msg: string;
  level: number;
  requestId?: string | null;
  [key: string]: unknown;
}

/** One raw HTTP/1.1 request over a socket (headers exactly as written); the answer's head and body. */
function raw(port: number, head: string, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

const headerOf = (answer: string, name: string) =>
  new RegExp(`^${name}: (.*)$`, 'im').exec(answer.split('\r\n\r\n')[0] ?? '')?.[1]?.trim() ?? null;

describe('hostile request ids and secrets at debug level', () => {
  const lines: string[] = [];
  let close: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let server: Server;
  let port = 0;
  let token = '';
  let projectId = '';
  let sql: NonNullable<Awaited<ReturnType<typeof createMigratedDatabase>>['database']['sql']>;
  const parsed = () => lines.map((l) => JSON.parse(l) as Line);
  const accessLines = (id: string) => parsed().filter((l) => l.msg === 'request' && l.requestId === id);

  beforeAll(async () => {
    let observe: ((text: string, ms: number, failed: boolean) => void) | null = null;
    const handle = await createMigratedDatabase('reviewids', {
      onStatement: (text, ms, failed) => observe?.(text, ms, failed),
    });
    sql = handle.database.sql!;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_PER_MINUTE: '0',
      SIGNIN_ATTEMPTS_PER_15_MIN: '1000000',
      SIGNIN_PER_ADDRESS_PER_15_MIN: '1000000',
      SLOW_QUERY_MS: '1',
      ACCESS_LOG: 'true',
      CACHE_ENABLED: 'true',
    });
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const slowLog = new SlowLog(logger, config.SLOW_QUERY_MS);
    observe = statementObserver(undefined, slowLog);
    const caches = await createCaches(config, logger);
    app = createApp({
      database: handle.database,
      config,
      logger,
      cache: caches.cache,
      sessions: caches.sessions,
      redisHealth: caches.breaker,
      slowLog,
    });
    const db = handle.database.db;
    const org = await createOrganization(db);
    await createUser(db, org.id, 'member', 'ids@example.test');
    projectId = encodeGlobalId('Project', (await createProject(db, org.id, { name: 'Ids' })).id);
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    const signIn = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation ReviewSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }',
        variables: { email: 'ids@example.test', password: PASSWORD },
      }),
    });
    token = ((await signIn.json()) as { data: { sessionCreate: { token: string } } }).data.sessionCreate
      .token;
    expect(token).toBeTruthy();
    close = async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.dispose();
      await caches.close();
      await handle.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });

  const graphqlHead = (id: string) =>
    `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\naccept: application/json\r\nauthorization: Bearer ${token}\r\nx-request-id: ${id}`;
  const body = JSON.stringify({ query: 'query ReviewIds { projects { totalCount } }' });

  const hostile: [string, string][] = [
    ['10 KB', 'a'.repeat(10_000)],
    ['129 characters', 'b'.repeat(129)],
    ['non-ASCII (UTF-8 bytes)', Buffer.from('idé-ünï-☃', 'utf8').toString('latin1')],
    ['JSON-breaking quotes', 'x","level":60,"msg":"forged'],
    ['a backslash', 'x\\u000a'],
    ['a space and a comma', 'a, b'],
    ['a tab', 'a\tb'],
  ];
  for (const [what, id] of hostile) {
    it(`answers an id of ${what} with a new one, the same on the access line, every line JSON`, async () => {
      const before = lines.length;
      const answer = await raw(port, graphqlHead(id), body);
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      const answered = headerOf(answer, 'x-request-id');
      expect(answered).toMatch(UUID);
      await until(async () => accessLines(answered!).length > 0, 10_000);
      for (const l of lines.slice(before)) expect(() => JSON.parse(l)).not.toThrow();
      expect(accessLines(answered!)).toHaveLength(1);
      expect(lines.slice(before).join('\n')).not.toContain('forged');
      expect(parsed().filter((l) => l.level === 60)).toEqual([]);
    });
  }

  it('answers an id with a bare CR or LF inside as the parser does (400), and logs it as one JSON line', async () => {
    for (const id of ['a\rb', 'a\nX-Injected: 1']) {
      const before = lines.length;
      const answer = await raw(port, graphqlHead(id), body);
      await new Promise((r) => setTimeout(r, 30));
      for (const l of lines.slice(before)) expect(() => JSON.parse(l)).not.toThrow();
      // LF ends the header line: the rest is another header, harmless; either way no id echoed raw.
      expect(answer).not.toMatch(/x-request-id: a\r?\n?b/i);
    }
  });

  it('takes a duplicated header as no usable id (a new one, the same on its line)', async () => {
    const answer = await raw(port, `${graphqlHead('dup-one')}\r\nx-request-id: dup-two`, body);
    const answered = headerOf(answer, 'x-request-id');
    expect(answered).toMatch(UUID);
    await until(async () => accessLines(answered!).length > 0, 10_000);
    expect(accessLines(answered!)).toHaveLength(1);
    expect(accessLines('dup-one')).toEqual([]);
  });

  it('keeps a valid caller id even when another request used it (the caller owns it): one line each', async () => {
    await raw(port, graphqlHead('shared-id-1'), body);
    await raw(port, graphqlHead('shared-id-1'), body);
    await until(async () => accessLines('shared-id-1').length >= 2, 10_000);
    expect(accessLines('shared-id-1')).toHaveLength(2);
  });

  it('puts the answered id in a masked error and on its error line, for a hostile id too', async () => {
    await sql`alter table projects rename column name to name_review`;
    try {
      for (const sent of ['masked-id-1', 'x"y']) {
        const before = lines.length;
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-request-id': sent,
          },
          body: JSON.stringify({
            query: 'query ReviewMasked { projects { edges { node { name } } } }',
          }),
        });
        const answered = res.headers.get('x-request-id')!;
        const json = (await res.json()) as { errors: { extensions: { code: string; requestId: string } }[] };
        if (sent === 'masked-id-1') expect(answered).toBe(sent);
        else expect(answered).toMatch(UUID);
        expect(json.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: answered });
        await new Promise((r) => setTimeout(r, 30));
        const during = lines.slice(before).map((l) => JSON.parse(l) as Line);
        const errorLine = during.find((l) => l.msg === 'unexpected error');
        expect(errorLine?.requestId).toBe(answered);
      }
    } finally {
      await sql`alter table projects rename column name_review to name`;
    }
  });

  it('writes no token, password or variable value at debug level', async () => {
    const post = (query: string, variables: unknown, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.text());
    const SIGN_IN =
      'mutation ReviewSignIn2($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } } }';
    // A wrong password, a password of the wrong type (a coercion error quotes it), a literal one.
    await post(SIGN_IN, { email: 'ids@example.test', password: SECRETS[0] });
    await post(SIGN_IN, { email: 'ids@example.test', password: { nested: SECRETS[1] } });
    await post(
      `mutation { sessionCreate(input: { email: "ids@example.test", password: 12 }) { token } }`,
      {},
    );
    await post(
      `mutation { sessionCreate(input: { email: "ids@example.test", password: "${SECRETS[0]}", extra: "${SECRETS[1]}" }) { token } }`,
      {},
    );
    // Literal secrets in the wrong type: graphql-js' validation messages quote literals.
    await post(
      `mutation { sessionCreate(input: { email: "ids@example.test", password: ["${SECRETS[0]}"] }) { token } }`,
      {},
    );
    await post(
      `{ projects(first: "${SECRETS[1]}") { totalCount } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    await post(
      `{ reconciliations(first: 1, filter: { minAmount: "${SECRETS[2]}" }) { totalCount } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    await post(
      `query ($p: String!) { projects(first: $p) { totalCount } }`,
      { p: SECRETS[2] },
      { authorization: `Bearer ${token}` },
    );
    // A GET with the password in the query string (refused: a mutation over GET).
    await fetch(
      `http://127.0.0.1:${port}/graphql?${new URLSearchParams({ query: SIGN_IN, variables: JSON.stringify({ email: 'ids@example.test', password: SECRETS[0] }) })}`,
      { headers: { accept: 'application/json' } },
    ).then((r) => r.text());
    // A bad bearer token, a good one with a variable's value, a write failing on the database.
    await post('{ projects { totalCount } }', {}, { authorization: `Bearer ${SECRETS[3]}xxxxxxxxxxxxxxxx` });
    const update = `mutation ReviewRename($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { userErrors { code } } }`;
    await post(update, { id: projectId, input: { name: SECRETS[2] } }, { authorization: `Bearer ${token}` });
    await post(update, { id: projectId, input: { name: 5 } }, { authorization: `Bearer ${token}` });
    await sql`alter table projects rename column name to name_review2`;
    try {
      await post(
        update,
        { id: projectId, input: { name: `${SECRETS[2]}-2` } },
        { authorization: `Bearer ${token}` },
      );
    } finally {
      await sql`alter table projects rename column name_review2 to name`;
    }
    await new Promise((r) => setTimeout(r, 50));
    const all = lines.join('\n');
    expect(parsed().some((l) => l.level === 20)).toBe(true);
    expect(all).not.toContain(token);
    expect(all).not.toContain(PASSWORD);
    for (const secret of SECRETS) expect(all, secret).not.toContain(secret);
  });
});
