/**
 * Production errors name nothing of the schema the client did not ask for ("Did you mean ...?")
 * and carry no `originalError` (the parser's message quotes the body), on every path an error
 * takes: validation, variable coercion, enum literals, an unparsable body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

const CASES: [string, string][] = [
  ['unknown field', JSON.stringify({ query: '{ projects { edges { node { nam } } } }' })],
  [
    'unknown enum value',
    JSON.stringify({ query: '{ reconciliations(filter: { status: [PENDIN] }) { totalCount } }' }),
  ],
  [
    'unknown input field in a variable',
    JSON.stringify({
      query: 'query($f: ProjectFilter) { projects(filter: $f) { totalCount } }',
      variables: { f: { archve: true } },
    }),
  ],
  ['unknown argument', JSON.stringify({ query: '{ projects(frist: 1) { totalCount } }' })],
  ['unparsable body', '{"query": "{ viewer { id } }", "variables": {"secret-body-excerpt": '],
];

describe('error hygiene', () => {
  const apps: Record<'production' | 'test', TestApp | undefined> = { production: undefined, test: undefined };
  let token: string;

  beforeAll(async () => {
    const production = await createTestApp('hygiene', { NODE_ENV: 'production' });
    apps.production = production;
    apps.test = await createTestApp('hygiene-test', {}, { shareDatabaseWith: production });
    const org = await createOrganization(production.database.db);
    await createUser(production.database.db, org.id, 'viewer', 'hygiene@example.test');
    token = await production.signIn('hygiene@example.test');
  });
  afterAll(async () => {
    await apps.test?.close();
    await apps.production?.close();
  });

  const send = async (mode: 'production' | 'test', body: string) => {
    const res = await apps[mode]!.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  it('outside production, graphql-js suggests names (what production must not)', async () => {
    const answers = await Promise.all(CASES.slice(0, 4).map(([, body]) => send('test', body)));
    for (const answer of answers) expect(answer.text).toMatch(/Did you mean/);
  });

  it.each(CASES)(
    'in production, the %s error has a code, no suggestion and no original error',
    async (_, body) => {
      const answer = await send('production', body);
      expect(answer.status).toBeLessThan(500);
      const { errors } = JSON.parse(answer.text) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.extensions.code).toEqual(expect.any(String));
      expect(answer.text).not.toMatch(/Did you mean|originalError|secret-body-excerpt/);
    },
  );
});
