/**
 * Typed clients: the graphql-codegen config of a client of this API. Copy it into the client
 * project as `codegen.ts`, with this API's `schema.graphql` beside it (or set `schema` to the
 * API's `/graphql` URL: introspection needs no sign-in), then
 *   npm i -D @graphql-codegen/cli @graphql-codegen/client-preset && npx graphql-codegen
 * and write documents with `graphql(...)` from `src/gql`: results and variables are typed.
 *
 * The custom scalars must be mapped here: an SDL file cannot tell graphql-codegen their
 * TypeScript type (it reads one only from `extensions.codegenScalarType` of a schema built in
 * code; `@specifiedBy` is not read), so without this map every Decimal, DateTime and JSON is
 * `unknown` (an amount cannot be used as a string). `strictScalars` makes codegen fail on a
 * scalar the map does not name.
 * test/docs/client-codegen.test.ts runs this config and type-checks a client document.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** How each custom scalar travels as JSON: money and instants as strings, JSON as any value. */
export const scalars = {
  ID: 'string',
  Decimal: 'string', // "1234.50": exact, never a number
  DateTime: 'string', // "2026-11-28T12:00:00.000Z"
  JSON: 'unknown',
  _Any: 'unknown', // a federation gateway's entity representations (`_entities`), not for clients
};

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: { scalars, strictScalars: true, enumsAsTypes: true, useTypeImports: true },
    },
  },
};
export default config;
