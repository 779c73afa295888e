/**
 * Federation as a platform team runs it: this API composed with a second, Relay-style subgraph
 * (its own `Node`, `PageInfo`, `UserError`, `node`, `nodes`, and payments that reference this
 * API's reconciliations by key `id`) by both composers, then a real Hive Gateway in process over
 * both subgraphs served over HTTP, this one against PostgreSQL with the demo data.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { composeServices as apolloCompose } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import {
  buildSchema,
  type GraphQLFieldMap,
  GraphQLObjectType,
  isInterfaceType,
  isObjectType,
  parse,
} from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../../src/db/seed.js';
import { createHttpServer } from '../../src/http-server.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { printedSubgraphSchema, schema } from '../../src/schema/index.js';
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

  type UserError @shareable {
    code: String!
    field: [String!]
    message: String!
  }

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

  "A reconciliation of the other subgraph: a Relay-style schema makes everything with a global id a Node."
  type Reconciliation implements Node @key(fields: "id", resolvable: false) { id: ID! }
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
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[[^\]]*"@shareable"/);
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
      expect(Object.keys(query)).toEqual(expect.arrayContaining(['node', 'nodes', 'payments', 'reconciliations']));
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
