/**
 * src/gateway-plugin.ts (useNullEntities) as a hostile client of a gateway would see it:
 * the plugin may drop the gateway's own "Cannot return null for non-nullable field" error for a
 * reference a subgraph answered as a null entity with no error, and nothing else. A genuine
 * failure in the same request, a subgraph's own non-null violation for another Reconciliation,
 * must still reach the client.
 *
 * Two small subgraphs written here (no database: the unit under test is the gateway plugin): a
 * ledger that owns Reconciliation (non-null `reference`), and payments that reference
 * reconciliations by key.
 */
import { createServer, type Server } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNullEntities } from '../../src/gateway-plugin.js';

const LEDGER_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Query { reconciliation(id: ID!): Reconciliation }
  type Reconciliation @key(fields: "id") {
    id: ID!
    reference: String!
  }
`;

const PAYMENTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Query { payments(only: [ID!]): [Payment!]! }
  type Payment @key(fields: "id") {
    id: ID!
    reconciliation: Reconciliation
  }
  type Reconciliation @key(fields: "id") { id: ID! }
`;

function ledger(): Server {
  const schema = buildSubgraphSchema({
    typeDefs: parse(LEDGER_SDL),
    resolvers: {
      Query: {
        reconciliation: (_: unknown, { id }: { id: string }) =>
          id === 'gone' ? null : { id, reference: id === 'broken' ? null : `REF-${id}` },
      },
      Reconciliation: {
        // 'gone': not this viewer's (a null entity, no error). 'broken': found, but its
        // non-null reference is null: a genuine failure, reported by graphql-js in the subgraph.
        __resolveReference: ({ id }: { id: string }) =>
          id === 'gone' ? null : { id, reference: id === 'broken' ? null : `REF-${id}` },
      },
    } as never,
  });
  return createServer(createYoga({ schema, logging: false, maskedErrors: false }));
}

function payments(): Server {
  const schema = buildSubgraphSchema({
    typeDefs: parse(PAYMENTS_SDL),
    resolvers: {
      Query: {
        payments: (_: unknown, { only }: { only?: string[] | null }) =>
          [
            { id: 'p1', reconciliation: 'ok' },
            { id: 'p2', reconciliation: 'gone' },
            { id: 'p3', reconciliation: 'broken' },
          ].filter((p) => !only || only.includes(p.id)),
      },
      Payment: {
        reconciliation: (p: { reconciliation: string }) => ({
          __typename: 'Reconciliation',
          id: p.reconciliation,
        }),
      },
    } as never,
  });
  return createServer(createYoga({ schema, logging: false, maskedErrors: false }));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe('useNullEntities keeps a genuine error of the same type in the same request', () => {
  let ledgerServer: Server;
  let paymentsServer: Server;
  let gateway: GatewayRuntime;

  beforeAll(async () => {
    ledgerServer = ledger();
    paymentsServer = payments();
    const [l, p] = [await listen(ledgerServer), await listen(paymentsServer)];
    const composed = composeServices([
      { name: 'ledger', typeDefs: parse(LEDGER_SDL), url: `http://127.0.0.1:${l}/graphql` },
      { name: 'payments', typeDefs: parse(PAYMENTS_SDL), url: `http://127.0.0.1:${p}/graphql` },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    gateway = createGatewayRuntime({
      supergraph: composed.supergraphSdl!,
      logging: false,
      plugins: () => [useNullEntities()],
    });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]?.();
    for (const s of [ledgerServer, paymentsServer]) {
      s?.closeAllConnections();
      await new Promise((r) => s?.close(r));
    }
  });

  const ask = async (query: string) => {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data?: { payments: { id: string; reconciliation: { reference: string } | null }[] };
      errors?: { message: string; path?: (string | number)[] }[];
    };
  };

  type Answer = {
    data?: { payments: { id: string; reconciliation: { reference: string } | null }[] } | null;
    errors?: { message: string; path?: (string | number)[] }[];
  };

  it('a null entity alone: null, no error', async () => {
    const res = (await ask('{ payments(only: ["p1", "p2"]) { id reconciliation { reference } } }')) as Answer;
    expect(res.errors).toBeUndefined();
    expect(res.data?.payments.map((p) => p.reconciliation)).toEqual([{ reference: 'REF-ok' }, null]);
  });

  it("a genuine null of another Reconciliation's non-null field, beside a null entity: its error reaches the client", async () => {
    const res = (await ask('{ payments { id reconciliation { reference } } }')) as Answer;
    expect(res.data?.payments.map((p) => p.reconciliation)).toEqual([{ reference: 'REF-ok' }, null, null]);
    // p3's reference was null in the ledger (a failure there): the client must be told.
    expect(res.errors?.map((e) => e.path)).toContainEqual(['payments', 2, 'reconciliation', 'reference']);
  });

  it('a genuine null in a root field of the ledger, beside a null entity: its error reaches the client', async () => {
    const res = (await ask(
      '{ reconciliation(id: "broken") { reference } payments(only: ["p2"]) { id reconciliation { reference } } }',
    )) as Answer & { data?: { reconciliation: unknown } | null };
    expect(res.data?.reconciliation).toBeNull();
    expect(res.errors?.map((e) => e.path)).toContainEqual(['reconciliation', 'reference']);
  });
});
