/**
 * HTTP-level rules: /readyz reports PostgreSQL and Redis as JSON; requests Yoga cannot take carry
 * the contract's BAD_USER_INPUT with a fitting status (400, 405, 413, 415); only JSON is accepted
 * in a POST (a browser posts forms and multipart cross-site without asking); bodies are capped,
 * small for anonymous requests, sized for a 10,000-item reconciliationItemsAdd when signed in.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { ANONYMOUS_BODY_LIMIT, SIGNED_IN_BODY_LIMIT } from '../../src/transport.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createReconciliation, createUser } from '../helpers/factories.js';

const CONTRACT_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'QUERY_TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
];
const SIGN_IN = print(
  graphql(
    `mutation TransportSignIn { sessionCreate(input: { email: "transport@example.test", password: "test-password" }) { token } }`,
  ),
);

describe('HTTP transport rules', () => {
  let t: TestApp;
  let token: string;
  let reconciliationId: string;

  beforeAll(async () => {
    t = await createTestApp('transport');
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'transport@example.test');
    const project = await createProject(t.database.db, org.id);
    const reconciliation = await createReconciliation(t.database.db, project);
    reconciliationId = encodeGlobalId('Reconciliation', reconciliation.id);
    token = await t.signIn('transport@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const send = async (init: RequestInit, path = '/graphql') => {
    const res = await t.app.fetch(`http://test${path}`, init);
    const text = await res.text();
    const body = text ? (JSON.parse(text) as { errors?: { extensions?: Record<string, unknown> }[] }) : {};
    return { status: res.status, headers: res.headers, body };
  };
  const expectRefused = (res: Awaited<ReturnType<typeof send>>, status: number) => {
    expect(res.status).toBe(status);
    expect(res.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  };
  const JSON_POST = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

  it('/readyz reports PostgreSQL and Redis as JSON', async () => {
    const res = await send({}, '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', postgres: 'up', redis: 'off' });
  });

  it('answers requests Yoga cannot take with BAD_USER_INPUT and a fitting status', async () => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      const headers = { 'content-type': 'application/json', accept };
      expectRefused(await send({ method: 'POST', headers, body: '{"query": "{ projects' }), 400);
      expectRefused(await send({ method: 'POST', headers, body: '"just a string"' }), 400);
      expectRefused(await send({ method: 'POST', headers, body: '{"variables": {}}' }), 400);
      expectRefused(await send({ method: 'POST', headers, body: '{"query": 42}' }), 400);
    }
    const getMutation = await send(
      {
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        method: 'GET',
      },
      `/graphql?query=${encodeURIComponent(print(graphql(`mutation TransportSessionDelete { sessionDelete { userErrors { code } } }`)))}`,
    );
    expectRefused(getMutation, 405);
    expect(getMutation.headers.get('allow')).toBe('POST');
    const put = await send({ method: 'PUT', headers: JSON_POST, body: '{"query":"{ __typename }"}' });
    expectRefused(put, 405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });

  it('refuses form-encoded, multipart and other non-JSON POSTs with 415, before anything runs', async () => {
    const before = t.statements.length;
    const form = new URLSearchParams({ query: SIGN_IN });
    expectRefused(
      await send({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      }),
      415,
    );
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: SIGN_IN }));
    expectRefused(await send({ method: 'POST', body: multipart }), 415);
    for (const type of ['text/plain', 'application/graphql', '']) {
      expectRefused(
        await send({ method: 'POST', headers: type ? { 'content-type': type } : {}, body: SIGN_IN }),
        415,
      );
    }
    // no sign-in was attempted: not one statement
    expect(t.statements.length).toBe(before);
  });

  it('caps anonymous bodies, by Content-Length and by counting a body sent without one', async () => {
    const big = JSON.stringify({
      query: print(graphql(`query TransportTypename { __typename }`)),
      variables: { pad: 'x'.repeat(ANONYMOUS_BODY_LIMIT) },
    });
    expectRefused(await send({ method: 'POST', headers: JSON_POST, body: big }), 413);
    // a stream: no Content-Length
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const streamed = await send({
      method: 'POST',
      headers: JSON_POST,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expectRefused(streamed, 413);
    // a token that is not a session gets the anonymous cap too
    expectRefused(
      await send({
        method: 'POST',
        headers: { ...JSON_POST, authorization: `Bearer ${'y'.repeat(43)}` },
        body: big,
      }),
      413,
    );
    // a sign-in is well under the cap
    const signIn = await send({
      method: 'POST',
      headers: JSON_POST,
      body: JSON.stringify({ query: SIGN_IN }),
    });
    expect(signIn.status).toBe(200);
  });

  it('takes a 10,000-item reconciliationItemsAdd with full descriptions when signed in, refuses it anonymously', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      amount: `-1234567890123.${String(i % 100).padStart(2, '0')}`,
      bookedAt: '2026-11-28T10:00:00.123Z',
      description: `${i}`.padEnd(500, 'd'),
    }));
    const body = JSON.stringify({
      query: print(
        graphql(
          `mutation TransportReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code } } }`,
        ),
      ),
      variables: { id: reconciliationId, items },
    });
    // the README's figure: about 5.9 MB, under the signed-in cap
    expect(body.length).toBeGreaterThan(5_500_000);
    expect(body.length).toBeLessThan(SIGNED_IN_BODY_LIMIT);
    const anonymous = await send({ method: 'POST', headers: JSON_POST, body });
    expectRefused(anonymous, 413);
    const signedIn = await send({
      method: 'POST',
      headers: { ...JSON_POST, authorization: `Bearer ${token}` },
      body,
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ data: { reconciliationItemsAdd: { userErrors: [] } } });
  });

  it('uses only the contract codes on every refusal above', async () => {
    const res = await send({ method: 'POST', headers: JSON_POST, body: '{' });
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors ?? []) expect(CONTRACT_CODES).toContain(error.extensions?.code);
  });
});
