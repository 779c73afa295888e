/**
 * Federation as a platform team runs it: this API composed with a second, Relay-style subgraph
 * (its own `Node`, `PageInfo`, `UserError`, `node`, `nodes`, and payments that reference this
 * API's reconciliations by key `id`) by both composers, then a real Hive Gateway in process over
 * both subgraphs served over HTTP, this one against PostgreSQL with the demo data.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { composeServices as apolloCompose } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime, LocalForageCacheStorage } from '@graphql-hive/gateway';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import { buildSchema, type GraphQLObjectType, isInterfaceType, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../../src/db/seed.js';
import { useNullEntities } from '../../src/gateway-plugin.js';
import { createHttpServer } from '../../src/http-server.js';
import { printedSubgraphSchema } from '../../src/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** The second subgraph: Relay-style, as another team would write it. */
const PAYMENTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  "An object with a global id."
  interface Node { id: ID! }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  "The contract's user error: its code an enum of the same name (an output enum: the values merge)."
  type UserError @shareable {
    code: UserErrorCode!
    field: [String!]
    message: String!
  }

  enum UserErrorCode { NOT_FOUND PAYMENT_ALREADY_VOID }

  type Query {
    node(id: ID!): Node @shareable
    nodes(ids: [ID!]!): [Node]! @shareable
    payments(first: Int): PaymentConnection!
  }

  type Mutation { paymentVoid(id: ID!): PaymentVoidPayload! }
  type PaymentVoidPayload { payment: Payment userErrors: [UserError!]! }

  type PaymentConnection { pageInfo: PageInfo! edges: [PaymentEdge!]! }
  type PaymentEdge { node: Payment! cursor: String! }

  type Payment implements Node @key(fields: "id") {
    id: ID!
    amount: String!
    "The reconciliation of the other subgraph this payment is matched to."
    reconciliation: Reconciliation
  }

  "A reconciliation of the other subgraph, with the payments matched to it (a Relay-style schema makes everything with a global id a Node)."
  type Reconciliation implements Node @key(fields: "id") {
    id: ID!
    payments: [Payment!]!
  }
