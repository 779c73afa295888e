import type { CodegenConfig } from '@graphql-codegen/cli';

// schema.graphql is printed from the Pothos schema by src/schema/print.ts (npm run codegen);
// the client preset then types every graphql(`...`) document the tests use.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'test/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: 'string', DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
    },
  },
};
export default config;
