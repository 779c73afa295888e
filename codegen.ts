import type { CodegenConfig } from '@graphql-codegen/cli';
import { scalars } from './docs/client-codegen.js';

// schema.graphql is printed from the Pothos schema by src/schema/print.ts (npm run codegen);
// the client preset then types every graphql(`...`) document the tests use, with the scalars
// mapped as a client maps them (docs/client-codegen.ts: the typed-clients config).
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
        scalars,
        strictScalars: true,
      },
    },
  },
};
export default config;
