/**
 * The cache hints (src/cache/hints.ts) for anonymous answers, behind a Hive Gateway whose
 * response cache has no session (the case README's "Behind a gateway" guards against): that cache
 * reads only max-age/s-maxage of a subgraph's Cache-Control, so an anonymous answer with none is
 * stored for every caller (default TTL: forever), and a signed-in caller asking the same query
 * got the anonymous answer (`viewer: null`) without the request ever reaching this API.
 */
import type { Server } from 'node:http';
import { createGatewayRuntime, type GatewayRuntime, LocalForageCacheStorage } from '@graphql-hive/gateway';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http-server.js';
import { printedSubgraphSchema } from '../../src/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

describe('an anonymous answer behind a gateway response cache without a session', () => {
  let t: TestApp;
  let api: Server;
  let gateway: GatewayRuntime;
  let token = '';
  let reached = 0;

  beforeAll(async () => {
    t = await createTestApp('reviewanoncache', {}, { cache: 'memory' });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'anon-cache@example.test');
    token = await t.signIn('anon-cache@example.test');
    api = createHttpServer(
      (req, res) => {
        reached++;
        t.app(req, res);
      },
      {
        headersTimeoutMs: 5000,
        requestTimeoutMs: 10_000,
        keepAliveTimeoutMs: 5000,
        socketTimeoutMs: 10_000,
        connectionsPerAddress: 0,
        maxConnections: 0,
      },
    );
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const port = (api.address() as { port: number }).port;
    const composed = composeServices([
      {
        name: 'reconciliation',
        typeDefs: parse(printedSubgraphSchema()),
        url: `http://127.0.0.1:${port}/graphql`,
      },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    gateway = createGatewayRuntime({
      supergraph: composed.supergraphSdl!,
      logging: false,
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }: { request: Request }) => ({
          authorization: request.headers.get('authorization'),
        }),
      },
      cache: new LocalForageCacheStorage(),
      responseCaching: { session: () => null },
    });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]?.();
    api?.closeAllConnections();
    await new Promise((r) => api?.close(r));
    await t?.close();
  });

  const ask = async (query: string, bearer?: string) => {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: { viewer: { email: string } | null }; errors?: unknown[] };
  };

  it('this API marks an anonymous answer not storable: a signed-in caller then gets its own', async () => {
    const QUERY = 'query ReviewViewer { viewer { id email } }';
    const anonymous = await ask(QUERY);
    expect(anonymous.data).toEqual({ viewer: null });
    const before = reached;
    const signedIn = await ask(QUERY, token);
    expect(reached).toBeGreaterThan(before);
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.viewer?.email).toBe('anon-cache@example.test');

    // Directly: stored by no cache (a sign-in's answer carries a token), max-age=0 for a gateway.
    const direct = await t.request('{ viewer { email } }', {});
    expect(direct.data).toEqual({ viewer: null });
    expect(direct.headers.get('cache-control')).toBe('no-store, max-age=0');
    expect(direct.headers.get('vary')).toMatch(/authorization/i);
  });
});