`;

/** This API's subgraph SDL, as `_service { sdl }` serves it. */
const apiSdl = () => printedSubgraphSchema();

describe('federation: composition with a second Relay-style subgraph', () => {
  const services = () => [
    { name: 'reconciliation', typeDefs: parse(apiSdl()), url: 'http://reconciliation.invalid/graphql' },
    { name: 'payments', typeDefs: parse(PAYMENTS_SDL), url: 'http://payments.invalid/graphql' },
  ];

  it('imports @shareable and marks what a Relay-style subgraph also defines', () => {
    const sdl = apiSdl();
    expect(sdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[[^\]]*"@shareable"/,
    );
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(sdl).toMatch(/type UserError\s+@shareable/);
    expect(sdl).toMatch(/\bnode\(\s*(?:"""[^"]*"""\s*)?id: ID!\s*\): Node @shareable/);
    expect(sdl).toMatch(/\bnodes\(\s*(?:"""[^"]*"""\s*)?ids: \[ID!\]!\s*\): \[Node\]! @shareable/);
  });

  for (const [composer, compose] of [
    ['@theguild/federation-composition', guildCompose],
    ['@apollo/composition', apolloCompose],
  ] as const) {
    it(`composes with ${composer}`, () => {
      const result = compose(services() as never);
      expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
      const supergraph = buildSchema(result.supergraphSdl!, { assumeValidSDL: true });
      const query = supergraph.getQueryType()!.getFields();
      expect(Object.keys(query)).toEqual(
        expect.arrayContaining(['node', 'nodes', 'payments', 'reconciliations']),
      );
      const payment = supergraph.getType('Payment') as GraphQLObjectType;
      expect(payment.getFields().reconciliation?.type.toString()).toBe('Reconciliation');
      const reconciliation = supergraph.getType('Reconciliation') as GraphQLObjectType;
      expect(Object.keys(reconciliation.getFields())).toEqual(
        expect.arrayContaining(['id', 'reference', 'amount', 'project']),
      );
      const node = supergraph.getType('Node');
      expect(isInterfaceType(node)).toBe(true);
      expect(supergraph.getPossibleTypes(node as never).map((t) => t.name)).toEqual(
        expect.arrayContaining(['Payment', 'Reconciliation', 'Project']),
      );
      expect(Object.keys((supergraph.getType('UserError') as GraphQLObjectType).getFields()).sort()).toEqual([
        'code',
        'field',
        'message',
      ]);
    });
  }
});

const HTTP_LIMITS = {
  headersTimeoutMs: 5000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5000,
  socketTimeoutMs: 10_000,
  connectionsPerAddress: 0,
  maxConnections: 0,
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

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A request that reached this API through the gateway, as it arrived. */
interface Seen {
  query: string;
  variables: Record<string, unknown> | undefined;
  authorization: string | undefined;
  /** Its answer: status, headers, body. */
  answer?: { status: number; headers: Headers; body: string };
}

/**
 * This API over HTTP behind a recording proxy: every request the gateway sends it is kept (body
 * and Authorization) and passed on unchanged; the answer comes back with its status and headers.
 */
function recordingProxy(target: string, seen: Seen[]): Server {
  return createServer(async (req, res) => {
    const body = await readBody(req);
    const parsed = body ? (JSON.parse(body) as { query: string; variables?: Record<string, unknown> }) : null;
    const entry: Seen | null = parsed
      ? { query: parsed.query, variables: parsed.variables, authorization: req.headers.authorization }
      : null;
    if (entry) seen.push(entry);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) {
        headers.set(name, value);
      }
    }
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? 'POST',
      headers,
      ...(body ? { body } : {}),
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
        out[name] = value;
    });
    const text = await answer.text();
    if (entry) entry.answer = { status: answer.status, headers: answer.headers, body: text };
    res.writeHead(answer.status, out);
    res.end(text);
  });
}

/** The second subgraph: payments matched to this API's reconciliations by their global id. */
function paymentsSubgraph(payments: { id: string; amount: string; reconciliation: string | null }[]): Server {
  const byId = new Map(payments.map((p) => [p.id, p]));
  const schema = buildSubgraphSchema({
    typeDefs: parse(PAYMENTS_SDL),
    resolvers: {
      Node: { __resolveType: () => 'Payment' },
      Query: {
        node: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null,
        nodes: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => byId.get(id) ?? null),
        payments: () => ({
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          edges: payments.map((p) => ({ node: p, cursor: p.id })),
        }),
      },
      Mutation: {
        paymentVoid: () => ({
          payment: null,
          userErrors: [{ code: 'NOT_FOUND', field: ['id'], message: 'No such payment' }],
        }),
      },
      Reconciliation: {
        __resolveReference: ({ id }: { id: string }) => ({ id }),
        payments: ({ id }: { id: string }) => payments.filter((p) => p.reconciliation === id),
      },
      Payment: {
        __resolveReference: ({ id }: { id: string }) => byId.get(id) ?? null,
        reconciliation: (p: { reconciliation: string | null }) =>
          p.reconciliation ? { __typename: 'Reconciliation', id: p.reconciliation } : null,
      },
    } as never,
  });
  const yoga = createYoga({ schema, logging: false, maskedErrors: false });
  return createServer(yoga);
}

interface GatewayAnswer {
  status: number;
  headers: Headers;
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe('federation: a Hive Gateway over this API and a second subgraph', () => {
  let t: TestApp;
  let api: Server;
  let proxy: Server;
  let payments: Server;
  let gateway: GatewayRuntime;
  const seen: Seen[] = [];
  let acme: string;
  let globex: string;
  /** Acme's reconciliations as the API answers them directly. */
  let mine: { id: string; reference: string; amount: string; project: { name: string } }[];
  let theirs: string;
  let acmeProject: string;

  let supergraph: string;
  let servedSdl: string;
  /** The gateway's options as the README gives them (header propagation, null entities). */
  const gatewayOptions = () => ({
    supergraph,
    logging: false,
    propagateHeaders: {
      // The client's Authorization goes to this API (and to no other subgraph).
      fromClientToSubgraphs: ({ request, subgraphName }: { request: Request; subgraphName: string }) =>
        subgraphName === 'reconciliation' ? { authorization: request.headers.get('authorization') } : {},
      // This API's cache hints go back to the client.
      fromSubgraphsToClient: ({ response, subgraphName }: { response: Response; subgraphName: string }) =>
        subgraphName === 'reconciliation' ? { 'cache-control': response.headers.get('cache-control') } : {},
    },
    // A reference this API resolves to null is a null object, not an error (src/gateway-plugin.ts).
    plugins: () => [useNullEntities()],
  });
  const ask = async (
    query: string,
    token?: string | null,
    variables?: Record<string, unknown>,
    on: GatewayRuntime = gateway,
  ) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await on.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GatewayAnswer, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body } as GatewayAnswer;
  };

  beforeAll(async () => {
    // The response cache on, as in production: a repeated query is answered at the HTTP edge.
    t = await createTestApp('federation-gateway', {}, { cache: 'memory' });
    const executor = await t.database.executor();
    try {
      await seed(executor, { scale: 1 });
    } finally {
      await executor.release();
    }
    acme = await t.signIn('viewer@acme.test', DEMO_PASSWORD);
    globex = await t.signIn('viewer@globex.test', DEMO_PASSWORD);
    const LIST = `query { reconciliations(first: 3) { edges { node { id reference amount project { id name } } } } }`;
    type List = {
      reconciliations: {
        edges: {
          node: { id: string; reference: string; amount: string; project: { id: string; name: string } };
        }[];
      };
    };
    const acmeList = (await t.request<List, never>(LIST, undefined, { token: acme })).data!.reconciliations
      .edges;
    const globexList = (await t.request<List, never>(LIST, undefined, { token: globex })).data!
      .reconciliations.edges;
    mine = acmeList.map(({ node }) => ({
      id: node.id,
      reference: node.reference,
      amount: node.amount,
      project: { name: node.project.name },
    }));
    theirs = globexList[0]!.node.id;
    acmeProject = acmeList[0]!.node.project.id;
    expect(mine).toHaveLength(3);

    api = createHttpServer(t.app, HTTP_LIMITS);
    const apiPort = await listen(api);
    proxy = recordingProxy(`http://127.0.0.1:${apiPort}`, seen);
    const proxyPort = await listen(proxy);
    payments = paymentsSubgraph([
      ...mine.map((r, i) => ({ id: `payment-${i + 1}`, amount: `${i + 1}.00`, reconciliation: r.id })),
      // Another organization's reconciliation, a Project's id sent as a Reconciliation key, and none.
      { id: 'payment-4', amount: '4.00', reconciliation: theirs },
      { id: 'payment-5', amount: '5.00', reconciliation: acmeProject },
      { id: 'payment-6', amount: '6.00', reconciliation: null },
    ]);
    const paymentsPort = await listen(payments);

    // Composed from the SDL this API serves over HTTP (`_service { sdl }`), as a composition tool reads it.
    const service = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    servedSdl = ((await service.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
    const composed = guildCompose([
      { name: 'reconciliation', typeDefs: parse(servedSdl), url: `http://127.0.0.1:${proxyPort}/graphql` },
      { name: 'payments', typeDefs: parse(PAYMENTS_SDL), url: `http://127.0.0.1:${paymentsPort}/graphql` },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    supergraph = composed.supergraphSdl!;
    gateway = createGatewayRuntime(gatewayOptions());
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]?.();
    await closeServer(payments);
    await closeServer(proxy);
    await closeServer(api);
    await t?.close();
  });

  it('serves the subgraph SDL the composition tests compose: @shareable imported and applied, every entity keyed', () => {
    expect(`${servedSdl.trim()}\n`).toBe(apiSdl());
    expect(servedSdl).toMatch(/import: \["@key", "@shareable"\]/);
    for (const type of ['PageInfo', 'UserError'])
      expect(servedSdl).toMatch(new RegExp(`type ${type}\\s+@shareable`));
    expect(servedSdl.match(/@key\(fields: "id"\)/g)).toHaveLength(7);
    expect(servedSdl).not.toMatch(/_entities|_service|_Any/);
  });

  const PAYMENTS = `query Payments { payments(first: 10) { edges { node {
    id amount reconciliation { id reference amount project { name } } } } } }`;

  it('resolves every reference of a page in one _entities call to this API, with the client’s Authorization', async () => {
    seen.length = 0;
    const res = await ask(PAYMENTS, acme);
    expect(res.errors).toBeUndefined();
    const nodes = (
      res.data as { payments: { edges: { node: { reconciliation: unknown } }[] } }
    ).payments.edges.map((e) => e.node.reconciliation);
    expect(nodes.slice(0, 3)).toEqual(mine);
    const entities = seen.filter((s) => s.query.includes('_entities'));
    expect(entities).toHaveLength(1);
    expect(seen).toHaveLength(1);
    // Three of Acme's, one of Globex's, a Project's id as a Reconciliation key: one call for all five.
    expect(entities[0]!.variables?.representations).toHaveLength(5);
    expect(entities[0]!.authorization).toBe(`Bearer ${acme}`);
  });

  it('takes one _entities call per plan step: a page of this API, its payments, their reconciliations', async () => {
    seen.length = 0;
    const res = await ask(
      `query Nested { reconciliations(first: 3) { edges { node { id reference
        payments { id reconciliation { id amount } } } } } }`,
      acme,
    );
    expect(res.errors).toBeUndefined();
    const edges = (
      res.data as {
        reconciliations: {
          edges: {
            node: { id: string; payments: { id: string; reconciliation: { id: string; amount: string } }[] };
          }[];
        };
      }
    ).reconciliations.edges;
    expect(edges.map((e) => e.node.payments.map((p) => p.id))).toEqual([
      ['payment-1'],
      ['payment-2'],
      ['payment-3'],
    ]);
    for (const [i, e] of edges.entries()) {
      expect(e.node.payments[0]!.reconciliation).toEqual({ id: mine[i]!.id, amount: mine[i]!.amount });
    }
    // This API: the page, then one _entities call for the three payments' reconciliations.
    expect(seen.map((s) => (s.query.includes('_entities') ? '_entities' : 'root'))).toEqual([
      'root',
      '_entities',
    ]);
    const representations = seen[1]!.variables?.representations as unknown[];
    expect(representations).toHaveLength(3);
  });

  it('answers another organization’s reference and a wrong-type reference with null, and no error', async () => {
    const res = await ask(PAYMENTS, acme);
    expect(res.errors).toBeUndefined();
    const edges = (res.data as { payments: { edges: { node: { id: string; reconciliation: unknown } }[] } })
      .payments.edges;
    expect(edges.map((e) => [e.node.id, e.node.reconciliation === null])).toEqual([
      ['payment-1', false],
      ['payment-2', false],
      ['payment-3', false],
      ['payment-4', true],
      ['payment-5', true],
      ['payment-6', true],
    ]);
  });

  it('passes this API’s error codes to the client', async () => {
    const anonymous = await ask('query { reconciliations(first: 1) { totalCount } }');
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const tooMany = await ask('query { reconciliations(first: 1000) { totalCount } }', acme);
    expect(tooMany.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // A reference needs a signed-in viewer too.
    const refs = await ask(PAYMENTS);
    expect(refs.errors?.map((e) => e.extensions?.code)).toContain('UNAUTHENTICATED');
  });

  it('marks a signed-in answer private for the gateway: its shared response cache never serves it to another viewer', async () => {
    // A gateway whose response cache has no session: every answer it stores is shared.
    const caching = createGatewayRuntime({
      ...gatewayOptions(),
      cache: new LocalForageCacheStorage(),
      responseCaching: { session: () => null },
    });
    try {
      const FIRST = 'query First { reconciliations(first: 1) { edges { node { id } } } }';
      const firstId = (a: GatewayAnswer) =>
        (a.data as { reconciliations: { edges: { node: { id: string } }[] } }).reconciliations.edges[0]!.node
          .id;
      seen.length = 0;
      const asAcme = await ask(FIRST, acme, undefined, caching);
      const asGlobex = await ask(FIRST, globex, undefined, caching);
      expect(firstId(asAcme)).toBe(mine[0]!.id);
      expect(firstId(asGlobex)).toBe(theirs);
      // Both reached this API, which said each time: private, revalidate, nothing for a shared cache.
      expect(seen.map((s) => s.authorization)).toEqual([`Bearer ${acme}`, `Bearer ${globex}`]);
      for (const s of seen)
        expect(s.answer?.headers.get('cache-control')).toBe('private, no-cache, max-age=0');
      // The client gets the hint through the gateway (propagateHeaders.fromSubgraphsToClient).
      expect(asAcme.headers.get('cache-control')).toBe('private, no-cache, max-age=0');
    } finally {
      await caching[Symbol.asyncDispose]?.();
    }
  });
});
