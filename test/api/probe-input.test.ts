/**
 * Findings of the hostile input probe, one test each: filter values and requests capped in size
 * before any SQL or any walk of them, client input errors neither logged as errors nor echoing
 * the client's values, malformed GET parameters answered 400, media types matched in any case,
 * variables inside an `_Any` literal, scalar literal errors that say where, and CORS only for
 * configured origins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

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
      expect(t.statements.filter((s) => /\bfrom (projects|reconciliations|audit_logs)\b/i.test(s))).toEqual(
        [],
      );
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
});
