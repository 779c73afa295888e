/**
 * Findings of the hostile input probe, one test each: filter values and requests capped in size
 * before any SQL or any walk of them, client input errors neither logged as errors nor echoing
 * the client's values, malformed GET parameters answered 400, media types matched in any case,
 * variables inside an `_Any` literal, scalar literal errors that say where, and CORS only for
 * configured origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogs, projects, reconciliations } from '../../src/db/schema.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';
import { readsFrom } from '../helpers/statements.js';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: {
      message: string;
      locations?: unknown[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

describe('probe findings (input)', () => {
  let t: TestApp;
  let token: string;
  let projectId: string;
  const raw: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('probe-input', {}, { rawLogLines: raw, cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'admin', 'probe-input@example.test');
    const project = await createProject(t.database.db, org.id);
    await createReconciliation(t.database.db, project, { reference: 'PROBE-1' });
    projectId = encodeGlobalId('Project', project.id);
    token = await t.signIn('probe-input@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const fetchAnswer = async (url: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await t.app.fetch(`http://test${url}`, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  };
  const post = (body: string, auth: string | null = token, contentType = 'application/json') =>
    fetchAnswer('/graphql', {
      method: 'POST',
      headers: {
        'content-type': contentType,
        accept: 'application/graphql-response+json',
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      },
      body,
    });
  const send = (query: string, variables: unknown = {}, auth: string | null = token) =>
    post(JSON.stringify({ query, variables }), auth);
  const errorLines = () => raw.filter((line) => JSON.parse(line).level >= 50);
  const codes = (a: Answer) => a.body.errors?.map((e) => e.extensions?.code);

  describe('filter values are capped before any SQL', () => {
    const cases: [string, string, unknown, RegExp][] = [
      [
        'search',
        'query($v: String) { projects(filter: { search: $v }) { totalCount } }',
        '%_'.repeat(500_000),
        /"filter\.search".*200 characters/,
      ],
      [
        'reference',
        'query($v: String) { reconciliations(filter: { reference: $v }) { totalCount } }',
        'R'.repeat(201),
        /"filter\.reference".*200 characters/,
      ],
      [
        'action',
        'query($v: String) { auditLogs(filter: { action: $v }) { totalCount } }',
        'a'.repeat(201),
        /"filter\.action".*200 characters/,
      ],
      [
        'metadata',
        'query($v: JSON) { reconciliations(filter: { metadata: $v }) { totalCount } }',
        Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`key${i}`, i])),
        /"filter\.metadata".*bytes/,
      ],
    ];
    it.each(cases)('refuses an oversized %s filter, naming it', async (_name, query, value, message) => {
      t.statements.length = 0;
      const answer = await send(query, { v: value });
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors![0]!.message).toMatch(message);
      const lists = (s: string) => readsFrom(s, projects, reconciliations, auditLogs);
      expect(t.statements.filter(lists)).toEqual([]);
      // The same list with a small value does read its table: the check above can see a read.
      t.statements.length = 0;
      await send(query, { v: typeof value === 'string' ? 'a' : { key: 1 } });
      expect(t.statements.filter(lists)).not.toEqual([]);
    });

    it('takes filters at the cap', async () => {
      const answer = await send(
        'query($s: String, $r: String, $m: JSON) { projects(filter: { search: $s }) { totalCount } reconciliations(filter: { reference: $r, metadata: $m }) { totalCount } }',
        { s: 'x'.repeat(200), r: 'PROBE'.padEnd(200, '-'), m: { note: 'n'.repeat(1000) } },
      );
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ projects: { totalCount: 0 }, reconciliations: { totalCount: 0 } });
    });
  });

  describe('client input errors', () => {
    it('are not logged as errors, and no log line or answer holds the values sent (a password)', async () => {
      raw.length = 0;
      const signIn = 'mutation($i: SessionCreateInput!) { sessionCreate(input: $i) { token } }';
      const wrongField = await send(
        signIn,
        { i: { email: 'probe-input@example.test', password: 'Secret-Pass-1; x', remember: true } },
        null,
      );
      const wrongType = await send(
        'mutation($p: String!) { sessionCreate(input: { email: "probe-input@example.test", password: $p }) { token } }',
        { p: ['Secret-Pass-2'] },
        null,
      );
      for (const answer of [wrongField, wrongType]) {
        expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
        expect(answer.body.errors![0]!.message).toMatch(/^Variable "\$[ip]"/);
        expect(JSON.stringify(answer.body)).not.toContain('Secret-Pass');
      }
      expect(wrongField.body.errors![0]!.message).toMatch(/"remember" is not defined/);
      expect(raw.filter((line) => line.includes('Secret-Pass'))).toEqual([]);
      expect(errorLines()).toEqual([]);
    });
  });

  describe('selections', () => {
    it('refuses more than 300 selections in one selection set before validation, anonymously', async () => {
      const query = `# ${Math.random()}\n{${'viewer{id}'.repeat(1480)}}`;
      const answer = await post(JSON.stringify({ query }), null);
      expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(answer.body.errors![0]!.message).toMatch(/1480 selections.*limit of 300/);
      const fine = await send(`{${'__typename '.repeat(300)}}`, {}, null);
      expect(fine.body.errors).toBeUndefined();
    });

    it('counts the selections of inline fragments with the set holding them, however nested', async () => {
      // graphql-js merges inline fragments into their parent's fields before comparing pairs.
      const fragment = `... on Query { ${'viewer{id}'.repeat(290)} }`;
      for (const query of [
        `# ${Math.random()}\n{${fragment.repeat(5)}}`,
        `# ${Math.random()}\n{ ... on Query { ${fragment.repeat(5)} } }`,
        `# ${Math.random()}\nquery { viewer { ... on User { ${'id '.repeat(200)} } ... { ${'id '.repeat(200)} } } }`,
      ]) {
        const answer = await post(JSON.stringify({ query }), null);
        expect(codes(answer)).toEqual(['QUERY_TOO_COMPLEX']);
        expect(answer.body.errors![0]!.message).toMatch(/\d+ selections.*limit of 300/);
      }
      const fine = await send(
        `{ ... on Query { ${'__typename '.repeat(150)} } ${'__typename '.repeat(150)} }`,
        {},
        null,
      );
      expect(fine.body.errors).toBeUndefined();
    });
  });

  describe('GET parameters', () => {
    it.each([
      ['variables', 'notjson'],
      ['extensions', '{'],
    ])('answers %s=%s with 400 BAD_USER_INPUT, logged as no error', async (name, value) => {
      raw.length = 0;
      const params = new URLSearchParams({ query: '{ __typename }', [name]: value });
      const answer = await fetchAnswer(`/graphql?${params}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(answer.status).toBe(400);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors![0]!.message).toMatch(new RegExp(`"${name}".*JSON`));
      expect(errorLines()).toEqual([]);
    });
  });

  describe('federation', () => {
    it('substitutes variables inside an _Any literal', async () => {
      const answer = await send(
        'query($p: String!, $t: String!) { a: _entities(representations: [{ __typename: "Project", id: $p }]) { __typename } b: _entities(representations: [{ __typename: $t, id: $p }]) { __typename } }',
        { p: projectId, t: 'Project' },
      );
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ a: [{ __typename: 'Project' }], b: [{ __typename: 'Project' }] });
      const wrong = await send(
        'query($p: Int!) { _entities(representations: [{ __typename: "Project", id: $p }]) { __typename } }',
        { p: 12 },
      );
      expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
      // graphql-js reports a literal that fails with its variables without the scalar's reason
      expect(wrong.body.errors![0]!.message).toMatch(/^Argument "representations" has invalid value/);
    });
  });

  describe('scalar literals', () => {
    it.each([
      ['minAmount', '"1e5"', /Decimal/],
      ['createdAfter', '"2026-02-30T00:00:00Z"', /DateTime must be a real instant/],
      ['maxAmount', '1.5', /never a number/],
    ])('a bad %s literal names the argument and its location', async (field, literal, message) => {
      const query = `{ reconciliations(filter: { ${field}: ${literal} }) { totalCount } }`;
      const answer = await send(query);
      // validated once per document: the second answer comes from Yoga's cache, the same
      expect((await send(query)).body).toEqual(answer.body);
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      const error = answer.body.errors![0]!;
      expect(error.message).toMatch(new RegExp(`^Argument "filter\\.${field}" has an invalid value: `));
      expect(error.message).toMatch(message);
      expect(error.locations).toEqual([{ line: 1, column: expect.any(Number) }]);
      expect(error.extensions?.argument).toBe(`filter.${field}`);
    });

    it('a bad literal in a variable default names the variable', async () => {
      const answer = await send(
        'query($d: Decimal = "x") { reconciliations(filter: { minAmount: $d }) { totalCount } }',
      );
      expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.body.errors![0]!.message).toMatch(
        /^The default of variable "\$d" has an invalid value: /,
      );
    });
  });

  describe('request size', () => {
    it('refuses variables or extensions holding more than 100,000 values, used or not', async () => {
      const many = Array.from({ length: 100_001 }, () => 's');
      for (const body of [{ variables: { unused: many } }, { extensions: { x: many } }]) {
        const answer = await post(JSON.stringify({ query: '{ viewer { id } }', ...body }));
        expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
        expect(answer.body.errors![0]!.message).toMatch(/more than 100000 values/);
      }
      // a 10,000-item reconciliationItemsAdd (about 40,000 values) is under it
      const items = Array.from({ length: 10_000 }, () => ({ a: '1.00', b: '2026-01-01T00:00:00Z', c: 'd' }));
      const fine = await post(JSON.stringify({ query: '{ viewer { id } }', variables: { items } }));
      expect(fine.body.errors).toBeUndefined();
    });
  });

  describe('media types', () => {
    it.each([
      'Application/JSON',
      'APPLICATION/JSON; charset=UTF-8',
      'application/json ; charset=utf-8',
      'application/json;charset=utf-8',
    ])('takes a POST with Content-Type %s', async (type) => {
      const answer = await post(JSON.stringify({ query: '{ __typename }' }), null, type);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('CORS', () => {
    const preflight = (app: TestApp, origin: string) =>
      app.app.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });

    it('allows no cross-origin access by default', async () => {
      const res = await preflight(t, 'https://evil.example');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const simple = await t.app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows the configured origins only', async () => {
      const cors = await createTestApp('probe-cors', {
        CORS_ORIGINS: 'https://app.example, https://admin.example',
      });
      try {
        for (const origin of ['https://app.example', 'https://admin.example']) {
          const res = await preflight(cors, origin);
          expect(res.status).toBe(204);
          expect(res.headers.get('access-control-allow-origin')).toBe(origin);
          expect(res.headers.get('access-control-allow-credentials')).toBe('true');
          expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
        }
        const foreign = await preflight(cors, 'https://evil.example');
        expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
        expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
      } finally {
        await cors.close();
      }
    });
  });
});
